"""Stage 4a: prune. Remove what is never article text before the content selector runs.

Order of precedence, per element, in one top-down walk (a removed element's subtree is
not visited): silent tags (script, style...), hidden nodes, chrome tags (nav, footer,
aside), ARIA roles, then class/id tokens. Before the walk: site-profile `remove`
selectors and consent-platform containers; after it: the consent text heuristic
(`parsers.consent`). Rules are data in `parsers.rules.prune`.

Every visible piece of text removed is recorded as `Removed(kind, text)`; footer lines
that are licences, hotlines or copyright are recorded under their own kind.
"""

from __future__ import annotations

import logging
from typing import Any

from lxml.cssselect import CSSSelector

from parsers import consent
from parsers.article import Removed
from parsers.options import ExtractOptions
from parsers.rules import prune as rules
from parsers.removal import drop
from parsers.textutil import class_id, tag_of

logger = logging.getLogger(__name__)

_CONSENT_SELECTOR = CSSSelector(", ".join(rules.CONSENT_SELECTORS))


def prune(doc: Any, options: ExtractOptions) -> list[Removed]:
    """Remove chrome from `doc` in place; return what was removed."""
    removed: list[Removed] = []
    for selector in options.site_rules.remove:
        for el in _select(doc, selector):
            drop(el, "site_rule", removed)
    for el in _CONSENT_SELECTOR(doc):
        drop(el, "consent", removed)
    body = doc.find("body")
    root = body if body is not None else doc
    _walk(root, options, removed)
    consent.drop_banners(root, removed)
    return removed


def _select(doc: Any, selector: str) -> list[Any]:
    try:
        return list(CSSSelector(selector)(doc))
    except Exception as exc:  # cssselect raises several kinds on a bad selector
        logger.warning("Ignoring the site rule selector %r: %s", selector, exc)
        return []


def _walk(root: Any, options: ExtractOptions, removed: list[Removed]) -> None:
    stack = list(root)
    while stack:
        el = stack.pop()
        kind = _verdict(el, options)
        if kind is None:
            stack.extend(el)
        elif kind == "":
            el.drop_tree()
        else:
            drop(el, kind, removed)


def _verdict(el: Any, options: ExtractOptions) -> str | None:
    """None: keep and descend; "": remove silently; otherwise the kind to remove as."""
    tag = tag_of(el)
    if not tag or tag in rules.SILENT_TAGS:
        return ""
    if _hidden(el):
        return "hidden"
    kind = rules.CHROME_TAGS.get(tag) or rules.ROLE_KINDS.get(el.get("role") or "")
    if kind is not None:
        return kind
    if tag in rules.TOKEN_EXEMPT_TAGS:
        return None
    kind = _token_kind(el)
    if kind is None or (kind == "comments" and options.include_comments):
        return None
    return kind


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style) and rules.HIDDEN_STYLE.search(style) is not None


def _token_kind(el: Any) -> str | None:
    names = class_id(el)
    if len(names) < 3 or rules.PROTECT.search(names):
        return None
    for pattern, kind in rules.TOKEN_KINDS:
        if pattern.search(names):
            return None if _looks_like_body(el) else kind
    return None


def _looks_like_body(el: Any) -> bool:
    """A long, link-poor node is kept whatever its name (see TOKEN_MAX_CHARS)."""
    text = el.text_content()
    if len(text) < rules.TOKEN_MAX_CHARS:
        return False
    links = sum(len(a.text_content()) for a in el.iter("a"))
    return links < len(text) * 0.25
