"""What the URL and `<link>` elements say: canonical URL and a date in the path."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from parsers.metadata.dates import date_from_url
from parsers.metadata.found import Found

_CANONICAL = etree.XPath(
    "//link[contains(concat(' ', translate(@rel, 'CANONICAL', 'canonical'), ' '),"
    " ' canonical ')]/@href"
)


def read_links(doc: lxml.html.HtmlElement) -> list[str]:
    """`<link rel="canonical">` targets, as written."""
    return [str(href).strip() for href in _CANONICAL(doc) if str(href).strip()]


def absolute_url(href: str, base: str) -> str | None:
    """`href` made absolute against the page URL; None unless the result is http(s)."""
    try:
        joined = urljoin(base, href) if base else href
    except ValueError:
        return None
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def read_url(url: str) -> Found:
    try:
        path = urlsplit(url).path
    except ValueError:
        return Found()
    date = date_from_url(path) if path else None
    return Found(published=[date] if date else [])


def host_name(url: str) -> str | None:
    """ "https://www.example.at/a/b" -> "example.at"; None without a host."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
