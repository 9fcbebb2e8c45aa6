"""Visible bylines and datelines -> `Found` (source "byline").

Candidate lines, in document order, come from three places:
  1. elements whose class or id names a byline ("byline", "author", "source", ...);
  2. text that starts with a byline lead word ("By ", "Von ");
  3. text holding a role label: Chinese 来源/作者/记者/文/ /责任编辑/编辑, or "Source:", "Editor:";
  4. a label alone ("Autor", "Author:"), with the name in the next text ("<dt>Autor</dt><dd>...").
Each candidate is widened to its line (the nearest block element, while it stays short), and the
line is read into roles: labelled parts go to their role (author, editor, source, date), an
unlabelled part is read as names when the line is an author element or starts with "By".
The first line that names someone gives the authors; later ones are kept apart, for when the
first names only the outlet ("By The Daily Planet", then "Written by: Ann Lee").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import lxml.html
from lxml import etree

from parsers.metadata import rules, signatures
from parsers.metadata.dates import date_spans, find_date, short_year_date
from parsers.metadata.found import Found
from parsers.metadata.names import name_key, outlet_name, split_names
from parsers.metadata.title import in_body, is_logo
from parsers.metadata.title import matches as headline_matches
from parsers.textutil import (
    literal_alternation,
    marks,
    text_lines,
    texts_after,
    texts_before,
    texts_except,
)
from parsers.tree import shown_text


def _alternation(words: tuple[str, ...]) -> str:
    if not words:  # an empty alternation would match everything
        raise ValueError("empty word group")
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Substrings of a class or id that mark a byline, or a date; one trie-shaped regex each, and
# one for both, which rules out most names in one call (`literal_alternation`).
_BYLINE_MARK_RE = re.compile(literal_alternation(rules.BYLINE_TOKENS))
_DATE_MARK_RE = re.compile(literal_alternation(rules.DATE_TOKENS + rules.INFO_TOKENS))
_ANY_MARK_RE = re.compile(
    literal_alternation(rules.BYLINE_TOKENS + rules.DATE_TOKENS + rules.INFO_TOKENS)
)
_LEAD_RE = rules.BYLINE_LEAD_RE
# First letters of the lead words: a cheap test before the regex on every text node.
_LEAD_INITIALS = frozenset(
    c
    for w in (*rules.BYLINE_LEAD_WORDS, *rules.AUTHOR_LABEL_WORDS, "|", "·", "•", "-", "–", "—")
    for c in (w[0].lower(), w[0].upper())
)
_DATE_LEAD_INITIALS = frozenset(
    c for w in rules.DATE_LEAD_WORDS for c in (w[0].lower(), w[0].upper())
)
_LABEL_WORDS = tuple(label for label, _ in rules.CJK_ROLE_LABELS if label not in ("时间", "日期"))
_LATIN_NAME_LABELS = tuple(
    label
    for label, role in rules.LATIN_ROLE_LABELS.items()
    if role in ("author", "source", "editor")
)
# The longest Latin label plus room for spaces before its colon.
_LATIN_LABEL_REACH = max(map(len, _LATIN_NAME_LABELS)) + 4
_LABEL_TEXT_RE = re.compile(
    _alternation(_LABEL_WORDS)
    + r"|(?i:(?<![\w-])(?:"
    + _alternation(_LATIN_NAME_LABELS)
    + r")\s*:)"
)


# Last letters of the Latin name labels, casefolded: a colon can close a label only after one
# of them ("Author :", "Quelle:"). Casefolding also maps "ſ" to "s", as IGNORECASE does.
_LABEL_FINALS = frozenset(label[-1].casefold() for label in _LATIN_NAME_LABELS)
# First letters that may open a byline or a dateline: other texts need no closer test unless
# the page holds a role label.
_TEXT_INITIALS = _LEAD_INITIALS | _DATE_LEAD_INITIALS


@dataclass(slots=True)
class _Candidates:
    bylines: list[lxml.html.HtmlElement] = field(default_factory=list)
    dates: list[lxml.html.HtmlElement] = field(default_factory=list)


def _scan(doc: lxml.html.HtmlElement, page_text: str | None) -> _Candidates:
    """One pass over the body: elements marked as bylines or dates, and texts with labels.

    A Python pass with precompiled regexes: XPath with translate() over every class attribute,
    or contains() over every text node, was 3 to 20 times slower on large pages. Each text
    first gets a one-letter test: the pass visits every element of the page (which is also
    why the marks test is written out here, not called).
    """
    found = _Candidates()
    bylines, dates = found.bylines, found.dates
    body = doc.find("body")
    if body is None:
        return found
    # Most pages hold no role label at all: one test over the whole text spares one per node.
    every_text = _has_label(shown_text(doc) if page_text is None else page_text)
    is_byline_text = _is_byline_text if every_text else _starts_with_lead
    for el in body.iter(etree.Element):
        tag = el.tag
        if tag in _SKIP_TAGS:
            continue
        # Elements whose class or id names a byline or a date, and rel="author" links.
        classes, ident = el.get("class"), el.get("id")
        is_byline, is_date = _mark_kinds(classes) if classes else (False, False)
        if ident:
            by_id, date_by_id = _token_kinds(ident)
            is_byline, is_date = is_byline or by_id, is_date or date_by_id
        if is_byline:
            bylines.append(el)
        if is_date:
            dates.append(el)
        if el.get("rel") == "author":
            bylines.append(el)
        text = el.text
        if text and (every_text or text.lstrip()[:1] in _TEXT_INITIALS):
            if (
                tag != "h1"  # a headline may open with "Von" or "By": it is no byline
                and is_byline_text(text)
                and (not bylines or bylines[-1] is not el)
            ):
                bylines.append(el)
            if _starts_with_date_lead(text):
                dates.append(el)  # "Veröffentlicht am 16.08.2019" opens a dateline
        tail = el.tail
        if tail and (every_text or tail.lstrip()[:1] in _TEXT_INITIALS):
            _add_tail(found, el, tail, is_byline_text)
    return found


def _add_tail(
    found: _Candidates, el: lxml.html.HtmlElement, tail: str, is_byline_text: Callable[[str], bool]
) -> None:
    """A byline or dateline in the text after an element belongs to its parent's line."""
    parent = el.getparent()
    if parent is None:
        return
    if is_byline_text(tail):
        found.bylines.append(parent)
    if _starts_with_date_lead(tail):
        found.dates.append(parent)


