"""Stage 4d: the line filter, the last pass over the body's blocks.

Drops whole lines that survived pruning because they sat inside the content container:
licence and filing numbers, hotlines, copyright, government chrome, footer-link lines,
consent leftovers, share rows, bylines and a repeated headline. Patterns live in
`parsers.rules.lines` (shared with `parsers.clean`). Licence numbers are also site facts:
`find_licences` reads them from any text, normally the whole page before pruning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.article import Block, BlockKind, Licence, Removed
from parsers.rules import lines as rules
from parsers.textutil import comparable, literal_alternation

logger = logging.getLogger(__name__)


def collapse(text: str) -> str:
    """Whitespace runs as one space (str.split and the regex `\\s` agree; split is faster)."""
    return " ".join(text.split())


def classify_line(line: str) -> str | None:
    """The boilerplate kind of one whole line, or None when it is (or may be) prose."""
    text = collapse(line)
    if not text or len(text) > rules.MAX_LINE_CHARS:
        return _fact_kind(text)
    return _fact_kind(text) or _layout_kind(text)


def classify_fact_line(line: str) -> str | None:
    """The kind of a line that states a site fact or a notice: a licence or filing number,
    a hotline, a copyright, consent or contact line (the hinted `LINE_KINDS`). Cheaper than
    `classify_line`: used to pick such lines out of chrome that goes anyway."""
    return _fact_kind(collapse(line))


def may_hold_fact(text: str) -> bool:
    """A cheap test: False when no line of `text` can be a fact line (`classify_fact_line`):
    it holds no licence hint, no hint of a line kind and no copyright mark."""
    if may_hold_licence(text):
        return True
    lower = text.lower()
    if _ANY_KIND_HINT is None or _ANY_KIND_HINT.search(lower) is not None:
        return True
    return any(mark in lower for mark in _LONG_NOTICE_MARKS)


# What every LONG_NOTICE match holds (it opens with one of them).
_LONG_NOTICE_MARKS = ("©", "(c)", "copyright")


def _fact_kind(text: str) -> str | None:
    if not text:
        return None
    if len(text) <= rules.LONG_NOTICE_MAX_CHARS and rules.POST_META_LINE.match(text):
        return "byline"
    if len(text) > rules.MAX_LINE_CHARS:
        if len(text) <= rules.LONG_NOTICE_MAX_CHARS and rules.LONG_NOTICE.match(text):
            return "copyright"
        return None
    if may_hold_licence(text):
        for kind, pattern in rules.LICENCES:
            if pattern.search(text):
                return kind
    lower = text.lower()
    if _ANY_KIND_HINT is not None and _ANY_KIND_HINT.search(lower) is None:
        return None  # one C-level search spares a test per hint on most lines
    for kind, pattern, hints in rules.LINE_KINDS:
        if hints is not None and not any(h in lower for h in hints):
            continue
        if pattern.search(text):
            return kind
    return None


# All hints of LINE_KINDS in one pattern; None when a kind has no hints (it must always run).
_ANY_KIND_HINT = (
    re.compile(literal_alternation({h for _, _, hints in rules.LINE_KINDS for h in hints or ()}))
    if all(hints for _, _, hints in rules.LINE_KINDS)
    else None
)


def _layout_kind(text: str) -> str | None:
    """Kinds read from a line's shape: footer links, share rows, labels, dates, credits."""
    if rules.FOOTER_LINKS.match(text):
        return "footer"
    if (
        rules.SHARE_LINE.match(text)
        or rules.TOOLBAR_LINE.match(text)
        or rules.PORTAL_TOOLBAR_LINE.match(text)
    ):
        return "share"
    if len(text) <= rules.WIDGET_MAX_CHARS and rules.RELATED_HEADING.match(text):
        return "related"
    if len(text) <= rules.WIDGET_MAX_CHARS and rules.WIDGET_LINE.match(text):
        return "widget"
    if rules.DATE_LINE.match(text) or rules.QA_DATE_LINE.match(text):
        return "byline"
    if (
        rules.BREADCRUMB_LINE.match(text)
        or rules.MENU_LINE.match(text)
        or rules.PAGER_LINE.match(text)
        or rules.PREV_NEXT_ARTICLE_LINE.match(text)
    ):
        return "nav"
    if rules.CREDITED_CAPTION.match(text) or (
        len(text) <= rules.WIDGET_MAX_CHARS + 20 and rules.CREDIT_LINE.match(text)
    ):
        return "caption"
    return None


def is_byline(line: str, byline_texts: Sequence[str] = ()) -> bool:
    """A byline or dateline: one the metadata stage read, or one shaped like a byline."""
    text = collapse(line)
    if not text or len(text) > rules.BYLINE_MAX_CHARS or rules.CJK_SENTENCE.search(text):
        return False
    if any(_same(text, b) for b in byline_texts):
        return True
    return bool(rules.BYLINE.match(text))


