"""Retry-After on 429 and 503 (crawler.middlewares.retry_after).

The values and the hold bookkeeping on their own, then real crawls (the CLI) of a server
on 127.0.0.1 that records when each request arrived (server-side, time.monotonic): the
retry and every other request to the host wait as long as the server asks; a wait over
RETRY_AFTER_MAX is not made (the request is given up and the crawl goes on); a malformed
value leaves the usual retries. Timing checks are lower bounds, or windows with a second
of slack for a loaded machine.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest
from scrapy.core.downloader import Slot

from crawler.middlewares.retry_after import (
    HELD_SLOT_MIN_DELAY,
    SlotHolds,
    hold_slot,
    retry_after_seconds,
)
from crawler.report import summary
from tests.faults.server import Exchange, FaultServer, Handler, article_html
from tests.support import tripwire
from tests.support.crawl import ALLOW_LOOPBACK, CrawlOutput, run_archivist

RETRY_TIMES = 2
NOW = datetime(2024, 5, 1, 10, 0, 0, tzinfo=UTC)

# --- values and holds ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("Wed, 01 May 2024 10:00:30 GMT", 30.0),  # IMF-fixdate
        ("Wednesday, 01-May-24 10:01:00 GMT", 60.0),  # RFC 850
        ("Wed May  1 10:02:00 2024", 120.0),  # asctime
        ("Wed, 01 May 2024 09:00:00 GMT", 0.0),  # already past: no wait
    ],
)
def test_retry_after_values(value: str, seconds: float) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


@pytest.mark.parametrize("value", ["soon", "", "1.5", "-5", "1e3", "2024-05-01T10:00:30Z", "٣"])
def test_malformed_retry_after_values(value: str) -> None:
    assert retry_after_seconds(value, now=NOW) is None


def test_a_hold_grows_but_never_shrinks() -> None:
    now = [100.0]
    holds = SlotHolds(clock=lambda: now[0])
    assert holds.remaining("news.test") == 0.0
    assert holds.hold("news.test", 10) == 110.0
    assert holds.hold("news.test", 2) == 110.0  # a shorter Retry-After later
    assert holds.hold("news.test", 30) == 130.0
    assert holds.remaining("other.test") == 0.0
    now[0] = 125.0
    assert holds.remaining("news.test") == 5.0
    now[0] = 131.0
    assert holds.remaining("news.test") == 0.0


def test_a_held_slot_waits_in_scrapys_downloader() -> None:
    slot = Slot(4, 0.0, 0.0)
    hold_slot(slot, until=500.0)
    # Scrapy waits `delay - now + lastseen` before a slot's next request, and only when
    # its delay is not zero.
    assert slot.lastseen == 500.0 and slot.delay == HELD_SLOT_MIN_DELAY
    hold_slot(slot, until=400.0)
    assert slot.lastseen == 500.0
    throttled = Slot(4, 2.5, 0.5)
    hold_slot(throttled, until=500.0)
    assert throttled.delay == 2.5  # AutoThrottle's (or DOWNLOAD_DELAY's) delay is kept


def _report(**extra: Any) -> dict[str, Any]:
    return {
        "crawl_id": "c",
        "site": "s",
        "finish_reason": "finished",
        "duration_seconds": 1.0,
        "requests": 1,
        "pages_fetched": 1,
        "articles_written": 0,
        "articles_new": 0,
        "articles_updated": 0,
        "articles_unchanged": 0,
        "errors_total": 0,
        "errors": {},
        "skipped": {},
        "outputs": {"articles": "a.jsonl", "warc_dir": "warc", "warc_files": []},
        **extra,
    }


def test_the_summary_names_retry_after_counts_only_when_there_are_some() -> None:
    assert "Retry-After" not in summary(_report())
    assert "Retry-After" not in summary(_report(retry_after={}))
    text = summary(_report(retry_after={"gave_up": 1, "waited": 2}))
    assert "  Retry-After: gave_up: 1, waited: 2" in text.splitlines()


# --- real crawls ---------------------------------------------------------------------


class Arrivals:
    """When each request reached the server (time.monotonic, in the server's thread)."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str]] = []

    def record(self, x: Exchange) -> float:
        moment = time.monotonic()
        self.log.append((moment, x.path))
        return moment

    def of(self, path: str) -> list[float]:
        return [moment for moment, p in self.log if p == path]


def http_date(offset: float = 0.0) -> bytes:
    return formatdate(time.time() + offset, usegmt=True).encode()


def crawl(
    tmp_path: Path, routes: dict[str, Handler], *settings: str
) -> tuple[CrawlOutput, dict[str, str], dict[str, int]]:
    """Crawl `routes` (each a start URL); the output, the URL of each path, the hits."""
    with FaultServer(routes) as server:
        urls = {path: server.base_url + path for path in routes}
        profile = tmp_path / "retry.toml"
        start = ",\n  ".join(f'"{url}"' for url in urls.values())
        profile.write_text(
            f'name = "retry"\nsitemaps_from_robots = false\ndepth_limit = 0\n'
            f'start_urls = [\n  {start}\n]\n[article_urls]\nallow = ["."]\n',
            encoding="utf-8",
        )
        base = (
            ALLOW_LOOPBACK,
            tripwire.SETTING,  # nothing but 127.0.0.1 is ever contacted
            "AUTOTHROTTLE_ENABLED=False",
            f"RETRY_TIMES={RETRY_TIMES}",
            "ARCHIVIST_EXTRACT_WORKERS=0",
        )
        args = [arg for setting in (*base, *settings) for arg in ("-s", setting)]
        process = run_archivist(
            "crawl", str(profile), "--out", str(tmp_path / "out"), "--crawl-id", "c", *args
        )
        hits = dict(server.hits)
    assert process.returncode == 0, process.stderr[-3000:]
    return CrawlOutput(tmp_path / "out" / "retry" / "c", process), urls, hits


def titles(output: CrawlOutput) -> set[str]:
    return {str(r["title"]) for r in output.records}


HOLD_SECONDS = 3
STORIES = [f"/news/story-{n:02d}.html" for n in range(1, 17)]


@pytest.fixture
def held_host(tmp_path: Path) -> Iterator[tuple[CrawlOutput, Arrivals, str]]:
    """Sixteen slow stories; the second request to arrive gets a 429 + Retry-After: 3
    (once), while the others are in flight or queued for the same host."""
    arrivals = Arrivals()
    refused: list[str] = []

    async def story(x: Exchange) -> None:
        arrivals.record(x)
        if not refused and len(arrivals.log) == 2:
            refused.append(x.path)
            await x.reply(
                "429 Too Many Requests",
                b"slow down",
                b"text/plain",
                b"Retry-After: %d" % HOLD_SECONDS,
            )
            return
        await asyncio.sleep(0.5)
        await x.reply("200 OK", article_html(f"Harbour story {x.path[-7:-5]}").encode())

    output, _, _ = crawl(tmp_path, dict.fromkeys(STORIES, story))
    assert refused, "no request was refused"
    yield output, arrivals, refused[0]


def test_after_a_429_the_retry_waits_and_the_article_is_written(
    held_host: tuple[CrawlOutput, Arrivals, str],
) -> None:
    output, arrivals, refused = held_host
    first, retry = arrivals.of(refused)  # exactly one retry
    assert retry - first >= HOLD_SECONDS, arrivals.log
    assert titles(output) == {f"Harbour story {p[-7:-5]}" for p in STORIES}
    assert output.report["errors"] == {}
    assert output.report["retry_after"] == {"waited": 1}
    assert "  Retry-After: waited: 1" in output.process.stdout.splitlines()


def test_after_a_429_the_whole_host_rests(held_host: tuple[CrawlOutput, Arrivals, str]) -> None:
    output, arrivals, refused = held_host
    start = arrivals.of(refused)[0]
    end = start + HOLD_SECONDS
    # Requests sent before the crawler read the 429 may still arrive just after it (a
    # second of slack); none comes later until the hold is over...
    during = [(t - start, p) for t, p in arrivals.log if start + 1.0 <= t < end]
    assert during == [], arrivals.log
    # ...and the hold did delay other pages of the host, not only the retry.
    held = [p for t, p in arrivals.log if t >= end and p != refused]
    assert held, [(t - start, p) for t, p in arrivals.log]
    assert len(output.records) == len(STORIES)


def test_a_retry_after_date_is_waited_for_and_retries_keep_their_limit(tmp_path: Path) -> None:
    arrivals = Arrivals()

    async def busy_until_date(x: Exchange) -> None:
        """503 with Retry-After as an HTTP-date 3 s ahead (whole seconds), then 200."""
        if len(arrivals.of(x.path)) == 0:
            arrivals.record(x)
            date = b"Date: " + http_date()
            later = b"Retry-After: " + http_date(3)
            await x.reply("503 Service Unavailable", b"busy", b"text/plain", date, later)
            return
        arrivals.record(x)
        await x.reply("200 OK", article_html("The ferry runs again").encode())

    async def always_429(x: Exchange) -> None:
        arrivals.record(x)
        await x.reply("429 Too Many Requests", b"no", b"text/plain", b"Retry-After: 1")

    routes: dict[str, Handler] = {"/date.html": busy_until_date, "/always-429.html": always_429}
    output, urls, _ = crawl(tmp_path, routes)

    first, retry = arrivals.of("/date.html")
    # Whole-second dates: 3 s ahead is at least 2 s after the first answer.
    assert retry - first >= 2.0, arrivals.log
    assert titles(output) == {"The ferry runs again"}
    # Retry-After does not add tries: RETRY_TIMES retries, each a second or more apart.
    tries = arrivals.of("/always-429.html")
    assert len(tries) == RETRY_TIMES + 1, arrivals.log
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(tries)), tries
    assert output.report["errors"] == {"http_429": 1}
    assert f"Error (http_429) on {urls['/always-429.html']}" in output.process.stderr
    # One hold for the date, one for each 429 (the last one too: the host still rests).
    assert output.report["retry_after"] == {"waited": 1 + RETRY_TIMES + 1}


