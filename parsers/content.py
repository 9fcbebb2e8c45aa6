"""Stage 4: the article body.

Sub-stages, in order:
  a. licences  (parsers.linefilter)  licence and filing numbers from the whole page text,
                                      read before pruning since footers are pruned
  b. prune     (parsers.prune)       scripts, hidden nodes, nav, share rows, consent, ...
  c. select    (parsers.select)      the main content elements
  d. refine    (parsers.refine)      chrome-looking containers inside the content
  e. blocks    (parsers.blocks)      ordered blocks, figures with captions and credits
  f. lines     (parsers.linefilter)  boilerplate lines that survived, headline, byline

Retry ladder (Readability's flags): when b-f give a body shorter than
`RETRY_BELOW_CHARS`, they run again on the page re-parsed from its HTML (the tree as it
was before pruning), with fewer prune rules (`RETRY_POLICIES`, in order); a retry wins
when its body is clearly longer. Class names such as "mosaic-position-leftmost", "p-right" or
"socialicons-sticky" wrap whole articles on real pages, and no token list is safe from
that.

Structured fallback: a page that renders its article with scripts, or shows a paywall
teaser, may still publish the whole text as JSON-LD `articleBody`. When that text is
clearly longer than what the page shows, b-f run on it instead (plain text or escaped
HTML, as sites publish it), and `text_source` says so.

The tree is changed in place; `extract` does not use it afterwards.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from parsers import blocks as blocks_stage
from parsers import linefilter, prune, refine, select, tree
from parsers.article import Block, BlockKind, Image, Licence, Removed
from parsers.metadata import Metadata
from parsers.options import ExtractOptions
from parsers.rules import lines as rules
from parsers.rules import thresholds as th
from parsers.serialize import blocks_to_text
from parsers.textutil import literal_alternation, text_owner

logger = logging.getLogger(__name__)

# Text nodes that may hold a licence or filing number hold one of linefilter's hint words
# (the licence patterns match "ICP" in capitals only). One regex per text node: an XPath of
# one contains() per word copied every text node eight times.
_TEXT_NODES = etree.XPath(".//text()")
_LICENCE_HINT_RE = re.compile(literal_alternation(rules.LICENCE_HINT_WORDS))

# The passes after the first, in order: no class/id token rules, then no chrome tags
# or roles either (only scripts, hidden nodes and consent boxes go).
RETRY_POLICIES = (
    prune.PrunePolicy(tokens=False),
    prune.PrunePolicy(tokens=False, chrome=False),
)


@dataclass(slots=True)
class Body:
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    licences: list[Licence] = field(default_factory=list)
    text_source: str | None = None  # None: the page; "json-ld": its articleBody

    @property
    def text(self) -> str:
        return blocks_to_text(self.blocks)


def extract_body(
    doc: lxml.html.HtmlElement,
    url: str,
    meta: Metadata,
    options: ExtractOptions,
    source: str,
    page_text: str | None = None,
) -> Body:
    """The body of `doc` (changed in place). `source`, the HTML `doc` was parsed from, is
    re-parsed for a retry (rare) instead of every page keeping a copy of the tree.
    `page_text` (`tree.body_text`, when the caller has it) keeps the licence scan cheap:
    it runs only when the page's text holds a licence hint word."""
    if page_text is None:
        page_text = tree.body_text(doc)
    hinted = linefilter.may_hold_licence(page_text)
    licences = linefilter.find_licences(_licence_text(doc)) if hinted else []
    ctx = linefilter.LineContext(
        title=meta.title,
        section=meta.section,
        summary=meta.description,
        authors=tuple(meta.authors),
        byline_texts=meta.byline_texts,
        extra=tuple(re.compile(p) for p in options.site_rules.boilerplate_lines),
    )
    body = _attempt(doc, url, ctx, options, prune.STRICT)
    for policy in RETRY_POLICIES:
        if len(body.text) >= th.RETRY_BELOW_CHARS:
            break
        fresh = tree.parse_html(source)
        if fresh is None:
            break
        retry = _attempt(fresh, url, ctx, options, policy)
        if len(retry.text) > max(len(body.text) * th.RETRY_GAIN, th.RETRY_MIN_GAIN_CHARS):
            body = retry
    if meta.structured_body:
        body = _structured_fallback(body, meta.structured_body, url, ctx, options)
    body.licences = licences
    logger.debug("%s: %d blocks, %d removed", url, len(body.blocks), len(body.removed))
    return body