def is_author_line(line: str, authors: Sequence[str]) -> bool:
    """A line that names only the article's authors ("Jane Doe", "Interview JANE DOE",
    "Von Jane Doe und John Roe"): a byline wherever it stands."""
    if not authors or len(line) > rules.BYLINE_MAX_CHARS:
        return False
    rest = comparable(rules.AUTHOR_LINE_WORDS.sub("", line))
    for name in authors:
        rest = rest.replace(comparable(name), "")
    return not rest and bool(comparable(line))


def is_title(line: str, title: str | None) -> bool:
    """The headline repeated in the body, also with a site suffix ("... | Insights")."""
    if not title:
        return False
    text, head = comparable(line), comparable(title)
    if not text or not head:
        return False
    if text == head:
        return True
    if len(text) < 10:
        return False
    # a cut headline, or the headline with a site suffix -- not a paragraph that opens
    # with the headline's words
    return head.startswith(text) or (
        text.startswith(head) and len(text) - len(head) <= rules.TITLE_SUFFIX_MAX_CHARS
    )


def is_section(line: str, section: str | None) -> bool:
    """The page's section name alone on a line ("Business"): the kicker over the headline,
    a link to the section's page."""
    return bool(section) and comparable(line) == comparable(section or "") != ""


def is_slogan(line: str) -> bool:
    """A short line without sentence punctuation: a tagline when it sits by the footer."""
    text = collapse(line)
    return 0 < len(text) <= rules.SLOGAN_MAX_CHARS and not rules.SENTENCE_END.search(text)


def removals(line: str, kind: str) -> list[Removed]:
    """The `Removed` records of one dropped line: one per licence when it holds several."""
    text = collapse(line)
    records = [Removed(kind, text)]
    for other, pattern in rules.LICENCES:
        match = pattern.search(text)
        if other != kind and match:
            records.append(Removed(other, match.group(0)))
    return records


def may_hold_licence(text: str) -> bool:
    """A cheap test: False when `text` certainly holds no licence or filing number.

    Plain substring tests (C speed, no regex): the licence patterns need "ICP" in
    capitals or one of these words; a page's raw HTML can be tested as well as its text.
    """
    return any(hint in text for hint in rules.LICENCE_HINT_WORDS)


def find_licences(text: str) -> list[Licence]:
    """Every licence or filing number in `text`, once each, in order of appearance."""
    if not may_hold_licence(text):
        return []
    found: list[Licence] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = collapse(line)
        for kind, pattern in rules.LICENCES:
            for match in pattern.finditer(line):
                number = collapse(match.group("num") or _group(match, "num2"))
                if number and number not in seen:
                    seen.add(number)
                    found.append(Licence(kind, number, line[:300]))
    return found


def _group(match: re.Match[str], name: str) -> str:
    try:
        return match.group(name) or ""
    except IndexError:
        return ""


def _same(a: str, b: str) -> bool:
    return comparable(a) == comparable(b) and bool(comparable(a))


@dataclass(slots=True)
class LineContext:
    """What the filter knows about the page: the headline and the byline lines."""

    title: str | None = None
    section: str | None = None  # the page's section ("Business"), a kicker above the headline
    summary: str | None = None  # the page's description, for the selector's standfirst
    authors: Sequence[str] = ()
    byline_texts: Sequence[str] = ()
    extra: Sequence[re.Pattern[str]] = ()  # site-profile patterns (SiteRules.boilerplate_lines)


def line_kind(line: str, ctx: LineContext, *, at_start: bool) -> str | None:
    """Kind of a boilerplate line in context; title and byline only near the start."""
    kind = classify_line(line)
    if kind is not None:
        return kind
    if any(p.search(line) for p in ctx.extra):
        return "site_rule"
    if at_start and is_title(line, ctx.title):
        return "title"
    if at_start and is_section(line, ctx.section):
        return "nav"
    if at_start and is_byline(line, ctx.byline_texts):
        return "byline"
    if is_author_line(line, ctx.authors):
        return "byline"
    return None


def filter_blocks(blocks: Sequence[Block], ctx: LineContext) -> tuple[list[Block], list[Removed]]:
    """Drop boilerplate lines from text blocks; drop blocks left empty."""
    kept: list[Block] = []
    removed: list[Removed] = []
    tail_is_boilerplate = False
    teasers = 0  # blocks left in the run of teaser links after a related heading
    feed_from: int | None = None  # where the site's feed starts, after editor line and pager
    for index, block in enumerate(blocks):
        if teasers and _teaser_link(block):
            teasers -= 1
            removed.append(Removed("related", block.text))
            continue
        at_start = index < 4 and not _has_prose(kept)
        before = len(removed)
        new = _filter_block(block, ctx, at_start, removed)
        teasers = rules.RELATED_RUN_BLOCKS if _ends_with_related(block, removed, before) else 0
        if new is None and feed_from is None and _pager_after_editor(kept, removed, before):
            feed_from = len(kept)
        if new is not None:
            kept.append(new)
        tail_is_boilerplate = (new is None and len(removed) > before) or (
            tail_is_boilerplate and new is None
        )
    if feed_from is not None:
        _cut_as_related(kept, feed_from, removed)
    if tail_is_boilerplate:
        _drop_slogans(kept, removed)
    _drop_after_closing_editor(kept, removed)
    _drop_closing_headings(kept, removed)
    return kept, removed


