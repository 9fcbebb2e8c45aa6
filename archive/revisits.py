"""Payload dedup for WARC capture: when a fetch is stored as a `revisit` record.

A payload is stored once; a later capture with the same WARC-Payload-Digest (in this
crawl or an earlier crawl of the same site, found through the crawl state store's digest
index) becomes an identical-payload-digest revisit, and a 304 answer to a conditional
request becomes a server-not-modified revisit of the record the request was based on.

The rules, in order:
  1. a 304 with a known prior record -> server-not-modified revisit of it;
  2. only 2xx responses take part in payload dedup (a 404 page repeated everywhere is
     not worth the lookup, and replay tools resolve 2xx revisits best);
  3. empty bodies never do (every empty body has EMPTY_PAYLOAD_DIGEST), nor bodies
     smaller than `min_size`;
  4. a digest seen before -> identical-payload-digest revisit of its first capture;
     otherwise the capture is stored in full and becomes the digest's first capture.

`PayloadDedup` is pure policy over a `DigestIndex` (archive.state.StateStore fits), so
the Scrapy extension and tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from archive.capture import (
    EMPTY_PAYLOAD_DIGEST,
    PROFILE_IDENTICAL_PAYLOAD,
    PROFILE_SERVER_NOT_MODIFIED,
    HttpCapture,
    Revisit,
    WarcLocation,
    payload_digest,
    warc_date,
)
from archive.state import PriorCapture

NOT_MODIFIED = 304

# Bodies smaller than this are stored again rather than deduplicated: a revisit record
# with its headers is some 1 KB, so below that a full copy costs about the same and
# keeps the capture self-contained. Heritrix and Browsertrix have no lower bound; 1 KB
# follows the size of our revisit records (measured on the sample site: 0.9-1.2 KB).
DEFAULT_MIN_SIZE = 1024


class DigestIndex(Protocol):
    """Where the first capture of each payload digest is remembered."""

    def find_payload(self, digest: str) -> PriorCapture | None: ...

    def remember_payload(self, digest: str, capture: PriorCapture) -> None: ...


@dataclass(frozen=True, slots=True)
class PreviousRecord:
    """The prior response record a conditional request was based on (the spider's
    `archivist_previous` request meta)."""

    uri: str
    warc_date: str
    record_id: str
    payload_digest: str | None


def not_modified_revisit(previous: PreviousRecord) -> Revisit:
    return Revisit(
        profile=PROFILE_SERVER_NOT_MODIFIED,
        record_id=previous.record_id,
        target_uri=previous.uri,
        date=previous.warc_date,
        payload_digest=previous.payload_digest,
    )


class PayloadDedup:
    """Decides, capture by capture, whether to write a revisit instead of the payload."""

    def __init__(self, index: DigestIndex, *, min_size: int = DEFAULT_MIN_SIZE) -> None:
        self._index = index
        self._min_size = max(min_size, 1)  # never an empty body
        self._this_run: set[str] = set()  # record IDs of originals written by this run

    def revisit_for(
        self, capture: HttpCapture, previous: PreviousRecord | None = None
    ) -> Revisit | None:
        """The revisit to write for `capture`, or None to store it in full."""
        if capture.status == NOT_MODIFIED:
            return not_modified_revisit(previous) if previous is not None else None
        if not self._eligible(capture):
            return None
        digest = payload_digest(capture.body)
        prior = self._index.find_payload(digest) if digest != EMPTY_PAYLOAD_DIGEST else None
        if prior is None:
            return None
        return Revisit(
            profile=PROFILE_IDENTICAL_PAYLOAD,
            record_id=prior.record_id,
            target_uri=prior.uri,
            date=prior.warc_date,
            payload_digest=digest,
        )

    def stored(self, capture: HttpCapture, location: WarcLocation) -> None:
        """Remember a capture written in full as the first of its payload digest."""
        digest = location.payload_digest
        if digest is None or digest == EMPTY_PAYLOAD_DIGEST or not self._eligible(capture):
            return
        prior = PriorCapture(capture.url, warc_date(capture.fetched_at), location.record_id)
        self._index.remember_payload(digest, prior)
        self._this_run.add(location.record_id)

    def in_this_run(self, revisit: Revisit) -> bool:
        """Whether the record a revisit refers to was written by this run."""
        return revisit.record_id in self._this_run

    def _eligible(self, capture: HttpCapture) -> bool:
        return 200 <= capture.status < 300 and len(capture.body) >= self._min_size


class MemoryDigestIndex:
    """A DigestIndex in a dict: dedup within one run only (no state store)."""

    def __init__(self) -> None:
        self._first: dict[str, PriorCapture] = {}

    def find_payload(self, digest: str) -> PriorCapture | None:
        return self._first.get(digest)

    def remember_payload(self, digest: str, capture: PriorCapture) -> None:
        self._first.setdefault(digest, capture)


def revisit_gives_article(url: str, revisit: Revisit, original_in_same_crawl: bool) -> bool:
    """Whether the capture behind a revisit record is written as an article line.

    An unchanged payload of the same URL, or of an earlier crawl, gives no line (the
    incremental crawl writes only new or changed articles); an identical payload seen
    earlier in the same crawl at another URL does (the article dedup then decides, as for
    any other page). The live crawl and reparse both ask this.
    """
    return (
        revisit.profile == PROFILE_IDENTICAL_PAYLOAD
        and original_in_same_crawl
        and revisit.target_uri != url
    )
