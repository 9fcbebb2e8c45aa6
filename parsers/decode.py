"""Stage 1: bytes -> text.

The encoding is chosen in this order (w3lib's `html_to_unicode`): byte-order mark, the
charset of the HTTP Content-Type header, the `<meta>` / XML declaration, then detection.
Declarations are checked: when the declared codec leaves replacement characters in the
text and detection finds a codec that decodes cleanly, detection wins (pages that say
UTF-8 but hold GBK or windows-1252 bytes are common). GB2312 and GBK are decoded as
gb18030, their superset, so rare characters survive.

The text is then put in Unicode normal form C: a page written on a Mac often spells "ü"
as "u" + U+0308, and Bengali or Devanagari pages mix precomposed and decomposed letters.
NFC makes the same word the same string in every output (search, dedup, the datasets).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import charset_normalizer
from w3lib.encoding import html_to_unicode

# Codecs whose superset decodes strictly more pages with the same result.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "big5": "big5hkscs",
}

# Content types that are certainly not an HTML page.
_NOT_HTML_TYPES = re.compile(
    r"^(image|audio|video|font)/|^application/(pdf|zip|gzip|octet-stream|json|javascript|"
    r"x-tar|vnd\.|msword|x-shockwave)",
    re.IGNORECASE,
)
_HTML_MARKERS = re.compile(
    r"<\s*(html|head|body|div|p|article|title|meta|link|style|script|!doctype)\b", re.I
)
# How far into a body to look for those markers: pages may open with a long inline
# <style> or <script> block before any other tag (one dev page has 4 KB of CSS first).
_SNIFF_CHARS = 65_536
# More than one NUL in this many characters of the sniffed head is not text (a dev page
# holds a lone NUL 34 KB in, inside an otherwise ordinary article).
_MAX_NUL_SHARE = 100


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str | None


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _normalise(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return _SUPERSETS.get(name, name)


def decode_html(data: bytes | str, headers: Mapping[str, str] | None = None) -> DecodedPage:
    """Decode a page to NFC text. Never raises; undecodable bytes become U+FFFD."""
    if isinstance(data, str):
        return DecodedPage(_nfc(data), None)
    if not data:
        return DecodedPage("", None)
    content_type = _header(headers, "content-type")
    encoding, text = html_to_unicode(content_type, data)
    encoding = _normalise(encoding)
    if encoding != codecs.lookup("utf-8").name or "\ufffd" in text:
        text = data.decode(encoding, errors="replace")
    if "\ufffd" in text:
        better = _detect(data)
        if better and better != encoding:
            candidate = data.decode(better, errors="replace")
            if candidate.count("\ufffd") < text.count("\ufffd"):
                return DecodedPage(_nfc(candidate), better)
    return DecodedPage(_nfc(text), encoding)


def _nfc(text: str) -> str:
    # The quick check alone costs little; most pages are NFC already.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _detect(data: bytes) -> str | None:
    match = charset_normalizer.from_bytes(data[:200_000]).best()
    if match is None:
        return None
    return _normalise(match.encoding)


def looks_like_html(text: str, headers: Mapping[str, str] | None = None) -> bool:
    """False for bodies that are certainly not an HTML document."""
    content_type = _header(headers, "content-type") or ""
    if _NOT_HTML_TYPES.search(content_type.strip()):
        return False
    head = text[:_SNIFF_CHARS]
    if head.count("\x00") * _MAX_NUL_SHARE > len(head):
        return False  # binary, or UTF-16 read as bytes; a stray NUL or two is still HTML
    return bool(_HTML_MARKERS.search(head))
