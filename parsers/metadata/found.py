"""`Found`: what one metadata source says about a page, before cleaning and choosing."""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(slots=True)
class Found:
    """Raw values from one source, each list in the source's own order of trust.

    Dates stay raw strings (or epoch numbers) here; `parsers.metadata.dates` reads them later,
    so a source that holds an unreadable date does not hide a readable one further down.
    """

    titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: list[object] = field(default_factory=list)
    modified: list[object] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    canonical_url: list[str] = field(default_factory=list)
    site_name: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    editor: list[str] = field(default_factory=list)
    # Author names the source itself types as a person (JSON-LD "@type": "Person"): kept even
    # when they equal the site name, as on a personal blog named after its author.
    persons: list[str] = field(default_factory=list)
    # Author names of further lines (bylines), one list per line, for when `authors` names
    # only the outlet.
    later_authors: list[list[str]] = field(default_factory=list)
    # Visible lines the values were read from (bylines, datelines).
    byline_texts: list[str] = field(default_factory=list)
    # The article's whole text as the source publishes it (JSON-LD articleBody), raw:
    # plain text or escaped HTML. The body falls back to it when the page shows little.
    bodies: list[str] = field(default_factory=list)


def text_of(value: object) -> str:
    """Whitespace-collapsed text of a scalar value; "" for anything else."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        # JSON-LD writers often HTML-escape twice: "Redacci&oacute;n".
        return " ".join(html.unescape(str(value)).split())
    return ""
