"""Drop records that are not well-formed articles, with the reason."""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from archive.records import schema_problems


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        problems = schema_problems(item)
        if problems:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("archivist/errors/invalid_record")
            raise DropItem(f"Invalid record for {item.get('url')}: {'; '.join(problems)}")
        return item
