"""Exports read back by independent readers: pyarrow and DuckDB for Parquet, csv and
json for the others, `datasets` for the Hugging Face folder; bad input lines are counted
with their file and line number and the export goes on."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from archive.export import (
    ARROW_SCHEMA,
    ColumnError,
    Dedup,
    ExportOptions,
    InputError,
    OptionError,
    export,
)
from archive.export.columns import url_host
from archive.export.report import PROGRESS_SECONDS, Progress
from archive.records import FetchFacts, article_record
from bench.export import make_record
from crawler.cli import main

PAGE = b"""<html lang="en"><head><title>Ferry returns | Courier</title>
<meta name="author" content="Jane Doe"></head><body><article><h1>Ferry returns</h1>
<p>The river ferry returned to service on Monday after a winter of repairs to its hull,
the operator said, and the first crossing carried more than two hundred passengers.</p>
<p>Commuters who had used a long detour through the city centre welcomed the news.</p>
</article></body></html>"""


def extracted_records(count: int) -> list[dict[str, Any]]:
    """Records made by the real serializer from a real page."""
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


def write_jsonl(path: Path, lines: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Three good records around a broken line, an array and a record without text."""
    lines: list[Any] = list(extracted_records(3))
    lines.insert(1, "{not json")
    lines.insert(3, "[1, 2]")
    lines.insert(4, {"url": "http://127.0.0.1/x", "title": None})
    return write_jsonl(tmp_path / "articles.jsonl", lines)


@pytest.fixture
def output_root(tmp_path: Path) -> Path:
    """OUT/<site>/<crawl-id>/articles.jsonl for two sites, one with two crawls."""
    root = tmp_path / "out"
    c1 = {"crawl_id": "c1"}
    write_jsonl(root / "courier/c1/articles.jsonl", [make_record(1, **c1), make_record(2, **c1)])
    write_jsonl(root / "courier/c2/articles.jsonl", [make_record(3, language="de", crawl_id="c2")])
    write_jsonl(root / "tribune/c1/articles.jsonl", [make_record(4, published="2024-05-02", **c1)])
    return root


