"""Seed a cluster job: queue the site's start requests once, for every worker.

The requests are the ones a single-machine crawl starts with (ArticleSpider.start: URLs
left pending by an unfinished job, robots.txt, sitemaps, feeds, start URLs, articles due
for a re-check), planned by the frontier against the shared state in Redis, so a
recurring job asks only for what the incremental rules allow. The spider is built on a
Crawler that never runs: only its start requests are taken, through the job's
dupefilter, into the job's queue.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import build_from_crawler, load_object

from archive.layout import new_crawl_id, safe_name
from archive.redis_state import connect
from crawler.distributed import serializer
from crawler.distributed.dupefilter import FingerprintDupeFilter
from crawler.distributed.job import worker_settings
from crawler.distributed.keys import JobKeys, current_job_key
from crawler.distributed.queue import ClusterQueue
from crawler.plan import resolve_profile
from crawler.run import project_settings
from crawler.spiders.article import ArticleSpider

logger = logging.getLogger(__name__)

SEED_WORKER = "seed"


@dataclass(frozen=True, slots=True)
class SeedReport:
    site: str
    job: str
    queued: int  # requests added to the queue
    skipped: dict[str, int]  # frontier decisions (not_due, gone, ...)


async def _collect(start: AsyncIterator[Any]) -> list[Request]:
    return [r async for r in start if isinstance(r, Request)]


def seed_job(
    site: str,
    *,
    redis_url: str,
    output_dir: Path,
    base_url: str | None = None,
    crawl_id: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> SeedReport:
    """Make `crawl_id` (default: a new id) the site's current job and queue its start."""
    profile = resolve_profile(site, base_url)
    job = crawl_id or new_crawl_id()
    overrides = {**(settings or {}), **worker_settings(redis_url, SEED_WORKER)}
    crawler = Crawler(ArticleSpider, project_settings(overrides))
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.request_fingerprinter = build_from_crawler(
        load_object(crawler.settings["REQUEST_FINGERPRINTER_CLASS"]), crawler
    )
    client = connect(redis_url)
    keys = JobKeys(safe_name(profile.name), job)
    client.set(current_job_key(keys.site), job)
    spider = ArticleSpider.from_crawler(
        crawler, site=site, out=str(output_dir), base_url=base_url, crawl_id=job
    )
    try:
        queue = ClusterQueue(
            client,
            spider,
            keys.requests,
            serializer,
            inflight_key=keys.inflight(SEED_WORKER),
            replayed_key=keys.replayed,
        )
        dupefilter = FingerprintDupeFilter(client, keys.dupefilter, crawler.request_fingerprinter)
        queued = 0
        for request in asyncio.run(_collect(spider.start())):
            if not dupefilter.request_seen(request):
                queue.push(request)
                queued += 1
    finally:
        spider.closed("seeded")
    seeded_at = datetime.now(UTC).isoformat(timespec="seconds")
    client.set(keys.seeded, json.dumps({"at": seeded_at, "queued": queued}))
    stats = crawler.stats.get_stats()
    skipped = {
        k.rsplit("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("archivist/skipped/")
    }
    logger.info("Seeded job %s of site %s with %d requests", job, profile.name, queued)
    return SeedReport(profile.name, job, queued, skipped)
