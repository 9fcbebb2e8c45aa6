"""A worker killed with SIGKILL mid-crawl: the survivor finishes the job, no URL is lost,
none is archived twice."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.cluster import articles, captures, seed, start_worker
from tests.support.crawl import REPO, run_archivist
from tests.support.news_site import CountingServer, make_site
from tests.support.redis_server import RedisServer

JOB = "job-kill"
TIMEOUT = "ARCHIVIST_INFLIGHT_TIMEOUT=5"


def wait_for_lines(path: Path, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text(encoding="utf-8").splitlines()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path}: no {count} lines after {timeout} s")


def test_survivor_finishes_a_killed_workers_requests(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    paths = make_site(tmp_path / "www")
    profile, out = tmp_path / "www" / "site.toml", tmp_path / "out"
    redis_server.client().flushall()
    crawl_dir = out / "news300" / JOB
    # 0.1 s per response: the victim always has requests in flight when it is killed.
    with CountingServer(tmp_path / "www", delay=0.1) as server:
        seed(profile, redis_server.url, server.base_url, out, JOB)
        extra = ("-s", TIMEOUT)
        survivor = start_worker(profile, redis_server.url, server.base_url, out, "alpha", *extra)
        victim = start_worker(profile, redis_server.url, server.base_url, out, "beta", *extra)
        try:
            wait_for_lines(crawl_dir / "articles-beta.jsonl", 20, timeout=300)
        finally:
            victim.send_signal(signal.SIGKILL)
            victim.wait()
        assert survivor.wait(timeout=600) == 0, (tmp_path / "alpha.log").read_text()[-5000:]
    log = (tmp_path / "alpha.log").read_text(errors="replace")
    assert "of dead worker(s) beta" in log
    report = json.loads((crawl_dir / "crawl-alpha.json").read_text())
    assert report["finish_reason"] == "finished"

    # The victim's last WARC file is still .open: finish it as after any crash.
    finalized = run_archivist("warc", "finalize", str(crawl_dir / "warc"))
    assert finalized.returncode == 0, finalized.stderr[-2000:]

    by_worker = articles(crawl_dir)
    assert len(by_worker["beta"]) >= 20
    urls = [urlsplit(r["url"]).path for records in by_worker.values() for r in records]
    assert len(urls) == len(set(urls)), "an article was written twice"
    assert set(urls) == set(paths), "an article was lost"

    seen = captures(crawl_dir)
    assert {urlsplit(u).path for u in seen} >= set(paths)
    twice = {u: n for u, n in seen.items() if n > 1 and not u.endswith("/robots.txt")}
    assert not twice, twice
    # Every article line points at a record that exists (possibly in the victim's file).
    names = {p.name for p in (crawl_dir / "warc").glob("*.warc.gz")}
    assert all(r["warc"]["filename"] in names for rs in by_worker.values() for r in rs)
    warcs = sorted(str(p) for p in (crawl_dir / "warc").glob("*.warc.gz"))
    checked = subprocess.run(
        [str(REPO / ".venv" / "bin" / "warcio"), "check", *warcs],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout[-3000:]