def test_parquet_round_trip_with_pyarrow_and_duckdb(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    report = export([articles], out, ExportOptions(fmt="parquet"))
    assert (report.rows_read, report.rows_written, report.bad_lines) == (6, 3, 3)
    assert report.dropped == {"bad_json": 2, "bad_record": 1}
    assert report.problems == [
        f"{articles}:2: not JSON (unexpected character, expected a string key: "
        "line 1 column 2 (char 1))",
        f"{articles}:4: not a JSON object",
        f"{articles}:5: missing field 'authors'; missing field 'text'; missing field "
        "'blocks'; missing field 'images'; missing field 'fetched_at'; missing field "
        "'status'; missing field 'parser_version'",
    ]
    table = pq.read_table(out)
    assert table.schema.equals(ARROW_SCHEMA)
    rows = table.to_pylist()
    assert rows[0]["title"] == "Ferry returns"
    assert rows[0]["authors"] == ["Jane Doe"]
    assert rows[0]["blocks"][0]["kind"] in {"paragraph", "heading"}
    assert rows[2]["fetched_at"] == datetime(2024, 4, 20, 10, 30, 2, tzinfo=UTC)
    assert (rows[0]["crawl_id"], rows[0]["crawl_site"]) == ("c1", "127.0.0.1")
    ((count, title, tz),) = duckdb.sql(
        f"SELECT count(*), min(title), min(typeof(fetched_at)) FROM read_parquet('{out}') "
        "WHERE language = 'en'"
    ).fetchall()
    assert (count, title, tz) == (3, "Ferry returns", "TIMESTAMP WITH TIME ZONE")


def test_provenance_columns_trace_each_row(output_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    export([output_root], out, ExportOptions(fmt="parquet", fields=("title",)))
    table = pq.read_table(out)
    assert table.column_names == [
        "title",
        "warc_filename",
        "warc_offset",
        "warc_length",
        "warc_record_id",
        "warc_payload_digest",
        "parser_version",
        "crawl_id",
        "crawl_site",
    ]
    rows = sorted(table.to_pylist(), key=lambda r: r["title"])
    assert [(r["crawl_site"], r["warc_offset"]) for r in rows] == [
        ("courier", 1000),
        ("courier", 2000),
        ("courier", 3000),
        ("tribune", 4000),
    ]
    assert rows[0]["warc_record_id"] == "<urn:uuid:00000000-0000-0000-0000-000000000001>"


def test_timestamps_only_for_instants(output_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    export([output_root], out, ExportOptions(fmt="parquet"))
    by_site = {r["crawl_site"]: r for r in pq.read_table(out).to_pylist()}
    assert by_site["courier"]["published_utc"] == datetime(2024, 4, 20, 8, 0, tzinfo=UTC)
    assert by_site["tribune"]["published"] == "2024-05-02"
    assert by_site["tribune"]["published_utc"] is None


def test_csv_flattening_rules(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export([articles], out, ExportOptions(fmt="csv"))
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 3
    assert list(rows[0]) == ARROW_SCHEMA.names
    assert rows[0]["authors"] == "Jane Doe"
    assert json.loads(rows[0]["blocks"])[0]["kind"] in {"paragraph", "heading"}
    # the site's name comes from the <title> affix ("Ferry returns | Courier")
    assert json.loads(rows[0]["site"]) == {"name": "Courier", "licences": []}
    assert rows[0]["fetched_at"] == "2024-04-20T10:30:00+00:00"
    assert rows[0]["warc_offset"] == ""  # null
    assert "river ferry returned" in rows[0]["text"]


def test_jsonl_rows_match_parquet_rows(articles: Path, tmp_path: Path) -> None:
    export([articles], tmp_path / "a.jsonl", ExportOptions(fmt="jsonl"))
    export([articles], tmp_path / "a.parquet", ExportOptions(fmt="parquet"))
    lines = [json.loads(t) for t in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    parquet = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert [list(line) for line in lines] == [ARROW_SCHEMA.names] * 3
    assert [line["text"] for line in lines] == [row["text"] for row in parquet]
    assert lines[1]["fetched_at"] == "2024-04-20T10:30:01+00:00"
    assert lines[0]["field_sources"] == [
        {"name": k, "value": v} for k, v in extracted_records(1)[0]["field_sources"].items()
    ]


def test_site_folder_crawl_folder_and_root_inputs(output_root: Path, tmp_path: Path) -> None:
    def sites(*inputs: Path) -> list[str]:
        out = tmp_path / "x.parquet"
        export(list(inputs), out, ExportOptions(fmt="parquet"))
        return sorted(pq.read_table(out).column("crawl_site").to_pylist())

    assert sites(output_root) == ["courier", "courier", "courier", "tribune"]
    assert sites(output_root / "courier") == ["courier"] * 3
    assert sites(output_root / "tribune" / "c1") == ["tribune"]
    bare = output_root / "tribune" / "c1" / "articles.jsonl"
    assert sites(bare) == ["www.courier.example"]  # the URL host


def test_partitioned_by_site_and_month(output_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    report = export([output_root], out, ExportOptions(fmt="parquet", partition=("site", "month")))
    relative = sorted(str(p.relative_to(out)) for p in report.outputs)
    assert relative == [
        "crawl_site=courier/published_month=2024-04/part-0.parquet",
        "crawl_site=tribune/published_month=2024-05/part-0.parquet",
    ]
    counts = duckdb.sql(
        f"SELECT crawl_site, count(*) FROM read_parquet('{out}/**/*.parquet', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert counts == [("courier", 3), ("tribune", 1)]


def test_hugging_face_folder_card_matches_schema(output_root: Path, tmp_path: Path) -> None:
    from datasets import Features

    out = tmp_path / "hf"
    report = export([output_root], out, ExportOptions(fmt="hf", title="Courier news"))
    shard = out / "data" / "train-00000-of-00001.parquet"
    assert report.outputs == [shard, out / "README.md"]
    card = (out / "README.md").read_text("utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    schema = pq.read_schema(shard)
    features = Features._from_yaml_list(front["dataset_info"]["features"])
    assert features == Features.from_arrow_schema(schema)
    assert front["dataset_info"]["splits"][0] == {
        "name": "train",
        "num_bytes": front["dataset_info"]["dataset_size"],
        "num_examples": 4,
    }
    assert front["configs"] == [
        {"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}]}
    ]
    assert front["language"] == ["de", "en"]
    for fact in ("`courier`: 3 articles", "`tribune`: 1 articles", "2 crawl(s): c1, c2"):
        assert fact in card
    assert "## Licence" in card


def test_hugging_face_folder_loads_with_datasets(
    output_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    from datasets import load_dataset

    out = tmp_path / "hf"
    export([output_root], out, ExportOptions(fmt="hf"))
    dataset = load_dataset(str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert dataset.num_rows == 4
    assert sorted(dataset["crawl_site"]) == ["courier", "courier", "courier", "tribune"]
    assert dataset.features["fetched_at"].dtype == "timestamp[us, tz=UTC]"


def test_hf_shards_roll_over(
    output_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("archive.export.hf.SHARD_ROWS", 1)
    monkeypatch.setattr("archive.export.writers.ROW_GROUP_ROWS", 1)
    out = tmp_path / "hf"
    export([output_root], out, ExportOptions(fmt="hf"))
    names = sorted(p.name for p in (out / "data").iterdir())
    assert names == [f"train-0000{i}-of-00004.parquet" for i in range(4)]


def test_options_that_cannot_work_stop_before_writing(articles: Path, tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="unknown export format"):
        export([articles], tmp_path / "x", ExportOptions(fmt="xml"))
    with pytest.raises(OptionError, match="--partition works with --format parquet only"):
        export([articles], tmp_path / "x", ExportOptions(fmt="csv", partition=("site",)))
    with pytest.raises(OptionError, match="unknown partition key"):
        export([articles], tmp_path / "x", ExportOptions(partition=("year",)))
    with pytest.raises(OptionError, match="--near-threshold must be in"):
        export([articles], tmp_path / "x", ExportOptions(dedup=Dedup(near=True, near_threshold=2)))
    with pytest.raises(ColumnError, match="unknown column"):
        export([articles], tmp_path / "x", ExportOptions(fields=("title", "body")))
    with pytest.raises(InputError, match="no articles file"):
        export([tmp_path / "missing"], tmp_path / "x", ExportOptions())
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(OptionError, match="new or empty folder"):
        export([articles], tmp_path / "full", ExportOptions(fmt="hf"))
    assert not (tmp_path / "x").exists()


def test_progress_lines_while_exporting(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    progress = Progress("write", clock=lambda: now[0])
    with caplog.at_level("INFO", logger="archive.export.report"):
        for _ in range(3):
            now[0] += PROGRESS_SECONDS / 2
            progress.tick()
    assert caplog.messages == ["write: 2 rows (0 rows/s)"]  # 2 rows in 5 s


def test_cli_prints_the_summary(
    articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.parquet"
    status = main(["export", str(articles), "--format", "parquet", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 0
    assert "Read 6 rows, wrote 3" in err
    assert "dropped: bad_json: 2, bad_record: 1" in err
    assert f"skipped: {articles}:4: not a JSON object" in err


def test_cli_filters_and_dedup(output_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    args = ["export", str(output_root), "--format", "jsonl", "-o", str(out)]
    filters = ["--language", "en", "--site", "courier,tribune", "--until", "2024-04-30"]
    assert main([*args, *filters, "--dedup", "exact", "--keep", "longest"]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    # 3 is German, 4 was published in May, 1 and 2 have the same text (ties: the later)
    assert [r["warc_offset"] for r in rows] == [2000]
    clusters = tmp_path / "clusters.jsonl"
    assert main([*args, "--all-versions", "--dedup", "exact", "--clusters", str(clusters)]) == 0
    (cluster,) = [json.loads(line) for line in clusters.read_text("utf-8").splitlines()]
    assert len(cluster["dropped"]) == 3  # 1, 2, 3 and 4 share the placeholder text


def test_cli_bad_options_exit_2(articles: Path, tmp_path: Path) -> None:
    args = ["export", str(articles), "--format", "csv", "-o", str(tmp_path / "a.csv")]
    assert main([*args, "--fields", "nope"]) == 2
    assert main([*args, "--partition", "site"]) == 2


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/a",
        "https://User@WWW.Example.com/x?y",
        "http://[::1]:80/p",
        "https://a.b/#f",
        "https://host?q=1",
    ],
)
def test_url_host_agrees_with_urlsplit(url: str) -> None:
    assert url_host(url) == urlsplit(url).hostname


def test_crawl_folder_with_worker_files(output_root: Path, tmp_path: Path) -> None:
    """A distributed crawl's folder holds one articles-<worker>.jsonl per worker."""
    crawl = output_root / "tribune" / "c1"
    (crawl / "articles.jsonl").rename(crawl / "articles-w1.jsonl")
    out = tmp_path / "w.parquet"
    export([crawl], out, ExportOptions(fmt="parquet"))
    assert pq.read_table(out).column("crawl_site").to_pylist() == ["tribune"]
