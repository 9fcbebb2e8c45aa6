"""Filter lists: the elements of a page that adblock-style element-hiding rules hide.

`ExtractOptions.filter_lists` names filter list files in the Adblock Plus / uBlock
Origin syntax, such as the EasyList Cookie List. Only their cosmetic (element-hiding)
rules are used: `##sel` (generic), `example.org,~shop.example.org##sel` (by site) and
`example.org#@#sel` (an exception), and `$generichide` exceptions. Network rules,
scriptlets (`##+js(...)`), `:style()` and procedural selectors (`:has-text()`, ...) are
ignored. The rules are matched by Brave's adblock-rust engine (the `adblock` package).

Which selectors apply to a page, in this order:
  1. the engine's rules for the page's host and the generic rules not led by a class or
     id (`##div[data-cookie-banner]`), less the exceptions for the host;
  2. the generic `##.class` / `###id` rules for the classes and ids the page has, less
     the same exceptions, unless a `$generichide` exception covers the page.
A page without an http(s) host (a local file) gets the generic rules only.

Selectors that cssselect cannot translate, or that need more than CSS, are skipped with
one debug log each. Each selector is only run when the page has every tag, class, id and
attribute name its last compound needs: a real list has hundreds of generic selectors
such as `app-cookie-banner` or `div[data-cookiebar]`, and running them all costs far more
than the rest of the extraction (70 ms a page for 600 of them on 1,100-element pages).

The lists are the files named in the options, read once per process and read again
when a file's size or modification time changes; the only files the parsers read.
A file that cannot be read is left out with one warning.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector

if TYPE_CHECKING:
    import adblock

logger = logging.getLogger(__name__)

# Asked for the generic rules when a page's URL names no http(s) host (.invalid is a
# reserved name, so no site rule of a list can name it).
_GENERIC_URL = "https://filter-lists.invalid/"

# Selector -> compiled rule; a list's few thousand selectors stay compiled.
_RULE_CACHE = 16384
# (path, size, mtime) keys -> engines; a crawl uses one set of lists.
_ENGINE_CACHE = 4


@dataclass(frozen=True, slots=True)
class _Needs:
    """What an element must have to match one selector's last compound."""

    tag: str | None
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Rule:
    xpath: CSSSelector
    needs: tuple[_Needs, ...]  # one per selector of a selector list; any may match


@dataclass(slots=True)
class _Page:
    tags: set[str]
    classes: set[str]
    ids: set[str]
    attributes: set[str]

    def may_match(self, needs: _Needs) -> bool:
        return (
            (needs.tag is None or needs.tag in self.tags)
            and needs.classes <= self.classes
            and needs.ids <= self.ids
            and needs.attributes <= self.attributes
        )


def hidden_elements(doc: Any, url: str, paths: Sequence[str]) -> list[Any]:
    """The elements of `doc` that the filter lists at `paths` hide on `url`, outermost
    only, in document order. Never raises for a page; a list that cannot be read is
    left out."""
    lists = load(tuple(paths))
    if lists is None:
        return []
    page = _features(doc)
    found: dict[Any, None] = {}
    for selector in lists.selectors(url, page):
        rule = _rule(selector)
        if rule is None or not any(page.may_match(needs) for needs in rule.needs):
            continue
        for el in _run(rule, selector, doc):
            found[el] = None
    return _outermost(found)


class FilterLists:
    """An engine over some filter lists, and its generic selectors indexed by what the
    last compound needs (an id, else a class, else an attribute, else a tag)."""

    def __init__(self, engine: adblock.Engine) -> None:
        self.engine = engine
        self.generic = frozenset(engine.url_cosmetic_resources(_GENERIC_URL).hide_selectors)
        self.index: dict[str, list[str]] = {}
        for selector in self.generic:
            rule = _rule(selector)
            for key in _keys(rule) if rule else ():
                self.index.setdefault(key, []).append(selector)

    def selectors(self, url: str, page: _Page) -> set[str]:
        """The CSS selectors that apply to `page` at `url` and may match it (see the
        module docstring for the order)."""
        host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
        resources = self.engine.url_cosmetic_resources(url if host else _GENERIC_URL)
        hide = resources.hide_selectors
        found = hide - self.generic  # the host's own rules
        # adblock 0.6's type stubs leave out `generichide`; the object has it.
        if resources.generichide:  # type: ignore[attr-defined]
            return found
        for key in _page_keys(page):
            found.update(s for s in self.index.get(key, ()) if s in hide)
        found.update(
            self.engine.hidden_class_id_selectors(
                list(page.classes), list(page.ids), resources.exceptions
            )
        )
        return found


