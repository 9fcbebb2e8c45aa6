"""Write article records as JSON lines to CRAWL_DIR/articles.jsonl (a cluster worker:
CRAWL_DIR/articles-<ARCHIVIST_WORKER>.jsonl).

Each line is flushed as it is written, so a crash loses at most the line in progress
and never leaves a half-written line behind a complete one.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archive.layout import CrawlLayout
from archive.records import to_json_line


class JsonLinesPipeline:
    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        crawl_dir = crawler.settings.get("ARCHIVIST_CRAWL_DIR")
        if not crawl_dir:
            raise NotConfigured("ARCHIVIST_CRAWL_DIR is not set")
        return cls(
            crawler,
            CrawlLayout(Path(crawl_dir), crawler.settings.get("ARCHIVIST_WORKER") or "").articles,
        )

    def open_spider(self) -> None:
        _drop_torn_last_line(self.path)
        self.file = self.path.open("a", encoding="utf-8")

    def close_spider(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.file is not None, "open_spider was not called"
        self.file.write(to_json_line(item) + "\n")
        self.file.flush()
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("archivist/articles/written")
        return item


def _drop_torn_last_line(path: Path) -> None:
    """A run killed mid-write leaves a last line without its newline; cut it off before
    appending (the article was not committed to the state store, so it is fetched again).
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as stream:
        stream.seek(-1, 2)
        if stream.read(1) == b"\n":
            return
        stream.seek(0)
        data = stream.read()
        stream.truncate(data.rfind(b"\n") + 1)
