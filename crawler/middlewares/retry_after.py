"""Retry-After on 429 and 503 answers: the retry waits, and so does the whole host.

A server that answers 429 (Too Many Requests) or 503 (Service Unavailable) with a
`Retry-After` header (delta-seconds, or an HTTP-date) says when it wants to be asked
again. This downloader middleware sits just after Scrapy's RetryMiddleware (550), so it
sees the response first:

- a value within RETRY_AFTER_MAX holds the request's downloader slot (its host, or
  whatever key Scrapy's downloader gives it: `meta["download_slot"]`, DOWNLOAD_SLOTS,
  CONCURRENT_REQUESTS_PER_IP) for that long: the retry that RetryMiddleware then makes
  (as many as RETRY_TIMES allows, as before) and every other request to the host wait,
  without blocking the reactor. Two places hold them:
  * the slot itself, for the requests already queued in it: Scrapy's downloader sends a
    slot's next request `delay` seconds after its `lastseen`, so `lastseen` is moved to
    the end of the hold (and a zero `delay` becomes 1 ms, since a slot without a delay
    is never made to wait). AutoThrottle adjusts `delay`, never `lastseen`;
  * `process_request`, for requests still on their way to the downloader (and for a
    slot that Scrapy dropped and makes anew): they wait here until the hold ends.
  A hold is only ever extended, never shortened;
- a value over RETRY_AFTER_MAX is not waited for: the request is not retried (it gets
  `dont_retry`), so it ends as the error `http_429` / `http_503`, logged with its URL by
  the spider's errback (crawler.errors names the cap), and the crawl goes on. The host is
  not held: the server said nothing useful about its other pages;
- a malformed value is ignored, and the retry happens as it would without the header.

Counted in the stats (and in crawl.json's `retry_after`): `archivist/retry_after/waited`
(holds taken), `archivist/retry_after/gave_up` (requests over the cap) and
`archivist/retry_after/malformed`. Holds are per process: the workers of a cluster job
(crawler.distributed) each honour the answers they receive themselves.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

ENABLED_SETTING = "RETRY_AFTER_ENABLED"
CAP_SETTING = "RETRY_AFTER_MAX"
# The statuses whose Retry-After asks a client to come back later (RFC 9110, 10.2.3).
RETRY_AFTER_STATUSES = frozenset({429, 503})
STAT_WAITED = "archivist/retry_after/waited"
STAT_GAVE_UP = "archivist/retry_after/gave_up"
STAT_MALFORMED = "archivist/retry_after/malformed"
# request.meta key: the seconds a Retry-After over the cap asked for (crawler.errors).
META_OVER_CAP = "archivist_retry_after_over_cap"
META_CAP = "archivist_retry_after_max"

# The delay a held slot gets when it has none (Scrapy makes a slot wait only when its
# delay is not zero); small enough to change nothing once the hold is over.
HELD_SLOT_MIN_DELAY = 0.001

_DELTA_SECONDS = re.compile(r"[0-9]+")

Clock = Callable[[], float]


def retry_after_seconds(value: str, *, now: datetime) -> float | None:
    """The seconds a Retry-After value asks for, or None when it is malformed.

    `value` is delta-seconds (digits only) or an HTTP-date, which is read against `now`
    (the response's own Date, so that the server's clock is compared with itself); a
    date in the past asks for 0 seconds."""
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return float(int(value))
    moment = _http_date(value)
    if moment is None:
        return None
    return max(0.0, (moment - now).total_seconds())


def response_date(response: Response) -> datetime:
    """The response's Date header, else the local time."""
    raw = response.headers.get("Date")
    moment = _http_date(raw.decode("latin-1")) if raw else None
    return moment if moment is not None else datetime.now(UTC)


