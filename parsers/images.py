"""Images of the body: their absolute URL, caption and credit.

URL, in this order: lazy-loading attributes (data-src, data-original, ...), then the
largest `srcset` candidate, then `src`; placeholders (data: URIs, blank.gif) are skipped;
the result is joined with the page URL. Captions come from <figcaption> or from a short
paragraph right under the image (see `parsers.blocks`); the credit is split off the end
of the caption ("(Photo/Yuxinou)" -> credit "Photo/Yuxinou").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from parsers.article import Image
from parsers.rules import captions as rules
from parsers.textutil import collapse, marks

_SRCSET_ITEM = re.compile(r"(\S+)(?:\s+(\d+(?:\.\d+)?)[wx])?")
# Images smaller than this (width or height attribute, pixels) are icons or trackers.
_MIN_SIDE = 40


def image_from(img: Any, base_url: str) -> Image | None:
    """An `Image` for an <img> element, or None for icons, trackers and placeholders."""
    if _tiny(img) or rules.DECORATIVE_IMG_NAMES.search(marks(img)):
        return None
    src = _source(img)
    if not src:
        return None
    try:
        url = urljoin(base_url, src) if base_url else src
    except ValueError:
        return None
    alt = collapse(img.get("alt") or "") or None
    return Image(url=url, alt=alt)


def _tiny(img: Any) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _MIN_SIDE:
            return True
    return False


def _source(img: Any) -> str | None:
    for attr in rules.LAZY_SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not rules.PLACEHOLDER_SRC.search(value):
            return value
    for attr in rules.LAZY_SRCSET_ATTRS:
        best = _largest(img.get(attr) or "")
        if best:
            return best
    return None


def _largest(srcset: str) -> str | None:
    best, best_size = None, -1.0
    for item in srcset.split(","):
        match = _SRCSET_ITEM.match(item.strip())
        if not match or match.group(1).startswith("data:"):
            continue
        size = float(match.group(2) or 0)
        if size > best_size:
            best, best_size = match.group(1), size
    return best


def split_credit(caption: str) -> tuple[str, str | None]:
    """(caption without the credit, credit) -- credit None when there is none."""
    text = collapse(caption)
    if credit_only(text):
        return "", text
    group = rules.TRAILING_GROUP.search(text)
    if group and credit_only(group.group("credit")):
        return text[: group.start()].strip(), collapse(group.group("credit"))
    for pattern in rules.CREDIT_PATTERNS:
        match = pattern.search(text)
        if match:
            rest = text[: match.start()].strip()
            return rest, collapse(match.group("credit"))
    return text, None


def with_caption(image: Image, caption: str) -> Image:
    text, credit = split_credit(caption)
    return Image(url=image.url, alt=image.alt, caption=text or None, credit=credit)


def caption_like(el: Any) -> bool:
    """Styled or named like a caption: centred, or a caption class."""
    style = el.get("style") or ""
    if rules.CENTRED_STYLE.search(style) or (el.get("align") or "").lower() == "center":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(rules.CAPTION_CLASS.search(names))


def has_credit(text: str) -> bool:
    return any(p.search(text) for p in rules.CREDIT_PATTERNS)


def credit_only(text: str) -> bool:
    """True for a caption that is nothing but a photo credit ("AFP / Jane Doe")."""
    if not text or len(text.split()) > rules.CREDIT_ONLY_MAX_WORDS:
        return False
    return any(p.search(text) for p in rules.CREDIT_ONLY)
