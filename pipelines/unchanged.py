"""Drop articles whose response was a revisit of an unchanged payload.

`pipelines.warc.WarcCaptureExtension` remembers the record IDs of revisit records that
give no article line (archive.revisits.revisit_gives_article: the same payload was
stored by an earlier crawl, or for the same URL); an item whose ``warc.record_id`` is one
of them is dropped. Reparse skips the same records, so both write the same lines.

Runs before the dedup pipeline, so a dropped article does not count as seen.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from pipelines.warc import WarcCaptureExtension

# An unchanged payload is an unchanged article (crawl.json: articles_unchanged).
STAT_DROPPED = "archivist/articles/unchanged"


class UnchangedPayloadPipeline:
    def __init__(self, crawler: Crawler, capture: WarcCaptureExtension) -> None:
        self.crawler = crawler
        self.capture = capture

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.extensions is not None
        for extension in crawler.extensions.middlewares:
            if isinstance(extension, WarcCaptureExtension):
                return cls(crawler, extension)
        raise NotConfigured("WarcCaptureExtension is off: no revisit records are written")

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        location = item.get("warc") or {}
        if self.capture.is_unchanged_payload(location.get("record_id")):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(STAT_DROPPED)
            raise DropItem(f"Unchanged payload (revisit) {item.get('url')}", log_level="INFO")
        return item
