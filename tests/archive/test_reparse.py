"""archive.reparse at scale: workers, index queries, error policy, manifest, checkpoint."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest

import archive.records
import archive.reparse_pool
from archive.capture import WarcLocation
from archive.layout import CrawlLayout
from archive.records import FetchFacts
from archive.reparse import (
    ErrorPolicy,
    ReparseError,
    ReparseJob,
    manifest_path,
    reparse,
    reparse_to_file,
)
from archive.reparse_pool import PAGES_PER_WORKER, Extractor, Item, PageTask
from archive.reparse_select import RecordQuery, SelectionError, plan_selection, warc_timestamp
from archive.reparse_state import Checkpoint
from parsers import PARSER_VERSION, ExtractOptions
from tests.archive.reparse_corpus import HOSTS, write_crawl


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlLayout, CrawlLayout]:
    """Two crawls of one site: the second has a new edition of every page."""
    out = tmp_path_factory.mktemp("crawls")
    return write_crawl(out, rounds=3, crawl_id="c1"), write_crawl(
        out, rounds=1, crawl_id="c2", edition="b"
    )


def run(job: ReparseJob) -> tuple[bytes, Any]:
    out = io.BytesIO()
    report = reparse(job, out)
    return out.getvalue(), report


def lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines()]


def test_two_workers_write_the_same_bytes_as_one(crawls: tuple[CrawlLayout, ...]) -> None:
    paths = tuple(c.root for c in crawls)
    one, report_one = run(ReparseJob(paths, workers=1))
    two, report_two = run(ReparseJob(paths, workers=2))
    assert one == two
    assert report_one.counts() == report_two.counts()
    records = lines(one)
    versions = {r["version"] for r in records}
    assert versions == {1, 2}  # the second crawl's edition is a new version of each page
    assert report_one.skipped["unchanged_payload"] == 2  # one same-URL re-fetch per crawl
    assert report_one.skipped["not_article"] == 6  # listing, 404, image, per crawl
    assert all(r["parser_version"] == PARSER_VERSION for r in records)


QUERIES = [
    RecordQuery(domain="other.example.org"),
    RecordQuery(url_prefix=HOSTS[0] + "/world/"),
    RecordQuery(url_regex=r"/(science|business)/"),
    RecordQuery(
        since=warc_timestamp("2024-04-21"), until=warc_timestamp("2024-04-21", end_of_day=True)
    ),
    RecordQuery(mime="text/html", url_prefix=HOSTS[0]),
    RecordQuery(url_regex="/copy/|/zh/"),
]


@pytest.mark.parametrize("query", QUERIES)
def test_index_query_equals_streaming_and_filtering(
    crawls: tuple[CrawlLayout, ...], query: RecordQuery
) -> None:
    by_index = ReparseJob(tuple(c.root for c in crawls), query)
    files = tuple(p for c in crawls for p in sorted(c.warc_dir.glob("*.warc.gz")))
    by_stream = ReparseJob(files, query)
    assert plan_selection(by_index.paths, query).mode == "index"
    assert plan_selection(by_stream.paths, query).mode == "stream"
    indexed, index_report = run(by_index)
    streamed, _ = run(by_stream)
    everything, full_report = run(ReparseJob(by_index.paths))
    assert indexed == streamed
    assert 0 < len(lines(indexed)) < len(lines(everything))
    assert index_report.responses < full_report.responses  # read only what matched
    for record in lines(indexed):
        assert query.matches(record["url"], warc_timestamp(record["fetched_at"]), None)


def test_index_mode_resolves_a_revisit_at_another_url(crawls: tuple[CrawlLayout, ...]) -> None:
    """The copy at /copy/... is stored as a revisit of a page of the same crawl: read by
    the index alone, it still gets the original's body and gives an article."""
    query = RecordQuery(url_regex="/copy/")
    data, report = run(ReparseJob((crawls[0].root,), query))
    (record,) = lines(data)
    assert "/copy/" in record["url"] and len(record["text"]) > 500
    assert report.responses == 1 and report.errors == {}


