"""Export article records (JSONL) to JSONL, CSV or Parquet.

Streams: records are read line by line and written in batches, so memory does not grow
with the input. A line that is not a JSON object is counted, logged with its file and
line number, and skipped.

CSV flattening rules: lists of strings (authors, tags) are joined with " | "; lists of
objects and nested objects (images, blocks, site, warc, ...) are written as JSON text.
Parquet keeps the nested structure with a typed Arrow schema (see `ARROW_SCHEMA`).
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from archive.capture import parse_warc_date

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet")

# Rows per Parquet row group / write batch: big enough for good compression, small
# enough to keep memory flat (a news article averages ~5 KB of text).
BATCH_ROWS = 10_000

_IMAGE = pa.struct(
    [("url", pa.string()), ("alt", pa.string()), ("caption", pa.string()), ("credit", pa.string())]
)
_WARC = pa.struct(
    [
        ("filename", pa.string()),
        ("offset", pa.int64()),
        ("length", pa.int64()),
        ("record_id", pa.string()),
        ("payload_digest", pa.string()),
    ]
)
_LICENCE = pa.struct([("kind", pa.string()), ("number", pa.string()), ("text", pa.string())])
_SITE = pa.struct([("name", pa.string()), ("licences", pa.list_(_LICENCE))])
_REMOVED = pa.struct([("kind", pa.string()), ("text", pa.string())])

# The columns of a Parquet export, in order. Blocks and discovery facts vary in shape,
# so they are kept as JSON text.
ARROW_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published", pa.string()),
        ("modified", pa.string()),
        ("language", pa.string()),
        ("section", pa.string()),
        ("tags", pa.list_(pa.string())),
        ("description", pa.string()),
        ("text", pa.string()),
        ("blocks_json", pa.string()),
        ("images", pa.list_(_IMAGE)),
        ("source", pa.string()),
        ("editor", pa.string()),
        ("site", _SITE),
        ("field_sources", pa.map_(pa.string(), pa.string())),
        ("boilerplate_removed", pa.list_(_REMOVED)),
        ("encoding", pa.string()),
        ("extraction_status", pa.string()),
        ("text_digest", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("status", pa.int32()),
        ("content_type", pa.string()),
        ("discovery_json", pa.string()),
        ("warc", _WARC),
        ("parser_version", pa.string()),
        ("crawl_id", pa.string()),
    ]
)
_JSON_COLUMNS = {"blocks_json": "blocks", "discovery_json": "discovery"}


@dataclass(slots=True)
class ExportReport:
    rows_read: int = 0
    rows_written: int = 0
    bad_lines: int = 0
    problems: list[str] = field(default_factory=list)  # the first few, for the summary


def iter_records(paths: Iterable[Path], report: ExportReport) -> Iterator[dict[str, Any]]:
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    record = exc
                if not isinstance(record, dict):
                    _bad_line(report, path, number, "not a JSON object")
                    continue
                report.rows_read += 1
                yield record


def _bad_line(report: ExportReport, path: Path, number: int, why: str) -> None:
    report.bad_lines += 1
    message = f"{path}:{number}: {why}"
    logger.warning("Skipped input line %s", message)
    if len(report.problems) < 10:
        report.problems.append(message)


def export(paths: Iterable[Path], out: Path, fmt: str) -> ExportReport:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    report = ExportReport()
    out.parent.mkdir(parents=True, exist_ok=True)
    records = iter_records(paths, report)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    report.rows_written = writer(records, out)
    return report


def _write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _write_csv(records: Iterable[dict[str, Any]], out: Path) -> int:
    columns = [name for name in ARROW_SCHEMA.names if name not in _JSON_COLUMNS]
    columns += ["blocks", "discovery"]
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_cell(record.get(k)) for k in columns})
            count += 1
    return count


def _arrow_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in ARROW_SCHEMA.names}
    for column, key in _JSON_COLUMNS.items():
        row[column] = json.dumps(record.get(key), ensure_ascii=False, separators=(",", ":"))
    row["field_sources"] = list((record.get("field_sources") or {}).items())
    return row


def _write_parquet(records: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with pq.ParquetWriter(out, ARROW_SCHEMA, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_arrow_row(record))
            if len(batch) >= BATCH_ROWS:
                count += _flush(writer, batch)
        if batch:
            count += _flush(writer, batch)
    return count


def _flush(writer: pq.ParquetWriter, batch: list[dict[str, Any]]) -> int:
    table = pa.Table.from_pylist(_with_timestamps(batch), schema=ARROW_SCHEMA)
    writer.write_table(table, row_group_size=BATCH_ROWS)
    written = len(batch)
    batch.clear()
    return written


def _with_timestamps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        if isinstance(row.get("fetched_at"), str):
            row["fetched_at"] = parse_warc_date(row["fetched_at"])
    return rows
