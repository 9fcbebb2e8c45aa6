"""Exports read back by independent readers: pyarrow and DuckDB for Parquet, csv and
json for the others; bad input lines are counted with their file and line number."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from archive.export import ARROW_SCHEMA, export
from archive.records import FetchFacts, article_record

PAGE = b"""<html lang="en"><head><title>Ferry returns | Courier</title>
<meta name="author" content="Jane Doe"></head><body><article><h1>Ferry returns</h1>
<p>The river ferry returned to service on Monday after a winter of repairs to its hull,
the operator said, and the first crossing carried more than two hundred passengers.</p>
<p>Commuters who had used a long detour through the city centre welcomed the news.</p>
</article></body></html>"""


def make_records(count: int) -> list[dict[str, Any]]:
    records = []
    for n in range(count):
        fetch = FetchFacts(
            url=f"http://127.0.0.1/world/2024/04/story-{n}.html",
            status=200,
            content_type="text/html; charset=utf-8",
            fetched_at=f"2024-04-20T10:30:0{n}.000000Z",
        )
        records.append(article_record(PAGE, fetch, warc=None, crawl_id="c1"))
    return records


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in make_records(3)]
    lines.insert(1, "{not json")
    lines.insert(3, "[1, 2]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parquet_round_trip_with_pyarrow_and_duckdb(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    report = export([articles], out, "parquet")
    assert (report.rows_read, report.rows_written, report.bad_lines) == (3, 3, 2)
    assert report.problems[0] == f"{articles}:2: not a JSON object"
    table = pq.read_table(out)
    assert table.schema.equals(ARROW_SCHEMA)
    rows = table.to_pylist()
    assert rows[0]["title"] == "Ferry returns"
    assert rows[0]["authors"] == ["Jane Doe"]
    assert rows[2]["fetched_at"] == datetime(2024, 4, 20, 10, 30, 2, tzinfo=UTC)
    assert rows[0]["crawl_id"] == "c1"
    ((count, title),) = duckdb.sql(
        f"SELECT count(*), min(title) FROM read_parquet('{out}') WHERE language = 'en'"
    ).fetchall()
    assert (count, title) == (3, "Ferry returns")


def test_csv_flattens_lists(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export([articles], out, "csv")
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 3
    assert rows[0]["authors"] == "Jane Doe"
    assert json.loads(rows[0]["blocks"])[0]["kind"] in {"paragraph", "heading"}
    assert "river ferry returned" in rows[0]["text"]


def test_jsonl_round_trip(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    export([articles], out, "jsonl")
    again = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert again == make_records(3)


def test_unknown_format(articles: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export([articles], tmp_path / "x", "xml")
