"""Output formats: JSONL, CSV, Parquet (one file, or partitioned by site and month).

Every writer takes an iterator of rows (columns.to_row) and the columns to write, and
streams: at most one batch of ROW_GROUP_ROWS rows is held at a time.

JSONL: one object per row with the columns as keys; timestamps as RFC 3339 (ISO 8601)
  with offset.
CSV (RFC 4180, UTF-8, header row), one cell per column:
  - a list of strings (authors, tags) is joined with " | " (an item that itself contains
    " | " cannot be told apart: use Parquet or JSONL when that matters);
  - any other list or struct (blocks, images, site, field_sources, ...) is JSON text;
  - timestamps are ISO 8601 with offset; null is the empty cell.
Parquet: the typed ARROW_SCHEMA, zstd, row groups of ROW_GROUP_ROWS rows. Partitioned
  output is a Hive-style folder tree (crawl_site=.../published_month=2024-04/part-0.parquet);
  the partition columns live in the folder names, and pyarrow.dataset, DuckDB
  (hive_partitioning) and Spark restore them as columns.
"""

from __future__ import annotations

import csv
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from archive.export.columns import Column, schema_of

# Rows per Parquet row group and per write batch. News rows are ~12 KB in Arrow (a ~5 KB
# text, the same text again in `blocks`, metadata), so 2,000 rows make row groups of
# ~25 MB before compression: twice Hugging Face datasets' own 1,000-row batches, large
# enough for zstd and scans, and small enough that peak memory stays flat (measured
# with bench/export.py: 5,000 rows cost ~100 MB more peak for no speed gain).
ROW_GROUP_ROWS = 2_000

COMPRESSION = "zstd"

# Partitioned output: rows are buffered per open partition until a row group of
# PARTITION_MIN_ROWS is full, and at most MAX_OPEN_PARTITIONS files are open at once (the
# least recently used is closed first), which bounds memory to about
# MAX_OPEN_PARTITIONS x PARTITION_MIN_ROWS rows.
PARTITION_MIN_ROWS = 500
MAX_OPEN_PARTITIONS = 64

# --partition names -> partition columns. `published_month` is derived from `published`
# (YYYY-MM as the page wrote it; "unknown" without a date).
PARTITIONS = {"site": "crawl_site", "month": "published_month"}
_MONTH = re.compile(r"\d{4}-\d{2}")
UNKNOWN_MONTH = "unknown"

T = TypeVar("T")


class Writer(Protocol):
    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        """Write every row; return the files written."""
        ...


def pipelined(write: Callable[[T], object], items: Iterable[T]) -> None:
    """write(item) for each item on a worker thread, while the next item is built.

    pyarrow releases the GIL while it encodes and compresses, so building the next batch
    in Python and writing this one overlap. At most one item waits: memory stays flat.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: Future[object] | None = None
        for item in items:
            if pending is not None:
                pending.result()
            pending = pool.submit(write, item)
        if pending is not None:
            pending.result()


def batches(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Rows in record batches of ROW_GROUP_ROWS, converted column by column (twice as
    fast as RecordBatch.from_pylist on news rows)."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= ROW_GROUP_ROWS:
            yield _to_batch(batch, schema)
            batch = []
    if batch:
        yield _to_batch(batch, schema)


def _to_batch(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.RecordBatch:
    columns = {name: [row[name] for row in rows] for name in schema.names}
    return pa.RecordBatch.from_pydict(columns, schema=schema)


class JsonlWriter:
    def __init__(self, out: Path, columns: Sequence[Column]) -> None:
        self._out = out
        self._names = [c.name for c in columns]

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        with self._out.open("wb") as stream:
            for row in rows:
                data = {name: row[name] for name in self._names}
                stream.write(orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE))
        return [self._out]


class CsvWriter:
    def __init__(self, out: Path, columns: Sequence[Column]) -> None:
        self._out = out
        self._cells = [(c.name, csv_cell_rule(c.type)) for c in columns]

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        with self._out.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([name for name, _ in self._cells])
            for row in rows:
                writer.writerow([cell(row[name]) for name, cell in self._cells])
        return [self._out]


def csv_cell_rule(arrow_type: pa.DataType) -> Callable[[Any], Any]:
    """How a column's values become CSV cells (the rules in the module docstring)."""
    if pa.types.is_timestamp(arrow_type):
        return lambda v: "" if v is None else v.isoformat()
    if pa.types.is_list(arrow_type) and pa.types.is_string(arrow_type.value_type):
        return lambda v: " | ".join(v) if v else ""
    if pa.types.is_nested(arrow_type):
        return lambda v: "" if v is None else json.dumps(v, ensure_ascii=False)
    return lambda v: "" if v is None else v


