"""Extraction options: one frozen dataclass, passed whole through every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Favor(StrEnum):
    BALANCED = "balanced"
    PRECISION = "precision"  # drop doubtful blocks
    RECALL = "recall"  # keep doubtful blocks


@dataclass(frozen=True, slots=True)
class SiteRules:
    """Per-site additions from a site profile. The generic engine works without them.

    Selectors are CSS selectors (translated to XPath with cssselect).
    """

    content: tuple[str, ...] = ()  # where the body is; the first that matches wins
    remove: tuple[str, ...] = ()  # what to drop before content selection
    title: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    boilerplate_lines: tuple[str, ...] = ()  # extra regexes for the line filter


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    favor: Favor = Favor.BALANCED
    include_images: bool = True
    include_tables: bool = True
    include_comments: bool = False
    # A <figcaption> is the image's caption (Article.images, Markdown), not body text;
    # True also puts it in `text`. Captions only guessed from layout (a short centred
    # paragraph under an image) stay in the text either way.
    captions_in_text: bool = False
    # Bodies shorter than this (in characters) get status TOO_SHORT; the text is still returned.
    min_text_length: int = 0
    site_rules: SiteRules = field(default_factory=SiteRules)
    # Adblock-style filter list files (such as the EasyList Cookie List) whose
    # element-hiding rules remove elements before content selection, recorded as
    # "consent" (parsers.filterlists); each is loaded once per process. The CLI and site
    # profiles pass absolute paths, so that every worker process reads the same files.
    filter_lists: tuple[str, ...] = ()


DEFAULT_OPTIONS = ExtractOptions()
