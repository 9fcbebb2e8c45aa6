"""A cluster worker's life in the job: heartbeats, putting back the requests of dead
workers, acknowledging finished requests, and knowing when the job is over.

Every POLL_INTERVAL a thread of the worker writes its heartbeat (Redis server time, so
the clocks of the machines need not agree). A thread, not the reactor: a reactor busy
parsing a big page for seconds is slow, not dead, and must keep its requests. On the
reactor, the worker moves the in-flight requests of every worker whose heartbeat is
older than ARCHIVIST_INFLIGHT_TIMEOUT back into the queue (marked as replayed, see
crawler.distributed.capture). A worker killed with
SIGKILL thus loses nothing: its requests are fetched by the others.

The job is over when it was seeded, the queue is empty and no worker holds a request;
until then an idle worker stays (DontCloseSpider) and is woken as soon as the queue has
work again. Scrapy offers no public call to wake an idle engine, so the worker hands
the engine a sentinel request that the scheduler swallows (WAKE_META): `engine.crawl`
is public and schedules the engine's next loop.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Self

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from twisted.internet.task import LoopingCall

from archive.redis_state import connect
from crawler.distributed.inflight import InFlight
from crawler.distributed.keys import JobKeys

logger = logging.getLogger(__name__)

POLL_INTERVAL = 0.2  # seconds between heartbeats (and checks for work when idle)
WAKE_META = "archivist_cluster_wake"
STAT_PREFIX = "archivist/cluster/"

# KEYS: workers. ARGV: this worker.
HEARTBEAT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', KEYS[1], now, ARGV[1])
"""

# KEYS: workers, queue, replayed. ARGV: this worker, timeout (ms), in-flight key prefix.
# Returns {requests put back, dead worker names...}.
REAP = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local result = {0}
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))) do
  local key = ARGV[3] .. w
  for _, entry in ipairs(redis.call('SMEMBERS', key)) do
    redis.call('ZADD', KEYS[2], -cjson.decode(entry)['priority'], entry)
    redis.call('SADD', KEYS[3], entry)
    result[1] = result[1] + 1
  end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], w)
  table.insert(result, w)
end
return result
"""

# KEYS: queue, workers. ARGV: in-flight key prefix. Returns {queued, held by workers}.
JOB_STATE = """
local held = 0
for _, w in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  held = held + redis.call('SCARD', ARGV[1] .. w)
end
return {redis.call('ZCARD', KEYS[1]), held}
"""

# KEYS: workers, queue, replayed. ARGV: this worker's in-flight key, this worker.
# A worker that stops early (Ctrl-C, SIGTERM) hands its requests back at once.
LEAVE = """
for _, entry in ipairs(redis.call('SMEMBERS', ARGV[1])) do
  redis.call('ZADD', KEYS[2], -cjson.decode(entry)['priority'], entry)
  redis.call('SADD', KEYS[3], entry)
end
redis.call('DEL', ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[2])
"""


def cluster_worker(crawler: Crawler) -> ClusterWorker:
    """The crawler's ClusterWorker extension; NotConfigured when it is not a cluster worker."""
    assert crawler.extensions is not None
    for extension in crawler.extensions.middlewares:
        if isinstance(extension, ClusterWorker):
            return extension
    raise NotConfigured("not a cluster worker (ARCHIVIST_REDIS_URL is not set)")


def wake_request() -> Request:
    return Request("data:,", dont_filter=True, meta={WAKE_META: True})


