"""Run one crawl in this process and return its crawl.json report."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.plan import CrawlPlan
from crawler.spiders.article import ArticleSpider


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


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
    report: dict[str, Any] = json.loads(plan.layout.report.read_text(encoding="utf-8"))
    return report
