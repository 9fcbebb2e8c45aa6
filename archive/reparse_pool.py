"""The parallel part of a reparse: extraction, one page at a time, in worker processes.

Only extraction runs in the workers (decoded body + fetch facts -> record dict); every
decision that depends on earlier pages (dedup, versions) stays with the caller, which
gets the results back in the order it gave the pages. At most `window` pages are in
flight, so memory stays bounded however large the archive.

A page whose extraction raises comes back as a `PageResult` with `error` set: the caller's
error policy decides, and a worker never dies of a bad page.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from archive.capture import FIELD_DISCOVERY, WarcLocation
from archive.reader import StoredResponse
from archive.records import FetchFacts, article_record
from parsers import DEFAULT_OPTIONS, ExtractOptions

logger = logging.getLogger(__name__)

# Pages in flight per worker: enough to keep every worker busy while the caller writes
# results (measured: 2 already saturates a worker on 8 KB pages; 4 leaves slack).
PAGES_PER_WORKER = 4

Key = TypeVar("Key")


@dataclass(frozen=True, slots=True)
class PageTask:
    """What extraction needs of a stored response (small and picklable)."""

    body: bytes
    fetch: FetchFacts
    location: WarcLocation
    crawl_id: str | None
    discovery: str | None  # the metadata record's JSON text

    @classmethod
    def of(cls, response: StoredResponse) -> PageTask:
        fetch = FetchFacts(
            url=response.url,
            status=response.status,
            content_type=response.header("Content-Type"),
            fetched_at=response.fetched_at,
        )
        return cls(
            response.body,
            fetch,
            response.location,
            response.crawl_id,
            response.meta_field(FIELD_DISCOVERY),
        )


@dataclass(frozen=True, slots=True)
class PageResult:
    record: dict[str, Any] | None
    error: str | None = None  # "ExceptionType: message" when extraction raised


def extract_page(task: PageTask, options: ExtractOptions = DEFAULT_OPTIONS) -> PageResult:
    """The article record of one page, as the live crawl builds it."""
    try:
        record = article_record(
            task.body,
            task.fetch,
            warc=task.location,
            crawl_id=task.crawl_id,
            discovery=json.loads(task.discovery) if task.discovery else None,
            options=options,
        )
    except Exception as exc:  # any failure of one page is that page's result, by design
        logger.debug("Extraction of %s failed", task.fetch.url, exc_info=True)
        return PageResult(None, f"{type(exc).__name__}: {exc}")
    return PageResult(record)


# The options of this worker process, set once by the pool's initializer.
_worker_options: ExtractOptions = DEFAULT_OPTIONS


def _init_worker(options: ExtractOptions) -> None:
    global _worker_options
    _worker_options = options


def _extract_in_worker(task: PageTask) -> PageResult:
    return extract_page(task, _worker_options)


@dataclass(frozen=True, slots=True)
class Item(Generic[Key]):
    """One entry of the ordered stream: a page to extract, or (task None) a response the
    caller has already decided on, kept in the stream so results stay in order."""

    key: Key
    task: PageTask | None


def _done(key: Key, future: Future[PageResult] | None) -> tuple[Key, PageResult | None]:
    return key, future.result() if future is not None else None


class Extractor:
    """Ordered extraction over `workers` processes (1: in this process, no pool)."""

    def __init__(self, workers: int, options: ExtractOptions = DEFAULT_OPTIONS) -> None:
        self.workers = max(1, workers)
        self._options = options
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(
                self.workers, initializer=_init_worker, initargs=(options,)
            )

    def results(self, items: Iterable[Item[Key]]) -> Iterator[tuple[Key, PageResult | None]]:
        """(key, result) per item, in the items' order; result None for items without a
        task. Never more than PAGES_PER_WORKER x workers items held at once."""
        if self._pool is None:
            for item in items:
                done = extract_page(item.task, self._options) if item.task else None
                yield item.key, done
            return
        yield from self._pooled(self._pool, items)

    def _pooled(
        self, pool: ProcessPoolExecutor, items: Iterable[Item[Key]]
    ) -> Iterator[tuple[Key, PageResult | None]]:
        window = PAGES_PER_WORKER * self.workers
        pending: deque[tuple[Key, Future[PageResult] | None]] = deque()
        for item in items:
            future = pool.submit(_extract_in_worker, item.task) if item.task else None
            pending.append((item.key, future))
            while len(pending) >= window or (pending and pending[0][1] is None):
                yield _done(*pending.popleft())
        while pending:
            yield _done(*pending.popleft())

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
