"""Stage 4b': conditional cleaning inside the chosen content (Readability's "clean
conditionally"): containers that look like chrome by their numbers -- link lists, image
strips, form bits, near-empty boxes -- are removed, deepest first; then lines of links to
the site's categories and tags (`tokens.TAXONOMY_PATH_RE`).
"""

from __future__ import annotations

from typing import Any

from parsers.article import Removed
from parsers.options import ExtractOptions, Favor
from parsers.removal import drop
from parsers.rules import thresholds as th
from parsers.rules import tokens
from parsers.select import Stats, class_weight
from parsers.textutil import tag_of, texts_except

_CLEAN_TAGS = ("div", "section", "ul", "ol", "table", "form", "fieldset", "header", "dl")
_LINK_DENSITY = {
    Favor.BALANCED: th.MAX_LINK_DENSITY,
    Favor.PRECISION: th.MAX_LINK_DENSITY_PRECISION,
    Favor.RECALL: th.MAX_LINK_DENSITY_RECALL,
}


def refine(elements: list[Any], stats: Stats, options: ExtractOptions) -> list[Removed]:
    removed: list[Removed] = []
    limit = _LINK_DENSITY[options.favor]
    for root in elements:
        for el in reversed(list(root.iter(*_CLEAN_TAGS))):
            if el is root or el.getparent() is None:
                continue
            kind = _verdict(el, stats, limit)
            if kind is not None:
                drop(el, kind, removed)
        for el in list(root.iter(*_LINE_TAGS)):
            if el is not root and el.getparent() is not None and _taxonomy_line(el, stats):
                drop(el, "tags", removed)
    return removed


# Elements that hold one line of links (a paragraph, a box, a list); not inline ones: a topic
# link in a sentence ("zwischen <span><a href='/thema/madrid/'>Madrid</a></span> und") is text.
_LINE_TAGS = ("p", "div", "ul")


def _taxonomy_line(el: Any, stats: Stats) -> bool:
    """A short line of links, every one to a category or tag page, with nothing beside them
    but separators and a label ("Tags:", "Posted in")."""
    size = stats.text.get(el, 0)
    if not size or size > tokens.TAXONOMY_LINE_MAX_CHARS:
        return False
    links = list(el.iter("a"))
    if not links or not all(tokens.TAXONOMY_PATH_RE.search(a.get("href") or "") for a in links):
        return False
    # what is left besides the links must be a label and separators
    rest = "".join(texts_except(el, lambda child: child.tag == "a"))
    return len(tokens.TAXONOMY_SEPARATORS_RE.sub("", rest)) <= tokens.TAXONOMY_LABEL_MAX_CHARS


def _verdict(el: Any, stats: Stats, limit: float) -> str | None:
    """The kind to remove `el` as, or None to keep it."""
    size = stats.text.get(el, 0)
    density = stats.density(el)
    if size and density > limit and size - stats.links.get(el, 0) < 200:
        return "related"
    if class_weight(el) < 0 and density > limit / 2:
        return "related"
    if tag_of(el) in ("ul", "ol", "table", "dl"):
        return None
    paragraphs = len(el.findall(".//p"))
    images = len(el.findall(".//img"))
    inputs = len(el.findall(".//input")) + len(el.findall(".//button"))
    if inputs and inputs > paragraphs / 3 and size < 500:
        return "chrome"
    if images > 1 and paragraphs * 2 < images and size < 200:
        return "related"
    return None
