"""Stage 2: text -> lxml tree.

lxml's HTML parser recovers from most broken markup. When it yields no body at all
(some pages confuse it badly), BeautifulSoup's more forgiving tree builder is tried.
"""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree

from parsers.textutil import CODE_TAGS

logger = logging.getLogger(__name__)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters lxml refuses in text it is given later (el.text = ...; drop_tree() does it):
# C0 controls but tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. Found by fuzzing.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The C0 controls among them, as UTF-8 bytes: pages are tested for them with bytes.translate,
# a sixth of the cost of the regex scan, which then runs only on the rare page that has one.
_C0_CONTROLS = bytes(c for c in range(0x20) if chr(c) not in "\t\n\r")

# libxml2's HTML parser checks each attribute against the tag's others: time grows with
# the square of a tag's attribute count (40,000 attributes take 9 s, a million would take
# hours). Tags longer than _LONG_TAG_CHARS characters (no real page has one, short of a data:
# URI) keep their attributes only if they have at most _MAX_ATTRIBUTES of them.
_LONG_TAG_CHARS = 65_536
_MAX_ATTRIBUTES = 1_000
_LONG_TAG = re.compile(rf"<([A-Za-z][\w:-]*)([^<>]{{{_LONG_TAG_CHARS},}})>")


# lxml.html's element class lookup is a Python method, called each time lxml makes a proxy for
# an element (every pass over a page makes hundreds). The same classes, looked up in C.
_CLASS_LOOKUP = etree.ElementNamespaceClassLookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
_CLASS_LOOKUP.get_namespace(None).update(
    {
        "form": lxml.html.FormElement,
        "input": lxml.html.InputElement,
        "label": lxml.html.LabelElement,
        "select": lxml.html.SelectElement,
        "textarea": lxml.html.TextareaElement,
    }
)


def _bare_tag(match: re.Match[str]) -> str:
    if match[2].count("=") <= _MAX_ATTRIBUTES:
        return match[0]
    return f"<{match[1]}>"


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """Parse an HTML document; None when nothing usable can be built."""
    # A declared encoding would be wrong once the text is given as UTF-8.
    text, data = _xml_safe(_XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return None
    # A long tag needs a run of _LONG_TAG_CHARS characters without "<": splitting costs a
    # third of the regex scan, which is run only when such a run exists.
    if len(data) > _LONG_TAG_CHARS and max(map(len, data.split(b"<"))) > _LONG_TAG_CHARS:
        text = _LONG_TAG.sub(_bare_tag, text)
        data = text.encode("utf-8")
    # UTF-8 bytes, not str: libxml2 parses them about 15 % faster than lxml's str input.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    parser.set_element_class_lookup(_CLASS_LOOKUP)
    try:
        doc = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        logger.debug("lxml could not parse the document (%s); trying BeautifulSoup", exc)
        doc = None
    if doc is not None and doc.find("body") is not None:
        return doc
    soup = _parse_with_soup(text)
    return soup if soup is not None else doc


def _xml_safe(text: str) -> tuple[str, bytes]:
    """`text` without the characters lxml refuses (`_NOT_XML_CHARS`), and as UTF-8."""
    try:
        data = text.encode("utf-8")  # fails on a lone surrogate
    except UnicodeEncodeError:
        data = None
    if (
        data is None
        or len(data.translate(None, _C0_CONTROLS)) != len(data)
        or "\ufffe" in text
        or "\uffff" in text
    ):
        text = _NOT_XML_CHARS.sub("", text)
        data = text.encode("utf-8")
    return text, data


def body_text(doc: lxml.html.HtmlElement) -> str:
    """All text of the page's body (of the document when it has none), script text too:
    read once, for the stages' cheap "does the page hold this word at all?" tests."""
    return str(_body(doc).text_content())


def shown_text(doc: lxml.html.HtmlElement, text: str | None = None) -> str:
    """`body_text` (given as `text` when the caller has it) without the text of the body's
    scripts and style sheets: the words a reader can see. Script state is full of colons
    and labels ("author":), which made the byline scan's label test four times slower."""
    body = _body(doc)
    if text is None:
        text = str(body.text_content())
    parts: list[str] = []
    at = 0
    for code in body.iter(*CODE_TAGS):
        own = code.text
        start = text.find(own, at) if own else -1
        if start >= 0:
            parts.append(text[at:start])
            at = start + len(own)
    parts.append(text[at:])
    return "".join(parts)


def _body(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = doc.find("body")
    return body if body is not None else doc


def _parse_with_soup(text: str) -> lxml.html.HtmlElement | None:
    from lxml.html import soupparser

    try:
        return soupparser.fromstring(text)
    except Exception as exc:  # bs4 raises many kinds on hostile input
        logger.debug("BeautifulSoup could not parse the document either: %s", exc)
        return None
