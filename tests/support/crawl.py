"""Run the real `archivist` CLI in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ARCHIVIST = Path(sys.executable).with_name("archivist")
# The SSRF guard refuses loopback by default; crawl tests of servers on 127.0.0.1 pass
# `-s ALLOW_LOOPBACK` (sites/demo.toml allows it in its profile instead).
ALLOW_LOOPBACK = "ARCHIVIST_ALLOW_NETWORKS=127.0.0.1/32"


def run_archivist(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [str(ARCHIVIST), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
        check=False,
    )


@dataclass
class CrawlOutput:
    root: Path  # OUT/<site>/<crawl-id>
    process: subprocess.CompletedProcess[str]

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / "crawl.json").read_text("utf-8"))
        return data

    @property
    def records(self) -> list[dict[str, Any]]:
        path = self.root / "articles.jsonl"
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]

    @property
    def warc_files(self) -> list[Path]:
        return sorted((self.root / "warc").glob("*.warc.gz"))


def start_archivist(*args: str) -> subprocess.Popen[str]:
    """The CLI in a background process (to be killed by a test)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [str(ARCHIVIST), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )
