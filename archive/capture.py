"""What one fetch is, as the archive sees it, and where its record landed.

These types are shared by the WARC writer (archive.warc), the reader (archive.reader),
the record serializer (archive.records) and the Scrapy capture (pipelines.warc).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

# Fields of the `metadata` record written with each capture (warc-fields). `via` and
# `hopsFromSeed` follow Heritrix; the others are ours. Reparse reads FIELD_PAGE_KIND to know
# which responses the crawl treated as articles, and FIELD_DISCOVERY for the record's
# `discovery` facts, so its output equals the live crawl's.
FIELD_VIA = "via"
FIELD_HOPS = "hopsFromSeed"
FIELD_PAGE_KIND = "archivist-page-kind"
FIELD_DISCOVERY = "archivist-discovery"
# Heritrix's name for the fetch duration, in milliseconds.
FIELD_FETCH_TIME = "fetchTimeMs"

# WARC/1.1 revisit profiles (WARC 1.1 section 6.7).
PROFILE_IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
PROFILE_SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"

# sha1 of zero bytes: every empty body has it, so it must never make a revisit.
EMPTY_PAYLOAD_DIGEST = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest of a body as stored: "sha1:" + Base32 of its SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True, slots=True)
class HttpCapture:
    """One HTTP exchange, with the response body exactly as sent (Content-Encoding kept,
    chunked transfer coding removed).

    Headers are (name, value) pairs in the order known, repeated names kept.
    """

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    protocol: str  # "HTTP/1.0", "HTTP/1.1" or "h2"
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    ip_address: str | None
    fetched_at: datetime  # aware, UTC


@dataclass(frozen=True, slots=True)
class Revisit:
    """What a `revisit` record refers to: the earlier record whose payload it repeats.

    `profile` is PROFILE_IDENTICAL_PAYLOAD (same payload digest) or
    PROFILE_SERVER_NOT_MODIFIED (a 304 to a conditional request).
    """

    profile: str
    record_id: str  # WARC-Refers-To
    target_uri: str  # WARC-Refers-To-Target-URI
    date: str  # WARC-Refers-To-Date, as stored in the original's WARC-Date
    payload_digest: str | None  # of the original's payload


@dataclass(frozen=True, slots=True)
class WarcLocation:
    """Where a record is: enough to read it back with one seek."""

    filename: str  # base name of the finished .warc.gz (never the .open name)
    offset: int  # of the record's gzip member
    length: int  # of the record's gzip member, in bytes
    record_id: str  # "<urn:uuid:...>"
    payload_digest: str | None  # "sha1:BASE32"

    def to_dict(self) -> dict[str, object]:
        return {
            "filename": self.filename,
            "offset": self.offset,
            "length": self.length,
            "record_id": self.record_id,
            "payload_digest": self.payload_digest,
        }


def warc_date(moment: datetime) -> str:
    """WARC/1.1 date: UTC, microseconds, 'Z' (e.g. 2024-04-20T10:30:00.123456Z).

    The same string is the record's WARC-Date and the article's `fetched_at`, so a live
    crawl and a re-parse of its WARCs agree to the microsecond.
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_warc_date(text: str) -> datetime:
    """Inverse of `warc_date`; also accepts WARC/1.0 second-precision dates."""
    text = text.strip().replace("Z", "+00:00")
    return datetime.fromisoformat(text).astimezone(UTC)