def test_bad_dates_and_regexes_are_selection_errors() -> None:
    with pytest.raises(SelectionError, match="bad date"):
        warc_timestamp("20/04/2024")
    with pytest.raises(SelectionError, match="url-regex"):
        RecordQuery(url_regex="(")
    assert warc_timestamp("2024-04-20T12:00:00+02:00") == "20240420100000"
    assert warc_timestamp("2024-04-20", end_of_day=True) == "20240420235959"


def test_domain_matches_subdomains_only() -> None:
    query = RecordQuery(domain="example.org")
    assert query.matches("https://www.example.org/a", "20240420000000", None)
    assert query.matches("https://example.org/a", "20240420000000", None)
    assert not query.matches("https://badexample.org/a", "20240420000000", None)


def _fail_on(url_part: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = archive.records.article_record

    def flaky(body: bytes, fetch: Any, **kwargs: Any) -> dict[str, Any]:
        if url_part in fetch.url:
            raise RuntimeError("boom")
        return real(body, fetch, **kwargs)

    monkeypatch.setattr(archive.reparse_pool, "article_record", flaky)


def test_error_policy_log_warns_counts_and_goes_on(
    crawls: tuple[CrawlLayout, ...],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clean, _ = run(ReparseJob((crawls[0].root,), workers=1))
    _fail_on("comet-visible", monkeypatch)
    with caplog.at_level(logging.WARNING, logger="archive.reparse"):
        data, report = run(ReparseJob((crawls[0].root,), workers=1, on_error=ErrorPolicy.LOG))
    failures = [r.getMessage() for r in caplog.records if "Extraction failed" in r.getMessage()]
    assert report.errors["extraction_failed"] == len(failures) == 3  # one page, three rounds
    assert "comet-visible" in failures[0] and ".warc.gz:" in failures[0] and "boom" in failures[0]
    clean_urls = {r["url"] for r in lines(clean)}
    assert {r["url"] for r in lines(data)} == {u for u in clean_urls if "comet-visible" not in u}


def test_error_policy_skip_counts_silently(
    crawls: tuple[CrawlLayout, ...],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _fail_on("comet-visible", monkeypatch)
    with caplog.at_level(logging.WARNING, logger="archive.reparse"):
        _, report = run(ReparseJob((crawls[0].root,), workers=1, on_error=ErrorPolicy.SKIP))
    assert report.errors["extraction_failed"] == 3
    assert not [r for r in caplog.records if "Extraction failed" in r.getMessage()]


def test_error_policy_raise_stops_with_the_page(
    crawls: tuple[CrawlLayout, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on("comet-visible", monkeypatch)
    with pytest.raises(ReparseError, match=r"comet-visible.*\.warc\.gz:\d+: RuntimeError: boom"):
        run(ReparseJob((crawls[0].root,), workers=1, on_error=ErrorPolicy.RAISE))


def test_a_failing_page_comes_back_from_a_worker_as_a_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fail_on("bad", monkeypatch)
    result = archive.reparse_pool.extract_page(_task("https://x.example/bad"))
    assert result.record is None and result.error == "RuntimeError: boom"


def _task(url: str) -> PageTask:
    fetch = FetchFacts(url, 200, "text/html", "2024-04-20T10:00:00.000000Z")
    location = WarcLocation("f.warc.gz", 0, 1, "<urn:uuid:x>", None)
    return PageTask(b"<html><body><p>Hi</p></body></html>", fetch, location, None, None)


def test_the_pool_keeps_order_and_a_bounded_window() -> None:
    pulled = 0

    def items() -> Any:
        nonlocal pulled
        for n in range(40):
            pulled += 1
            yield Item(n, _task(f"https://x.example/{n}") if n % 3 else None)

    seen: list[int] = []
    with Extractor(2) as extractor:
        for key, result in extractor.results(items()):
            assert pulled - len(seen) <= PAGES_PER_WORKER * 2
            assert (result is None) == (key % 3 == 0)
            seen.append(key)
    assert seen == list(range(40))


def test_output_file_gets_a_manifest_and_no_checkpoint(
    crawls: tuple[CrawlLayout, ...], tmp_path: Path
) -> None:
    output = tmp_path / "articles.jsonl"
    report = reparse_to_file(ReparseJob((crawls[0].root,), checkpoint_every=5), output)
    manifest = json.loads(manifest_path(output).read_text("utf-8"))
    assert manifest["parser_version"] == PARSER_VERSION
    assert manifest["counts"]["articles_written"] == report.articles_written > 0
    assert manifest["inputs"] == [str(p) for p in sorted(crawls[0].warc_dir.glob("*.warc.gz"))]
    assert manifest["read_by"] == "stream"
    assert manifest["sha256"] == hashlib.sha256(output.read_bytes()).hexdigest()
    assert not Checkpoint.path_for(output).exists()
    assert not Checkpoint.journal_for(output).exists()


def test_resume_from_a_checkpoint_gives_the_uninterrupted_output(
    crawls: tuple[CrawlLayout, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process: stop the run with a failure after some checkpoints, then resume."""
    paths = tuple(c.root for c in crawls)
    whole = tmp_path / "whole.jsonl"
    reparse_to_file(ReparseJob(paths), whole)
    output = tmp_path / "resumed.jsonl"
    _fail_on("/r2/science/", monkeypatch)  # late in the first crawl
    with pytest.raises(ReparseError):
        reparse_to_file(ReparseJob(paths, on_error=ErrorPolicy.RAISE, checkpoint_every=7), output)
    checkpoint = Checkpoint.load(Checkpoint.path_for(output))
    assert checkpoint is not None and checkpoint.counts["articles_written"] > 0
    monkeypatch.undo()
    report = reparse_to_file(ReparseJob(paths, on_error=ErrorPolicy.RAISE), output)
    assert output.read_bytes() == whole.read_bytes()
    assert report.articles_written == len(lines(whole.read_bytes()))


def test_a_checkpoint_of_other_arguments_is_refused(
    crawls: tuple[CrawlLayout, ...], tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    output.write_bytes(b"")
    Checkpoint("0" * 16, (0, 0), 0, 0, {}).save(Checkpoint.path_for(output))
    Checkpoint.journal_for(output).write_bytes(b"")
    with pytest.raises(ReparseError, match="other inputs"):
        reparse_to_file(ReparseJob((crawls[0].root,)), output)


def test_a_checkpoint_made_with_another_filter_list_content_is_refused(
    crawls: tuple[CrawlLayout, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same path, new rules (a fresh EasyList download): the resume would mix two outputs."""
    rules = tmp_path / "cookies.txt"
    rules.write_text("##.cookie-banner\n", encoding="utf-8")
    options = ExtractOptions(filter_lists=(str(rules),))
    output = tmp_path / "out.jsonl"
    _fail_on("/r2/science/", monkeypatch)
    job = ReparseJob(
        (crawls[0].root,), on_error=ErrorPolicy.RAISE, checkpoint_every=3, options=options
    )
    with pytest.raises(ReparseError):
        reparse_to_file(job, output)
    assert Checkpoint.path_for(output).exists()
    monkeypatch.undo()
    rules.write_text("##.cookie-banner\n##.consent-box\n", encoding="utf-8")
    with pytest.raises(ReparseError, match="other inputs"):
        reparse_to_file(ReparseJob((crawls[0].root,), options=options), output)
    rules.write_text("##.cookie-banner\n", encoding="utf-8")  # the same rules again: resumes
    report = reparse_to_file(ReparseJob((crawls[0].root,), options=options), output)
    assert report.articles_written > 0


def test_a_site_folder_is_its_crawls_in_order(crawls: tuple[CrawlLayout, ...]) -> None:
    site = crawls[0].site_root
    expected = tuple(p for c in crawls for p in sorted(c.warc_dir.glob("*.warc.gz")))
    assert plan_selection((site,), RecordQuery()).files == expected
    assert plan_selection((site,), RecordQuery(domain="example.com")).mode == "index"
    with pytest.raises(SelectionError, match="named"):
        plan_selection((site, crawls[0].root), RecordQuery())
