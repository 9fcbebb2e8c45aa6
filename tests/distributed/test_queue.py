"""The job queue on a real redis-server: a new request is marked seen and queued in one
step, so a worker killed mid-enqueue cannot leave a URL seen but never queued."""

from __future__ import annotations

from typing import Any

import redis
from scrapy import Request, Spider

from crawler.distributed import serializer
from crawler.distributed.queue import ClusterQueue
from tests.support.redis_server import RedisServer

SEEN, QUEUE = "test:seen", "test:requests"


class CountingRedis(redis.Redis):
    """A client that counts the commands it sends (each is one round trip)."""

    sent: list[str]

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.sent.append(str(args[0]))
        return super().execute_command(*args, **options)


def make_queue(redis_server: RedisServer) -> tuple[ClusterQueue, CountingRedis]:
    redis_server.client().flushall()
    client = CountingRedis.from_url(redis_server.url, decode_responses=True)
    client.sent = []
    queue = ClusterQueue(
        client, Spider("t"), QUEUE, serializer, inflight_key="test:inflight", replayed_key="test:r"
    )
    return queue, client


def test_a_new_request_is_seen_and_queued_in_one_round_trip(redis_server: RedisServer) -> None:
    queue, client = make_queue(redis_server)
    request = Request("http://127.0.0.1/news/1.html", priority=5)
    client.sent.clear()
    assert queue.push_unseen(request, "fp-1", SEEN) is True
    # both writes run inside one server-side script: the client sends no SADD or ZADD
    assert "EVALSHA" in client.sent and not {"SADD", "ZADD"} & set(client.sent)
    assert client.sismember(SEEN, "fp-1") and len(queue) == 1
    taken = queue.take()
    assert taken is not None and taken.request.url == request.url
    assert taken.request.priority == 5


def test_a_seen_request_is_not_queued_again(redis_server: RedisServer) -> None:
    queue, client = make_queue(redis_server)
    request = Request("http://127.0.0.1/news/1.html")
    assert queue.push_unseen(request, "fp-1", SEEN) is True
    assert queue.push_unseen(request, "fp-1", SEEN) is False
    assert len(queue) == 1 and client.scard(SEEN) == 1
