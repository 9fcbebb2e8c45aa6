"""Pathological HTML: extract() returns (never raises), in bounded time and memory.

Bounds are generous on purpose (CI machines are slow); each case notes what it takes
on a developer machine.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from parsers import Article, ExtractionStatus, extract

PARAGRAPH = (
    b"<p>" + b"The river ferry returned to service on Tuesday after ten years. " * 4 + b"</p>"
)


def nested_divs() -> bytes:  # 0.3 s: libxml2 stops nesting at its depth limit
    return (
        b"<html><body>" + b"<div>" * 100_000 + PARAGRAPH + b"</div>" * 100_000 + b"</body></html>"
    )


def huge_text_node() -> bytes:  # ~17 s: 10 MB in one <p>
    return b"<html><body><article><p>" + b"word " * 2_000_000 + b"</p></article></body></html>"


def million_attributes() -> bytes:  # 2.5 s: parsers.tree drops the attributes of such a tag
    attributes = b" ".join(b"a%d=x" % i for i in range(1_000_000))
    return b"<html><body><div " + attributes + b">" + PARAGRAPH * 4 + b"</div></body></html>"


def broken_entities() -> bytes:  # < 1 s
    junk = b"&amp &#xZZ; &#99999999; &bogus; &#0; &#xD800; &lt &#; &#x110000;" * 20_000
    return (
        b"<html><body><article><p>" + junk + b"</p>" + PARAGRAPH * 4 + b"</article></body></html>"
    )


def mixed_encodings() -> bytes:  # < 1 s: UTF-8, GBK and Latin-1 bytes in one page
    return (
        b'<html><head><meta charset="utf-8"></head><body><article><p>'
        + "café ".encode() * 200
        + "重庆的轮渡".encode("gbk") * 200
        + "Müller ".encode("latin-1") * 200
        + b"</p>"
        + PARAGRAPH * 4
        + b"</article></body></html>"
    )


CASES: dict[str, tuple[Callable[[], bytes], float]] = {
    "100k nested divs": (nested_divs, 30.0),
    "10 MB text node": (huge_text_node, 120.0),
    "a million attributes": (million_attributes, 30.0),
    "broken entities": (broken_entities, 30.0),
    "mixed encodings": (mixed_encodings, 30.0),
}
# Peak Python allocations while extracting, over the input size.
MEMORY_FACTOR = 40


@pytest.mark.parametrize("name", CASES)
def test_extract_survives(name: str) -> None:
    make, seconds = CASES[name]
    html = make()
    tracemalloc.start()
    started = time.monotonic()
    try:
        article = extract(html, "http://example.com/2024/04/story.html")
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(article, Article)
    assert isinstance(article.extraction_status, ExtractionStatus)
    assert elapsed < seconds, f"{name}: {elapsed:.1f} s"
    assert peak < MEMORY_FACTOR * len(html) + 50_000_000, f"{name}: {peak / 1e6:.0f} MB"


def test_a_million_attributes_still_gives_the_text() -> None:
    article = extract(million_attributes(), "http://example.com/2024/04/story.html")
    assert "river ferry returned" in article.text


def test_mixed_encodings_keep_the_valid_text() -> None:
    article = extract(mixed_encodings(), "http://example.com/2024/04/story.html")
    assert "The river ferry returned" in article.text
