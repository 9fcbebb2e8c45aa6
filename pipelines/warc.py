"""WARC capture: every downloaded response, with its request, into rotating WARC files.

`WarcCaptureExtension` listens to Scrapy's `response_downloaded` signal. It fires before
the downloader middlewares, so the body is still as sent (Content-Encoding kept,
chunking removed); it sees redirects and retries, and not HTTP cache hits. Each fetch
becomes an `archive.capture.HttpCapture` written by `archive.warc.WarcWriter`; the
response record's location goes into ``request.meta["archivist_warc"]`` and its
WARC-Date into ``request.meta["archivist_fetched_at"]`` (the response shares the
request's meta, so the spider callback sees both).

`.open` files left in the WARC folder by a killed run are finalized first
(archive.finalize), so a resumed crawl carries on from whole files.

Payload dedup (archive.revisits): a 2xx body already stored, in this crawl or an earlier
crawl of the site (the state store's digest index), is written as an
identical-payload-digest `revisit`; a 304 to a conditional request whose meta names the
prior record (``archivist_previous``) as a server-not-modified `revisit`. The record IDs
of revisits that give no article line (archive.revisits.revisit_gives_article) are
remembered; `pipelines.unchanged.UnchangedPayloadPipeline` drops their items, as reparse
skips them.

Settings (one home each: crawler.settings; the defaults here apply without it):
- ARCHIVIST_WARC_ENABLED (default True): False switches the extension off;
- ARCHIVIST_WARC_DIR: the folder for WARC files, required when enabled;
- ARCHIVIST_WARC_PREFIX (default "archivist"): the first part of every file name;
- ARCHIVIST_WARC_MAX_SIZE (default 1 GB): rotate before a file would pass this size;
- ARCHIVIST_WARC_DEDUP (default True): write revisit records for repeated payloads;
- ARCHIVIST_WARC_DEDUP_MIN_SIZE (default 1024): smaller bodies are stored again;
- ARCHIVIST_STATE_DB: the site's state store, whose digest index makes dedup work
  across crawls; without it dedup is within the crawl only;
- ARCHIVIST_WARC_ARTICLE_RECORDS (default False): also write each scraped article's
  JSON as a `metadata` record referring to its response record;
- ARCHIVIST_INDEX_DIR: when set, a CDXJ index of every finished WARC file is written
  there, and merged into ARCHIVIST_INDEX_DIR/../index.cdxj when the spider closes;
- ARCHIVIST_CRAWL_ID: written into every warcinfo record as `archivist-crawl-id`;
- ROBOTSTXT_OBEY and USER_AGENT: written into warcinfo as `robots` and
  `http-header-user-agent`;
- ARCHIVIST_WARC_KEEP_SECRETS (default False): keep Authorization, Cookie and
  Proxy-Authorization in request records; warcinfo's `archivist-request-secrets` says
  which policy was used.

Stats: archivist/warc/records, archivist/warc/bytes (all records, warcinfo included),
archivist/warc/errors (failed writes), archivist/warc/files (finished file names),
archivist/warc/revisits/<profile> and archivist/warc/dedup_bytes (payload bytes not
stored again).
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
    FIELD_FETCH_TIME,
    FIELD_HOPS,
    FIELD_PAGE_KIND,
    FIELD_VIA,
    HttpCapture,
    Revisit,
    warc_date,
)
from archive.finalize import finalize_file, stale_open_files
from archive.index import merge_indexes, write_file_index
from archive.records import to_json_line
from archive.revisits import (
    DEFAULT_MIN_SIZE,
    DigestIndex,
    MemoryDigestIndex,
    PayloadDedup,
    PreviousRecord,
    revisit_gives_article,
)
from archive.state import CrawlState
from archive.warc import DEFAULT_MAX_SIZE, WarcWriter
from pipelines.state import open_store

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "archivist"
# Header bytes are decoded 1:1 so no byte is lost (HTTP field values are octets).
HEADER_ENCODING = "latin-1"
# The merged index of a crawl, next to ARCHIVIST_INDEX_DIR.
MERGED_INDEX_NAME = "index.cdxj"

# Request headers that carry credentials (HTTP auth, session cookies, proxy logins): left
# out of request records unless ARCHIVIST_WARC_KEEP_SECRETS is on; warcinfo says which.
SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
KEEP_SECRETS_SETTING = "ARCHIVIST_WARC_KEEP_SECRETS"

# request.meta keys this extension writes...
META_LOCATION = "archivist_warc"
META_FETCHED_AT = "archivist_fetched_at"
# ...and reads: what the spider knows of the request, kept in the capture's metadata
# record (the spider sets them).
META_KIND = "archivist_kind"
META_HOPS = "archivist_hops"
META_DISCOVERY = "archivist_discovery"
# Set by a cluster worker (crawler.distributed.capture) on a request that a worker which
# died archived already: the extension does not capture it again.
META_ARCHIVED = "archivist_archived"
# For a conditional re-fetch, the prior response record (uri, warc_date, record_id,
# payload_digest): a 304 is archived as a server-not-modified revisit of it.
META_PREVIOUS = "archivist_previous"
# Set on a request re-issued from the frontier's pending list after a run died.
META_RESUMED = "archivist_resumed"
# Set by Scrapy's downloader: seconds from sending the request to the response.
META_DOWNLOAD_LATENCY = "download_latency"

STAT_RECORDS = "archivist/warc/records"
STAT_BYTES = "archivist/warc/bytes"
STAT_ERRORS = "archivist/warc/errors"
STAT_FILES = "archivist/warc/files"
STAT_REVISITS = "archivist/warc/revisits/"
STAT_DEDUP_BYTES = "archivist/warc/dedup_bytes"


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


def without_secrets(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """`pairs` without the headers that carry credentials (SECRET_HEADERS)."""
    return tuple((name, value) for name, value in pairs if name.lower() not in SECRET_HEADERS)


def capture_from(
    request: Request, response: Response, fetched_at: datetime, *, keep_secrets: bool = False
) -> HttpCapture:
    """The HttpCapture of one Scrapy fetch (the body as downloaded, still encoded).
    The request's credentials (SECRET_HEADERS) are left out unless `keep_secrets`."""
    request_headers = header_pairs(request.headers)
    return HttpCapture(
        url=response.url,
        method=request.method,
        request_headers=request_headers if keep_secrets else without_secrets(request_headers),
        request_body=request.body,
        status=response.status,
        protocol=response.protocol or "HTTP/1.1",
        response_headers=header_pairs(response.headers),
        body=response.body,
        ip_address=_ip_text(response.ip_address),
        fetched_at=fetched_at,
    )


