"""`--filter-list` on `archivist extract` and `reparse`, and a profile's `filter_lists`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.profiles import SITES_DIR, ProfileError, load_profile
from crawler.sample_site import SampleSiteServer
from tests.support.crawl import CrawlOutput, run_archivist

FIXTURE = Path(__file__).parents[1] / "parsers" / "fixtures" / "cookie-filters.txt"
STORY = " ".join(
    f"Paragraph sentence {i} about the harbour's new ferry timetable." for i in range(12)
)
PAGE = f"""<html><body>
<app-cookie-notice>Tracking preferences: choose what we may store</app-cookie-notice>
<article><h1>Ferry timetable</h1><p>{STORY}</p></article>
</body></html>"""


def test_extract_with_a_filter_list_end_to_end(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    command = [sys.executable, "-m", "crawler.cli", "extract", str(page), "--url"]
    plain = subprocess.run([*command, "https://news.example/a"], capture_output=True, check=True)
    filtered = subprocess.run(
        [*command, "https://news.example/a", "--filter-list", str(FIXTURE)],
        capture_output=True,
        check=True,
    )
    before = json.loads(plain.stdout)["boilerplate_removed"]
    after = json.loads(filtered.stdout)["boilerplate_removed"]
    notice = {"kind": "consent", "text": "Tracking preferences: choose what we may store"}
    assert notice not in before and notice in after
    assert STORY in json.loads(filtered.stdout)["text"]


def test_extract_reads_a_relative_path_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "cookies.txt").write_text("##app-cookie-notice\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "page.html", "--filter-list", "cookies.txt"]) == 0
    removed = json.loads(capsys.readouterr().out)["boilerplate_removed"]
    assert {"kind": "consent", "text": "Tracking preferences: choose what we may store"} in removed


@pytest.mark.parametrize("command", ["extract", "reparse"])
def test_a_missing_list_is_a_usage_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    status = main([command, str(page), "--filter-list", str(tmp_path / "nope.txt")])
    assert status == 2
    assert "nope.txt" in capsys.readouterr().err


def test_profile_filter_lists_are_relative_to_the_profile(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "cookies.txt").write_text("##.x\n", encoding="utf-8")
    profile = tmp_path / "site.toml"
    profile.write_text(
        'name = "a"\nstart_urls = ["https://a.example/"]\nfilter_lists = ["lists/cookies.txt"]\n',
        encoding="utf-8",
    )
    assert load_profile(str(profile)).filter_lists == (str(tmp_path / "lists" / "cookies.txt"),)
    profile.write_text(
        'name = "a"\nstart_urls = ["https://a.example/"]\nfilter_lists = ["missing.txt"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"field 'filter_lists'.*readable files"):
        load_profile(str(profile))


def test_a_profile_list_in_a_crawl_and_the_same_list_in_reparse(tmp_path: Path) -> None:
    """The crawl applies the profile's list; reparse with --filter-list gives equal lines."""
    (tmp_path / "kicker.txt").write_text("##.kicker\n||ads.example^\n", encoding="utf-8")
    demo = (SITES_DIR / "demo.toml").read_text(encoding="utf-8")
    profile = tmp_path / "demo.toml"
    profile.write_text('filter_lists = ["kicker.txt"]\n' + demo, encoding="utf-8")
    out = tmp_path / "out"
    with SampleSiteServer() as server:
        process = run_archivist(
            "crawl", str(profile), "--base-url", server.base_url, "--out", str(out),
            "--crawl-id", "fl", "-s", "AUTOTHROTTLE_START_DELAY=0.01",
        )  # fmt: skip
    assert process.returncode == 0, process.stderr[-3000:]
    output = CrawlOutput(out / "demo" / "fl", process)
    live = {r["url"]: r for r in output.records}
    removed = [r for record in live.values() for r in record["boilerplate_removed"]]
    assert {"kind": "consent", "text": "Science"} in removed
    reparsed = tmp_path / "reparsed.jsonl"
    args = ("reparse", str(output.root / "warc"), "-o", str(reparsed), "--workers", "1")
    process = run_archivist(*args, "--filter-list", str(tmp_path / "kicker.txt"))
    assert process.returncode == 0, process.stderr[-3000:]
    again = {r["url"]: r for r in map(json.loads, reparsed.read_text("utf-8").splitlines())}
    assert again == live
