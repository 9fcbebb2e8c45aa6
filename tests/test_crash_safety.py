"""kill -9 in the middle of a crawl: what was written is readable and kept, `archivist
warc finalize` closes the files, and the next crawl of the site carries on."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from archive.reader import ReadStats, iter_responses, read_record_at
from crawler.sample_site import SampleSiteServer
from tests.support.crawl import run_archivist, start_archivist

# Seconds each request of the slow site takes: the crawl is mid-way when it is killed.
LATENCY = 0.15
KILL_AFTER_RESPONSES = 12


class SlowSampleSite(SampleSiteServer):
    def _record(self, method: str, path: str) -> None:
        super()._record(method, path)
        time.sleep(LATENCY)


def _responses_written(warc_dir: Path) -> int:
    """Responses in the crawl's `.open` file so far (read while it is being written)."""
    return sum(1 for _ in iter_responses(list(warc_dir.glob("*.warc.gz.open"))))


def test_sigkill_mid_crawl_loses_nothing_and_the_next_crawl_carries_on(tmp_path: Path) -> None:
    with SlowSampleSite() as server:
        crawl = start_archivist(
            "crawl", "demo", "--base-url", server.base_url, "--out", str(tmp_path),
            "--crawl-id", "killed", "-s", "AUTOTHROTTLE_ENABLED=False",
        )  # fmt: skip
        warc_dir = tmp_path / "demo" / "killed" / "warc"
        deadline = time.monotonic() + 60
        while _responses_written(warc_dir) < KILL_AFTER_RESPONSES:
            assert time.monotonic() < deadline, "the crawl wrote too little in 60 s"
            time.sleep(0.1)
        assert crawl.poll() is None, "the crawl ended before it could be killed"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=10)
        fetched_before_kill = len(server.requests)

        (open_file,) = warc_dir.glob("*.warc.gz.open")
        # The .open file reads cleanly up to its last whole record.
        stats = ReadStats()
        responses = list(iter_responses([open_file], stats))
        assert len(responses) >= KILL_AFTER_RESPONSES
        assert stats.errors <= 1  # at most one torn record at the end

        finalize = run_archivist("warc", "finalize", str(warc_dir))
        assert finalize.returncode == 0, finalize.stderr
        assert not list(warc_dir.glob("*.open"))
        (final,) = warc_dir.glob("*.warc.gz")
        check = subprocess.run(
            [str(Path(sys.executable).with_name("warcio")), "check", str(final)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
        # Every response read before finalizing is still there, at the same place.
        for response in responses:
            assert read_record_at(final, response.location.offset).url == response.url
        # Every article line written before the kill points at a record that exists.
        articles = tmp_path / "demo" / "killed" / "articles.jsonl"
        for line in articles.read_text("utf-8").splitlines():
            record = json.loads(line)
            warc = record["warc"]
            assert warc["filename"] == final.name
            assert read_record_at(final, warc["offset"]).url == record["url"]

        again = run_archivist(
            "crawl", "demo", "--base-url", server.base_url, "--out", str(tmp_path),
            "--crawl-id", "after", "-s", "AUTOTHROTTLE_ENABLED=False",
        )  # fmt: skip
        assert again.returncode == 0, again.stderr[-3000:]
    assert len(server.requests) > fetched_before_kill
    # The next crawl's revisits of the killed crawl's captures resolve to them.
    known = {r.location.record_id for r in iter_responses([final])}
    after = sorted((tmp_path / "demo" / "after" / "warc").glob("*.warc.gz"))
    revisits = [r for r in iter_responses([final, *after]) if r.revisit is not None]
    assert any(r.revisit and r.revisit.record_id in known for r in revisits)
    for response in revisits:
        assert response.revisit is not None
        if response.revisit.record_id in known:
            assert response.original is not None and response.body
