"""Cleaning text that was already extracted, line by line (`archivist clean`).

Input is plain text with one paragraph per line (blank lines between are fine), as other
tools or earlier crawls produced it. The same line rules as the line filter
(`parsers.linefilter`, patterns in `parsers.rules.lines`) decide, plus two positional
rules for text that still has its page chrome:

- Header: when a byline line sits among the first lines, it and every line before it
  (site logo text, the headline) are dropped. The headline is metadata, not body: the
  result starts with the first body paragraph, as `Article.text` does.
- Footer: once the body is over, a short line without sentence punctuation (a slogan
  such as "New Era, New Journey, New Chongqing") that precedes boilerplate is dropped.

Photo captions are kept as lines (they are body text in the input's flow); their credits
stay with them, since there is no image to attach them to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.article import Removed
from parsers.linefilter import classify_line, collapse, is_byline, is_slogan, removals

# A byline further down than this many non-empty lines is not part of a page header.
_HEADER_LINES = 5


@dataclass(slots=True)
class CleanResult:
    text: str
    removed: list[Removed] = field(default_factory=list)


def clean_text(text: str) -> CleanResult:
    """Drop header, byline and boilerplate lines; paragraphs joined by one blank line."""
    lines = [collapse(ln) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    removed: list[Removed] = []
    lines = _drop_header(lines, removed)
    kinds = [classify_line(ln) for ln in lines]
    _mark_slogans(lines, kinds)
    kept: list[str] = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind is None:
            kept.append(line)
        else:
            removed.extend(removals(line, kind))
    return CleanResult(text="\n\n".join(kept), removed=removed)


def _drop_header(lines: list[str], removed: list[Removed]) -> list[str]:
    for index, line in enumerate(lines[:_HEADER_LINES]):
        if is_byline(line):
            removed.extend(Removed("header", ln) for ln in lines[:index])
            removed.append(Removed("byline", line))
            return lines[index + 1 :]
    return lines


def _mark_slogans(lines: list[str], kinds: list[str | None]) -> None:
    """A slogan line right before boilerplate (possibly before another slogan) is footer."""
    for index in range(len(lines) - 2, 0, -1):
        if kinds[index] is None and kinds[index + 1] is not None and is_slogan(lines[index]):
            kinds[index] = "footer"