@lru_cache(maxsize=4096)
def _mark_kinds(marks: str) -> tuple[bool, bool]:
    """`_token_kinds` of a class attribute: pages repeat a few hundred; ids are unique."""
    return _token_kinds(marks)


def _token_kinds(marks: str) -> tuple[bool, bool]:
    """(names a byline, names a date) for one class or id (no token holds a space)."""
    marks = marks.lower()
    if _ANY_MARK_RE.search(marks) is None:
        return False, False
    return _BYLINE_MARK_RE.search(marks) is not None, _DATE_MARK_RE.search(marks) is not None


def _has_label(text: str) -> bool:
    """Does a role label occur anywhere in `text` (a whole page)?

    Substring tests for the CJK labels, and the Latin ones ("Author:") only just before a
    colon that follows a label's last letter: one regex search over a whole page's text cost
    about 8 ms, and script text holds thousands of colons.
    """
    if rules.CJK_CHAR_RE.search(text) and any(label in text for label in _LABEL_WORDS):
        return True
    colon = text.find(":")
    while colon >= 0:
        start = max(0, colon - _LATIN_LABEL_REACH)
        if text[start:colon].rstrip()[-1:].casefold() in _LABEL_FINALS and _LABEL_TEXT_RE.search(
            text, start, colon + 1
        ):
            return True
        colon = text.find(":", colon + 1)
    return False


def _starts_with_date_lead(text: str) -> bool:
    return (
        text.lstrip()[:1] in _DATE_LEAD_INITIALS
        and len(text) <= rules.MAX_BYLINE_CHARS
        and rules.DATE_LEAD_RE.match(text) is not None
    )


