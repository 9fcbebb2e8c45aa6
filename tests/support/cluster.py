"""Run cluster jobs through the real CLI: `archivist seed`, then worker processes."""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from tests.support.crawl import ALLOW_LOOPBACK, ARCHIVIST, REPO, run_archivist

# Fast for a local server: no AutoThrottle.
WORKER_SETTINGS = ("AUTOTHROTTLE_ENABLED=False", ALLOW_LOOPBACK)


def seed(profile: Path, redis_url: str, base_url: str, out: Path, job: str, *extra: str) -> None:
    process = run_archivist(
        "seed", str(profile), "--redis", redis_url, "--base-url", base_url,
        "--out", str(out), "--crawl-id", job, *extra,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr[-3000:]


def start_worker(
    profile: Path, redis_url: str, base_url: str, out: Path, name: str, *extra: str
) -> subprocess.Popen[bytes]:
    settings = [arg for s in WORKER_SETTINGS for arg in ("-s", s)]
    log = (out.parent / f"{name}.log").open("wb")
    return subprocess.Popen(
        [str(ARCHIVIST), "crawl", str(profile), "--redis", redis_url, "--worker", name,
         "--base-url", base_url, "--out", str(out), *settings, *extra],
        env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO, stdout=log, stderr=log,
    )  # fmt: skip


def articles(crawl_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Each worker's article records, by worker name."""
    found = {}
    for path in sorted(crawl_dir.glob("articles-*.jsonl")):
        worker = path.stem.removeprefix("articles-")
        lines = path.read_text(encoding="utf-8").splitlines()
        found[worker] = [json.loads(line) for line in lines if line.strip()]
    return found


def captures(crawl_dir: Path) -> Counter[str]:
    """response and revisit records per URL, over every WARC file of the crawl."""
    seen: Counter[str] = Counter()
    for path in sorted((crawl_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    seen[record.rec_headers.get_header("WARC-Target-URI")] += 1
    return seen