def _attempt(
    doc: Any, url: str, ctx: linefilter.LineContext, options: ExtractOptions, policy: Any
) -> Body:
    """Stages b-f on `doc` (changed in place) under one prune policy."""
    story = select.titled_story(doc, ctx.title)
    body = Body(removed=prune.prune(doc, options, policy, url=url))
    elements, stats = select.select_content(doc, options, story, ctx.summary)
    body.removed += refine.refine(elements, stats, options)
    blocks, _ = blocks_stage.to_blocks(elements, url, options)
    body.blocks, dropped = linefilter.filter_blocks(blocks, ctx)
    body.removed += dropped
    body.images = [b.image for b in body.blocks if b.kind is BlockKind.FIGURE and b.image]
    return body


def _structured_fallback(
    body: Body, structured: str, url: str, ctx: linefilter.LineContext, options: ExtractOptions
) -> Body:
    """The body from the page's JSON-LD articleBody when it is clearly longer than what the
    page shows: twice as long under `RETRY_BELOW_CHARS` (a script-rendered page),
    `STRUCTURED_BODY_GAIN` times as long above it (a teaser above a paywall)."""
    shown = len(body.text)
    gain = th.RETRY_GAIN if shown < th.RETRY_BELOW_CHARS else th.STRUCTURED_BODY_GAIN
    needed = max(shown * gain, th.RETRY_MIN_GAIN_CHARS)
    if len(structured) <= needed:  # markup only adds to the length: no parse needed
        return body
    doc = tree.parse_html(_structured_html(structured))
    if doc is None:
        return body
    fallback = _attempt(doc, url, ctx, options, prune.STRICT)
    if len(fallback.text) <= needed:
        return body
    fallback.text_source = "json-ld"
    # What the page showed still counts: its pictures, and the chrome taken off it.
    fallback.images = fallback.images or body.images
    fallback.removed = body.removed + fallback.removed
    return fallback


# Markup in an articleBody: some sites publish their HTML there, often escaped.
_BODY_MARKUP_RE = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|table)\b", re.I)


def _structured_html(text: str) -> str:
    """An articleBody as an HTML document: its own markup (unescaped once or twice, as
    sites escape it), or its plain text with one paragraph per line."""
    for _ in range(2):
        if "&lt;" not in text:
            break
        text = html.unescape(text)
    if not _BODY_MARKUP_RE.search(text):
        lines = (html.escape(html.unescape(line.strip())) for line in text.splitlines())
        text = "".join(f"<p>{line}</p>" for line in lines if line)
    return f"<html><body><article>{text}</article></body></html>"


def _licence_text(doc: lxml.html.HtmlElement) -> str:
    """The page's text nodes that may hold a licence, one per line, for the licence scan.

    `find_licences` reads line by line, so keeping only the text nodes that hold one of
    its hint words gives the same licences as the whole text, at a fraction of the cost.
    """
    body = doc.find("body")
    root = body if body is not None else doc
    lines: list[str] = []
    seen: set[lxml.html.HtmlElement] = set()
    for node in _TEXT_NODES(root):
        if _LICENCE_HINT_RE.search(node) is None:
            continue
        line = _licence_line(node, seen)
        if line:
            lines.append(line)
    return "\n".join(lines)


# Inline tags a footer wraps part of a licence line in: "互联网新闻信息服务许可证：<span>
# 50120220004</span>", "License for publishing multimedia online <a>0108263</a>".
_INLINE_TAGS = frozenset({"a", "span", "font", "b", "strong", "em", "i", "small", "u"})
# A line longer than this is not one footer line: its own text node is read alone.
_MAX_LICENCE_LINE = 600
# In a text node longer than that (a script's state JSON, a whole footer in one node), only
# this many characters on each side of every hint word are read: a licence line is short,
# and the licence scan over a 800 kB script took 0.2 s.
_HINT_REACH = 150


def _licence_line(node: etree._ElementUnicodeResult, seen: set[lxml.html.HtmlElement]) -> str:
    """The footer line a hinted text node belongs to: its nearest block element's text,
    so that a number in a link or span after its label is read with it ("" when that
    block was read already)."""
    el = text_owner(node)
    if el is None:
        return str(node)
    while el.tag in _INLINE_TAGS and el.getparent() is not None:
        el = el.getparent()
    if el in seen:
        return ""
    text = " ".join(" ".join(el.itertext()).split())
    if len(text) > _MAX_LICENCE_LINE:
        return _near_hints(str(node))
    seen.add(el)
    return text


def _near_hints(text: str) -> str:
    """The parts of a long text around its licence hint words, one per line."""
    if len(text) <= _MAX_LICENCE_LINE:
        return text
    spans: list[tuple[int, int]] = []
    for hint in rules.LICENCE_HINT_WORDS:
        at = text.find(hint)
        while at >= 0:
            spans.append((max(0, at - _HINT_REACH), at + len(hint) + _HINT_REACH))
            at = text.find(hint, at + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "\n".join(text[start:end] for start, end in merged)
