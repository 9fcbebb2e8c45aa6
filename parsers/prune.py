"""Stage 4a: prune. Remove what is never article text before the content selector runs.

Order of precedence, per element, in one top-down walk (a removed element's subtree is
not visited): silent tags (script, style...), hidden nodes, chrome tags (nav, footer,
aside), ARIA roles, then class/id tokens. Before the walk: site-profile `remove`
selectors, then the elements the user's filter lists hide (`parsers.filterlists`,
recorded as "consent"; nothing runs without `options.filter_lists`); consent-platform
containers are in the walk; after it: the consent text heuristic (`parsers.consent`).
Rules are data in `parsers.rules.prune`.

Every visible piece of text removed is recorded as `Removed(kind, text)`; footer lines
that are licences, hotlines or copyright are recorded under their own kind.

`PrunePolicy` switches rule groups off for the retry passes of `parsers.content`
(Readability's flags): class/id tokens first, then chrome tags and roles too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector

from parsers import consent, filterlists
from parsers.article import Removed
from parsers.options import ExtractOptions
from parsers.removal import drop
from parsers.rules import prune as rules
from parsers.textutil import names_of, tag_of

logger = logging.getLogger(__name__)

# A node named like chrome that wraps the article's landmarks is a page wrapper
# ("l-outer--nav", "wrap-right"), not chrome: see `_holds_article`.
_LANDMARK_TAGS = ("article", "main", "h1")
_HOLDS_MARKED_LANDMARK = etree.XPath(
    "boolean(descendant::*[@itemprop or @role][@itemprop='articleBody' or @role='main'])"
)


@dataclass(frozen=True, slots=True)
class PrunePolicy:
    """Which rule groups run. Tags, hidden nodes and consent rules always do."""

    tokens: bool = True  # class/id token rules (TOKEN_KINDS); off: only SURE_TOKEN_KINDS
    chrome: bool = True  # chrome tags (nav, footer, aside) and ARIA landmark roles


STRICT = PrunePolicy()


def prune(
    doc: Any, options: ExtractOptions, policy: PrunePolicy = STRICT, *, url: str = ""
) -> list[Removed]:
    """Remove chrome from `doc` (the page at `url`) in place; return what was removed."""
    removed: list[Removed] = []
    for selector in options.site_rules.remove:
        for el in _select(doc, selector):
            drop(el, "site_rule", removed)
    if options.filter_lists:
        for el in filterlists.hidden_elements(doc, url, options.filter_lists):
            if tag_of(el) not in ("html", "head", "body") and not _holds_article(el):
                drop(el, "consent", removed)
    body = doc.find("body")
    root = body if body is not None else doc
    _walk(root, options, policy, removed)
    consent.drop_banners(root, removed)
    return removed


def _holds_article(el: Any) -> bool:
    """Does `el` wrap an article, a main region or a headline? (lxml's tag walk stops at the
    first; one XPath union of the five tests walked the subtree five times.)"""
    if any(found is not el for found in el.iter(*_LANDMARK_TAGS)):
        return True
    return bool(_HOLDS_MARKED_LANDMARK(el))


def _select(doc: Any, selector: str) -> list[Any]:
    try:
        return list(CSSSelector(selector)(doc))
    except Exception as exc:  # cssselect raises several kinds on a bad selector
        logger.warning("Ignoring the site rule selector %r: %s", selector, exc)
        return []


def _walk(root: Any, options: ExtractOptions, policy: PrunePolicy, removed: list[Removed]) -> None:
    stack = list(root)
    while stack:
        el = stack.pop()
        kind = _verdict(el, options, policy)
        if kind is None:
            stack.extend(el)
        elif kind == "":
            el.drop_tree()
        else:
            drop(el, kind, removed)


def _verdict(el: Any, options: ExtractOptions, policy: PrunePolicy) -> str | None:
    """None: keep and descend; "": remove silently; otherwise the kind to remove as.

    The element's attributes are read once (this runs on every element of every page).
    """
    tag = el.tag
    if not isinstance(tag, str) or tag in rules.SILENT_TAGS:
        return None if tag == "noscript" and _noscript_page(el) else ""
    items = el.items()
    if not items:  # no attributes: only the tag can say chrome
        kind = rules.CHROME_TAGS.get(tag) if policy.chrome else None
        return None if kind is None or _looks_like_body(el) else kind
    attrs = dict(items)
    classes, ident = attrs.get("class"), attrs.get("id")
    tokens = classes.split() if classes else ()
    if attrs.get("layout") in rules.HIDDEN_LAYOUTS or not rules.HIDDEN_CLASSES.isdisjoint(tokens):
        return "hidden"  # never article text, however long (unlike hidden tabs)
    if _hidden(attrs):
        return None if _looks_like_body(el, rules.HIDDEN_MAX_CHARS) else "hidden"
    if _consent_platform(ident, tokens):
        return "consent"
    kind = None
    if policy.chrome:
        kind = rules.CHROME_TAGS.get(tag) or rules.ROLE_KINDS.get(attrs.get("role") or "")
    if kind is None and tag not in rules.TOKEN_EXEMPT_TAGS:
        names = names_of(classes, ident)
        kind = None if len(names) < 3 else _names_kind(names)
        if not policy.tokens and kind not in rules.SURE_TOKEN_KINDS:
            kind = None
        if kind is not None and _holds_article(el):
            return None
    if kind is None or (kind == "comments" and options.include_comments):
        return None
    return None if kind not in rules.UNGUARDED_TOKEN_KINDS and _looks_like_body(el) else kind


def _noscript_page(el: Any) -> bool:
    """A <noscript> holding a page's worth of text: an unclosed one swallowed the body."""
    return len(el.text_content()) >= rules.NOSCRIPT_PAGE_CHARS


