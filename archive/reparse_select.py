"""Which stored responses a reparse reads: its inputs, and a query on them.

Inputs are WARC files, folders of them, crawl folders (`OUT/<site>/<crawl-id>/`, whose
`warc/` folder is read) or site folders (`OUT/<site>/`: its crawls in name order). A
`RecordQuery` keeps responses by URL prefix, URL regex, domain, capture date range and
MIME type.

How they are read, in order of preference:
  1. by the index: when the query has a filter and every input is a crawl (or its `warc/`
     folder) with a complete index (`index.cdxj`, and a per-file index in `indexes/` for
     each WARC file), the merged index is scanned and only the matching records are read,
     each with one seek (`archive.reader.iter_records_at`);
  2. by streaming: otherwise every record is read and the query applied to it.

Both give the same responses in the same order (WARC file order, then offset): the index
is only a pre-filter, and the query is applied again to every record read. Revisits are
resolved to their originals in both modes (by index: through the original's payload
digest and record ID, only when the revisit could give an article line).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from warcio.timeutils import iso_date_to_timestamp

from archive.capture import PROFILE_IDENTICAL_PAYLOAD
from archive.index import REVISIT_MIME, index_path_for, parse_line
from archive.layout import CrawlLayout
from archive.reader import (
    ReadStats,
    StoredResponse,
    WarcReadError,
    expand_warc_paths,
    iter_records_at,
    iter_responses,
)

logger = logging.getLogger(__name__)

# A record's place in a reparse: (index of its file in the input list, its offset).
Position = tuple[int, int]


class SelectionError(ValueError):
    """The inputs or the query cannot be used (a bad date, the same file twice)."""


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Filters on stored responses; an empty query keeps every one. Dates are 14-digit
    WARC timestamps (UTC), both ends inclusive."""

    url_prefix: str | None = None
    url_regex: str | None = None
    domain: str | None = None
    since: str | None = None
    until: str | None = None
    mime: str | None = None

    def __post_init__(self) -> None:
        if self.url_regex is not None:
            try:
                re.compile(self.url_regex)
            except re.error as exc:
                raise SelectionError(f"bad --url-regex {self.url_regex!r}: {exc}") from exc

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def matches(self, url: str, timestamp: str, mime: str | None) -> bool:
        """Whether a record matches; `mime` None is not checked (not known yet)."""
        return (
            (self.url_prefix is None or url.startswith(self.url_prefix))
            and (self.url_regex is None or re.search(self.url_regex, url) is not None)
            and (self.domain is None or _in_domain(url, self.domain))
            and (self.since is None or timestamp >= self.since)
            and (self.until is None or timestamp <= self.until)
            and (self.mime is None or mime is None or mime == self.mime.lower())
        )

    def matches_response(self, response: StoredResponse) -> bool:
        content_type = response.header("Content-Type") or ""
        mime = content_type.split(";", 1)[0].strip().lower()
        return self.matches(response.url, iso_date_to_timestamp(response.fetched_at), mime)


