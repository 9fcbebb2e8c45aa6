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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar

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
    """A Hive-style folder of Parquet files, partitioned by `PARTITIONS` keys."""

    def __init__(self, out: Path, columns: Sequence[Column], by: Sequence[str]) -> None:
        self._out = out
        self._keys = [PARTITIONS[name] for name in by]
        self._schema = schema_of(columns)
        if "published_month" in self._keys:
            self._schema = self._schema.append(pa.field("published_month", pa.string()))

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        import pyarrow.dataset as ds  # slow to import (it loads pandas): only when needed

        with_month = (_with_month(row) for row in rows)
        reader = pa.RecordBatchReader.from_batches(self._schema, batches(with_month, self._schema))
        written: list[Path] = []
        ds.write_dataset(
            reader,
            self._out,
            format="parquet",
            partitioning=self._keys,
            partitioning_flavor="hive",
            file_options=ds.ParquetFileFormat().make_write_options(compression=COMPRESSION),
            min_rows_per_group=PARTITION_MIN_ROWS,
            max_rows_per_group=ROW_GROUP_ROWS,
            max_open_files=MAX_OPEN_PARTITIONS,
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
            file_visitor=lambda file: written.append(Path(file.path)),
        )
        return sorted(written)


def _with_month(row: dict[str, Any]) -> dict[str, Any]:
    published = str(row.get("published") or "")
    row["published_month"] = published[:7] if _MONTH.match(published) else UNKNOWN_MONTH
    return row
