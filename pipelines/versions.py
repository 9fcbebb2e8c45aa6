"""Article versions against the site's state store.

`VersionPipeline` (before the JSONL writer) decides new / updated / unchanged with
`archive.versions.decide`: an unchanged article is dropped (no new line), a new or
changed one gets `version` and `changed_fields`. `StateCommitPipeline` (after the JSONL
writer) records the written version. A crash between the two loses nothing: the resumed
run settles such lines from the JSONL file (`Frontier.settle_written`).
"""

from __future__ import annotations

import json
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archive.state import CrawlState
from archive.versions import Change, Previous, committed_fields, decide, stamp
from pipelines.state import open_store

STAT_PREFIX = "archivist/articles/"


def _open_store(crawler: Crawler) -> CrawlState:
    store = open_store(crawler.settings)
    if store is None:
        raise NotConfigured("neither ARCHIVIST_STATE_DB nor ARCHIVIST_REDIS_URL is set")
    return store


class _StatePipeline:
    def __init__(self, crawler: Crawler, store: CrawlState) -> None:
        self.crawler = crawler
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler, _open_store(crawler))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_closed(self) -> None:
        self.store.close()

    def count(self, what: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STAT_PREFIX + what)


class VersionPipeline(_StatePipeline):
    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        state = self.store.url_state(str(item["url"]))
        previous = None
        if state is not None and state.version and state.field_digests:
            previous = Previous(state.version, json.loads(state.field_digests))
        decision = decide(previous, item)
        self.count(str(decision.change))
        if decision.change is Change.UNCHANGED:
            raise DropItem(f"Unchanged article {item['url']}", log_level="DEBUG")
        return stamp(item, decision)


class StateCommitPipeline(_StatePipeline):
    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        self.store.update_url(str(item["url"]), **committed_fields(item))
        return item
