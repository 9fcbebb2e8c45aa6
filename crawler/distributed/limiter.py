"""Politeness for the whole cluster: per-host delay and concurrency in Redis.

Scrapy's DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN hold per process; with N
workers a site would get N times the load. `ClusterLimiter` keeps, per host and across
every worker and job, the leases of requests being downloaded (a sorted set; a lease
expires after DOWNLOAD_TIMEOUT plus a margin, so a dead worker's leases free
themselves) and the earliest time of the next request (DOWNLOAD_DELAY after the last
start). Times are Redis server time, so the machines' clocks need not agree.

`ClusterLimiterMiddleware` (the downloader middleware closest to the downloader, so that
requests refused by robots.txt or the offsite rules take no lease) waits for a lease
before each download and gives it back when the response or the failure comes.
Scrapy's own per-process limits still apply; these are the cluster-wide ones.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Self
from urllib.parse import urlsplit

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from archive.redis_state import KEY_ROOT
from crawler.distributed.worker import cluster_worker

logger = logging.getLogger(__name__)

FULL_POLL = 0.02  # seconds between tries while the host's concurrency is used up
LEASE_MARGIN = 30.0  # seconds a lease outlives DOWNLOAD_TIMEOUT before it expires

# KEYS: leases, next-start. ARGV: max leases, delay ms, lease ttl ms, lease id.
# Returns 0 (lease taken), -1 (all leases in use) or the ms to wait for the delay.
ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
local next_start = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < next_start then return next_start - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
redis.call('SET', KEYS[2], now + tonumber(ARGV[2]), 'PX', tonumber(ARGV[3]))
return 0
"""


class ClusterLimiter:
    def __init__(
        self, client: redis.Redis, *, concurrency: int, delay: float, lease_ttl: float
    ) -> None:
        if concurrency < 1:
            raise ValueError(f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}: must be at least 1")
        self._redis = client
        self.concurrency = concurrency
        self.delay_ms = int(delay * 1000)
        self.ttl_ms = int(lease_ttl * 1000)
        self._acquire = client.register_script(ACQUIRE)

    @staticmethod
    def _keys(host: str) -> list[str]:
        return [f"{KEY_ROOT}:limit:{host}:leases", f"{KEY_ROOT}:limit:{host}:next"]

    def try_acquire(self, host: str, lease: str) -> float:
        """0.0 when the lease is taken, else the seconds to wait before trying again."""
        args: list[int | str] = [self.concurrency, self.delay_ms, self.ttl_ms, lease]
        wait = int(self._acquire(keys=self._keys(host), args=args))
        if wait == 0:
            return 0.0
        return FULL_POLL if wait < 0 else wait / 1000

    async def acquire(self, host: str, lease: str) -> float:
        """Wait for a lease on `host`; return the seconds waited."""
        waited = 0.0
        while (wait := self.try_acquire(host, lease)) > 0:
            await asyncio.sleep(wait)
            waited += wait
        return waited

    def release(self, host: str, lease: str) -> None:
        self._redis.zrem(self._keys(host)[0], lease)


class ClusterLimiterMiddleware:
    def __init__(self, crawler: Crawler, limiter: ClusterLimiter, worker_name: str) -> None:
        self.crawler = crawler
        self.limiter = limiter
        self.worker_name = worker_name
        self._leases: dict[int, tuple[str, str]] = {}  # id(request) -> (host, lease)
        self._serial = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        worker = cluster_worker(crawler)
        settings = crawler.settings
        limiter = ClusterLimiter(
            worker.redis,
            concurrency=settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            delay=settings.getfloat("DOWNLOAD_DELAY"),
            lease_ttl=settings.getfloat("DOWNLOAD_TIMEOUT") + LEASE_MARGIN,
        )
        return cls(crawler, limiter, worker.name)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if not host:
            return
        self._serial += 1
        lease = f"{self.worker_name}:{self._serial}"
        waited = await self.limiter.acquire(host, lease)
        self._leases[id(request)] = (host, lease)
        if waited:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("archivist/cluster/limiter_wait_ms", int(waited * 1000))

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        held = self._leases.pop(id(request), None)
        if held is not None:
            self.limiter.release(*held)