def _keys(rule: _Rule) -> list[str]:
    keys = []
    for needs in rule.needs:
        if needs.ids:
            keys.append("#" + min(needs.ids))
        elif needs.classes:
            keys.append("." + min(needs.classes))
        elif needs.attributes:
            keys.append("[" + min(needs.attributes))
        else:
            keys.append(needs.tag or "*")
    return keys


def _page_keys(page: _Page) -> Iterable[str]:
    yield "*"
    yield from ("#" + i for i in page.ids)
    yield from ("." + c for c in page.classes)
    yield from ("[" + a for a in page.attributes)
    yield from page.tags


def load(paths: tuple[str, ...]) -> FilterLists | None:
    """The engine for these filter list files (cached while the files are unchanged);
    None when none of them can be read."""
    if not paths:
        return None
    return _engine(tuple(_stamp(path) for path in paths))


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=_ENGINE_CACHE)
def _engine(stamps: tuple[tuple[str, int, int], ...]) -> FilterLists | None:
    import adblock  # only when a list is configured: no cost for anyone else

    filter_set = adblock.FilterSet()
    loaded = 0
    for path, _, _ in stamps:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError as exc:
            logger.warning("Ignoring the filter list %s: %s", path, exc)
            continue
        # All rule types: `$generichide` exceptions are network-syntax rules.
        filter_set.add_filter_list(text, format="standard")
        loaded += 1
    if not loaded:
        return None
    logger.debug("Loaded %d filter list(s): %s", loaded, ", ".join(s[0] for s in stamps))
    return FilterLists(adblock.Engine(filter_set, optimize=True))


def _features(doc: Any) -> _Page:
    """The tags, class names, ids and attribute names of a page, in one pass."""
    page = _Page(set(), set(), set(), set())
    tags, classes, ids, attributes = page.tags, page.classes, page.ids, page.attributes
    for el in doc.iter(etree.Element):
        tags.add(el.tag)
        attrib = el.attrib
        if not attrib:
            continue
        attributes.update(attrib)
        names = attrib.get("class")
        if names:
            classes.update(names.split())
        ident = attrib.get("id")
        if ident:
            ids.add(ident)
    return page


@lru_cache(maxsize=_RULE_CACHE)
def _rule(selector: str) -> _Rule | None:
    """The compiled selector and what it needs, or None (logged once) when cssselect
    cannot translate it."""
    try:
        parsed = cssselect.parse(selector)
        xpath = CSSSelector(selector, translator="html")
    except Exception as exc:  # cssselect raises several kinds on a bad selector
        logger.debug("Skipping the filter list selector %r: %s", selector, exc)
        return None
    return _Rule(xpath, tuple(_needs(part.parsed_tree) for part in parsed))


def _needs(tree: Any) -> _Needs:
    """What the last compound of a parsed selector asks of the element itself."""
    while isinstance(tree, cssselect.parser.CombinedSelector):
        tree = tree.subselector
    tag = None
    classes: set[str] = set()
    ids: set[str] = set()
    attributes: set[str] = set()
    while tree is not None:
        if isinstance(tree, cssselect.parser.Element):
            tag = tree.element.lower() if tree.element else None
            break
        if isinstance(tree, cssselect.parser.Class):
            classes.add(tree.class_name)
        elif isinstance(tree, cssselect.parser.Hash):
            ids.add(tree.id)
        elif isinstance(tree, cssselect.parser.Attrib):
            attributes.add(tree.attrib.lower())
        # Negation, pseudo-classes, :is(), :has(): only the part before them binds.
        tree = getattr(tree, "selector", None)
    return _Needs(tag, frozenset(classes), frozenset(ids), frozenset(attributes))


def _run(rule: _Rule, selector: str, doc: Any) -> list[Any]:
    try:
        return list(rule.xpath(doc))
    except Exception as exc:  # an XPath cssselect wrote that libxml2 refuses
        logger.debug("Skipping the filter list selector %r: %s", selector, exc)
        return []


def _outermost(found: dict[Any, None]) -> list[Any]:
    """The matches without a matched ancestor (removing those removes the rest), in
    document order: selectors come in set order, which changes with each process."""
    kept = [el for el in found if not any(a in found for a in el.iterancestors())]
    return sorted(kept, key=_position) if len(kept) > 1 else kept


def _position(el: Any) -> tuple[int, ...]:
    """Document order: the element's child indices from the root."""
    path = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(path))
