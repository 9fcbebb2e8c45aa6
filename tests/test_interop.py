"""Other tools read what we write: two real crawls of the sample site (the second one all
revisits of the first), checked with warcio check, FastWARC, cdxj-indexer, `wacz
validate`, and replayed in pywb on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.index import parse_line
from crawler.sample_site import SampleSiteServer
from crawler.sample_site.server import WWW_ROOT
from tests.support.crawl import run_archivist
from tests.support.tools_venv import tools_bin

# Pages the second crawl fetches again (articles are not due yet in an incremental crawl).
REPLAYED = ("/about.html", "/contact.html", "/privacy.html")


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("interop")
    with SampleSiteServer() as server:
        for crawl_id in ("first", "second"):
            process = run_archivist(
                "crawl", "demo", "--base-url", server.base_url, "--out", str(out),
                "--crawl-id", crawl_id, "-s", "AUTOTHROTTLE_START_DELAY=0.01",
            )  # fmt: skip
            assert process.returncode == 0, process.stderr[-3000:]
    return out / "demo" / "first", out / "demo" / "second"


def record_types(path: Path) -> dict[str, str]:
    with path.open("rb") as fh:
        return {r.rec_headers.get_header("WARC-Record-ID"): r.rec_type for r in ArchiveIterator(fh)}


def test_second_crawl_is_revisits(crawls: tuple[Path, Path]) -> None:
    _, second = crawls
    (path,) = (second / "warc").glob("*.warc.gz")
    assert "revisit" in record_types(path).values()


def test_warcio_check_reads_every_record(crawls: tuple[Path, Path]) -> None:
    """warcio does not check revisit digests ("present but not checked"): read its lines."""
    for crawl in crawls:
        for path in (crawl / "warc").glob("*.warc.gz"):
            check = subprocess.run(
                [_bin("warcio"), "check", "-v", str(path)], capture_output=True, text=True
            )
            assert check.returncode == 0, check.stdout + check.stderr
            verdicts = [line.strip() for line in check.stdout.splitlines() if line[:4] == "    "]
            assert len(verdicts) == len(record_types(path))
            for verdict in verdicts:
                assert verdict in ("digest pass", "digest present but not checked (revisit)")


def test_fastwarc_check_fails_only_where_it_is_known_to(crawls: tuple[Path, Path]) -> None:
    """FastWARC reports PAYLOAD_FAIL on every revisit (no payload) and metadata record (its
    payload is not HTTP); every block digest, and every other payload digest, must pass."""
    for crawl in crawls:
        for path in (crawl / "warc").glob("*.warc.gz"):
            report = path.with_suffix(".fastwarc.txt")
            subprocess.run(
                [_bin("fastwarc"), "check", "-p", "-q", "-o", str(report), str(path)],
                capture_output=True,
            )
            types = record_types(path)
            lines = report.read_text().splitlines()
            assert len(lines) == len(types)
            for line in lines:
                record_id, verdict = line.split(": ", 1)
                block, payload = verdict.split(", ")
                assert block == "OK", line
                if types[record_id] not in ("revisit", "metadata"):
                    assert payload in ("PAYLOAD_OK", "PAYLOAD_NO_DIGEST"), line


def test_index_equals_cdxj_indexer(crawls: tuple[Path, Path]) -> None:
    for crawl in crawls:
        warcs = sorted(str(p) for p in (crawl / "warc").glob("*.warc.gz"))
        theirs = subprocess.run(
            [_bin("cdxj-indexer"), *warcs], capture_output=True, text=True, check=True
        ).stdout
        assert (crawl / "index.cdxj").read_text() == "".join(sorted(theirs.splitlines(True)))


def test_wacz_validates(crawls: tuple[Path, Path]) -> None:
    first, _ = crawls
    process = run_archivist("wacz", str(first), "-o", str(first / "first.wacz"))
    assert process.returncode == 0, process.stderr[-3000:]
    check = subprocess.run(
        [str(tools_bin() / "wacz"), "validate", "-f", str(first / "first.wacz")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "valid" in check.stdout + check.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(url: str, deadline: float) -> None:
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_pywb_replays_pages_and_resolves_revisits(
    crawls: tuple[Path, Path], tmp_path: Path
) -> None:
    """The second crawl's captures are revisits: replaying them at its timestamps must
    give the original bodies (from the first crawl's records)."""
    first, second = crawls
    (tmp_path / "indexes").mkdir()
    for crawl in crawls:
        (tmp_path / "indexes" / f"{crawl.name}.cdxj").write_bytes(
            (crawl / "index.cdxj").read_bytes()
        )
    (tmp_path / "config.yaml").write_text(
        "collections:\n  demo:\n"
        f"    index_paths: {tmp_path / 'indexes'}/\n"
        f"    archive_paths:\n      - {first / 'warc'}/\n      - {second / 'warc'}/\n"
    )
    latest = {}
    for line in (second / "index.cdxj").read_text().splitlines():
        _, timestamp, fields = parse_line(line)
        latest[urlsplit(fields["url"]).path] = (timestamp, fields)
    port = _free_port()
    wayback = subprocess.Popen(
        [str(tools_bin() / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        for path in REPLAYED:
            timestamp, fields = latest[path]
            assert fields["mime"] == "warc/revisit"
            replay = f"http://127.0.0.1:{port}/demo/{timestamp}id_/{fields['url']}"
            with urllib.request.urlopen(replay, timeout=30) as answer:
                assert answer.headers["Memento-Datetime"]
                assert answer.read() == (WWW_ROOT / path.lstrip("/")).read_bytes()
    finally:
        wayback.terminate()
        wayback.wait(timeout=10)