def capture_metadata(request: Request) -> list[tuple[str, str]]:
    """The warc-fields of a capture's metadata record, from what the spider and the
    downloader put in request.meta: referrer, hops from seed, fetch time, page kind and
    discovery facts."""
    meta = request.meta
    fields: list[tuple[str, str]] = []
    discovery = meta.get(META_DISCOVERY) or {}
    if discovery.get("referrer"):
        fields.append((FIELD_VIA, str(discovery["referrer"])))
    if META_HOPS in meta:
        fields.append((FIELD_HOPS, str(meta[META_HOPS])))
    latency = meta.get(META_DOWNLOAD_LATENCY)
    if latency is not None:
        fields.append((FIELD_FETCH_TIME, str(round(float(latency) * 1000))))
    if meta.get(META_KIND):
        fields.append((FIELD_PAGE_KIND, str(meta[META_KIND])))
    if discovery:
        fields.append((FIELD_DISCOVERY, json.dumps(discovery, ensure_ascii=True, sort_keys=True)))
    return fields


def previous_record(request: Request) -> PreviousRecord | None:
    """The prior record a conditional request was based on, from request.meta."""
    facts = request.meta.get(META_PREVIOUS)
    if not facts or not facts.get("record_id"):
        return None
    return PreviousRecord(
        uri=str(facts["uri"]),
        warc_date=str(facts["warc_date"]),
        record_id=str(facts["record_id"]),
        payload_digest=facts.get("payload_digest"),
    )