def _consent_platform(ident: str | None, tokens: Any) -> bool:
    if ident and (ident in rules.CONSENT_IDS or ident.startswith(rules.CONSENT_ID_PREFIXES)):
        return True
    return not rules.CONSENT_CLASSES.isdisjoint(tokens)


def _hidden(attrs: dict[str, str]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return style is not None and rules.HIDDEN_STYLE.search(style) is not None


@lru_cache(maxsize=8192)
def _names_kind(names: str) -> str | None:
    """The kind of a "class id" string: the first of TOKEN_KINDS that one of its names
    matches, unless one of them is PROTECTed. Cached, since pages repeat class names."""
    first = _NO_KIND
    for name in names.split():
        index = _name_kind_index(name)
        if index == _PROTECTED:
            return None
        first = min(first, index)
    return None if first == _NO_KIND else rules.TOKEN_KINDS[first][1]


_NO_KIND = len(rules.TOKEN_KINDS)
_PROTECTED = -1


@lru_cache(maxsize=65536)
def _name_kind_index(name: str) -> int:
    """The index in TOKEN_KINDS of one class or id name, `_NO_KIND`, or `_PROTECTED`.

    The rules never match across names (their edges are spaces, "-", "_" or the string's
    ends), so a "class id" string's kind follows from its names'. Cached by name: on the
    devdata pages, 40 % of "class id" strings are new (mostly ids), but half of the names
    they are made of were seen before."""
    if rules.UTILITY_CLASS.match(name):
        return _NO_KIND
    if rules.PROTECT.search(name):
        return _PROTECTED
    return next(
        (i for i, (pattern, _) in enumerate(rules.TOKEN_KINDS) if pattern.search(name)), _NO_KIND
    )


def _looks_like_body(el: Any, min_chars: int = rules.TOKEN_MAX_CHARS) -> bool:
    """A long, link-poor node is kept whatever its name (see TOKEN_MAX_CHARS)."""
    text = el.text_content()
    if len(text) < min_chars:
        return False
    links = sum(len(a.text_content()) for a in el.iter("a"))
    return links < len(text) * rules.TOKEN_MAX_LINK_DENSITY