class ClusterWorker:
    def __init__(
        self,
        crawler: Crawler,
        client: redis.Redis,
        keys: JobKeys,
        name: str,
        *,
        timeout: float,
        job_ttl: int,
    ) -> None:
        self.crawler = crawler
        self.redis = client
        self.keys = keys
        self.name = name
        self.timeout_ms = int(timeout * 1000)
        self.job_ttl = job_ttl
        self.inflight = InFlight(client, keys.inflight(name), crawler.request_fingerprinter)
        self._heartbeat = client.register_script(HEARTBEAT)
        self._reap = client.register_script(REAP)
        self._stop = threading.Event()
        self._beating = threading.Thread(target=self._beat, name="cluster-heartbeat", daemon=True)
        self._job_state = client.register_script(JOB_STATE)
        self._leave = client.register_script(LEAVE)
        self._task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        url = settings.get("ARCHIVIST_REDIS_URL")
        if not url:
            raise NotConfigured("ARCHIVIST_REDIS_URL is not set: not a cluster worker")
        name = settings.get("ARCHIVIST_WORKER")
        if not name:
            raise ValueError(
                "ARCHIVIST_WORKER must name this worker when ARCHIVIST_REDIS_URL is set"
            )
        keys = JobKeys.from_settings(settings)
        timeout = settings.getfloat("ARCHIVIST_INFLIGHT_TIMEOUT")
        if timeout <= POLL_INTERVAL * 5:
            raise ValueError(
                f"ARCHIVIST_INFLIGHT_TIMEOUT={timeout}: must be above {POLL_INTERVAL * 5} s, "
                "or live workers would be taken for dead"
            )
        worker = cls(
            crawler,
            connect(url),
            keys,
            name,
            timeout=timeout,
            job_ttl=settings.getint("ARCHIVIST_JOB_TTL"),
        )
        for handler, signal in (
            (worker.spider_opened, signals.spider_opened),
            (worker.spider_idle, signals.spider_idle),
            (worker.spider_closed, signals.spider_closed),
            (worker.item_finished, signals.item_scraped),
            (worker.item_finished, signals.item_dropped),
            (worker.item_finished, signals.item_error),
        ):
            crawler.signals.connect(handler, signal=signal)
        return worker

    # --- signals -------------------------------------------------------------------

    def spider_opened(self) -> None:
        self._heartbeat(keys=[self.keys.workers], args=[self.name])
        self._beating.start()
        self.tick()
        self._task = LoopingCall(self.tick)
        self._task.start(POLL_INTERVAL, now=False)
        logger.info("Worker %s joined job %s of site %s", self.name, self.keys.job, self.keys.site)

    def spider_idle(self) -> None:
        released = self.inflight.release_all()
        if released:
            self._count("late_releases", released)
        if not self.redis.exists(self.keys.seeded):
            logger.info("Job %s is not seeded yet: run `archivist seed`", self.keys.job)
            raise DontCloseSpider
        queued, held = self.job_state()
        if queued or held:
            raise DontCloseSpider
        logger.info("Job %s is done: nothing queued, nothing in flight", self.keys.job)
        for key in self.keys.all():
            self.redis.expire(key, self.job_ttl)

    def spider_closed(self, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self._stop.set()
        self._beating.join(timeout=5)
        self._leave(keys=self._queue_keys(), args=[self.inflight.key, self.name])
        logger.info("Worker %s left job %s (%s)", self.name, self.keys.job, reason)

    def item_finished(self, item: Any, response: Response | None = None) -> None:
        if response is not None and response.request is not None:
            self.inflight.item_done(self.inflight.fingerprint(response.request))

    # --- work ------------------------------------------------------------------------

    def job_state(self) -> tuple[int, int]:
        queued, held = self._job_state(
            keys=[self.keys.requests, self.keys.workers], args=[self.keys.inflight_prefix]
        )
        return int(queued), int(held)

    def _beat(self) -> None:
        while not self._stop.wait(POLL_INTERVAL):
            try:
                self._heartbeat(keys=[self.keys.workers], args=[self.name])
            except redis.RedisError:  # logged; the next beat tries again
                logger.exception("Worker %s: heartbeat failed", self.name)

    def tick(self) -> None:
        """Put back dead workers' requests, wake the engine if there is work."""
        moved, *dead = self._reap(
            keys=self._queue_keys(), args=[self.name, self.timeout_ms, self.keys.inflight_prefix]
        )
        if dead:
            logger.warning(
                "Put back %d in-flight request(s) of dead worker(s) %s",
                moved,
                ", ".join(map(str, dead)),
            )
            self._count("requeued", int(moved))
        queued, held = self.job_state()
        if queued or not held:  # work to take, or possibly the end of the job
            self._wake()

    def _wake(self) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None and engine.running:
            engine.crawl(wake_request())

    def _queue_keys(self) -> list[str]:
        return [self.keys.workers, self.keys.requests, self.keys.replayed]

    def _count(self, name: str, value: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STAT_PREFIX + name, value)
