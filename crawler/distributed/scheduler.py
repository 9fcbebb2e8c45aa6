"""The scheduler of a cluster worker: scrapy-redis's Scheduler over the job's keys.

Kept from scrapy-redis: the dupefilter's keys and log, the enqueue stats and the queue's
encoding. Changed, and why:
- `enqueue_request` marks a request seen and queues it in one Redis script: in two
  steps, a worker killed between them lost the URL for good (crawler.distributed.queue);
- `from_crawler` builds everything from our settings (the job's keys, the worker), with
  `persist` always on: scrapy-redis flushes the queue and dupefilter when a worker
  closes, which would wipe the job under the other workers;
- `next_request` takes into the worker's in-flight set (crawler.distributed.queue)
  instead of popping, and marks a request put back from a dead worker that had archived
  it already (crawler.distributed.capture);
- `enqueue_request` puts a retry of a taken request back in place of its in-flight
  entry, and swallows the worker's wake-up sentinel;
- the dupefilter uses Scrapy's request fingerprints (crawler.distributed.dupefilter).
"""

from __future__ import annotations

import json
import logging
from types import ModuleType
from typing import Self

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy_redis.scheduler import Scheduler

from crawler.distributed import serializer
from crawler.distributed.dupefilter import FingerprintDupeFilter
from crawler.distributed.queue import ClusterQueue
from crawler.distributed.worker import WAKE_META, ClusterWorker, cluster_worker
from pipelines.warc import META_ARCHIVED

logger = logging.getLogger(__name__)


class ClusterScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis is untyped
    def __init__(self, worker: ClusterWorker, stats: StatsCollector) -> None:
        keys = worker.keys
        super().__init__(
            worker.redis,
            persist=True,
            queue_key=keys.requests,
            dupefilter_key=keys.dupefilter,
            serializer=serializer,
        )
        self.worker = worker
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        worker = cluster_worker(crawler)
        assert crawler.stats is not None
        return cls(worker, crawler.stats)

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.queue = make_queue(self.server, spider, self.worker, self.serializer)
        self.df = FingerprintDupeFilter(
            self.server, self.dupefilter_key, self.worker.inflight.fingerprinter
        )
        if len(self.queue):
            logger.info("Job %s: %d requests queued", self.worker.keys.job, len(self.queue))

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(WAKE_META):
            return True
        taken = self.worker.inflight.entry(request)
        if taken is not None:  # a retry of a request this worker holds
            self.queue.push_back(request, taken)
            self.worker.inflight.forget(request)
            self.stats.inc_value("scheduler/enqueued/redis")
            return True
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_unseen(request, self.df.request_fingerprint(request), self.df.key):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        taken = self.queue.take()
        if taken is None:
            return None
        request = taken.request
        self.worker.inflight.taken(request, taken.entry)
        if taken.replayed:
            self.stats.inc_value("archivist/cluster/replayed")
            archived = self.server.hget(
                self.worker.keys.archived, self.worker.inflight.fingerprint(request)
            )
            if archived:  # its dead worker archived it: the capture is not written again
                request.meta[META_ARCHIVED] = json.loads(str(archived))
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0


def make_queue(
    server: redis.Redis, spider: Spider, worker: ClusterWorker, codec: ModuleType
) -> ClusterQueue:
    keys = worker.keys
    return ClusterQueue(
        server,
        spider,
        keys.requests,
        codec,
        inflight_key=worker.inflight.key,
        replayed_key=keys.replayed,
    )
