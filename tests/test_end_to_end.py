"""A real crawl of the bundled sample site by the `archivist` CLI, checked end to end:
JSON lines, the iChongqing-style page, WARC validity with independent readers, a record
pair for every fetch, stored encodings, and reparse == live."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from warcio.archiveiterator import ArchiveIterator

from crawler.sample_site import EXPECTED_ARTICLES, SampleSiteServer
from crawler.sample_site.server import (
    GBK_PATH,
    GZIP_PATH,
    ICHONGQING_PATH,
    NOT_FOUND_PATH,
    PRIVATE_PATH,
    REDIRECT_PATH,
)
from tests.support.crawl import CrawlOutput, run_archivist

ICHONGQING_BODY = (
    "Kang Zhuang, Director of the Finance Institute at the Chongqing Academy of Social "
    "Sciences, remarked that the economic and trade exchanges between China and Germany "
    "are crucial to the world economy.",
    "German Chancellor Olaf Scholz embarked on a three-day visit to Chongqing on April 14",
    "Kang credits Scholz's choice to begin his China visit in Chongqing",
    "The China Railway Express has laid a solid foundation",
    "remote data processing.",
)
ICHONGQING_BOILERPLATE = (
    "iChongqing Title",
    "| Insights",
    "New Era, New Journey, New Chongqing",
    "Internet illegal and undesirable information",
    "+86-23-67158993",
    "渝ICP备20009753号-2",
    "50120220004",
    "I Agree",
    "Our Privacy Statement & Cookie Policy",
    "By continuing to browse our site",
    "You can change your cookie settings",
    "For any inquiries",
    "service@ichongqing.info",
    "About Us",
    "Contact Us",
    "Leaving a message",
    "By ZHAN CHEN",
)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlOutput, list[tuple[str, str]]]:
    out = tmp_path_factory.mktemp("crawl")
    with SampleSiteServer() as server:
        process = run_archivist(
            "crawl",
            "demo",
            "--base-url",
            server.base_url,
            "--out",
            str(out),
            "--crawl-id",
            "e2e",
            "-s",
            "AUTOTHROTTLE_START_DELAY=0.01",
        )
        requests = list(server.requests)
    assert process.returncode == 0, process.stderr[-3000:]
    return CrawlOutput(out / "demo" / "e2e", process), requests


def by_path(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(urlsplit(record["url"]).path, []).append(record)
    return grouped


def test_summary_and_report(crawl: tuple[CrawlOutput, list[tuple[str, str]]]) -> None:
    output, _ = crawl
    assert "articles written:" in output.process.stdout
    report = output.report
    assert report["articles_written"] == len(output.records) == len(EXPECTED_ARTICLES)
    assert report["errors"] == {"http_404": 1}
    assert report["skipped"] == {"robots": 1}
    assert report["pages_fetched"] >= len(EXPECTED_ARTICLES) + 5


def test_every_article_once_with_its_title(
    crawl: tuple[CrawlOutput, list[tuple[str, str]]],
) -> None:
    output, _ = crawl
    grouped = by_path(output.records)
    assert set(grouped) == {a.path for a in EXPECTED_ARTICLES}
    for article in EXPECTED_ARTICLES:
        (record,) = grouped[article.path]
        assert record["title"] == article.title, article.path
        assert record["text"], article.path
        assert record["crawl_id"] == "e2e"


def test_ichongqing_page_is_clean(crawl: tuple[CrawlOutput, list[tuple[str, str]]]) -> None:
    output, _ = crawl
    (record,) = by_path(output.records)[ICHONGQING_PATH]
    text = record["text"]
    for sentence in ICHONGQING_BODY:
        assert sentence in text
    for line in ICHONGQING_BOILERPLATE:
        assert line not in text, line
    assert record["authors"] == ["Zhan Chen"]
    assert record["published"].startswith("2024-04-20")
    captions = {image["caption"]: image["credit"] for image in record["images"]}
    assert any(c.startswith("Kang Zhuang, Director") for c in captions)
    assert any(c.startswith("China Railway Express (Yuxinou)") for c in captions)
    assert all("Photo/" not in c for c in captions)
    assert {credit.strip("()") for credit in captions.values()} == {
        "Photo/Chongqing Academy of Social Sciences",
        "Photo/Yuxinou",
    }
    numbers = {licence["number"] for licence in record["site"]["licences"]}
    assert {"渝ICP备20009753号-2", "50120220004"} <= numbers


def test_gbk_page_decoded_and_clean(crawl: tuple[CrawlOutput, list[tuple[str, str]]]) -> None:
    output, _ = crawl
    (record,) = by_path(output.records)[GBK_PATH]
    assert record["encoding"] == "gb18030"
    assert record["language"] == "zh"
    assert "ICP备" not in record["text"]
    assert "举报" not in record["text"]
    assert any("ICP备" in licence["number"] for licence in record["site"]["licences"])


def test_robots_disallowed_page_not_fetched(
    crawl: tuple[CrawlOutput, list[tuple[str, str]]],
) -> None:
    _, requests = crawl
    assert PRIVATE_PATH not in {path for _, path in requests}


def _warc_tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_warcs_pass_warcio_check_and_fastwarc(
    crawl: tuple[CrawlOutput, list[tuple[str, str]]],
) -> None:
    output, _ = crawl
    assert output.warc_files
    assert not list((output.root / "warc").glob("*.open"))
    for path in output.warc_files:
        check = subprocess.run(
            [_warc_tool("warcio"), "check", "-v", str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr
        with path.open("rb") as stream:
            types = [r.headers.get("WARC-Type") for r in FastArchiveIterator(stream)]
        assert types[0] == "warcinfo"
        assert {"request", "response"} <= set(types)


def _records(paths: list[Path]) -> list[tuple[str, str, Any]]:
    found = []
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                body = record.raw_stream.read() if record.rec_type == "response" else b""
                found.append((record.rec_type, uri, (record.http_headers, body)))
    return found


def test_a_request_and_response_record_for_every_fetch(
    crawl: tuple[CrawlOutput, list[tuple[str, str]]],
) -> None:
    output, requests = crawl
    records = _records(output.warc_files)
    kinds = Counter((kind, urlsplit(uri).path) for kind, uri, _ in records)
    fetched = {path for method, path in requests if method == "GET"}
    for path in (REDIRECT_PATH, NOT_FOUND_PATH, "/robots.txt", "/sitemap.xml", "/feed.xml"):
        assert path in fetched
    for path in fetched:
        assert kinds[("response", path)] >= 1, path
        assert kinds[("request", path)] >= 1, path
    statuses = {
        urlsplit(uri).path: extra[0].get_statuscode()
        for kind, uri, extra in records
        if kind == "response"
    }
    assert statuses[REDIRECT_PATH] == "301"
    assert statuses[NOT_FOUND_PATH] == "404"


def test_gzip_page_stored_as_sent(crawl: tuple[CrawlOutput, list[tuple[str, str]]]) -> None:
    output, _ = crawl
    (headers, body) = next(
        extra
        for kind, uri, extra in _records(output.warc_files)
        if kind == "response" and urlsplit(uri).path == GZIP_PATH
    )
    assert headers.get_header("Content-Encoding") == "gzip"
    assert headers.get_header("Transfer-Encoding") is None
    assert body[:2] == b"\x1f\x8b"
    assert b"<html" in gzip.decompress(body).lower()


def test_reparse_equals_live_crawl(
    crawl: tuple[CrawlOutput, list[tuple[str, str]]], tmp_path: Path
) -> None:
    output, _ = crawl
    reparsed = tmp_path / "reparsed.jsonl"
    process = run_archivist("reparse", str(output.root / "warc"), "-o", str(reparsed))
    assert process.returncode == 0, process.stderr[-3000:]
    live = {r["url"]: r for r in output.records}
    again = {r["url"]: r for r in map(json.loads, reparsed.read_text("utf-8").splitlines())}
    assert set(again) == set(live)
    for url, record in live.items():
        for key, value in record.items():
            assert again[url].get(key) == value, (url, key)
        assert set(again[url]) == set(record)
