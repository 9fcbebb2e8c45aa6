"""Nothing from a URL or a page can place a file outside the output folder: site names,
crawl ids, WARC prefixes and host names, and export partitions are sanitised. Each
hostile name is tried with `../`, absolute paths, NUL bytes and overlong names."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.layout import CrawlLayout, safe_name
from archive.warc import WarcWriter
from crawler.profiles import ProfileError, profile_for_url, profile_from_dict
from tests.support.crawl import run_archivist

NOW = datetime(2024, 4, 20, tzinfo=UTC)
HOSTILE = [
    "../../../etc",
    "..",
    ".",
    "/etc/passwd",
    "/",
    "a/../../b",
    "..\\..\\windows",
    "nul\x00byte",
    "x" * 5000,
    "../" * 300,
    "~root",
    "",
    "%2e%2e%2f",
    "ünïcödé/../名前",
]


def files_under(root: Path) -> set[Path]:
    return {Path(d, f).resolve() for d, _, files in os.walk(root) for f in files}


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_name_is_one_harmless_path_component(name: str) -> None:
    safe = safe_name(name)
    assert safe and len(safe) <= 64
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert safe not in (".", "..") and not safe.startswith(".")


@pytest.mark.parametrize("name", HOSTILE)
def test_crawl_layout_stays_in_the_output_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    layout = CrawlLayout.create(out, name, name)
    for path in (layout.root, layout.warc_dir, layout.state_db, layout.articles):
        assert path.resolve().is_relative_to(out.resolve()), path
    assert layout.root.resolve().parent.parent == out.resolve()


@pytest.mark.parametrize("name", HOSTILE)
def test_warc_prefix_and_host_cannot_leave_the_warc_folder(tmp_path: Path, name: str) -> None:
    warc_dir = tmp_path / "out" / "warc"
    warc_dir.mkdir(parents=True)
    with WarcWriter(warc_dir, prefix=name, hostname=name) as writer:
        writer.write_metadata("http://example.com/", "<urn:uuid:1>", [("note", "x")], NOW)
    (written,) = files_under(tmp_path)
    assert written.parent == warc_dir.resolve()
    assert len(written.name) < 255


@pytest.mark.parametrize("name", ["../evil", "/abs", "a\x00b", "x" * 65, ".hidden"])
def test_profile_names_that_are_paths_are_refused(name: str) -> None:
    with pytest.raises(ProfileError, match="field 'name'"):
        profile_from_dict({"name": name, "start_urls": ["http://example.com/"]})


@pytest.mark.parametrize(
    "url", ["http://../x", "http://%2e%2e/", "http://" + "a" * 300 + ".com/", "http://a..b/"]
)
def test_sites_named_from_urls_are_safe(url: str) -> None:
    name = profile_for_url(url).name
    assert name == safe_name(name) and ".." not in name


def test_cli_crawl_id_cannot_escape(tmp_path: Path) -> None:
    """The crawl is of a loopback URL the SSRF guard refuses, so nothing is fetched."""
    out = tmp_path / "out"
    process = run_archivist(
        "crawl", "http://127.0.0.1:9/", "--out", str(out), "--crawl-id", "../../../escaped"
    )
    assert process.returncode == 0, process.stderr[-2000:]
    assert not list(tmp_path.glob("escaped*")) and not (tmp_path.parent / "escaped").exists()
    written = files_under(tmp_path)
    assert written and all(p.is_relative_to(out.resolve()) for p in written)
    assert (out / "127-0-0-1" / "escaped" / "crawl.json").is_file()


def test_export_partitions_cannot_escape(tmp_path: Path) -> None:
    """A page's `published` and a URL's host name the partition folders."""
    source = tmp_path / "in.jsonl"
    rows = []
    for n, published in enumerate(["../../../../escaped", "/etc/cron.d/x", "2024-01/../../x"]):
        rows.append(
            {
                "url": f"http://..{n}/a.html",
                "title": "t",
                "authors": [],
                "text": "some words here",
                "blocks": [],
                "images": [],
                "fetched_at": "2024-01-01T00:00:00Z",
                "status": 200,
                "parser_version": "0",
                "published": published,
            }
        )
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parts = tmp_path / "parts"
    process = run_archivist(
        "export", str(source), "--format", "parquet", "--partition", "site,month", "-o", str(parts)
    )
    assert process.returncode == 0, process.stderr[-2000:]
    written = files_under(tmp_path) - {source.resolve()}
    assert len(written) >= 1
    assert all(p.is_relative_to(parts.resolve()) for p in written), written
