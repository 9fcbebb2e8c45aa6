"""Article extraction off the crawl's reactor: a process pool.

Extraction is CPU work (lxml parsing, scoring, regexes); done in the process that runs
Scrapy's event loop it stalls every download while it runs, and it uses one core only.
`ExtractionPool` runs `archive.records.article_record` — the same function reparse
uses — in worker processes, so fetching and extracting overlap and use every core.

ARCHIVIST_EXTRACT_WORKERS: 0 extracts in the crawl's own process; N > 0 uses N worker
processes; the default (-1) uses one per core when there is more than one core.
Workers are started with "spawn": forking a process that runs Twisted's threads is not
safe.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from archive.capture import WarcLocation
from archive.records import FetchFacts, article_record
from parsers import ExtractOptions

logger = logging.getLogger(__name__)

AUTO = -1


def worker_count(setting: int) -> int:
    if setting != AUTO:
        return max(0, setting)
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


class ExtractionPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Executor | None = None
        if workers > 0:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            logger.info("Extracting articles in %d worker processes", workers)

    async def record(
        self,
        body: bytes,
        fetch: FetchFacts,
        *,
        warc: WarcLocation | None,
        crawl_id: str | None,
        discovery: dict[str, Any] | None,
        options: ExtractOptions,
    ) -> dict[str, Any]:
        """The article record of one response (`archive.records.article_record`)."""
        if self._pool is None:
            return _extract(body, fetch, warc, crawl_id, discovery, options)
        future = self._pool.submit(_extract, body, fetch, warc, crawl_id, discovery, options)
        result: dict[str, Any] = await asyncio.wrap_future(future)
        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _extract(
    body: bytes,
    fetch: FetchFacts,
    warc: WarcLocation | None,
    crawl_id: str | None,
    discovery: dict[str, Any] | None,
    options: ExtractOptions,
) -> dict[str, Any]:
    """`article_record` with positional arguments, picklable for the pool."""
    return article_record(
        body, fetch, warc=warc, crawl_id=crawl_id, discovery=discovery, options=options
    )
