"""Two worker processes crawl a local 300-page site through one Redis job."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.cluster import articles, captures, seed, start_worker
from tests.support.crawl import REPO, run_archivist
from tests.support.news_site import CountingServer, make_site
from tests.support.redis_server import RedisServer

JOB = "job1"
PER_DOMAIN = 4  # CONCURRENT_REQUESTS_PER_DOMAIN: for the whole cluster


@pytest.fixture(scope="module")
def crawl(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("two")
    paths = make_site(base / "www")
    profile, out = base / "www" / "site.toml", base / "out"
    redis_server.client().flushall()
    with CountingServer(base / "www", delay=0.05) as server:
        seed(profile, redis_server.url, server.base_url, out, JOB)
        extra = ("-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={PER_DOMAIN}")
        workers = [
            start_worker(profile, redis_server.url, server.base_url, out, name, *extra)
            for name in ("alpha", "beta")
        ]
        codes = [w.wait(timeout=600) for w in workers]
    crawl_dir = out / "news300" / JOB
    index = run_archivist("index", str(crawl_dir))
    return {
        "codes": codes,
        "paths": paths,
        "server": server,
        "crawl_dir": crawl_dir,
        "index": index,
        "logs": {n: (base / f"{n}.log").read_text(errors="replace") for n in ("alpha", "beta")},
    }


def test_workers_finish_the_job(crawl: dict[str, Any]) -> None:
    assert crawl["codes"] == [0, 0], crawl["logs"]
    for name in ("alpha", "beta"):
        report = json.loads((crawl["crawl_dir"] / f"crawl-{name}.json").read_text())
        assert report["finish_reason"] == "finished"


def test_union_of_articles_is_the_site(crawl: dict[str, Any]) -> None:
    by_worker = articles(crawl["crawl_dir"])
    assert set(by_worker) == {"alpha", "beta"}
    urls = [urlsplit(r["url"]).path for records in by_worker.values() for r in records]
    assert len(urls) == len(set(urls)), "an article was written twice"
    assert set(urls) == set(crawl["paths"])
    # Both did work.
    assert all(len(records) >= 20 for records in by_worker.values()), {
        k: len(v) for k, v in by_worker.items()
    }


def test_server_saw_every_url_once(crawl: dict[str, Any]) -> None:
    requests = crawl["server"].requests
    pages = {p for p in requests if p != "/robots.txt"}
    assert pages == {*crawl["paths"], "/", "/sitemap.xml"} | {
        f"/section/{s:02d}.html" for s in range(1, 30)
    }
    assert all(requests[p] == 1 for p in pages), {p: n for p, n in requests.items() if n > 1}
    # robots.txt: once as a discovery document (its Sitemap: line) and once by each
    # worker's robots.txt middleware, which keeps its own copy per process.
    assert requests["/robots.txt"] == 3


def test_politeness_holds_for_the_cluster(crawl: dict[str, Any]) -> None:
    assert 1 < crawl["server"].max_active <= PER_DOMAIN


def test_every_url_archived_once_and_warcs_pass_warcio_check(crawl: dict[str, Any]) -> None:
    crawl_dir: Path = crawl["crawl_dir"]
    seen = captures(crawl_dir)
    repeated = {u: n for u, n in seen.items() if n > 1 and not u.endswith("/robots.txt")}
    assert not repeated
    warcs = sorted((crawl_dir / "warc").glob("*.warc.gz"))
    assert {p.name.split("-")[1] for p in warcs} == {"alpha", "beta"}
    warcio = Path(REPO / ".venv" / "bin" / "warcio")
    checked = subprocess.run(
        [str(warcio), "check", *map(str, warcs)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout[-3000:]


def test_merged_index_has_one_line_per_capture(crawl: dict[str, Any]) -> None:
    assert crawl["index"].returncode == 0, crawl["index"].stderr[-2000:]
    lines = (crawl["crawl_dir"] / "index.cdxj").read_text().splitlines()
    assert len(lines) == sum(captures(crawl["crawl_dir"]).values())
    assert lines == sorted(lines)
