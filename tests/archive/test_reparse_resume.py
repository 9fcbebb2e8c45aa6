"""A reparse killed with SIGKILL resumes from its checkpoint to the same final file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from archive.reparse_state import Checkpoint
from tests.archive.reparse_corpus import write_crawl
from tests.support.crawl import ARCHIVIST, REPO, run_archivist


def start_reparse(*args: str) -> subprocess.Popen[bytes]:
    """The CLI in its own process group, so the kill reaches its workers too."""
    return subprocess.Popen(
        [str(ARCHIVIST), "reparse", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        start_new_session=True,
    )


def wait_for_checkpoint(path: Path, articles: int, timeout: float = 60) -> Checkpoint:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            checkpoint = Checkpoint.load(path)
        except (json.JSONDecodeError, OSError):  # between write and replace: try again
            checkpoint = None
        if checkpoint is not None and checkpoint.counts["articles_written"] >= articles:
            return checkpoint
        time.sleep(0.05)
    raise AssertionError(f"no checkpoint with {articles} articles in {timeout} s")


def test_sigkilled_reparse_resumes_to_the_same_file(tmp_path: Path) -> None:
    crawl = write_crawl(tmp_path / "out", rounds=6)
    whole, resumed = tmp_path / "whole.jsonl", tmp_path / "resumed.jsonl"
    args = (str(crawl.root), "--workers", "2", "--checkpoint-every", "10")
    done = run_archivist("reparse", *args, "-o", str(whole))
    assert done.returncode == 0, done.stderr[-3000:]

    process = start_reparse(*args, "-o", str(resumed))
    try:
        wait_for_checkpoint(Checkpoint.path_for(resumed), articles=30)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert Checkpoint.path_for(resumed).exists()
    assert resumed.stat().st_size < whole.stat().st_size  # it did stop part-way

    again = run_archivist("reparse", *args, "-o", str(resumed))
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Resuming after file" in again.stderr
    assert resumed.read_bytes() == whole.read_bytes()
    assert not Checkpoint.path_for(resumed).exists()
    manifest = json.loads(resumed.with_name("resumed.jsonl.manifest.json").read_text("utf-8"))
    whole_manifest = json.loads(whole.with_name("whole.jsonl.manifest.json").read_text("utf-8"))
    assert manifest["counts"] == whole_manifest["counts"]
    assert manifest["sha256"] == whole_manifest["sha256"]
