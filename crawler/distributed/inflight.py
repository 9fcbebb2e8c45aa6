"""In-flight bookkeeping: a taken request stays in the worker's in-flight set in Redis
until its response has been archived and processed.

"Processed" means the callback's output is exhausted (new requests are queued in Redis
by then) and every item it gave has left the item pipelines (its article line written):
`crawler.distributed.middlewares.InFlightSpiderMiddleware` sees the output end,
`crawler.distributed.worker` the item signals. A download that fails without a response
is released by `InFlightDownloaderMiddleware.process_exception` (a retry is queued again
instead, by the scheduler, which releases the entry it replaces). When the engine is idle nothing is
being processed, so entries still held then are released too (a safety net, counted).
"""

from __future__ import annotations

import logging
from collections import Counter

import redis
from scrapy import Request
from scrapy.utils.request import RequestFingerprinterProtocol

logger = logging.getLogger(__name__)


class InFlight:
    """This worker's in-flight entries: local bookkeeping over its Redis set."""

    def __init__(
        self, client: redis.Redis, key: str, fingerprinter: RequestFingerprinterProtocol
    ) -> None:
        self._redis = client
        self.key = key
        self.fingerprinter = fingerprinter
        self._entries: dict[str, str] = {}  # fingerprint -> queue entry
        self._items: Counter[str] = Counter()  # items still in the pipelines
        self._outputs: set[str] = set()  # callbacks still yielding

    def fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def __len__(self) -> int:
        return len(self._entries)

    def taken(self, request: Request, entry: str) -> None:
        self._entries[self.fingerprint(request)] = entry

    def entry(self, request: Request) -> str | None:
        """The in-flight entry of a taken request (a retry of it has the same fingerprint)."""
        return self._entries.get(self.fingerprint(request))

    def forget(self, request: Request) -> None:
        """Drop the local entry of a request whose Redis entry was removed elsewhere."""
        self._entries.pop(self.fingerprint(request), None)

    def release(self, fingerprint: str) -> None:
        entry = self._entries.pop(fingerprint, None)
        self._items.pop(fingerprint, None)
        self._outputs.discard(fingerprint)
        if entry is not None:
            self._redis.srem(self.key, entry)

    def release_all(self) -> int:
        """Release every entry (the engine is idle: nothing is being processed)."""
        held = list(self._entries)
        for fingerprint in held:
            self.release(fingerprint)
        return len(held)

    def output_started(self, fingerprint: str) -> None:
        self._outputs.add(fingerprint)

    def item_started(self, fingerprint: str) -> None:
        self._items[fingerprint] += 1

    def item_done(self, fingerprint: str) -> None:
        self._items[fingerprint] -= 1
        self._release_if_done(fingerprint)

    def output_done(self, fingerprint: str) -> None:
        self._outputs.discard(fingerprint)
        self._release_if_done(fingerprint)

    def _release_if_done(self, fingerprint: str) -> None:
        if fingerprint not in self._outputs and self._items[fingerprint] <= 0:
            self.release(fingerprint)
