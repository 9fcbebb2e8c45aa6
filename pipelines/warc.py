"""WARC capture: every downloaded response, with its request, into rotating WARC files.

`WarcCaptureExtension` listens to Scrapy's `response_downloaded` signal. It fires before
the downloader middlewares, so the body is still as sent (Content-Encoding kept,
chunking removed); it sees redirects and retries, and not HTTP cache hits. Each fetch
becomes an `archive.capture.HttpCapture` written by `archive.warc.WarcWriter`; the
response record's location goes into ``request.meta["archivist_warc"]`` and its
WARC-Date into ``request.meta["archivist_fetched_at"]`` (the response shares the
request's meta, so the spider callback sees both).

Settings (one home each; defaults in `from_crawler`):
- ARCHIVIST_WARC_ENABLED (default True): False switches the extension off;
- ARCHIVIST_WARC_DIR: the folder for WARC files, required when enabled;
- ARCHIVIST_WARC_PREFIX (default "archivist"): the first part of every file name;
- ARCHIVIST_WARC_MAX_SIZE (default 1 GB): rotate before a file would pass this size;
- ARCHIVIST_CRAWL_ID: written into every warcinfo record as `archivist-crawl-id`;
- ROBOTSTXT_OBEY and USER_AGENT: written into warcinfo as `robots` and
  `http-header-user-agent`.

Stats: archivist/warc/records, archivist/warc/bytes (all records, warcinfo included),
archivist/warc/errors (failed writes), archivist/warc/files (finished file names).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from archive.capture import (
    FIELD_DISCOVERY,
    FIELD_HOPS,
    FIELD_PAGE_KIND,
    FIELD_VIA,
    HttpCapture,
    warc_date,
)
from archive.warc import DEFAULT_MAX_SIZE, WarcWriter

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "archivist"
# Header bytes are decoded 1:1 so no byte is lost (HTTP field values are octets).
HEADER_ENCODING = "latin-1"

# request.meta keys this extension writes...
META_LOCATION = "archivist_warc"
META_FETCHED_AT = "archivist_fetched_at"
# ...and reads: what the spider knows of the request, kept in the capture's metadata
# record (the spider sets them).
META_KIND = "archivist_kind"
META_HOPS = "archivist_hops"
META_DISCOVERY = "archivist_discovery"

STAT_RECORDS = "archivist/warc/records"
STAT_BYTES = "archivist/warc/bytes"
STAT_ERRORS = "archivist/warc/errors"
STAT_FILES = "archivist/warc/files"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def header_pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    """Every (name, value) of Scrapy `Headers`, repeated names kept, decoded as latin-1.

    `headers[name]` would give only the last value; `items()` gives every value.
    """
    return tuple(
        (_text(name), _text(value)) for name, values in headers.items() for value in values
    )


def _text(value: bytes | str) -> str:
    return value.decode(HEADER_ENCODING) if isinstance(value, bytes) else value


def _ip_text(ip_address: object) -> str | None:
    return str(ip_address) if ip_address is not None else None


def capture_from(request: Request, response: Response, fetched_at: datetime) -> HttpCapture:
    """The HttpCapture of one Scrapy fetch (the body as downloaded, still encoded)."""
    return HttpCapture(
        url=response.url,
        method=request.method,
        request_headers=header_pairs(request.headers),
        request_body=request.body,
        status=response.status,
        protocol=response.protocol or "HTTP/1.1",
        response_headers=header_pairs(response.headers),
        body=response.body,
        ip_address=_ip_text(response.ip_address),
        fetched_at=fetched_at,
    )


def capture_metadata(request: Request) -> list[tuple[str, str]]:
    """The warc-fields of a capture's metadata record, from what the spider put in
    request.meta: page kind, hops from seed, referrer and discovery facts."""
    meta = request.meta
    fields: list[tuple[str, str]] = []
    discovery = meta.get(META_DISCOVERY) or {}
    if discovery.get("referrer"):
        fields.append((FIELD_VIA, str(discovery["referrer"])))
    if META_HOPS in meta:
        fields.append((FIELD_HOPS, str(meta[META_HOPS])))
    if meta.get(META_KIND):
        fields.append((FIELD_PAGE_KIND, str(meta[META_KIND])))
    if discovery:
        fields.append((FIELD_DISCOVERY, json.dumps(discovery, ensure_ascii=True, sort_keys=True)))
    return fields


def warcinfo_fields(settings: Any) -> dict[str, str]:
    """The crawl facts every warcinfo record carries."""
    return {
        "archivist-crawl-id": settings.get("ARCHIVIST_CRAWL_ID") or "",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT") or "",
    }


class WarcCaptureExtension:
    """Writes a request and a response WARC record for every downloaded response."""

    def __init__(
        self,
        writer: WarcWriter,
        stats: StatsCollector,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._writer = writer
        self._stats = stats
        self._clock = clock

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("ARCHIVIST_WARC_ENABLED", True):
            raise NotConfigured("ARCHIVIST_WARC_ENABLED is False")
        directory = settings.get("ARCHIVIST_WARC_DIR")
        if not directory:
            # Fail loudly: silently not archiving would lose the crawl's WARCs.
            raise ValueError("ARCHIVIST_WARC_DIR must be set when ARCHIVIST_WARC_ENABLED is on")
        writer = WarcWriter(
            Path(directory),
            prefix=settings.get("ARCHIVIST_WARC_PREFIX", DEFAULT_PREFIX),
            max_size=settings.getint("ARCHIVIST_WARC_MAX_SIZE", DEFAULT_MAX_SIZE),
            warcinfo=warcinfo_fields(settings),
        )
        assert crawler.stats is not None
        extension = cls(writer, crawler.stats)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def response_downloaded(self, response: Response, request: Request) -> None:
        """Archive one fetch; a failure is logged and counted, never raised."""
        fetched_at = self._clock()
        try:
            location = self._writer.write_capture(
                capture_from(request, response, fetched_at), capture_metadata(request)
            )
        except Exception:  # a broken archive must not stop the crawl; the error is counted
            logger.exception("Could not write the WARC records of %s", response.url)
            self._stats.inc_value(STAT_ERRORS)
            return
        request.meta[META_LOCATION] = location
        request.meta[META_FETCHED_AT] = warc_date(fetched_at)
        self._record_stats()

    def spider_closed(self) -> None:
        """Finish the current file and publish the list of files written."""
        try:
            self._writer.close()
        finally:
            self._record_stats()
            names = _names(self._writer.files)
            self._stats.set_value(STAT_FILES, names)
            logger.info("Wrote %d WARC file(s): %s", len(names), ", ".join(names))

    def _record_stats(self) -> None:
        self._stats.set_value(STAT_RECORDS, self._writer.records_written)
        self._stats.set_value(STAT_BYTES, self._writer.bytes_written)


def _names(paths: Iterable[Path]) -> list[str]:
    return [path.name for path in paths]
