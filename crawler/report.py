"""Progress lines while a crawl runs, and crawl.json plus a summary when it ends."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.spiders import Spider
from twisted.internet.task import LoopingCall

from archive.layout import CrawlLayout
from archive.state import CrawlState
from pipelines.state import open_store

logger = logging.getLogger(__name__)

_ERRORS = "archivist/errors/"
_SKIPPED = "archivist/skipped/"
_DROPPED = "archivist/dropped/"
# Retry-After answers (crawler.middlewares.retry_after): waited, gave_up, malformed.
_RETRY_AFTER = "archivist/retry_after/"


class CrawlReportExtension:
    def __init__(
        self, crawler: Crawler, layout: CrawlLayout, interval: float, store: CrawlState | None
    ) -> None:
        self.crawler = crawler
        self.layout = layout
        self.interval = interval
        self.store = store
        self.started = time.monotonic()
        self.started_at = datetime.now(UTC)
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        crawl_dir = crawler.settings.get("ARCHIVIST_CRAWL_DIR")
        if not crawl_dir:
            raise NotConfigured("ARCHIVIST_CRAWL_DIR is not set")
        interval = crawler.settings.getfloat("ARCHIVIST_PROGRESS_INTERVAL")
        store = open_store(crawler.settings)
        layout = CrawlLayout(Path(crawl_dir), crawler.settings.get("ARCHIVIST_WORKER") or "")
        ext = cls(crawler, layout, interval, store)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.started_at = datetime.now(UTC)
        if self.store is not None:
            self.store.start_run(self._crawl_id, self.started_at.isoformat(timespec="seconds"))
        if self.interval > 0:
            self.task = LoopingCall(self.log_progress)
            self.task.start(self.interval, now=False)

    def log_progress(self) -> None:
        stats = self._stats()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        pages = stats.get("downloader/response_count", 0)
        logger.info(
            "Progress: %d pages fetched (%.1f/s), %d articles written, %d errors",
            pages,
            pages / elapsed,
            stats.get("archivist/articles/written", 0),
            sum(v for k, v in stats.items() if k.startswith(_ERRORS)),
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        report = self.build_report(reason)
        self.layout.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if self.store is not None:
            self.store.finish_run(self._crawl_id, report["finished_at"], report)
            self.store.close()
        logger.info("Crawl report written to %s\n%s", self.layout.report, summary(report))

    @property
    def _crawl_id(self) -> str:
        return str(self.crawler.settings.get("ARCHIVIST_CRAWL_ID"))

    def _stats(self) -> dict[str, Any]:
        assert self.crawler.stats is not None
        return self.crawler.stats.get_stats()

    def build_report(self, reason: str) -> dict[str, Any]:
        stats = self._stats()
        statuses = {
            k.rsplit("/", 1)[1]: v
            for k, v in stats.items()
            if k.startswith("downloader/response_status_count/")
        }
        errors = _prefixed(stats, _ERRORS)
        return {
            "site": self.crawler.settings.get("ARCHIVIST_SITE"),
            "crawl_id": self.crawler.settings.get("ARCHIVIST_CRAWL_ID"),
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "duration_seconds": round(time.monotonic() - self.started, 3),
            "finish_reason": reason,
            "requests": stats.get("downloader/request_count", 0),
            "pages_fetched": stats.get("downloader/response_count", 0),
            "responses_by_status": dict(sorted(statuses.items())),
            "articles_written": stats.get("archivist/articles/written", 0),
            "articles_new": stats.get("archivist/articles/new", 0),
            "articles_updated": stats.get("archivist/articles/updated", 0),
            "articles_unchanged": stats.get("archivist/articles/unchanged", 0),
            "errors_total": sum(errors.values()),
            "errors": errors,
            "skipped": _prefixed(stats, _SKIPPED),
            "dropped": _prefixed(stats, _DROPPED),
            "retry_after": _prefixed(stats, _RETRY_AFTER),
            "outputs": {
                "articles": str(self.layout.articles),
                "warc_dir": str(self.layout.warc_dir),
                "warc_files": sorted(p.name for p in self.layout.warc_dir.glob("*.warc.gz")),
            },
        }


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summary(report: dict[str, Any]) -> str:
    """A few human lines from a crawl.json report."""
    errors = ", ".join(f"{k}: {v}" for k, v in report["errors"].items()) or "none"
    skipped = ", ".join(f"{k}: {v}" for k, v in report["skipped"].items()) or "none"
    lines = [
        f"Crawl {report['crawl_id']} of site '{report['site']}' "
        f"finished ({report['finish_reason']}) in {report['duration_seconds']:.1f} s",
        f"  requests: {report['requests']}, pages fetched: {report['pages_fetched']}, "
        f"articles written: {report['articles_written']} (new {report['articles_new']}, "
        f"updated {report['articles_updated']}, unchanged {report['articles_unchanged']})",
        f"  errors: {report['errors_total']} ({errors}); skipped: {skipped}",
    ]
    # Only when a server sent one (reports written before it existed have no key).
    retry_after = report.get("retry_after") or {}
    if retry_after:
        counts = ", ".join(f"{k}: {v}" for k, v in retry_after.items())
        lines.append(f"  Retry-After: {counts}")
    lines += [
        f"  articles: {report['outputs']['articles']}",
        f"  WARC files: {len(report['outputs']['warc_files'])} in {report['outputs']['warc_dir']}",
    ]
    return "\n".join(lines)
