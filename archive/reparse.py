"""Re-parse stored WARCs into article records, without fetching anything.

The records equal a live crawl's, field by field: the same extraction
(`archive.records.article_record`), the same serializer, the same rejection and dedup
rules, and the fetch facts (URL, status, content type, WARC-Date, record location, crawl
id, discovery) read back from the WARC records that the crawl wrote.

Which responses are articles: Archivist's own WARCs say so in the metadata record of each
capture (`archivist-page-kind: article`); for other WARCs, every 2xx HTML response is a
candidate and the extraction decides.

Versions (`version`, `changed_fields`) are counted over the archives given, in order: to
reproduce a site's version history, reparse all its crawls together.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from archive.capture import FIELD_DISCOVERY, FIELD_PAGE_KIND
from archive.dedup import SeenArticles
from archive.reader import ReadStats, StoredResponse, expand_warc_paths, iter_responses
from archive.records import FetchFacts, article_record, rejection, to_json_line
from archive.revisits import revisit_gives_article
from archive.versions import Change, SeenVersions, stamp
from parsers import DEFAULT_OPTIONS, ExtractOptions

logger = logging.getLogger(__name__)

# Seconds between progress lines on long runs.
PROGRESS_INTERVAL = 10.0


@dataclass(slots=True)
class ReparseReport:
    files_read: int = 0
    responses: int = 0
    articles_written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # not article pages, duplicates
    errors: Counter[str] = field(default_factory=Counter)  # extraction rejections, bad WARCs
    seconds: float = 0.0

    def summary(self) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        skipped = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items())) or "none"
        rate = self.responses / self.seconds if self.seconds else 0.0
        return (
            f"Reparsed {self.files_read} WARC file(s) in {self.seconds:.1f} s: "
            f"{self.responses} responses ({rate:.0f}/s), {self.articles_written} articles "
            f"written\n  errors: {errors}; skipped: {skipped}"
        )


def is_article_capture(response: StoredResponse) -> bool:
    if not 200 <= response.status < 300:
        return False
    kind = response.meta_field(FIELD_PAGE_KIND)
    if kind is not None:
        return kind == "article"
    content_type = (response.header("Content-Type") or "").lower()
    return "html" in content_type


def is_unchanged_revisit(response: StoredResponse) -> bool:
    """A revisit whose capture gives no article line, as the live crawl decides it
    (archive.revisits.revisit_gives_article); an unresolved revisit gives none either."""
    if response.revisit is None:
        return False
    same_crawl = response.original is not None and response.original_crawl_id == response.crawl_id
    return not revisit_gives_article(response.url, response.revisit, same_crawl)


def record_from_response(
    response: StoredResponse, options: ExtractOptions = DEFAULT_OPTIONS
) -> dict[str, Any]:
    """The article record of one stored response, as the live crawl built it."""
    discovery = response.meta_field(FIELD_DISCOVERY)
    fetch = FetchFacts(
        url=response.url,
        status=response.status,
        content_type=response.header("Content-Type"),
        fetched_at=response.fetched_at,
    )
    return article_record(
        response.body,
        fetch,
        warc=response.location,
        crawl_id=response.crawl_id,
        discovery=json.loads(discovery) if discovery else None,
        options=options,
    )


def reparse(
    paths: Iterable[Path], out: TextIO, options: ExtractOptions = DEFAULT_OPTIONS
) -> ReparseReport:
    """Read WARC files or folders, write article JSON lines to `out`."""
    report = ReparseReport()
    stats = ReadStats()
    # Dedup is per crawl run, as in the live crawl; versions span the runs given.
    seen: dict[str | None, SeenArticles] = {}
    versions = SeenVersions()
    started = last_progress = time.monotonic()
    for response in iter_responses(expand_warc_paths(paths), stats):
        report.responses += 1
        if not is_article_capture(response):
            report.skipped["not_article"] += 1
            continue
        if is_unchanged_revisit(response):
            report.skipped["unchanged_payload"] += 1
            continue
        record = record_from_response(response, options)
        run_seen = seen.setdefault(response.crawl_id, SeenArticles())
        problem = rejection(record) or run_seen.duplicate_reason(record)
        if problem:
            (report.skipped if problem.startswith("duplicate") else report.errors)[problem] += 1
            continue
        decision = versions.decide(record)
        if decision.change is Change.UNCHANGED:
            report.skipped["unchanged"] += 1
            continue
        out.write(to_json_line(stamp(record, decision)) + "\n")
        report.articles_written += 1
        if time.monotonic() - last_progress > PROGRESS_INTERVAL:
            last_progress = time.monotonic()
            logger.info(
                "Progress: %d responses, %d articles", report.responses, report.articles_written
            )
    report.files_read = stats.files - len(stats.failed_files)
    if stats.errors:
        report.errors["bad_warc_record"] += stats.errors
    report.seconds = time.monotonic() - started
    return report