def _in_domain(url: str, domain: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    domain = domain.lower().strip(".")
    return host == domain or host.endswith("." + domain)


def warc_timestamp(text: str, *, end_of_day: bool = False) -> str:
    """The 14-digit UTC timestamp of a date (YYYY-MM-DD) or ISO 8601 date-time; a bare
    date is its first second, or its last with `end_of_day`. Naive times are UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise SelectionError(f"bad date {text!r}: use YYYY-MM-DD or ISO 8601") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if end_of_day and len(text.strip()) == len("YYYY-MM-DD"):
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


@dataclass(frozen=True, slots=True)
class Selection:
    """The WARC files of a reparse in reading order, and the crawl indexes that cover
    them all (None: read by streaming)."""

    files: tuple[Path, ...]
    indexes: tuple[Path, ...] | None

    @property
    def mode(self) -> str:
        return "index" if self.indexes is not None else "stream"


def plan_selection(paths: Iterable[Path], query: RecordQuery) -> Selection:
    """Expand the inputs to WARC files and choose how to read them (module docstring)."""
    files: list[Path] = []
    indexes: list[Path] | None = []
    for path in _with_site_folders(paths):
        crawl = _crawl_of(path)
        found = expand_warc_paths([crawl.warc_dir if crawl else path])
        files.extend(found)
        if indexes is not None and crawl is not None and _index_complete(crawl, found):
            indexes.append(crawl.index)
        else:
            indexes = None
    _refuse_repeated_names(files)
    if query.is_empty or not indexes:
        indexes = None
    return Selection(tuple(files), tuple(indexes) if indexes is not None else None)


def _with_site_folders(paths: Iterable[Path]) -> Iterator[Path]:
    """Inputs as given, a site folder (`OUT/<site>`, crawl folders inside) replaced by its
    crawls in name order: crawl ids sort by time."""
    for path in map(Path, paths):
        crawls = sorted(p for p in path.glob("*/warc") if p.is_dir()) if path.is_dir() else []
        if crawls and not (path / "warc").is_dir():
            yield from (crawl.parent for crawl in crawls)
        else:
            yield path


def _crawl_of(path: Path) -> CrawlLayout | None:
    """The crawl a folder is (or whose `warc/` folder it is), if it is one."""
    if not path.is_dir():
        return None
    if (path / "warc").is_dir():
        return CrawlLayout(path)
    if path.name == "warc" and (path.parent / "index.cdxj").is_file():
        return CrawlLayout(path.parent)
    return None


def _index_complete(crawl: CrawlLayout, files: list[Path]) -> bool:
    return crawl.index.is_file() and all(
        index_path_for(f, crawl.index_dir).is_file() for f in files
    )


def _refuse_repeated_names(files: list[Path]) -> None:
    seen: set[str] = set()
    for path in files:
        if path.name in seen:
            raise SelectionError(
                f"two input WARC files are named {path.name}: records are located by file"
                " name (as in the index and in each record's `warc` field), so names must be unique"
            )
        seen.add(path.name)


def iter_selected(
    selection: Selection, query: RecordQuery, stats: ReadStats, start: Position | None = None
) -> Iterator[tuple[Position, StoredResponse]]:
    """The responses that match `query`, with their positions, in reading order; with
    `start`, only those after it (a resumed run)."""
    if selection.indexes is None:
        selected = _streamed(selection, query, stats)
    else:
        selected = _by_index(selection, query, stats, start)
    for position, response in selected:
        if start is None or position > start:
            yield position, response


def _streamed(
    selection: Selection, query: RecordQuery, stats: ReadStats
) -> Iterator[tuple[Position, StoredResponse]]:
    number = {path.name: n for n, path in enumerate(selection.files)}
    for response in iter_responses(selection.files, stats):
        if query.matches_response(response):
            yield (number[response.location.filename], response.location.offset), response


@dataclass(slots=True)
class _IndexScan:
    """Matching records by position, and the payload digests of matching revisits."""

    matches: list[Position] = field(default_factory=list)
    revisit_digests: set[str] = field(default_factory=set)
    originals: dict[str, list[Position]] = field(default_factory=lambda: defaultdict(list))


def _by_index(
    selection: Selection, query: RecordQuery, stats: ReadStats, start: Position | None
) -> Iterator[tuple[Position, StoredResponse]]:
    assert selection.indexes is not None
    number = {path.name: n for n, path in enumerate(selection.files)}
    scan = _scan_indexes(selection.indexes, number, query)
    stats.files = len(selection.files)
    logger.info("Index: %d matching records in %d files", len(scan.matches), stats.files)
    wanted = [p for p in sorted(scan.matches) if start is None or p > start]
    for file_number, offsets in _by_file(wanted):
        path = selection.files[file_number]
        try:
            for response in iter_records_at(path, offsets):
                stats.responses += 1
                response = _resolved(response, selection, scan, stats)
                if query.matches_response(response):
                    yield (file_number, response.location.offset), response
        except WarcReadError as exc:
            stats.errors += 1
            stats.failed_files.append(str(path))
            logger.warning("Skipping the rest of WARC file %s: %s", path, exc)


def _scan_indexes(
    indexes: Iterable[Path], number: dict[str, int], query: RecordQuery
) -> _IndexScan:
    """Two passes over the indexes: the matching records, then the candidate originals
    (2xx responses) of the matching revisits' payload digests."""
    scan = _IndexScan()
    for position, key_fields in _index_records(indexes, number):
        url, timestamp, mime, digest = key_fields
        if query.matches(url, timestamp, None if mime == REVISIT_MIME else mime):
            scan.matches.append(position)
            if mime == REVISIT_MIME and digest:
                scan.revisit_digests.add(digest)
    if scan.revisit_digests:
        for position, (_, _, mime, digest) in _index_records(indexes, number, ok_only=True):
            if mime != REVISIT_MIME and digest in scan.revisit_digests:
                scan.originals[digest].append(position)
    return scan


def _index_records(
    indexes: Iterable[Path], number: dict[str, int], *, ok_only: bool = False
) -> Iterator[tuple[Position, tuple[str, str, str | None, str | None]]]:
    """(position, (url, timestamp, mime, digest)) of the HTTP records of the indexes
    (records without a status, such as `resource`, are not responses)."""
    for index in indexes:
        with index.open(encoding="utf-8") as lines:
            for line in lines:
                _, timestamp, line_fields = parse_line(line)
                status = line_fields.get("status")
                if status is None or (ok_only and not status.startswith("2")):
                    continue
                file_number = number.get(line_fields["filename"])
                if file_number is None:  # a file no longer in the crawl's folder
                    continue
                url, mime = line_fields["url"], line_fields.get("mime")
                facts = (url, timestamp, mime, line_fields.get("digest"))
                yield (file_number, int(line_fields["offset"])), facts


def _by_file(positions: list[Position]) -> Iterator[tuple[int, list[int]]]:
    """Sorted positions grouped into (file number, offsets) runs."""
    run: list[int] = []
    current = -1
    for file_number, offset in positions:
        if file_number != current and run:
            yield current, run
            run = []
        current = file_number
        run.append(offset)
    if run:
        yield current, run


def _resolved(
    response: StoredResponse, selection: Selection, scan: _IndexScan, stats: ReadStats
) -> StoredResponse:
    """A revisit with its original's body, when the original can matter: only an
    identical payload at another URL gives an article line (archive.revisits)."""
    revisit = response.revisit
    if revisit is None:
        return response
    stats.revisits += 1
    if revisit.profile != PROFILE_IDENTICAL_PAYLOAD or revisit.target_uri == response.url:
        return response
    for file_number, offset in scan.originals.get(revisit.payload_digest or "", ()):
        (original,) = iter_records_at(selection.files[file_number], [offset])
        if original.location.record_id == revisit.record_id:
            return replace(
                response,
                body=original.body,
                original=original.location,
                original_crawl_id=original.crawl_id,
            )
    stats.unresolved_revisits += 1
    return response
