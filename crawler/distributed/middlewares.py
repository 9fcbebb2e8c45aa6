"""The cluster worker's middlewares: in-flight release (see crawler.distributed.inflight)
and no start requests of its own (`archivist seed` queues them once for the job)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.distributed.inflight import InFlight
from crawler.distributed.worker import cluster_worker


class InFlightSpiderMiddleware:
    """Outermost spider middleware of a cluster worker (closest to the engine)."""

    def __init__(self, inflight: InFlight) -> None:
        self.inflight = inflight

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(cluster_worker(crawler).inflight)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Workers do not seed: `archivist seed` queued the job's start requests."""
        return
        yield  # an async generator that yields nothing

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        fingerprint = self.inflight.fingerprint(response.request or Request(response.url))
        self.inflight.output_started(fingerprint)
        try:
            async for output in result:
                if not isinstance(output, Request):
                    self.inflight.item_started(fingerprint)
                yield output
        finally:
            self.inflight.output_done(fingerprint)


class InFlightDownloaderMiddleware:
    """Releases a request whose download failed for good (no response, no retry)."""

    def __init__(self, inflight: InFlight) -> None:
        self.inflight = inflight

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(cluster_worker(crawler).inflight)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self.inflight.release(self.inflight.fingerprint(request))