def test_a_retry_after_over_the_cap_is_given_up_and_the_crawl_goes_on(tmp_path: Path) -> None:
    async def closed_for_an_hour(x: Exchange) -> None:
        await x.reply("503 Service Unavailable", b"down", b"text/plain", b"Retry-After: 3600")

    async def closed_until_tomorrow(x: Exchange) -> None:
        later = b"Retry-After: " + http_date(86400)
        await x.reply("429 Too Many Requests", b"quota", b"text/plain", later)

    async def open_page(x: Exchange) -> None:
        await x.reply("200 OK", article_html(f"Open page {x.path[-6]}").encode())

    routes: dict[str, Handler] = {
        "/closed.html": closed_for_an_hour,
        "/quota.html": closed_until_tomorrow,
        **{f"/open-{n}.html": open_page for n in (1, 2, 3)},
    }
    output, urls, hits = crawl(tmp_path, routes, "RETRY_AFTER_MAX=60")

    assert hits["/closed.html"] == 1 and hits["/quota.html"] == 1  # not retried
    assert titles(output) == {"Open page 1", "Open page 2", "Open page 3"}
    report = output.report
    assert report["errors"] == {"http_503": 1, "http_429": 1}
    assert report["retry_after"] == {"gave_up": 2}
    assert report["duration_seconds"] < 60  # nothing waited for
    log = output.process.stderr
    assert (
        f"Error (http_503) on {urls['/closed.html']}: HTTP status 503 "
        "(Retry-After 3600 s is over RETRY_AFTER_MAX = 60 s: not retried)"
    ) in log
    assert f"Error (http_429) on {urls['/quota.html']}: HTTP status 429 (Retry-After" in log


def test_a_malformed_retry_after_falls_back_to_the_usual_retries(tmp_path: Path) -> None:
    async def busy_once(x: Exchange) -> None:
        if x.path not in seen:
            seen.add(x.path)
            await x.reply("503 Service Unavailable", b"busy", b"text/plain", b"Retry-After: soon")
            return
        await x.reply("200 OK", article_html("Back after a vague answer").encode())

    async def always_vague(x: Exchange) -> None:
        await x.reply("429 Too Many Requests", b"no", b"text/plain", b"Retry-After: 1.5 minutes")

    seen: set[str] = set()
    routes: dict[str, Handler] = {"/soon.html": busy_once, "/vague.html": always_vague}
    output, _, hits = crawl(tmp_path, routes)

    assert hits["/soon.html"] == 2
    assert titles(output) == {"Back after a vague answer"}
    assert hits["/vague.html"] == RETRY_TIMES + 1
    assert output.report["errors"] == {"http_429": 1}
    assert output.report["retry_after"] == {"malformed": 1 + RETRY_TIMES + 1}
