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

At scale: the inputs may be narrowed by a query (archive.reparse_select: by the crawl
index when there is one, else by streaming); extraction runs in `workers` processes
(archive.reparse_pool) while the ordered decisions stay here, in WARC order, so the
output does not depend on the number of workers. A failing page is handled by the
`ErrorPolicy`. Written to a file, a run keeps a checkpoint and a journal beside it
(archive.reparse_state) and resumes where it stopped when run again with the same
arguments; when it ends it writes the dataset's manifest, `OUT.manifest.json`
(parser version, creation time, inputs, query, counts, SHA-256 of the output).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from archive.capture import FIELD_PAGE_KIND
from archive.reader import ReadStats, StoredResponse
from archive.records import to_json_line
from archive.reparse_pool import Extractor, Item, PageResult, PageTask
from archive.reparse_select import (
    Position,
    RecordQuery,
    Selection,
    iter_selected,
    plan_selection,
)
from archive.reparse_state import Checkpoint, Decisions, ReparseReport, fingerprint
from archive.revisits import revisit_gives_article
from parsers import DEFAULT_OPTIONS, PARSER_VERSION, ExtractOptions

logger = logging.getLogger(__name__)

# Seconds between progress lines.
PROGRESS_INTERVAL = 5.0
# Responses between checkpoints: a kill loses at most this much work, and a checkpoint
# (flush + fsync of two files, one small JSON) costs about a millisecond.
DEFAULT_CHECKPOINT_EVERY = 500
MANIFEST_SUFFIX = ".manifest.json"


class ErrorPolicy(StrEnum):
    """What a page whose extraction fails (or a bad WARC record) does to the run."""

    RAISE = "raise"  # stop the run with ReparseError
    LOG = "log"  # warn with the URL and file:offset, count, go on
    SKIP = "skip"  # count, go on


class ReparseError(Exception):
    """The run stopped: a failure under ErrorPolicy.RAISE, or a checkpoint that does not
    belong to these arguments or this output."""


@dataclass(frozen=True, slots=True)
class ReparseJob:
    paths: tuple[Path, ...]
    query: RecordQuery = field(default_factory=RecordQuery)
    workers: int = 1
    on_error: ErrorPolicy = ErrorPolicy.LOG
    checkpoint_every: int = DEFAULT_CHECKPOINT_EVERY
    options: ExtractOptions = DEFAULT_OPTIONS


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


def reparse(job: ReparseJob, out: IO[bytes]) -> ReparseReport:
    """Write the article lines of the job's WARCs to `out` (no checkpoint)."""
    selection = plan_selection(job.paths, job.query)
    run = _Run(job, selection, out, Decisions())
    run.go(start=None)
    return run.report


def reparse_to_file(job: ReparseJob, output: Path) -> ReparseReport:
    """Write the article lines to `output`, resuming from its checkpoint if there is one;
    write the manifest and drop the checkpoint when done."""
    selection = plan_selection(job.paths, job.query)
    stamp = _fingerprint(job, selection)
    checkpoint = Checkpoint.load(Checkpoint.path_for(output))
    if checkpoint is not None and checkpoint.fingerprint != stamp:
        raise ReparseError(
            f"{Checkpoint.path_for(output)} belongs to a run with other inputs, query or "
            "parser version: run with those, or delete it to start over"
        )
    journal_path = Checkpoint.journal_for(output)
    with (
        _reopen(output, checkpoint, "output") as out,
        _reopen(journal_path, checkpoint, "journal") as journal,
    ):
        decisions = Decisions(journal)
        if checkpoint is not None:
            _resume(decisions, journal, checkpoint)
        run = _Run(job, selection, out, decisions, saver=_saver(output, stamp, out, journal))
        if checkpoint is not None:
            run.report.restore(checkpoint.counts)
        run.go(start=checkpoint.position if checkpoint else None)
    _write_manifest(output, job, selection, run.report)
    Checkpoint.path_for(output).unlink(missing_ok=True)
    journal_path.unlink()
    return run.report


def _fingerprint(job: ReparseJob, selection: Selection) -> str:
    files = [(str(path.resolve()), path.stat().st_size) for path in selection.files]
    query = asdict(job.query)
    # The options name filter lists by path; their rules are what the output depends on,
    # so an edited list (a new EasyList download) makes the checkpoint another run's.
    lists = [
        hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in job.options.filter_lists
    ]
    return fingerprint(
        {
            "files": files,
            "query": query,
            "parser": PARSER_VERSION,
            "options": job.options,
            "filter_lists": lists,
        }
    )


def _reopen(path: Path, checkpoint: Checkpoint | None, what: str) -> IO[bytes]:
    """A fresh file, or (resuming) the file cut back to the checkpoint's length."""
    if checkpoint is None:
        return path.open("wb")
    size = checkpoint.output_bytes if what == "output" else checkpoint.journal_bytes
    if not path.is_file() or path.stat().st_size < size:
        raise ReparseError(f"the {what} {path} is shorter than its checkpoint says ({size} B)")
    handle = path.open("r+b")
    handle.truncate(size)
    handle.seek(size)
    return handle