def _pager_after_editor(kept: list[Block], removed: list[Removed], before: int) -> bool:
    """The block just dropped was a pager right under the closing editor line ("责任编辑：
    张毅" then "首页 | 上一页 1 下一页 | 尾页"): the article ends there, the site's feed
    of teasers follows."""
    if len(removed) != before + 1 or not kept or not rules.PAGER_LINE.match(removed[-1].text):
        return False
    return rules.CLOSING_EDITOR_LINE.match(_last_line(kept[-1])) is not None


def _drop_closing_headings(blocks: list[Block], removed: list[Removed]) -> None:
    """A heading that ends the body heads nothing: what it introduced (related stories, a
    map, a blogroll) was removed as chrome (see CLOSING_HEADING_MAX_CHARS)."""
    while len(blocks) > 1 and _heads_nothing(blocks[-1]):
        removed.append(Removed("related", blocks.pop().text))


def _heads_nothing(block: Block) -> bool:
    text = block.text.rstrip()
    return (
        block.kind is BlockKind.HEADING
        and len(text) <= rules.CLOSING_HEADING_MAX_CHARS
        and not text.endswith(".")
    )


def _drop_after_closing_editor(blocks: list[Block], removed: list[Removed]) -> None:
    """Chinese portals close an article with its editor line ("责任编辑：张三", "(责编：张三)");
    what follows it in the body's last quarter is teasers and page tools."""
    total = sum(len(b.text) for b in blocks)
    seen = 0
    for index, block in enumerate(blocks):
        seen += len(block.text)
        last_line = _last_line(block)
        if seen >= total * rules.CLOSING_LINE_SHARE and rules.CLOSING_EDITOR_LINE.match(last_line):
            _cut_as_related(blocks, index + 1, removed)
            return


def _cut_as_related(blocks: list[Block], start: int, removed: list[Removed]) -> None:
    """Remove `blocks[start:]`, the page's teasers after the article, as `related`."""
    removed += [Removed("related", late.text) for late in blocks[start:]]
    del blocks[start:]


def _last_line(block: Block) -> str:
    return block.text.rsplit("\n", 1)[-1]


def _teaser_link(block: Block) -> bool:
    """A short block after a related heading: one of its teaser links."""
    if block.kind in (BlockKind.FIGURE, BlockKind.TABLE, BlockKind.CODE):
        return block.kind is BlockKind.FIGURE
    return len(block.text) <= rules.RELATED_RUN_CHARS and not rules.SPEAKER_LINE.match(block.text)


def _ends_with_related(block: Block, removed: list[Removed], before: int) -> bool:
    """The block just filtered ended with a related-articles heading (its last line); not
    with a teaser line ("Lea también: …"), which is the teaser itself."""
    if len(removed) == before or removed[-1].kind != "related" or not block.text:
        return False
    last = removed[-1].text
    return collapse(_last_line(block)) == last and bool(rules.RELATED_HEADING.match(last))


def _has_prose(blocks: Iterable[Block]) -> bool:
    return any(b.kind is BlockKind.PARAGRAPH and len(b.text) > 120 for b in blocks)


def _filter_block(
    block: Block, ctx: LineContext, at_start: bool, removed: list[Removed]
) -> Block | None:
    if block.kind in (BlockKind.TABLE, BlockKind.CODE, BlockKind.FIGURE):
        return block
    if block.kind is BlockKind.LIST:
        items = tuple(i for i in block.items if not _drop(i, ctx, False, removed))
        return None if not items else Block(BlockKind.LIST, "\n".join(items), items=items)
    lines = [ln for ln in block.text.split("\n") if not _drop(ln, ctx, at_start, removed)]
    text = "\n".join(ln for ln in lines if ln.strip())
    if not text:
        return None
    return Block(block.kind, text, level=block.level)


def _drop(line: str, ctx: LineContext, at_start: bool, removed: list[Removed]) -> bool:
    kind = line_kind(line, ctx, at_start=at_start)
    if kind is None:
        return False
    removed.extend(removals(line, kind))
    return True


def _drop_slogans(blocks: list[Block], removed: list[Removed]) -> None:
    """Drop short tagline blocks that end the body right before footer boilerplate."""
    while (
        len(blocks) > 1
        and blocks[-1].kind is BlockKind.PARAGRAPH
        and is_slogan(blocks[-1].text)
        and not rules.CLOSING_EDITOR_LINE.match(blocks[-1].text)  # the article's last line
    ):
        removed.append(Removed("footer", blocks.pop().text))
