"""Where an export reads from, and the tolerant line reader.

An input is, in this order of precedence:

1. a file: read as articles JSONL; each record's `crawl_site` is its URL's host;
2. a crawl folder (it holds `articles.jsonl`, or `articles-<worker>.jsonl` per worker of a
   distributed crawl): its site is the parent folder's name;
3. a site folder (OUT/<site>/, whose sub-folders hold `articles.jsonl`): every crawl of it;
4. an output root (OUT/): every crawl of every site, OUT/<site>/<crawl-id>/articles.jsonl.

Folders are listed in sorted order, so two passes over the same inputs see the same
lines in the same order: the export names a line by its index (RawLine.index) in the
first pass and reads only the lines it needs in the later ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from archive.export.errors import InputError
from archive.export.report import BAD_JSON, BAD_RECORD, ExportReport
from archive.records import schema_problems

logger = logging.getLogger(__name__)

# A crawl folder's article files: articles.jsonl, or articles-<worker>.jsonl for each
# worker of a distributed crawl.
ARTICLE_FILES = "articles*.jsonl"

# Read buffer: article lines are ~12 KB, more than the default 8 KB buffer.
READ_BUFFER = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    site: str | None  # None: take each record's URL host


@dataclass(frozen=True, slots=True)
class RawLine:
    index: int  # among the non-blank lines of all sources: names the line in later passes
    source: Source
    number: int  # line number in its file, from 1
    text: bytes


@dataclass(frozen=True, slots=True)
class Line:
    """One well-formed record, its site folder (None for a bare file) and line index."""

    record: dict[str, Any]
    site: str | None
    index: int


def resolve(inputs: Iterable[Path]) -> list[Source]:
    """The articles files behind the inputs, with their site (see the module docstring)."""
    sources: list[Source] = []
    for path in inputs:
        found = _sources_of(path)
        if not found:
            raise InputError(f"no articles file in {path} (expected a JSONL file or a folder)")
        sources.extend(found)
    return sources


def _sources_of(path: Path) -> list[Source]:
    if path.is_file():
        return [Source(path, None)]
    if not path.is_dir():
        return []
    own = sorted(path.glob(ARTICLE_FILES))
    if own:
        return [Source(p, path.resolve().parent.name) for p in own]
    crawls = sorted(path.glob(f"*/{ARTICLE_FILES}"))
    if crawls:
        return [Source(p, path.resolve().name) for p in crawls]
    return [Source(p, p.parent.parent.name) for p in sorted(path.glob(f"*/*/{ARTICLE_FILES}"))]


def raw_lines(sources: Iterable[Source]) -> Iterator[RawLine]:
    """Every non-blank line of the sources, in order, unparsed, numbered across sources."""
    index = 0
    for source in sources:
        with source.path.open("rb", buffering=READ_BUFFER) as lines:
            for number, text in enumerate(lines, start=1):
                if not text.isspace():  # (strip() would copy every 12 KB line)
                    yield RawLine(index, source, number, text)
                    index += 1


def read_lines(sources: Iterable[Source], report: ExportReport) -> Iterator[Line]:
    """Every well-formed record of the sources, in order, counted in `report`.

    Every non-blank line counts as read. A line that is not a JSON object, or a record
    that lacks a required field, is counted as a drop, logged with its file and line
    number, and skipped.
    """
    for raw in raw_lines(sources):
        report.rows_read += 1
        record, reason, detail = _parse(raw.text)
        if reason is not None:
            report.bad_line(reason, f"{raw.source.path}:{raw.number}: {detail}")
            continue
        yield Line(record, raw.source.site, raw.index)


def parse_known_good(raw: RawLine) -> Line:
    """A line that `read_lines` already accepted, read again by a later pass."""
    record, reason, detail = _parse(raw.text)
    if reason is not None:  # the file changed between passes
        raise InputError(f"{raw.source.path}:{raw.number} changed during the export: {detail}")
    return Line(record, raw.source.site, raw.index)


def _parse(text: bytes) -> tuple[dict[str, Any], str | None, str]:
    """The record, or a drop reason (BAD_JSON, BAD_RECORD) and what is wrong.

    Lines must be UTF-8 (as the crawl writes them); other bytes make a line bad JSON.
    """
    try:
        record = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        return {}, BAD_JSON, f"not JSON ({exc})"
    if not isinstance(record, dict):
        return {}, BAD_JSON, "not a JSON object"
    problems = schema_problems(record)
    if problems:
        return {}, BAD_RECORD, "; ".join(problems)
    return record, None, ""
