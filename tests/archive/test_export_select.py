"""Filters, newest versions and dedup on crafted inputs with known answers."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from archive.export import Dedup, ExportOptions, ExportReport, Filters, Keep, export
from archive.export.filters import word_count
from archive.export.neardup import NearDuplicates, shingles
from archive.export.select import KeyTable
from bench.export import make_record

VOCAB = [f"word{n}" for n in range(3000)]


def story(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(words))


def edited(text: str, changes: int, seed: int = 0) -> str:
    """The text with `changes` words replaced (a syndicated copy with small edits)."""
    rng = random.Random(seed)
    words = text.split()
    for index in rng.sample(range(len(words)), changes):
        words[index] = "changed"
    return " ".join(words)


def run(
    tmp_path: Path, records: list[dict[str, Any]], **options: Any
) -> tuple[list[dict[str, Any]], ExportReport]:
    """Export the records to Parquet; the rows read back, and the report."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.parquet"
    report = export([source], out, ExportOptions(fmt="parquet", **options))
    rows: list[dict[str, Any]] = pq.read_table(out).to_pylist()
    return rows, report


def at(second: int) -> str:
    return f"2024-04-20T10:00:{second:02d}.000000Z"


def test_newest_version_of_each_url_wins(tmp_path: Path) -> None:
    same = "https://www.courier.example/a.html"
    records = [
        make_record(1, url=same, text="first", fetched_at=at(1), crawl_id="c1"),
        make_record(2, url=same, text="third", fetched_at=at(3), crawl_id="c3"),
        make_record(3, url=same, text="second", fetched_at=at(2), crawl_id="c2"),
        make_record(4, text="other"),
    ]
    rows, report = run(tmp_path, records)
    assert sorted((r["text"], r["crawl_id"]) for r in rows) == [
        ("other", "20240420T100000Z"),
        ("third", "c3"),
    ]
    assert report.dropped == {"old_version": 2}
    assert len(run(tmp_path, records, dedup=Dedup(all_versions=True))[0]) == 4


def test_canonical_url_names_the_article(tmp_path: Path) -> None:
    canonical = "https://www.courier.example/story"
    records = [
        make_record(1, url=canonical + "?utm=x", canonical_url=canonical, fetched_at=at(5)),
        make_record(2, url=canonical + "?ref=y", canonical_url=canonical, fetched_at=at(4)),
    ]
    rows, _ = run(tmp_path, records)
    assert [r["url"] for r in rows] == [canonical + "?utm=x"]


def test_version_ties_go_to_the_later_line(tmp_path: Path) -> None:
    same = "https://www.courier.example/a.html"
    records = [make_record(n, url=same, text=f"v{n}", fetched_at=at(1)) for n in range(3)]
    assert [r["text"] for r in run(tmp_path, records)[0]] == ["v2"]


def test_exact_duplicates_keep_the_newest_and_are_reported(tmp_path: Path) -> None:
    text = story(1)
    records = [
        make_record(1, text=text, fetched_at=at(1)),
        make_record(2, text=text, fetched_at=at(9)),
        make_record(3, text=text, fetched_at=at(5)),
        make_record(4, text=story(2)),
    ]
    rows, report = run(tmp_path, records, dedup=Dedup(exact=True))
    assert sorted(r["warc_offset"] for r in rows) == [2000, 4000]
    assert (report.dropped, report.clusters) == ({"duplicate_text": 2}, 1)
    clusters_file = tmp_path / "out.parquet.duplicates.jsonl"
    assert report.outputs[-1] == clusters_file
    (cluster,) = [json.loads(line) for line in clusters_file.read_text("utf-8").splitlines()]
    assert cluster["kind"] == "exact"
    assert cluster["kept"]["url"] == records[1]["url"]
    assert [d["url"] for d in cluster["dropped"]] == [records[0]["url"], records[2]["url"]]
    assert cluster["kept"]["words"] == 300


def test_exact_dedup_runs_on_the_newest_versions_only(tmp_path: Path) -> None:
    # a.html was rewritten; its old text survives elsewhere as b.html, which must stay.
    old, new = story(1), story(2)
    records = [
        make_record(1, url="https://x.example/a.html", text=old, fetched_at=at(1)),
        make_record(2, url="https://x.example/a.html", text=new, fetched_at=at(2)),
        make_record(3, url="https://x.example/b.html", text=old, fetched_at=at(3)),
    ]
    rows, _ = run(tmp_path, records, dedup=Dedup(exact=True))
    assert sorted(r["url"] for r in rows) == [
        "https://x.example/a.html",
        "https://x.example/b.html",
    ]


