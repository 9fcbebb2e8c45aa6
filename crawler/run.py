"""Run one crawl in this process and return its crawl.json report."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.layout import CrawlLayout, site_folder
from crawler.plan import CrawlPlan, prepare_crawl, resolve_profile
from crawler.schedule import site_lock
from crawler.spiders.article import ArticleSpider


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_site(
    site: str,
    *,
    output_dir: Path,
    base_url: str | None = None,
    crawl_id: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Lock the site, plan the crawl (resuming an unfinished run), crawl, return the report.

    Raises AlreadyRunning when another run of the site holds the lock. A cluster worker
    (ARCHIVIST_REDIS_URL in `settings`) takes no lock, since the workers of a job share
    the site, and joins the job (crawler.distributed.job) instead of resuming.
    """
    profile = resolve_profile(site, base_url)
    redis_url = (settings or {}).get("ARCHIVIST_REDIS_URL")
    if redis_url:
        from crawler.distributed.job import join_job

        job = join_job(redis_url, profile.name, crawl_id)
        plan = prepare_crawl(site, output_dir=output_dir, base_url=base_url, crawl_id=job)
        return run_crawl(plan, base_url=base_url, settings=settings)
    with site_lock(site_folder(output_dir, profile.name)):
        plan = prepare_crawl(site, output_dir=output_dir, base_url=base_url, crawl_id=crawl_id)
        return run_crawl(plan, base_url=base_url, settings=settings)


def run_crawl(
    plan: CrawlPlan,
    *,
    base_url: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Crawl the plan's site (blocking) and return the report it wrote."""
    # The CLI configures logging once; Scrapy's own root handler would print every line twice.
    process = CrawlerProcess(project_settings(settings), install_root_handler=False)
    process.crawl(
        ArticleSpider,
        site=str(plan.profile.path) if plan.profile.path else plan.profile.start_urls[0],
        out=str(plan.layout.root.parent.parent),
        base_url=base_url,
        crawl_id=plan.crawl_id,
    )
    process.start()
    layout = CrawlLayout(plan.layout.root, str((settings or {}).get("ARCHIVIST_WORKER") or ""))
    report: dict[str, Any] = json.loads(layout.report.read_text(encoding="utf-8"))
    return report