def warcinfo_fields(settings: Any) -> dict[str, str]:
    """The crawl facts every warcinfo record carries."""
    return {
        "archivist-crawl-id": settings.get("ARCHIVIST_CRAWL_ID") or "",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT") or "",
        "archivist-request-secrets": _secrets_policy(settings.getbool(KEEP_SECRETS_SETTING)),
    }


def _secrets_policy(keep: bool) -> str:
    names = ", ".join(sorted(SECRET_HEADERS))
    if keep:
        return f"kept ({KEEP_SECRETS_SETTING}): request records include {names}"
    return f"omitted: request records leave out {names} ({KEEP_SECRETS_SETTING} is off)"


class WarcCaptureExtension:
    """Writes a request and a response (or revisit) WARC record for every downloaded
    response, and optionally a metadata record with every scraped article."""

    def __init__(
        self,
        writer: WarcWriter,
        stats: StatsCollector,
        dedup: PayloadDedup | None,
        *,
        on_close: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = _utc_now,
        keep_secrets: bool = False,
    ) -> None:
        """`on_close` runs after the last file is finished (close the store, merge the
        indexes); `keep_secrets` keeps credentials in request records."""
        self._writer = writer
        self._stats = stats
        self._dedup = dedup
        self._on_close = on_close
        self._clock = clock
        self._keep_secrets = keep_secrets
        self._unchanged: set[str] = set()  # revisit record IDs that give no article

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("ARCHIVIST_WARC_ENABLED", True):
            raise NotConfigured("ARCHIVIST_WARC_ENABLED is False")
        directory = settings.get("ARCHIVIST_WARC_DIR")
        if not directory:
            # Fail loudly: silently not archiving would lose the crawl's WARCs.
            raise ValueError("ARCHIVIST_WARC_DIR must be set when ARCHIVIST_WARC_ENABLED is on")
        index_dir = settings.get("ARCHIVIST_INDEX_DIR")
        for stale in stale_open_files(Path(directory)):  # a killed run of this crawl
            finalize_file(stale)
        writer = WarcWriter(
            Path(directory),
            prefix=settings.get("ARCHIVIST_WARC_PREFIX", DEFAULT_PREFIX),
            max_size=settings.getint("ARCHIVIST_WARC_MAX_SIZE", DEFAULT_MAX_SIZE),
            warcinfo=warcinfo_fields(settings),
            on_file_closed=_indexer(Path(index_dir)) if index_dir else None,
        )
        store, dedup = _dedup_from(settings)

        def on_close() -> None:
            if store is not None:
                store.close()
            if index_dir:
                _merge_indexes(Path(index_dir))

        assert crawler.stats is not None
        extension = cls(
            writer,
            crawler.stats,
            dedup,
            on_close=on_close,
            keep_secrets=settings.getbool(KEEP_SECRETS_SETTING),
        )
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        if settings.getbool("ARCHIVIST_WARC_ARTICLE_RECORDS", False):
            crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def response_downloaded(self, response: Response, request: Request) -> None:
        """Archive one fetch; a failure is logged and counted, never raised."""
        if request.meta.get(META_ARCHIVED):
            return
        fetched_at = self._clock()
        capture = capture_from(request, response, fetched_at, keep_secrets=self._keep_secrets)
        try:
            revisit = self._revisit_for(capture, request)
            location = self._writer.write_capture(capture, capture_metadata(request), revisit)
        except Exception:  # a broken archive must not stop the crawl; the error is counted
            logger.exception("Could not write the WARC records of %s", response.url)
            self._stats.inc_value(STAT_ERRORS)
            return
        if revisit is None and self._dedup is not None:
            self._dedup.stored(capture, location)
        request.meta[META_LOCATION] = location
        request.meta[META_FETCHED_AT] = warc_date(fetched_at)
        if revisit is not None:
            self._count_revisit(capture, revisit)
            same_crawl = self._dedup is not None and self._dedup.in_this_run(revisit)
            # A URL fetched again because its run died before writing its line must
            # give its line now, whatever its payload.
            resumed = bool(request.meta.get(META_RESUMED))
            if not resumed and not revisit_gives_article(capture.url, revisit, same_crawl):
                self._unchanged.add(location.record_id)
        self._record_stats()

    def is_unchanged_payload(self, record_id: str | None) -> bool:
        """Whether the record is a revisit whose capture gives no article line."""
        return record_id in self._unchanged

    def item_scraped(self, item: Any) -> None:
        """Write a scraped article's JSON as a metadata record about its response."""
        location = item.get("warc") if isinstance(item, dict) else None
        if not location:
            return
        record_id = location["record_id"] if isinstance(location, dict) else location.record_id
        document = to_json_line(dict(item)).encode("utf-8")
        try:
            self._writer.write_json_metadata(str(item["url"]), record_id, document, self._clock())
        except Exception:  # as for captures: counted, never raised
            logger.exception("Could not write the article metadata record of %s", item["url"])
            self._stats.inc_value(STAT_ERRORS)
            return
        self._record_stats()

    def spider_closed(self) -> None:
        """Finish the current file, publish the list of files written, close the store."""
        try:
            self._writer.close()
        finally:
            if self._on_close is not None:
                self._on_close()
            self._record_stats()
            names = _names(self._writer.files)
            self._stats.set_value(STAT_FILES, names)
            logger.info("Wrote %d WARC file(s): %s", len(names), ", ".join(names))

    def _revisit_for(self, capture: HttpCapture, request: Request) -> Revisit | None:
        if self._dedup is None:
            return None
        return self._dedup.revisit_for(capture, previous_record(request))

    def _count_revisit(self, capture: HttpCapture, revisit: Revisit) -> None:
        profile = revisit.profile.rsplit("/", 1)[-1]
        self._stats.inc_value(STAT_REVISITS + profile)
        self._stats.inc_value(STAT_DEDUP_BYTES, len(capture.body))

    def _record_stats(self) -> None:
        self._stats.set_value(STAT_RECORDS, self._writer.records_written)
        self._stats.set_value(STAT_BYTES, self._writer.bytes_written)


def _dedup_from(settings: Any) -> tuple[CrawlState | None, PayloadDedup | None]:
    """The dedup policy the settings ask for, and the state store it opened (if any)."""
    if not settings.getbool("ARCHIVIST_WARC_DEDUP", True):
        return None, None
    store = open_store(settings)
    index: DigestIndex = store if store is not None else MemoryDigestIndex()
    min_size = settings.getint("ARCHIVIST_WARC_DEDUP_MIN_SIZE", DEFAULT_MIN_SIZE)
    return store, PayloadDedup(index, min_size=min_size)


def _indexer(index_dir: Path) -> Callable[[Path], None]:
    def index(path: Path) -> None:
        try:
            write_file_index(path, index_dir)
        except Exception:  # an index can be rebuilt with `archivist index`; the WARC is safe
            logger.exception("Could not index WARC file %s", path)

    return index


def _merge_indexes(index_dir: Path) -> None:
    """Merge the per-file indexes into the crawl's index (after the last file closed)."""
    indexes = sorted(index_dir.glob("*.cdxj"))
    if indexes:
        merge_indexes(indexes, index_dir.parent / MERGED_INDEX_NAME)


def _names(paths: Iterable[Path]) -> list[str]:
    return [path.name for path in paths]