def _http_date(text: str) -> datetime | None:
    """An HTTP-date as an aware datetime ("-0000" and no zone read as UTC, as HTTP-dates
    are); None when unreadable."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def sleep(seconds: float) -> None:
    """Wait without blocking the reactor (asyncio or not)."""
    done: Deferred[None] = Deferred()
    call_later(seconds, done.callback, None)
    await maybe_deferred_to_future(done)


class SlotHolds:
    """Until when (on `clock`, monotonic seconds) each downloader slot is held."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.until: dict[str, float] = {}

    def hold(self, key: str, seconds: float) -> float:
        """Hold `key` for `seconds` from now, or longer if it already is; the end."""
        end = max(self.until.get(key, 0.0), self.clock() + seconds)
        self.until[key] = end
        return end

    def remaining(self, key: str) -> float:
        end = self.until.get(key)
        if end is None:
            return 0.0
        left = end - self.clock()
        if left <= 0:
            del self.until[key]
            return 0.0
        return left

    async def wait(self, key: str) -> float:
        """Return once `key` is not held (a hold may grow while waiting); seconds waited."""
        started = self.clock()
        while (left := self.remaining(key)) > 0:
            await sleep(left)
        return self.clock() - started


def hold_slot(slot: Slot, until: float) -> None:
    """Make Scrapy's downloader send nothing from `slot` before `until` (time.monotonic,
    the downloader's clock): it waits `delay - now + lastseen` before the next request."""
    slot.lastseen = max(slot.lastseen, until)
    if slot.delay <= 0:
        slot.delay = HELD_SLOT_MIN_DELAY


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler, cap: float, holds: SlotHolds) -> None:
        assert crawler.stats is not None
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.cap = cap
        self.holds = holds

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(ENABLED_SETTING):
            raise NotConfigured(f"{ENABLED_SETTING} is off")
        return cls(crawler, settings.getfloat(CAP_SETTING), SlotHolds())

    def slot_key(self, request: Request) -> str:
        """The downloader's own key, so a hold covers exactly the requests that share
        the slot (and its concurrency, DOWNLOAD_DELAY and AutoThrottle delay)."""
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader.get_slot_key(request)

    async def process_request(self, request: Request) -> None:
        key = self.slot_key(request)
        if self.holds.remaining(key) <= 0:
            return
        waited = await self.holds.wait(key)
        logger.debug("Sent %s after a Retry-After hold of %.1f s on %s", request, waited, key)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in RETRY_AFTER_STATUSES:
            return response
        raw = response.headers.get("Retry-After")
        if raw is None:
            return response
        value = raw.decode("latin-1")
        seconds = retry_after_seconds(value, now=response_date(response))
        if seconds is None:
            self.stats.inc_value(STAT_MALFORMED)
            logger.info(
                "Ignoring a malformed Retry-After (%r) on the %d from %s: retried as usual",
                value[:100],
                response.status,
                request.url,
            )
        elif seconds > self.cap:
            self._give_up(request, response, seconds)
        elif seconds > 0:
            key = self.slot_key(request)
            until = self.holds.hold(key, seconds)
            assert self.crawler.engine is not None
            slot = self.crawler.engine.downloader.slots.get(key)
            if slot is not None:
                hold_slot(slot, until)
            self.stats.inc_value(STAT_WAITED)
            logger.info(
                "%s answered %d with Retry-After %s: no request to %s for %.1f s",
                request.url,
                response.status,
                value.strip()[:100],
                key,
                seconds,
            )
        return response

    def _give_up(self, request: Request, response: Response, seconds: float) -> None:
        # The response goes on to RetryMiddleware, which leaves it alone, and then to the
        # spider's errback as an HttpError: counted as http_<status>, logged with the URL.
        request.meta["dont_retry"] = True
        request.meta[META_OVER_CAP] = seconds
        request.meta[META_CAP] = self.cap
        self.stats.inc_value(STAT_GAVE_UP)
        logger.info(
            "%s answered %d with Retry-After %.0f s, over %s (%.0f s): not retried",
            request.url,
            response.status,
            seconds,
            CAP_SETTING,
            self.cap,
        )
