"""The job's shared request queue: scrapy-redis's priority queue, taken into in-flight.

scrapy-redis pops with ZRANGE + ZREMRANGEBYRANK: a worker killed right after the pop
loses the request. Here one Lua script moves the request from the queue into the
worker's in-flight set, so at every instant a request is either queued or owned by a
worker (crawler.distributed.worker puts a dead worker's set back). Likewise a new
request is marked seen and queued by one script (`push_unseen`). The encoding
(Request.to_dict + SCHEDULER_SERIALIZER), `push`, `__len__` and `clear` are scrapy-redis's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

# KEYS: queue, this worker's in-flight set, replayed set. Returns {entry, was_replayed}.
TAKE = """
local entry = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if not entry then return nil end
redis.call('ZREM', KEYS[1], entry)
redis.call('SADD', KEYS[2], entry)
return {entry, redis.call('SREM', KEYS[3], entry)}
"""


# KEYS: the dupefilter's seen set, queue. ARGV: fingerprint, score, entry. Returns 1 when
# the request was new and is now queued, 0 when it was seen before.
PUSH_UNSEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


@dataclass(frozen=True, slots=True)
class Taken:
    request: Request
    entry: str  # the queue entry, as it now sits in the in-flight set
    replayed: bool  # put back from a worker that died


class ClusterQueue(PriorityQueue):  # type: ignore[misc]  # scrapy-redis is untyped
    def __init__(
        self,
        server: redis.Redis,
        spider: Spider,
        key: str,
        serializer: Any,
        *,
        inflight_key: str,
        replayed_key: str,
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self.inflight_key = inflight_key
        self.replayed_key = replayed_key
        self._take = server.register_script(TAKE)
        self._push_unseen = server.register_script(PUSH_UNSEEN)

    def take(self) -> Taken | None:
        """Move the first request into this worker's in-flight set and return it."""
        found = self._take(keys=[self.key, self.inflight_key, self.replayed_key])
        if not found:
            return None
        entry, replayed = str(found[0]), bool(found[1])
        return Taken(self._decode_request(entry), entry, replayed)

    def push_unseen(self, request: Request, fingerprint: str, seen_key: str) -> bool:
        """Mark `request` seen and queue it in one step; False if it was seen before.

        scrapy-redis marks it seen, then pushes it, in two round trips: a worker killed
        between the two left a URL that was seen but never queued, and the dead worker's
        listing, fetched again by another worker, could not queue it any more."""
        pushed = self._push_unseen(
            keys=[seen_key, self.key], args=[fingerprint, -request.priority, self.encode(request)]
        )
        return bool(pushed)

    def encode(self, request: Request) -> str:
        entry: str = self._encode_request(request)
        return entry

    def push_back(self, request: Request, taken_entry: str) -> None:
        """Queue `request` (a retry) and drop the in-flight entry it replaces, atomically."""
        with self.server.pipeline(transaction=True) as tx:
            tx.zadd(self.key, {self.encode(request): -request.priority})
            tx.srem(self.inflight_key, taken_entry)
            tx.execute()