class ParquetWriter:
    def __init__(self, out: Path, columns: Sequence[Column]) -> None:
        self._out = out
        self._schema = schema_of(columns)

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        with pq.ParquetWriter(self._out, self._schema, compression=COMPRESSION) as writer:
            pipelined(writer.write_batch, batches(rows, self._schema))
        return [self._out]


class PartitionedParquetWriter:
    """A Hive-style folder of Parquet files, partitioned by `PARTITIONS` keys.

    Rows are buffered per partition and written as a row group when PARTITION_MIN_ROWS
    of them are waiting; at most MAX_OPEN_PARTITIONS files are open (the least recently
    used is closed first; a partition written again gets its next part file). The
    partition columns live in the folder names, not in the files.

    (pyarrow.dataset.write_dataset fed by a Python generator did this before, and made
    the process abort at exit about one run in twenty: "terminate called without an
    active exception".)
    """

    def __init__(self, out: Path, columns: Sequence[Column], by: Sequence[str]) -> None:
        self._out = out
        self._keys = [PARTITIONS[name] for name in by]
        schema = schema_of(columns)
        self._file_schema = pa.schema([f for f in schema if f.name not in self._keys])
        self._buffers: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self._open: OrderedDict[tuple[str, ...], pq.ParquetWriter] = OrderedDict()
        self._parts: dict[tuple[str, ...], int] = {}
        self._written: list[Path] = []

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        try:
            for row in rows:
                key = self._key(_with_month(row))
                buffer = self._buffers.setdefault(key, [])
                buffer.append(row)
                if len(buffer) >= PARTITION_MIN_ROWS:
                    self._flush(key)
                elif len(self._buffers) > MAX_OPEN_PARTITIONS:
                    # Too many partitions waiting: write the oldest out, so memory stays
                    # within MAX_OPEN_PARTITIONS x PARTITION_MIN_ROWS rows.
                    self._flush(next(iter(self._buffers)))
            for key in list(self._buffers):
                self._flush(key)
        finally:
            for writer in self._open.values():
                writer.close()
            self._open.clear()
        return sorted(self._written)

    def _key(self, row: dict[str, Any]) -> tuple[str, ...]:
        return tuple(str(row.get(name) or UNKNOWN_MONTH) for name in self._keys)

    def _flush(self, key: tuple[str, ...]) -> None:
        rows = self._buffers.pop(key, [])
        if rows:
            self._writer(key).write_batch(_to_batch(rows, self._file_schema))

    def _writer(self, key: tuple[str, ...]) -> pq.ParquetWriter:
        if key in self._open:
            self._open.move_to_end(key)
            return self._open[key]
        if len(self._open) >= MAX_OPEN_PARTITIONS:
            _, oldest = self._open.popitem(last=False)
            oldest.close()
        part = self._parts.get(key, 0)
        self._parts[key] = part + 1
        folder = self._out.joinpath(
            *(f"{name}={_folder_value(value)}" for name, value in zip(self._keys, key, strict=True))
        )
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{part}.parquet"
        writer = pq.ParquetWriter(path, self._file_schema, compression=COMPRESSION)
        self._open[key] = writer
        self._written.append(path)
        return writer


def _folder_value(value: str) -> str:
    """A partition value as one safe path component (Hive style: percent-encoded)."""
    return quote(value, safe=" -._~") or UNKNOWN_MONTH


def _with_month(row: dict[str, Any]) -> dict[str, Any]:
    published = str(row.get("published") or "")
    row["published_month"] = published[:7] if _MONTH.match(published) else UNKNOWN_MONTH
    return row
