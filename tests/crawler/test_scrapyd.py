"""Deploy the project to a real Scrapyd on 127.0.0.1, schedule a crawl through
schedule.json, and find its articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.profiles import SITES_DIR
from crawler.sample_site import EXPECTED_ARTICLES, SampleSiteServer
from tests.support.scrapyd import Scrapyd


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    daemon = Scrapyd(tmp_path / "scrapyd")
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.stop()


def test_scrapyd_schedule_json_runs_a_crawl(scrapyd: Scrapyd, tmp_path: Path) -> None:
    scrapyd.deploy("archivist", tmp_path)
    assert scrapyd.get("listspiders.json", project="archivist")["spiders"] == ["article"]
    out = tmp_path / "out"
    with SampleSiteServer() as server:
        job = scrapyd.post(
            "schedule.json",
            [
                ("project", "archivist"),
                ("spider", "article"),
                ("site", str(SITES_DIR / "demo.toml")),
                ("base_url", server.base_url),
                ("out", str(out)),
                ("setting", "AUTOTHROTTLE_START_DELAY=0.01"),
            ],
        )
        assert job["status"] == "ok", job
        job_id = job["jobid"]

        def finished() -> bool:
            jobs = scrapyd.get("listjobs.json", project="archivist")
            return any(j["id"] == job_id for j in jobs["finished"])

        scrapyd.wait_until(finished, 180)
    (crawl_dir,) = (out / "demo").glob("2*")
    lines = (crawl_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(EXPECTED_ARTICLES), (scrapyd.home / "logs").glob("**/*.log")
    titles = {json.loads(line)["title"] for line in lines}
    assert titles == {a.title for a in EXPECTED_ARTICLES}