def _is_byline_text(text: str) -> bool:
    return len(text) < 2000 and bool(
        (text.lstrip()[:1] in _LEAD_INITIALS and _LEAD_RE.match(text))
        or (_may_hold_label(text) and _LABEL_TEXT_RE.search(text))
        or _is_label_only(text)
    )


def _may_hold_label(text: str) -> bool:
    """A Latin label needs its colon, a CJK one its CJK characters: a cheap test first."""
    return ":" in text or (not text.isascii() and rules.CJK_CHAR_RE.search(text) is not None)


def _starts_with_lead(text: str) -> bool:
    # The first-letter test spares a regex call on nearly every text.
    return text.lstrip()[:1] in _LEAD_INITIALS and (
        _LEAD_RE.match(text) is not None or _is_label_only(text)
    )


def _is_label_only(text: str) -> bool:
    """ "Autor", "Author:", "Thread starter": an author label whose name is in the next text."""
    return len(text) <= _LABEL_ONLY_MAX and _label_key(text) in rules.AUTHOR_LABEL_WORDS


def _label_key(text: str) -> str:
    return text.strip(" |·•:：\t\n").casefold()


_LABEL_ONLY_MAX = max(map(len, rules.AUTHOR_LABEL_WORDS)) + 8


# How many visible texts after and before the headline are searched for its dateline.
_TEXTS_AFTER = 40
_TEXTS_BEFORE = 8
_HEADING_TAGS = ("h1", "h2", "h3", "h4")
# Pages with several h1s put the site name in the first one; a few suffice.
_MAX_WRAPPED_H1S = 3

# Inline elements: a byline found inside one is widened to its block.
_INLINE_TAGS = frozenset(
    {
        "span",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "font",
        "small",
        "time",
        "label",
        "abbr",
        "cite",
        "address",
        "u",
        "sup",
        "sub",
    }
)
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "title",
        "textarea",
        "option",
        "select",
        "head",
        "body",
        "html",
        "template",
        "iframe",
    }
)
# Negative tokens must start a class/id word ("comments-area", "navbar"): as bare substrings
# they hit obfuscated class names ("abioX", "snavy").
_NEGATIVE_RE = re.compile(r"(?:^|[\s_-])(" + _alternation(rules.BYLINE_NEGATIVE_TOKENS) + ")")
_WS_RE = re.compile(r"\s+")
_PHOTO_CREDIT_RE = re.compile(r"摄\s*[)）]?\s*$|摄影\s*$")


@dataclass(slots=True)
class _Line:
    text: str
    authors: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)


def read_bylines(doc: lxml.html.HtmlElement, page_text: str | None = None) -> Found:
    """Authors, editor, source and dates from the visible byline and dateline lines
    (`page_text`: the page's `tree.shown_text`, when the caller has it).

    Lines in the page's margins (author boxes, article footers, meta sidebars) are read last,
    for their names only: they name the authors when no other line does.
    """
    found = Found()
    candidates = _scan(doc, page_text)
    wrappers = _layout_wrappers(doc)
    seen: set[lxml.html.HtmlElement] = set()
    margins: list[lxml.html.HtmlElement] = []
    for el in candidates.bylines:
        if el in seen or el.tag == "h1":
            continue  # "<h1 class='vcard author'>": the headline or the blog's title
        place = _placement(el, wrappers)
        if place == _MARGIN:
            margins.append(el)
        elif place == _CONTENT:
            _read_candidate(found, el, seen, _add_line)
    for el in margins:
        if el not in seen:
            _read_candidate(found, el, seen, _add_names)
    _read_datelines(found, candidates.dates, wrappers)
    return found


