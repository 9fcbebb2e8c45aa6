"""Recurring crawls against a site that changes between runs, through the real CLI.

Run 1 archives the site. Then one article is added (to the feed and the sitemap), one
is edited, one is deleted, and run 2 — two hours later by the crawl's clock, so every
article is due for its first re-check — must find exactly that: one new, one updated,
the rest unchanged, with conditional requests answered 304 by the server.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import EXPECTED_ARTICLES, SampleSiteServer
from crawler.sample_site.server import WWW_ROOT
from tests.support.crawl import CrawlOutput, run_archivist

T0 = "2024-05-01T08:00:00+00:00"
T1 = "2024-05-01T10:00:00+00:00"  # two hours on: past the first re-check (1 h)

EDITED = "/world/2024/04/river-treaty-talks-resume.html"
DELETED = "/business/2024/04/shipping-rates-ease.html"
ADDED = "/world/2024/04/new-bridge-opens.html"


def crawl(server: SampleSiteServer, out: Path, crawl_id: str, now: str) -> CrawlOutput:
    process = run_archivist(
        "crawl",
        "demo",
        "--base-url",
        server.base_url,
        "--out",
        str(out),
        "--crawl-id",
        crawl_id,
        "-s",
        f"ARCHIVIST_NOW={now}",
        "-s",
        "AUTOTHROTTLE_START_DELAY=0.01",
    )
    assert process.returncode == 0, process.stderr[-3000:]
    return CrawlOutput(out / "demo" / crawl_id, process)


def change_site(root: Path) -> None:
    edited = root / EDITED.lstrip("/")
    html = edited.read_text(encoding="utf-8")
    edited.write_text(
        html.replace(
            "</article>",
            "<p>Correction: an earlier version of this story gave the wrong date for the "
            "next round of talks.</p></article>",
            1,
        ),
        encoding="utf-8",
    )
    (root / DELETED.lstrip("/")).unlink()
    added = root / ADDED.lstrip("/")
    added.write_text(
        html.replace(
            "Upstream and downstream nations resume talks on shared river treaty",
            "A new bridge opens across the river after four years of work",
        )
        .replace("river-treaty-talks-resume", "new-bridge-opens")
        .replace(
            "</article>",
            "<p>The new bridge carries two lanes of traffic, a cycle path and a footway, "
            "and replaces a ferry that ran every twenty minutes.</p></article>",
            1,
        ),
        encoding="utf-8",
    )
    for name in ("feed.xml", "sitemap.xml"):
        path = root / name
        text = path.read_text(encoding="utf-8")
        entry = (
            f"<item><title>Bridge</title><link>{{{{BASE_URL}}}}{ADDED}</link></item>"
            if name == "feed.xml"
            else f"<url><loc>{{{{BASE_URL}}}}{ADDED}</loc></url>"
        )
        closing = "</channel>" if name == "feed.xml" else "</urlset>"
        path.write_text(text.replace(closing, entry + closing, 1), encoding="utf-8")


@pytest.fixture(scope="module", params=[True, False], ids=["honours-304", "ignores-validators"])
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The same three runs against a server that answers validators with 304 and
    against one that ignores them (unchanged articles are then found by content)."""
    base = tmp_path_factory.mktemp("incremental")
    root = base / "www"
    shutil.copytree(WWW_ROOT, root)
    out = base / "out"
    with SampleSiteServer(root=root, honour_validators=request.param) as server:
        first = crawl(server, out, "run1", T0)
        first_requests = list(server.requests)
        change_site(root)
        server.requests.clear()
        second = crawl(server, out, "run2", T1)
        second_requests = list(server.requests)
        server.requests.clear()
        third = crawl(server, out, "run3", T1)
        third_requests = list(server.requests)
    return {
        "honours": request.param,
        "first": (first, first_requests),
        "second": (second, second_requests),
        "third": (third, third_requests),
    }


def test_first_run_writes_every_article(runs: dict[str, Any]) -> None:
    first, _ = runs["first"]
    report = first.report
    assert report["articles_new"] == report["articles_written"] == len(EXPECTED_ARTICLES)
    assert all(r["version"] == 1 and r["changed_fields"] == [] for r in first.records)


def test_second_run_finds_new_updated_unchanged(runs: dict[str, Any]) -> None:
    second, requests = runs["second"]
    report = second.report
    assert report["articles_new"] == 1
    assert report["articles_updated"] == 1
    # Every other article was re-checked and found unchanged (the deleted one is gone).
    assert report["articles_unchanged"] == len(EXPECTED_ARTICLES) - 2
    lines = {r["url"].split("/", 3)[3]: r for r in second.records}
    assert set(lines) == {ADDED.lstrip("/"), EDITED.lstrip("/")}
    edited = lines[EDITED.lstrip("/")]
    assert edited["version"] == 2
    assert "text" in edited["changed_fields"]
    assert "Correction: an earlier version" in edited["text"]
    assert lines[ADDED.lstrip("/")]["version"] == 1
    not_modified = report["responses_by_status"].get("304", 0)
    if runs["honours"]:
        assert not_modified >= len(EXPECTED_ARTICLES) - 3
    else:
        assert not_modified == 0
    assert Counter(p for _, p in requests)[DELETED] == 1


def test_third_run_at_the_same_time_fetches_no_article(runs: dict[str, Any]) -> None:
    _, first_requests = runs["first"]
    third, requests = runs["third"]
    assert third.report["articles_written"] == 0
    assert third.report["articles_new"] == 0
    article_paths = {a.path for a in EXPECTED_ARTICLES} | {ADDED}
    assert not [p for _, p in requests if p in article_paths]
    # Listing pages and robots.txt only: far fewer requests than the first run.
    assert len(requests) < len(first_requests) / 2
    assert third.report["skipped"]["not_due"] >= len(EXPECTED_ARTICLES) - 1
    assert third.report["skipped"]["gone"] >= 1


def test_status_lists_runs(runs: dict[str, Any]) -> None:
    first, _ = runs["first"]
    out = first.root.parent.parent
    process = run_archivist("status", "demo", "--out", str(out))
    assert process.returncode == 0, process.stderr
    for crawl_id in ("run1", "run2", "run3"):
        assert crawl_id in process.stdout
    assert "next due" in process.stdout.lower()


def test_demo_twice_into_one_folder(tmp_path: Path) -> None:
    """The README's promise: a second `archivist demo` into the same folder finds no new
    article and sends far fewer requests."""
    from tests.support.scrapyd import free_port

    port = str(free_port())
    first = run_archivist("demo", "--out", str(tmp_path), "--port", port)
    second = run_archivist("demo", "--out", str(tmp_path), "--port", port)
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-2000:]
    reports = [
        CrawlOutput(path.parent, first).report
        for path in sorted((tmp_path / "demo").glob("*/crawl.json"))
    ]
    assert len(reports) == 2
    assert reports[0]["articles_new"] == len(EXPECTED_ARTICLES)
    assert reports[1]["articles_new"] == 0
    assert reports[1]["requests"] < reports[0]["requests"] / 2
    assert "new 0" in second.stdout
