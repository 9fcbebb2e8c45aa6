"""archive.compare and `archivist reparse --compare`: what changed between two datasets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archive.compare import EXAMPLES, compare, excerpt_pair
from tests.archive.reparse_corpus import write_crawl
from tests.support.crawl import run_archivist


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def article(n: int, **changes: Any) -> dict[str, Any]:
    return {"url": f"https://x.example/{n}", "title": f"Title {n}", "text": "a " * 50, **changes}


def test_added_removed_and_changed_fields(tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [article(n) for n in range(6)])
    new_records = [article(0), article(1, title="New 1"), article(2, title="New 2", text="b")]
    new_records += [article(n, title=f"New {n}") for n in (3, 4)] + [article(9)]
    new = write_jsonl(tmp_path / "new.jsonl", new_records)
    result = compare(old, new)
    assert (result.old_articles, result.new_articles) == (6, 6)
    assert (result.added, result.removed, result.changed, result.unchanged) == (1, 1, 4, 1)
    assert result.added_examples == ["https://x.example/9"]
    assert result.removed_examples == ["https://x.example/5"]
    assert dict(result.fields) == {"title": 4, "text": 1}
    titles = [e for e in result.examples if e.field == "title"]
    assert len(titles) == EXAMPLES
    assert (titles[0].url, titles[0].old, titles[0].new) == (
        "https://x.example/1",
        "Title 1",
        "New 1",
    )
    summary = result.summary()
    assert "1 added, 1 removed, 4 changed, 1 unchanged" in summary
    assert "title: changed in 4" in summary


def test_the_last_line_of_a_url_counts(tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [article(1, title="v1"), article(1, title="v2")])
    new = write_jsonl(tmp_path / "new.jsonl", [article(1, title="v2")])
    result = compare(old, new)
    assert (result.old_articles, result.changed, result.unchanged) == (1, 0, 1)


def test_excerpts_are_cut_around_the_first_difference() -> None:
    old_text, new_text = excerpt_pair("x" * 200 + "old tail", "x" * 200 + "new tail")
    assert old_text.startswith("…") and old_text.endswith("old tail")
    assert new_text.endswith("new tail") and len(new_text) < 80
    assert excerpt_pair(["a"], ["a", "b"]) == ('["a"]', '["a", "b"]')


def test_cli_compare_prints_and_writes_json(tmp_path: Path) -> None:
    crawl = write_crawl(tmp_path / "out", rounds=1)
    reparsed = tmp_path / "new.jsonl"
    first = run_archivist("reparse", str(crawl.root), "-o", str(reparsed), "--workers", "1")
    assert first.returncode == 0, first.stderr[-3000:]
    lines = reparsed.read_text("utf-8").splitlines()
    old_records = [json.loads(line) for line in lines[1:]]  # the first article is "added"
    old_records[0]["title"] = "An older headline"
    old = write_jsonl(tmp_path / "old.jsonl", old_records)
    report = tmp_path / "changes.json"
    args = ("reparse", str(crawl.root), "-o", str(tmp_path / "again.jsonl"), "--workers", "1")
    process = run_archivist(*args, "--compare", str(old), "--compare-json", str(report))
    assert process.returncode == 0, process.stderr[-3000:]
    assert "1 added, 0 removed, 1 changed" in process.stdout
    data = json.loads(report.read_text("utf-8"))
    assert data["fields"] == {"title": 1}
    assert data["examples"][0]["old"] == "An older headline"
    assert data["added_examples"] == [json.loads(lines[0])["url"]]
