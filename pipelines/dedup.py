"""Drop articles already written in this run (same canonical URL or same text).

A resumed run (the same crawl id after a crash) first reads the lines its earlier part
wrote, so no article is written twice in one run.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from archive.dedup import SeenArticles
from archive.layout import CrawlLayout
from archive.records import read_json_lines

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, crawler: Crawler, articles: Path | None) -> None:
        self.crawler = crawler
        self.articles = articles
        self.seen = SeenArticles()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        crawl_dir = crawler.settings.get("ARCHIVIST_CRAWL_DIR")
        worker = crawler.settings.get("ARCHIVIST_WORKER") or ""
        return cls(crawler, CrawlLayout(Path(crawl_dir), worker).articles if crawl_dir else None)

    def open_spider(self) -> None:
        if self.articles is None or not self.articles.exists():
            return
        count = 0
        for record in read_json_lines(self.articles):
            self.seen.duplicate_reason(record)
            count += 1
        logger.info("Resuming: %d articles already written in %s", count, self.articles)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        reason = self.seen.duplicate_reason(item)
        if reason:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"archivist/dropped/{reason}")
            raise DropItem(f"Duplicate article {item.get('url')}: {reason}", log_level="INFO")
        return item