def test_near_duplicates_cluster_and_keep_the_longest(tmp_path: Path) -> None:
    base = story(7, words=400)
    longer = base + " " + story(8, words=20)  # the same story with an extra paragraph
    records = [
        make_record(1, text=base, fetched_at=at(3)),
        make_record(2, text=edited(base, 4), fetched_at=at(2)),
        make_record(3, text=longer, fetched_at=at(1)),
        make_record(4, text=story(9, words=400)),  # unrelated
        make_record(5, text=edited(base, 200), fetched_at=at(4)),  # half rewritten: not near
    ]
    rows, report = run(tmp_path, records, dedup=Dedup(exact=True, near=True, keep=Keep.LONGEST))
    assert sorted(r["warc_offset"] for r in rows) == [3000, 4000, 5000]
    assert report.dropped == {"near_duplicate": 2}
    lines = (tmp_path / "out.parquet.duplicates.jsonl").read_text("utf-8").splitlines()
    (cluster,) = [json.loads(line) for line in lines]
    assert (cluster["kind"], cluster["kept"]["words"]) == ("near", 420)


def test_near_duplicates_keep_the_newest_by_default(tmp_path: Path) -> None:
    base = story(7, words=400)
    records = [
        make_record(1, text=base, fetched_at=at(3)),
        make_record(2, text=edited(base, 4), fetched_at=at(8)),
    ]
    rows, _ = run(tmp_path, records, dedup=Dedup(near=True))
    assert [r["warc_offset"] for r in rows] == [2000]


def test_near_duplicate_threshold_is_configurable() -> None:
    base = story(3, words=400)
    near = NearDuplicates(threshold=0.95)
    near.add(0, base)
    near.add(1, edited(base, 12, seed=1))  # ~0.75 Jaccard on 5-grams: below 0.95
    assert near.groups() == []
    loose = NearDuplicates(threshold=0.5)
    loose.add(0, base)
    loose.add(1, edited(base, 12, seed=1))
    assert [g.tolist() for g in loose.groups()] == [[0, 1]]


def test_shingles_of_cjk_text_are_character_grams() -> None:
    assert shingles("重庆 新闻") == {"重 庆 新 闻".encode()}
    assert len(shingles("重庆市今天发布了新的交通规划")) == 14 - 4
    assert word_count("重庆市 has 3 words") == 6


FILTER_CASES = [
    (Filters(sites=frozenset({"www.tribune.example"})), [2], "filter:site"),
    (Filters(since=date(2024, 4, 2), until=date(2024, 4, 3)), [2, 3], "filter:date"),
    (Filters(languages=frozenset({"zh"})), [1], "filter:language"),
    (Filters(min_words=5), [3], "filter:min_words"),
    (Filters(url_pattern=re.compile(r"/sport/")), [0], "filter:url"),
]


@pytest.mark.parametrize(("filters", "kept", "reason"), FILTER_CASES)
def test_filters(tmp_path: Path, filters: Filters, kept: list[int], reason: str) -> None:
    records = [
        make_record(0, url="https://a.example/sport/0", published="2024-04-01", text="one"),
        make_record(1, language="zh", published="2024-04-01T23:00:00+08:00", text="一二"),
        make_record(2, published="2024-04-02T00:30:00-05:00", text="a b c"),
        make_record(3, published="2024-04-03", text="one two three four five six"),
        make_record(4, published=None, text="no date"),
    ]
    rows, report = run(tmp_path, records, filters=filters)
    assert sorted(r["warc_offset"] // 1000 for r in rows) == kept
    assert report.dropped == {reason: 5 - len(kept)}
    assert report.rows_read == report.rows_written + sum(report.dropped.values())


def test_filtered_rows_never_win_a_cluster(tmp_path: Path) -> None:
    text = story(4)
    records = [
        make_record(1, text=text, fetched_at=at(9), language="de"),
        make_record(2, text=text, fetched_at=at(1)),
    ]
    rows, _ = run(
        tmp_path, records, filters=Filters(languages=frozenset({"en"})), dedup=Dedup(exact=True)
    )
    assert [r["warc_offset"] for r in rows] == [2000]


def test_key_table_holds_no_text() -> None:
    table = KeyTable(with_words=True)
    for n in range(1000):
        table.add(make_record(n, text=story(n, words=50)), line=n)
    columns = table.arrays()
    per_row = sum(a.itemsize for a in (columns.line, columns.url, columns.digest))
    per_row += columns.fetched.itemsize + columns.words.itemsize
    assert per_row == 36
    assert len(columns.url) == 1000
