"""Tests of archive/. Shared builders for the WARC tests live here."""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from archive.capture import HttpCapture
from archive.warc import WarcWriter

FETCHED_AT = datetime(2024, 4, 20, 10, 30, 0, 123456, tzinfo=UTC)
FILE_OPENED_AT = datetime(2024, 4, 20, 10, 29, 59, tzinfo=UTC)
HTML = "<html><head><title>新闻</title></head><body><p>正文</p></body></html>".encode()
GZIPPED_HTML = gzip.compress(HTML, mtime=0)
CRAWL_ID = "crawl-2024-04-20"


def record_ids() -> Callable[[], str]:
    """Deterministic record IDs: <urn:uuid:00000000-0000-0000-0000-000000000001>, ..."""
    counter = itertools.count(1)
    return lambda: f"<urn:uuid:00000000-0000-0000-0000-{next(counter):012d}>"


def make_capture(
    url: str = "https://news.example.com/article/1?page=2&lang=zh",
    *,
    body: bytes = GZIPPED_HTML,
    protocol: str = "HTTP/1.1",
    status: int = 200,
    ip_address: str | None = "203.0.113.7",
) -> HttpCapture:
    """A gzip-encoded HTML response with repeated Set-Cookie and Link headers and a
    Transfer-Encoding header that the writer must drop."""
    return HttpCapture(
        url=url,
        method="GET",
        request_headers=(("User-Agent", "Archivist-test"), ("Accept-Encoding", "gzip, br")),
        request_body=b"",
        status=status,
        protocol=protocol,
        response_headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
            ("Set-Cookie", "a=1; Path=/"),
            ("Set-Cookie", "b=2; Path=/"),
            ("Link", "</style.css>; rel=preload"),
            ("Link", "</app.js>; rel=preload"),
        ),
        body=body,
        ip_address=ip_address,
        fetched_at=FETCHED_AT,
    )


def make_writer(directory: Path, **overrides: object) -> WarcWriter:
    """A writer with an injected clock, record IDs, host and pid."""
    options: dict[str, object] = {
        "prefix": "test",
        "warcinfo": {"archivist-crawl-id": CRAWL_ID, "robots": "obey"},
        "clock": lambda: FILE_OPENED_AT,
        "make_record_id": record_ids(),
        "hostname": "crawler-01",
        "pid": 4242,
    }
    options.update(overrides)
    return WarcWriter(directory, **options)  # type: ignore[arg-type]
