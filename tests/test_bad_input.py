"""Bad input through the real CLI: dead hosts, refused connections, non-HTML and empty
pages are counted by kind and the crawl still ends with its summary; a broken profile or
output folder stops before crawling with a clear message."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sample_site import EXPECTED_ARTICLES, SampleSiteServer
from crawler.sample_site.server import FAULT_EMPTY_PATH, FAULT_PDF_PATH
from tests.support.crawl import ALLOW_LOOPBACK, ARCHIVIST, REPO, CrawlOutput, run_archivist

RESOLVER = "DNS_RESOLVER=tests.support.offline_dns.OfflineResolver"


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_faults_are_counted_and_the_crawl_goes_on(tmp_path: Path) -> None:
    with SampleSiteServer() as server:
        profile = tmp_path / "faults.toml"
        profile.write_text(
            f"""
name = "faults"
allowed_domains = ["127.0.0.1", "no-such-host.invalid"]
sitemaps_from_robots = false
start_urls = [
  "{server.base_url}{FAULT_PDF_PATH}",
  "{server.base_url}{FAULT_EMPTY_PATH}",
  "http://127.0.0.1:{closed_port()}/world/2024/04/story.html",
  "http://no-such-host.invalid/world/2024/04/story.html",
  "{server.base_url}/world/",
]
depth_limit = 1
[article_urls]
allow = ['/faults/', '/\\d{{4}}/\\d{{2}}/']
""",
            encoding="utf-8",
        )
        process = run_archivist(
            "crawl",
            str(profile),
            "--out",
            str(tmp_path / "out"),
            "--crawl-id",
            "f",
            "-s",
            RESOLVER,
            "-s",
            ALLOW_LOOPBACK,
            "-s",
            "RETRY_TIMES=0",
            "-s",
            "AUTOTHROTTLE_START_DELAY=0.01",
        )
    assert process.returncode == 0, process.stderr[-3000:]
    output = CrawlOutput(tmp_path / "out" / "faults" / "f", process)
    errors = output.report["errors"]
    assert errors["not_html"] == 1
    assert errors["empty_body"] == 1
    assert errors["connection_refused"] == 1
    assert errors["dns"] == 1
    assert output.report["errors_total"] == sum(errors.values())
    # The world section's articles were still crawled and written (and those of the
    # feed that the section page announces with <link rel="alternate">).
    world = {a.path for a in EXPECTED_ARTICLES if a.path.startswith("/world/")}
    assert world <= {urlsplit(r["url"]).path for r in output.records}
    assert "errors:" in process.stdout
    # Each error is logged with its URL.
    assert f"{FAULT_PDF_PATH}" in process.stderr
    assert "no-such-host.invalid" in process.stderr


def test_profile_error_names_file_field_and_expectation(tmp_path: Path) -> None:
    profile = tmp_path / "broken.toml"
    profile.write_text('name = "broken"\nstart_urls = "http://127.0.0.1/"\n', encoding="utf-8")
    process = run_archivist("crawl", str(profile), "--out", str(tmp_path / "out"))
    assert process.returncode == 2
    assert str(profile) in process.stderr
    assert "field 'start_urls'" in process.stderr
    assert "expected a list" in process.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    process = run_archivist("crawl", "http://127.0.0.1:9/", "--out", str(blocker / "out"))
    assert process.returncode == 2
    assert "cannot create the output folder" in process.stderr


@pytest.mark.parametrize("command", ["crawl", "demo", "reparse", "export", "extract", "clean"])
def test_every_command_has_help(command: str) -> None:
    process = run_archivist(command, "--help")
    assert process.returncode == 0
    assert "usage: archivist" in process.stdout


def test_a_reader_that_goes_away_stops_the_command_quietly(tmp_path: Path) -> None:
    """`archivist clean a.txt | head -1`: the pipe closes before the output is written."""
    text = tmp_path / "a.txt"
    text.write_text("The council met on Monday to vote on the budget.\n" * 2000, encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes anything
    process = subprocess.run(
        [str(ARCHIVIST), "clean", str(text)],
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        check=False,
    )
    os.close(write)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1
