"""The consent-banner text heuristic (after BOILERPLATE.md's measurement).

From every text node holding a consent seed phrase: take the smallest block around it,
grow it to its parent while that stays under CONSENT_MAX_CHARS, and remove it when it
holds a button or link, or several distinct phrases. Guard for pages about cookies: a
paragraph standing among prose paragraphs is never a banner, nor is a block that holds
the headline or the article element.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from parsers.article import Removed
from parsers.removal import drop
from parsers.rules import prune as rules
from parsers.textutil import BLOCK_TAGS, tag_of, text_owner

# Text nodes under the pruned root that may hold a phrase; the exact test is CONSENT_SEED,
# in Python. (translate() on every text node cost more than the rest of the heuristic.)
# Relative to the root: an absolute path also searched the <head>'s stylesheets and
# scripts, up to 400 kB each, for nothing.
_CANDIDATES = etree.XPath(
    ".//text()["
    + " or ".join(f"contains(., '{hint}')" for hint in rules.CONSENT_SEED_HINTS)
    + "][not(parent::script or parent::style)]"
)
_HAS_CONTROL = etree.XPath("boolean(.//a | .//button | .//*[@role='button'] | .//input)")
_HAS_ARTICLE = etree.XPath(
    "boolean(descendant-or-self::h1 | descendant-or-self::article | descendant-or-self::main)"
)


def drop_banners(root: Any, removed: list[Removed]) -> None:
    # Nine pages in ten hold no hint word once pruned: one test over the whole text is
    # a fifth of the cost of the XPath's test of every text node.
    page_text = root.text_content()
    if not any(hint in page_text for hint in rules.CONSENT_SEED_HINTS):
        return
    for text in _CANDIDATES(root):
        if not rules.CONSENT_SEED.search(text):
            continue
        owner = text_owner(text)
        if owner is None:
            continue
        block = _banner(owner)
        if block is not None and block.getparent() is not None:
            drop(block, "consent", removed)


def _banner(el: Any) -> Any | None:
    block = _smallest_block(el)
    if block is None or _among_prose(block):
        return None
    while True:
        parent = block.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            break
        if len(parent.text_content()) >= rules.CONSENT_MAX_CHARS:
            break
        block = parent
    text = block.text_content()
    if len(text) >= rules.CONSENT_MAX_CHARS or _HAS_ARTICLE(block):
        return None
    phrases = {m.group(0).lower() for m in rules.CONSENT_PHRASES.finditer(text)}
    if _HAS_CONTROL(block) or len(phrases) >= rules.CONSENT_MIN_PHRASES:
        return block
    return None


def _smallest_block(el: Any) -> Any | None:
    while el is not None and tag_of(el) not in BLOCK_TAGS:
        el = el.getparent()
    if el is None or tag_of(el) in ("body", "html"):
        return None
    return el


def _among_prose(block: Any) -> bool:
    parent = block.getparent()
    if parent is None:
        return False
    prose = 0
    for sibling in parent:
        if sibling is block or tag_of(sibling) != "p":
            continue
        text = sibling.text_content()
        if len(text) >= rules.CONSENT_PROSE_CHARS and not rules.CONSENT_SEED.search(text):
            prose += 1
    return prose >= rules.CONSENT_PROSE_SIBLINGS
