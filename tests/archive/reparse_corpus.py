"""Crawl folders for the reparse tests and bench/archive.py, written with WarcWriter.

Pages are the sample site's real article HTML. Each "round" captures every article under
a host (two hosts, alternating) on its own day, each round with its own edition line in
the text; the first round also gets a listing page,
a 404 and an image, a second copy of one page at another URL (an identical-payload
revisit in the same crawl), a re-fetch of an unchanged page (a revisit of the same URL).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive.capture import FIELD_DISCOVERY, FIELD_PAGE_KIND, HttpCapture
from archive.index import merge_indexes, write_file_index
from archive.layout import CrawlLayout
from archive.revisits import MemoryDigestIndex, PayloadDedup
from archive.warc import WarcWriter
from crawler.sample_site import EXPECTED_ARTICLES, WWW_ROOT

HOSTS = ("https://news.example.com", "https://www.other.example.org")
FIRST_DAY = datetime(2024, 4, 20, 10, 0, tzinfo=UTC)
HTML_TYPE = "text/html; charset=utf-8"


def article_pages() -> list[tuple[str, bytes]]:
    """(path, HTML bytes) of the sample site's article pages."""
    pages = []
    for article in EXPECTED_ARTICLES:
        path = WWW_ROOT / article.path.lstrip("/")
        if path.is_file():
            pages.append((article.path, path.read_bytes()))
    return pages


def capture(
    url: str, body: bytes, when: datetime, *, status: int = 200, kind: str = HTML_TYPE
) -> HttpCapture:
    return HttpCapture(
        url=url,
        method="GET",
        request_headers=(("User-Agent", "Archivist-test"),),
        request_body=b"",
        status=status,
        protocol="HTTP/1.1",
        response_headers=(("Content-Type", kind), ("Content-Length", str(len(body)))),
        body=body,
        ip_address="203.0.113.7",
        fetched_at=when,
    )


def _metadata(page_kind: str) -> list[tuple[str, str]]:
    discovery = {"via": "link", "referrer": HOSTS[0] + "/"}
    return [(FIELD_PAGE_KIND, page_kind), (FIELD_DISCOVERY, json.dumps(discovery, sort_keys=True))]


def _extras(pages: list[tuple[str, bytes]], when: datetime) -> Iterator[tuple[HttpCapture, str]]:
    host = HOSTS[0]
    first_path, first_body = pages[0]
    yield capture(host + "/", (WWW_ROOT / "index.html").read_bytes(), when), "listing"
    yield capture(host + "/missing.html", b"<html>gone</html>", when, status=404), "article"
    yield capture(host + "/logo.png", b"\x89PNG" + bytes(2000), when, kind="image/png"), "asset"
    yield capture(host + "/copy" + first_path, first_body, when), "article"  # revisit, other URL
    yield capture(host + first_path, first_body, when + timedelta(hours=1)), "article"  # unchanged


def _edition(pages: list[tuple[str, bytes]], label: str) -> list[tuple[str, bytes]]:
    """The pages with their first paragraph marked: their own text and payload."""
    if not label:
        return pages
    marked = f"<p>Edition {label}. ".encode()
    return [(path, body.replace(b"<p>", marked, 1)) for path, body in pages]


def _captures(rounds: int, edition: str) -> Iterator[tuple[HttpCapture, str]]:
    for number in range(rounds):
        pages = _edition(article_pages(), f"{number}{edition}" if number or edition else "")
        when = FIRST_DAY + timedelta(days=number)
        host = HOSTS[number % len(HOSTS)]
        prefix = f"/r{number}" if number >= len(HOSTS) else ""
        for path, body in pages:
            yield capture(host + prefix + path, body, when), "article"
        if number == 0:
            yield from _extras(pages, when)


def write_crawl(
    out: Path,
    rounds: int = 2,
    *,
    crawl_id: str = "c1",
    max_size: int = 60_000,
    index: bool = True,
    edition: str = "",
) -> CrawlLayout:
    """A crawl folder OUT/site/<crawl_id> with WARC files (rotated at `max_size`) and,
    with `index`, its per-file and merged CDXJ indexes. Another `edition` changes the
    text of every page (a later crawl then writes version 2 of each)."""
    layout = CrawlLayout.create(out, "site", crawl_id)
    counter = itertools.count(1)
    dedup = PayloadDedup(MemoryDigestIndex())
    with WarcWriter(
        layout.warc_dir,
        prefix=f"test-{crawl_id}",
        max_size=max_size,
        warcinfo={"archivist-crawl-id": crawl_id},
        clock=lambda: FIRST_DAY,
        make_record_id=lambda: f"<urn:uuid:{crawl_id}-{next(counter):08d}>",
        hostname="crawler-01",
        pid=4242,
    ) as writer:
        for page, kind in _captures(rounds, edition):
            revisit = dedup.revisit_for(page)
            location = writer.write_capture(page, _metadata(kind), revisit)
            if revisit is None:
                dedup.stored(page, location)
    if index:
        for path in writer.files:
            write_file_index(path, layout.index_dir)
        merge_indexes(layout.index_dir.glob("*.cdxj"), layout.index)
    return layout
