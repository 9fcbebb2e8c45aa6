"""Recurring cluster jobs share the long-term state in Redis and start clean: a second
job fetches only what the incremental rules allow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cluster import articles, seed, start_worker
from tests.support.news_site import CountingServer, article_path, make_site
from tests.support.redis_server import RedisServer

T0 = "2024-05-01T08:00:00+00:00"
T_SOON = "2024-05-01T08:10:00+00:00"  # ten minutes on: no article is due yet
T_LATER = "2024-05-01T10:00:00+00:00"  # two hours on: past every article's first re-check
ARTICLES, SECTIONS = 60, 6
EDITED = article_path(7)


def run_job(
    redis: RedisServer, server: CountingServer, www: Path, out: Path, job: str, now: str
) -> dict[str, Any]:
    server.reset()
    clock = ("-s", f"ARCHIVIST_NOW={now}")
    seed(www / "site.toml", redis.url, server.base_url, out, job, *clock)
    workers = [
        start_worker(www / "site.toml", redis.url, server.base_url, out, f"{job}-{n}", *clock)
        for n in ("a", "b")
    ]
    assert [w.wait(timeout=600) for w in workers] == [0, 0]
    crawl_dir = out / "news300" / job
    reports = [json.loads(p.read_text()) for p in sorted(crawl_dir.glob("crawl-*.json"))]
    return {
        "requests": dict(server.requests),
        "conditional": dict(server.conditional),
        "records": [r for rs in articles(crawl_dir).values() for r in rs],
        "reports": reports,
    }


@pytest.fixture(scope="module")
def jobs(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("recurring")
    www, out = base / "www", base / "out"
    paths = make_site(www, articles=ARTICLES, sections=SECTIONS)
    redis_server.client().flushall()
    with CountingServer(www) as server:
        first = run_job(redis_server, server, www, out, "job1", T0)
        soon = run_job(redis_server, server, www, out, "job2", T_SOON)
        edited = www / EDITED.lstrip("/")
        edited.write_text(
            edited.read_text().replace(
                "</article>", "<p>Correction: a new paragraph.</p></article>"
            )
        )
        later = run_job(redis_server, server, www, out, "job3", T_LATER)
    return {"paths": paths, "first": first, "soon": soon, "later": later}


def test_first_job_writes_every_article(jobs: dict[str, Any]) -> None:
    assert sorted(r["url"].split("/", 3)[3] for r in jobs["first"]["records"]) == sorted(
        p.lstrip("/") for p in jobs["paths"]
    )


def test_job_before_anything_is_due_fetches_no_article(jobs: dict[str, Any]) -> None:
    soon = jobs["soon"]
    assert not set(soon["requests"]) & set(jobs["paths"])
    assert soon["records"] == []
    # Listing pages are read every run; the sitemap is not due yet.
    assert "/" in soon["requests"] and "/sitemap.xml" not in soon["requests"]
    assert sum(r["articles_written"] for r in soon["reports"]) == 0


def test_later_job_rechecks_each_article_once_conditionally(jobs: dict[str, Any]) -> None:
    later = jobs["later"]
    assert all(later["requests"].get(p) == 1 for p in jobs["paths"])
    assert all(later["conditional"].get(p) == 1 for p in jobs["paths"])
    (line,) = later["records"]
    assert line["url"].endswith(EDITED) and line["version"] == 2
    assert "text" in line["changed_fields"]
    unchanged = sum(r["articles_unchanged"] for r in later["reports"])
    assert unchanged == ARTICLES - 1
    not_modified = sum(r["responses_by_status"].get("304", 0) for r in later["reports"])
    assert not_modified >= ARTICLES - 1