def _read_candidate(
    found: Found,
    el: lxml.html.HtmlElement,
    seen: set[lxml.html.HtmlElement],
    add: Callable[[Found, _Line], bool],
) -> None:
    """Read one candidate: its own text first, then its whole line, until one names someone."""
    for line_el in _line_elements(el):
        if line_el in seen:
            break
        seen.add(line_el)
        text = _text(line_el)
        if len(text) > rules.MAX_BYLINE_CHARS:
            # A labelled line inside a long box, after a <br>: "…<br><br>Autor: Ann Lee".
            text = _byline_among_lines(line_el)
        elif line_el.find(".//br") is not None:
            text = _first_line_if_byline(line_el) or text
        if not text:
            continue
        texts = [text]
        if _is_label_only(text):
            # "von 8 bis 10", "by human": after a bare label, only a capitalised name.
            texts.append(_next_text(line_el))
            if texts[-1][:1].islower():
                continue
            text = f"author: {texts[-1]}"
        if add(found, _read_line(text, _is_author_element(el, text))):
            found.byline_texts.extend(t for t in texts if t)
            if _tag_links(line_el):  # the line as the body shows it, tag links and all
                found.byline_texts.append(_WS_RE.sub(" ", " ".join(line_el.itertext())).strip())
            break


def _byline_among_lines(el: lxml.html.HtmlElement) -> str:
    """The last of the element's lines (split at <br> and blocks) that is a labelled byline
    ("Autor: …", "Text: …"); "" when none is."""
    lines = [line for line in text_lines(el) if len(line) <= rules.MAX_BYLINE_CHARS]
    labelled = [line for line in lines if _may_hold_label(line) and _LABEL_TEXT_RE.match(line)]
    return labelled[-1] if labelled else ""


def _first_line_if_byline(el: lxml.html.HtmlElement) -> str:
    """The first line (up to a <br>) when it is a byline by itself: "Von Ann Lee und Jo
    Roe<br>Kakuma /Kenia" names two people, then the dateline's place."""
    if _credits_a_picture(el):  # "X for Quanta Magazine; sources: Wikimedia Commons,<br>…"
        return ""
    lines = text_lines(el)
    if len(lines) < 2 or _is_label_only(lines[0]):  # "Von:<br><br>Ann Lee" reads on
        return ""
    return lines[0] if _is_byline_text(lines[0]) else ""


def _credits_a_picture(el: lxml.html.HtmlElement) -> bool:
    """In a figure (`signatures.credits_a_picture`), or in a box whose class names a
    picture credit, a few levels up."""
    if signatures.credits_a_picture(el):
        return True
    return any(
        any(token in marks(node) for token in rules.PICTURE_CREDIT_TOKENS)
        for node in (el, *islice(el.iterancestors(), _CREDIT_LEVELS))
    )


_CREDIT_LEVELS = 3


