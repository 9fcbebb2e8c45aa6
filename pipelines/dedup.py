"""Drop articles already written in this run (same canonical URL or same text)."""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from archive.dedup import SeenArticles


class DedupPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen = SeenArticles()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        reason = self.seen.duplicate_reason(item)
        if reason:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"archivist/dropped/{reason}")
            raise DropItem(f"Duplicate article {item.get('url')}: {reason}")
        return item
