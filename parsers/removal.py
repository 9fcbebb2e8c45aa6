"""Removing an element from the tree while recording its visible text."""

from __future__ import annotations

from typing import Any

from parsers.article import Removed
from parsers.linefilter import classify_fact_line, may_hold_fact, removals
from parsers.textutil import text_lines

# Chrome whose lines are classified one by one, so that a footer's ICP line is reported
# as "icp_filing" and not only as part of "footer". Only site facts and notices are picked
# out (`classify_fact_line`): a share row inside a header goes as part of the header.
_SPLIT_KINDS = frozenset({"footer", "header", "sidebar", "chrome", "consent", "nav", "hidden"})


def drop(el: Any, kind: str | None, removed: list[Removed]) -> None:
    """Remove `el` (keeping its tail text) and record its visible text under `kind`."""
    if el.getparent() is None:
        return
    if kind is not None:
        record(el, kind, removed)
    el.drop_tree()


def record(el: Any, kind: str, removed: list[Removed]) -> None:
    """Record an element's text; in chrome, lines with a known kind are recorded apart."""
    lines = text_lines(el)
    if not lines:
        return
    text = " ".join(lines)
    if kind not in _SPLIT_KINDS or not may_hold_fact(text):
        removed.append(Removed(kind, text))
        return
    rest: list[str] = []
    for line in lines:
        line_kind = classify_fact_line(line)
        if line_kind is None:
            rest.append(line)
        else:
            removed.extend(removals(line, line_kind))
    if rest:
        removed.append(Removed(kind, " ".join(rest)))
