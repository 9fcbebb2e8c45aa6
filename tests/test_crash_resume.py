"""A crawl killed with SIGKILL and started again with the same command completes: what
was archived is not fetched again, no article line is written twice, nothing is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from crawler.sample_site import EXPECTED_ARTICLES, SampleSiteServer
from tests.support.crawl import ARCHIVIST, REPO, run_archivist


def articles_written(out: Path) -> list[dict[str, object]]:
    records = []
    for path in sorted(out.glob("demo/*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def wait_for_lines(out: Path, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        paths = list(out.glob("demo/*/articles.jsonl"))
        if paths and sum(1 for _ in paths[0].open(encoding="utf-8")) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {count} article lines after {timeout} s")


def test_sigkill_then_same_command_completes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # 0.15 s per response and one request at a time: the crawl is mid-way when killed.
    with SampleSiteServer(delay=0.15) as server:
        args = [
            "crawl",
            "demo",
            "--base-url",
            server.base_url,
            "--out",
            str(out),
            "-s",
            "CONCURRENT_REQUESTS=1",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
        ]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        victim = subprocess.Popen(
            [str(ARCHIVIST), *args],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_lines(out, 5, timeout=120)
        finally:
            victim.send_signal(signal.SIGKILL)
            victim.wait()
        before = articles_written(out)
        fetched_before = Counter(path for _, path in server.requests)
        assert 5 <= len(before) < len(EXPECTED_ARTICLES)

        server.requests.clear()
        again = run_archivist(*args)
        assert again.returncode == 0, again.stderr[-3000:]
        fetched_after = Counter(path for _, path in server.requests)

    # One crawl folder: the second run resumed the first.
    (crawl_dir,) = (out / "demo").glob("2*")
    records = articles_written(out)
    urls = [urlsplit(str(r["url"])).path for r in records]
    assert len(urls) == len(set(urls)), "an article was written twice"
    assert set(urls) == {a.path for a in EXPECTED_ARTICLES}
    assert [r["url"] for r in records[: len(before)]] == [r["url"] for r in before]
    # Articles already written were not fetched again.
    for record in before:
        path = urlsplit(str(record["url"])).path
        assert fetched_before[path] == 1 and fetched_after[path] == 0, path
    report = json.loads((crawl_dir / "crawl.json").read_text(encoding="utf-8"))
    assert report["finish_reason"] == "finished"
