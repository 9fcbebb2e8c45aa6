"""Stage 2: text -> lxml tree.

lxml's HTML parser recovers from most broken markup. When it yields no body at all
(some pages confuse it badly), BeautifulSoup's more forgiving tree builder is tried.
"""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree

logger = logging.getLogger(__name__)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """Parse an HTML document; None when nothing usable can be built."""
    # lxml refuses str input that carries an encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        logger.debug("lxml could not parse the document (%s); trying BeautifulSoup", exc)
        doc = None
    if doc is not None and doc.find("body") is not None:
        return doc
    return _parse_with_soup(text) or doc


def _parse_with_soup(text: str) -> lxml.html.HtmlElement | None:
    from lxml.html import soupparser

    try:
        return soupparser.fromstring(text)
    except Exception as exc:  # bs4 raises many kinds on hostile input
        logger.debug("BeautifulSoup could not parse the document either: %s", exc)
        return None