def _line_elements(el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Where to read a byline: an author element's own text first, then its whole line."""
    widened = _widen(el)
    return [el, widened] if widened is not el else [el]


def _next_text(el: lxml.html.HtmlElement) -> str:
    """The text after a label: its tail, else the next sibling with text, else the same one
    level up ("<div><span>Author:</span></div><div>Ann Lee</div>"); "" when that is long."""
    for node in (el, el.getparent()):
        if node is None or node.tag == "body":
            break
        tail = (node.tail or "").strip()
        if tail:
            return tail if len(tail) <= rules.MAX_BYLINE_CHARS else ""
        for sibling in node.itersiblings():
            # Skip a second copy of the label (one for small screens, one for large).
            text = _text(sibling) if isinstance(sibling.tag, str) else ""
            if text and not _is_label_only(text):
                return text if len(text) <= rules.MAX_BYLINE_CHARS else ""
    return ""


def _widen(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    while el.tag in _INLINE_TAGS:
        parent = el.getparent()
        if parent is None or parent.tag in _SKIP_TAGS:
            break
        if len(_text(parent)) > rules.MAX_BYLINE_CHARS:
            break
        el = parent
    return el


def _layout_wrappers(doc: lxml.html.HtmlElement) -> frozenset[lxml.html.HtmlElement]:
    """Ancestors of the h1s: whatever their class says, they are not page chrome.

    Themes name page wrappers after their layout ("content-area has-sidebar",
    "with-navigation"); a wrapper that holds the h1 holds the article too.
    """
    h1s = islice((h1 for h1 in in_body(doc, "h1") if not is_logo(h1)), _MAX_WRAPPED_H1S)
    return frozenset(a for h1 in h1s for a in h1.iterancestors())


# Where a candidate sits: in the content, in the page's margins, or in chrome.
_CONTENT, _MARGIN, _CHROME = 0, 1, 2


def _is_negative(
    el: lxml.html.HtmlElement, wrappers: frozenset[lxml.html.HtmlElement] = frozenset()
) -> bool:
    """Inside comments, footers, related lists, author boxes...?"""
    return _placement(el, wrappers) != _CONTENT


def _placement(
    el: lxml.html.HtmlElement, wrappers: frozenset[lxml.html.HtmlElement] = frozenset()
) -> int:
    """The strongest mark on the way up: chrome (comments, related lists, share rows) over
    margins (footers, sidebars, author boxes) over content."""
    place = _CONTENT
    node: lxml.html.HtmlElement | None = el
    while node is not None and node.tag != "body":
        if node in wrappers:
            break  # the rest of the way up holds the headline too
        place = max(place, _chrome_kind(node))
        if place == _CHROME:
            break
        node = node.getparent()
    return place


def _chrome_kind(node: lxml.html.HtmlElement) -> int:
    kind = _marks_kind(f"{node.get('class', '')} {node.get('id', '')}")
    if kind != _CONTENT:
        return kind
    if node.tag == "footer":
        # An <article>'s own footer holds its byline ("Posted by ..."); the site's footer
        # holds "Theme by ..." and "Design by ...".
        return _CONTENT if next(node.iterancestors("article"), None) is not None else _CHROME
    return _MARGIN if node.tag in rules.BYLINE_MARGIN_TAGS else _CONTENT


@lru_cache(maxsize=4096)
def _marks_kind(marks: str) -> int:
    """Does a class+id string name page chrome, or the page's margins? Cached: every
    candidate tests its ancestors, and a page's candidates share most of them."""
    marks = marks.lower()
    if len(marks) <= 1:
        return _CONTENT
    marks = rules.NOT_CHROME_MARKS_RE.sub(" ", marks)
    found = [m.group(1) for m in _NEGATIVE_RE.finditer(marks)]
    if not found:
        return _CONTENT
    if not all(t in rules.BYLINE_MARGIN_TOKENS for t in found):
        return _CHROME
    # "author_share", "byline-share": the article's own byline bar, share buttons beside it.
    if "share" in found and any(t in marks for t in rules.BYLINE_BAR_TOKENS):
        return _CONTENT
    return _MARGIN


def _is_author_element(el: lxml.html.HtmlElement | None, text: str) -> bool:
    if rules.BY_PREFIX_RE.match(text.lstrip("-–— ")):
        return True
    while el is not None and el.tag != "body":
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('rel', '')}".lower()
        if any(t in marks for t in ("byline", "author", "autor", "writer", "reporter")):
            return True
        if el.tag not in _INLINE_TAGS:
            return False
        el = el.getparent()
    return False


def _text(el: lxml.html.HtmlElement) -> str:
    """Visible text with a space between elements: "<span>By</span><a>Ann</a>" -> "By Ann".
    Tag links ("<a rel='tag'>Solar</a>", in a meta line after the author) are left out,
    but for those to an author's page ("<a rel='tag' href='/autor/ann-lee/'>")."""
    tag_links = _tag_links(el)
    if tag_links:
        return _WS_RE.sub(" ", " ".join(texts_except(el, set(tag_links).__contains__))).strip()
    return _WS_RE.sub(" ", " ".join(el.itertext())).strip()


_REL_TAG_LINKS = etree.XPath(".//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]")


def _tag_links(el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Tag links under `el`, except those to an author's page: co-author plugins tag the
    authors too."""
    return [a for a in _REL_TAG_LINKS(el) if not signatures.is_author_page(a.get("href") or "")]


def _label_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, role) of every role label in a line, in order, without overlaps."""
    spans: list[tuple[int, int, str]] = []
    for match in rules.CJK_LABEL_RE.finditer(text):
        label = match.group("label")
        if (
            label == "文/"
            and match.start() > 0
            and rules.CJK_CHAR_RE.match(text[match.start() - 1])
        ):
            continue  # 本文/全文 are words, not the 文/ byline mark
        spans.append((match.start(), match.end(), rules.CJK_ROLE_BY_LABEL[label]))
    for match in rules.LATIN_LABEL_RE.finditer(text):
        spans.append(
            (match.start(), match.end(), rules.LATIN_ROLE_LABELS[match.group("label").lower()])
        )
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _read_line(text: str, author_like: bool) -> _Line:
    line = _Line(text)
    spans = _label_spans(text)
    lead = text[: spans[0][0]] if spans else text
    if author_like and lead.strip():
        # Without a label, a line read for its lead word ("By ...") must be names only:
        # "By continuing to browse our site, ..." is a sentence.
        line.authors.extend(split_names(lead, strict=not spans) or [])
    for i, (_, end, role) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        value = text[end:stop].strip()
        if value:
            line.roles.setdefault(role, []).append(value)
    for value in line.roles.get("author", ()):
        if not _PHOTO_CREDIT_RE.search(value):  # "新华社记者 才扬 摄" credits a photo
            line.authors.extend(split_names(value))
    return line


def _add_line(found: Found, line: _Line) -> bool:
    """Add what one line says to `found`; True when the line held anything."""
    modified = [find_date(v) for v in line.roles.get("modified", ())]
    dated_text = line.text
    for value in line.roles.get("modified", ()):
        dated_text = dated_text.replace(value, " ")
    published = find_date(dated_text)
    sources = [s for s in (outlet_name(v) for v in line.roles.get("source", ())) if s]
    editors = [", ".join(n) for v in line.roles.get("editor", ()) if (n := split_names(v))]
    if not found.authors:  # the first byline names the authors; later ones are teasers
        found.authors.extend(line.authors)
    elif line.authors:
        found.later_authors.append(line.authors)
    found.source.extend(sources)
    found.editor.extend(editors)
    found.modified.extend(m for m in modified if m)
    if published and (line.authors or sources or editors or line.roles):
        found.published.append(published)
    return bool(line.authors or sources or editors or (published and line.roles))


def _add_names(found: Found, line: _Line) -> bool:
    """Only the names of a line in the page's margins: its dates and sources may be another
    story's."""
    if not line.authors:
        return False
    if found.authors:
        found.later_authors.append(line.authors)
    else:
        found.authors.extend(line.authors)
    return True


def _read_datelines(
    found: Found,
    elements: list[lxml.html.HtmlElement],
    wrappers: frozenset[lxml.html.HtmlElement],
) -> None:
    """Dates in elements whose class/id names a date or an info line."""
    for el in elements:
        if _is_negative(el, wrappers):
            continue
        # An icon ("fa-calendar") has the date in its tail.
        value = (
            el.get("datetime") or el.get("content") or _shown_text(el) or (el.tail or "").strip()
        )
        if len(value) > rules.MAX_BYLINE_CHARS:
            continue
        date = find_date(value) or short_year_date(value)
        if date:
            found.published.append(date)
            if len(value) <= 60 and el.tag not in _INLINE_TAGS:
                found.byline_texts.append(value)


def _shown_text(el: lxml.html.HtmlElement) -> str:
    """`_text` without hidden descendants: themes keep a hidden copy of the modified date
    ("<span class='updated hidden'>") before the shown published one in the same line."""
    return _WS_RE.sub(" ", " ".join(texts_except(el, _is_hidden))).strip()


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = (el.get("class") or "").lower().split()
    return any(c == "hidden" or (c.endswith("-hidden") and c != "visually-hidden") for c in classes)


def read_time_elements(doc: lxml.html.HtmlElement) -> Found:
    """`<time>` elements outside comments and related lists (source "time-element")."""
    found = Found()
    for el in in_body(doc, "time"):
        if _is_negative(el):
            continue
        value = el.get("datetime") or _text(el)
        if value:
            found.published.append(value)
    return found


def read_text_dates(doc: lxml.html.HtmlElement, title: str | None) -> Found:
    """The first date in the short texts near the headline (source "text").

    The headline is the first h1-h4 that matches the chosen title, else the first h1; the
    texts after it are searched first, then the few before it (dates above the headline).
    """
    found = Found()
    anchor = _headline(doc, title)
    if anchor is None:
        return found
    around = frozenset(anchor.iterancestors())
    nearby = (
        islice(texts_after(anchor), _TEXTS_AFTER),
        islice(texts_before(anchor), _TEXTS_BEFORE),
    )
    for texts in nearby:
        for value, holder in texts:
            if _in_link_or_caption(holder, around):
                continue  # a teaser's or a photo's date, not the article's
            # A long text counts only when it opens with the date ("01.02.2022 „Der ...").
            date = find_date(value if len(value) <= rules.MAX_BYLINE_CHARS else value[:30])
            date = date or short_year_date(value)
            if date:
                found.published.append(date)
                if len(value) <= rules.MAX_BYLINE_CHARS:
                    found.authors.extend(_dateline_names(value))
                if not found.authors:
                    found.authors.extend(_names_above(anchor, around))
                return found
    return found


def _names_above(
    anchor: lxml.html.HtmlElement, around: frozenset[lxml.html.HtmlElement]
) -> list[str]:
    """The names of the dateline just above the headline ("04.02.2022 | Uta Muster" over the
    h1), when the date found first names nobody: the nearest dated text before it."""
    for value, holder in islice(texts_before(anchor), _TEXTS_BEFORE):
        if _in_link_or_caption(holder, around) or len(value) > rules.MAX_BYLINE_CHARS:
            continue
        if find_date(value):
            return _dateline_names(value)
    return []


def read_agency_dateline(doc: lxml.html.HtmlElement, title: str | None) -> list[str]:
    """The wire agency of a dateline that opens the article ("Hamburg (dpa/lno) - Trotz ..."
    -> ["dpa/lno"]), or of a credit line that names the agency alone ("JIJI"); [] when the
    first texts after the headline hold none."""
    anchor = _headline(doc, title)
    if anchor is None:
        return []
    around = frozenset(anchor.iterancestors())
    for text, holder in islice(texts_after(anchor), rules.AGENCY_DATELINE_REACH):
        value = text.strip()
        if name_key(value) in rules.NEWS_AGENCIES and not _in_link_or_caption(holder, around):
            return [value]  # "<p class='credit'>JIJI</p>" under the headline
        match = rules.AGENCY_DATELINE_RE.match(value)
        if match and name_key(match.group("agency").split("/")[0]) in rules.NEWS_AGENCIES:
            return [match.group("agency").strip()]
    return []


def _in_link_or_caption(
    holder: lxml.html.HtmlElement | None, around: frozenset[lxml.html.HtmlElement]
) -> bool:
    """Is a text node (held by `holder`) inside a link or a caption (a few levels up) that
    does not also hold the headline (`around`: the headline's ancestors)?"""
    el = holder
    for _ in range(_LINK_DEPTH):
        if el is None or not isinstance(el.tag, str):
            return False
        if el.tag in ("a", "figcaption"):
            return el not in around
        el = el.getparent()
    return False


# How far up a text node's elements are checked for a link or caption: "<a><span><time>".
_LINK_DEPTH = 3


def _dateline_names(text: str) -> list[str]:
    """ "04.02.2022 | 13:10 Uhr | Uta Muster", "25.10.2022 - Reiner Muster", "06.11.2023 von
    Olga": the name after the date, set off by a separator or "von"/"by". One bare word
    needs the lead word: after a dash it may be a place."""
    spans = date_spans(text)
    if not spans:
        return []
    tail = rules.DATELINE_NAME_RE.match(text, max(end for _, end in spans))
    if tail is None:
        return []
    names = split_names(tail.group("name"), strict=True)
    if tail.group("lead") or tail.group("lead2") or all(" " in name for name in names):
        return names
    return []


def _headline(doc: lxml.html.HtmlElement, title: str | None) -> lxml.html.HtmlElement | None:
    if title:
        for heading in in_body(doc, *_HEADING_TAGS):
            if headline_matches(_text(heading), title):
                return heading
    return next((h1 for h1 in in_body(doc, "h1") if not is_logo(h1)), None)