def _resume(decisions: Decisions, journal: IO[bytes], checkpoint: Checkpoint) -> None:
    journal.seek(0)
    decisions.replay(journal)
    logger.info(
        "Resuming after file %d offset %d (%d responses done)",
        *checkpoint.position,
        checkpoint.counts["responses"],
    )


Saver = Callable[[Position, ReparseReport], None]


def _saver(output: Path, stamp: str, out: IO[bytes], journal: IO[bytes]) -> Saver:
    def save(position: Position, report: ReparseReport) -> None:
        for handle in (out, journal):
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint = Checkpoint(stamp, position, out.tell(), journal.tell(), report.counts())
        checkpoint.save(Checkpoint.path_for(output))

    return save


@dataclass(frozen=True, slots=True)
class _Key:
    """What the ordered stream keeps of a response while it is extracted."""

    position: Position
    url: str
    where: str  # "file:offset", for messages
    skip: str | None  # decided before extraction: not an article, an unchanged revisit


class _Run:
    """One pass: select, extract (in order, maybe in parallel), decide, write."""

    def __init__(
        self,
        job: ReparseJob,
        selection: Selection,
        out: IO[bytes],
        decisions: Decisions,
        saver: Saver | None = None,
    ) -> None:
        self.job = job
        self.selection = selection
        self.report = ReparseReport()
        self._out = out
        self._decisions = decisions
        self._saver = saver
        self._stats = ReadStats()
        self._since_save = 0
        self._started = self._last_progress = time.monotonic()

    def go(self, start: Position | None) -> None:
        logger.info(
            "Reparse of %d WARC file(s), reading by %s, %d worker(s)",
            len(self.selection.files),
            self.selection.mode,
            self.job.workers,
        )
        selected = iter_selected(self.selection, self.job.query, self._stats, start)
        with Extractor(self.job.workers, self.job.options) as extractor:
            for key, result in extractor.results(self._items(selected)):
                self._handle(key, result)
                self._after(key.position)
        self._finish()

    def _items(self, selected: Iterator[tuple[Position, StoredResponse]]) -> Iterator[Item[_Key]]:
        for position, response in selected:
            where = f"{response.location.filename}:{response.location.offset}"
            skip = None
            if not is_article_capture(response):
                skip = "not_article"
            elif is_unchanged_revisit(response):
                skip = "unchanged_payload"
            task = None if skip else PageTask.of(response)
            yield Item(_Key(position, response.url, where, skip), task)

    def _handle(self, key: _Key, result: PageResult | None) -> None:
        self.report.responses += 1
        if key.skip is not None or result is None:
            self.report.skipped[key.skip or "not_article"] += 1
        elif result.record is None:
            self._failed(key, result.error or "no record")
        else:
            self._decide(result.record)

    def _decide(self, record: dict[str, Any]) -> None:
        outcome, stamped = self._decisions.decide(record)
        if stamped is not None:
            self._out.write(to_json_line(stamped).encode("utf-8") + b"\n")
            self.report.articles_written += 1
        elif outcome.startswith("duplicate") or outcome == "unchanged":
            self.report.skipped[outcome] += 1
        else:
            self.report.errors[outcome] += 1

    def _failed(self, key: _Key, error: str) -> None:
        self.report.errors["extraction_failed"] += 1
        if self.job.on_error is ErrorPolicy.RAISE:
            raise ReparseError(f"Extraction failed for {key.url} at {key.where}: {error}")
        if self.job.on_error is ErrorPolicy.LOG:
            logger.warning(
                "Extraction failed for %s at %s: %s (%d failure(s) so far)",
                key.url,
                key.where,
                error,
                self.report.errors["extraction_failed"],
            )

    def _check_records(self) -> None:
        if self.job.on_error is ErrorPolicy.RAISE and self._stats.errors:
            raise ReparseError(f"Bad WARC record(s) in {self._stats.failed_files or 'the input'}")

    def _after(self, position: Position) -> None:
        self._check_records()
        self._since_save += 1
        if self._saver is not None and self._since_save >= self.job.checkpoint_every:
            self._saver(position, self.report)
            self._since_save = 0
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            rate = self.report.responses / (now - self._started)
            logger.info(
                "Progress: %d responses, %d articles, %.0f responses/s, file %d of %d",
                self.report.responses,
                self.report.articles_written,
                rate,
                position[0] + 1,
                len(self.selection.files),
            )

    def _finish(self) -> None:
        self._check_records()
        stats = self._stats
        self.report.files_read = stats.files - len(stats.failed_files)
        if stats.errors:
            self.report.errors["bad_warc_record"] += stats.errors
        self.report.seconds = time.monotonic() - self._started


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + MANIFEST_SUFFIX)


def _write_manifest(
    output: Path, job: ReparseJob, selection: Selection, report: ReparseReport
) -> None:
    """The dataset version: which parser made `output`, when, from what."""
    digest = hashlib.sha256()
    with output.open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    manifest = {
        "parser_version": PARSER_VERSION,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "output": output.name,
        "sha256": digest.hexdigest(),
        "inputs": [str(path) for path in selection.files],
        "query": {k: v for k, v in asdict(job.query).items() if v is not None},
        "read_by": selection.mode,
        "counts": {"files_read": report.files_read, **report.counts()},
    }
    target = manifest_path(output)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    os.replace(temporary, target)
