"""WarcCaptureExtension: Scrapy fetches in, WARC records out."""

from __future__ import annotations

import gzip
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from archive.capture import WarcLocation, parse_warc_date
from archive.reader import iter_responses
from pipelines.warc import WarcCaptureExtension

HTML = b"<html><body><p>Hello</p></body></html>"
URL = "https://news.example.com/a?id=7&x=y"


@dataclass
class Harness:
    """The extension and its crawler. Holding the extension matters: Scrapy's signals
    keep only weak references to their receivers (the ExtensionManager holds it live)."""

    extension: WarcCaptureExtension
    crawler: Any


def make_extension(tmp_path: Path, **settings: Any) -> Harness:
    crawler = get_crawler(
        settings_dict={
            "ARCHIVIST_WARC_DIR": str(tmp_path),
            "ARCHIVIST_CRAWL_ID": "crawl-7",
            "ROBOTSTXT_OBEY": True,
            "USER_AGENT": "Archivist-test/1.0",
            **settings,
        }
    )
    return Harness(WarcCaptureExtension.from_crawler(crawler), crawler)


def make_pair(protocol: str = "HTTP/1.1") -> tuple[Request, HtmlResponse]:
    request = Request(URL, headers={"User-Agent": "Archivist-test/1.0"})
    response = HtmlResponse(
        URL,
        status=200,
        headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
        ],
        body=gzip.compress(HTML, mtime=0),
        request=request,
        ip_address=ipaddress.ip_address("127.0.0.1"),
        protocol=protocol,
    )
    return request, response


def send(harness: Harness, request: Request, response: HtmlResponse) -> None:
    harness.crawler.signals.send_catch_log(
        signal=signals.response_downloaded, response=response, request=request, spider=None
    )


def close(harness: Harness) -> None:
    harness.extension.spider_closed()  # other extensions need a started crawl


def test_capture_round_trips_through_the_signal(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    request, response = make_pair()
    send(harness, request, response)
    close(harness)

    location = request.meta["archivist_warc"]
    assert isinstance(location, WarcLocation)
    assert response.meta["archivist_warc"] == location  # the callback sees it too
    (stored,) = iter_responses([tmp_path / location.filename])
    assert stored.url == URL
    assert stored.body == HTML
    assert stored.ip == "127.0.0.1"
    assert stored.crawl_id == "crawl-7"
    assert stored.location == location
    assert stored.fetched_at == request.meta["archivist_fetched_at"]
    assert parse_warc_date(stored.fetched_at).tzinfo is not None
    assert [v for n, v in stored.headers if n == "Set-Cookie"] == ["a=1", "b=2"]


def test_request_record_has_host_and_query(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    request, response = make_pair()
    send(harness, request, response)
    close(harness)
    path = tmp_path / request.meta["archivist_warc"].filename
    with path.open("rb") as fh:
        (req,) = [r for r in ArchiveIterator(fh) if r.rec_type == "request"]
        assert req.http_headers.statusline == "/a?id=7&x=y HTTP/1.1"
        assert req.http_headers.get_header("Host") == "news.example.com"
        assert req.http_headers.get_header("User-Agent") == "Archivist-test/1.0"


def test_warcinfo_has_crawl_facts(tmp_path: Path) -> None:
    harness = make_extension(tmp_path, ROBOTSTXT_OBEY=False)
    request, response = make_pair()
    send(harness, request, response)
    close(harness)
    path = tmp_path / request.meta["archivist_warc"].filename
    with path.open("rb") as fh:
        warcinfo = next(iter(ArchiveIterator(fh)))
        fields = warcinfo.content_stream().read().decode()
    assert "archivist-crawl-id: crawl-7\r\n" in fields
    assert "robots: ignore\r\n" in fields
    assert "http-header-user-agent: Archivist-test/1.0\r\n" in fields


def test_h2_response_is_marked(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    request, response = make_pair(protocol="h2")
    send(harness, request, response)
    close(harness)
    path = tmp_path / request.meta["archivist_warc"].filename
    with path.open("rb") as fh:
        (resp,) = [r for r in ArchiveIterator(fh) if r.rec_type == "response"]
        assert resp.rec_headers.get_header("WARC-Protocol") == "h2"


def test_stats_and_file_list(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    for _ in range(2):
        send(harness, *make_pair())
    close(harness)
    stats = harness.crawler.stats.get_stats()
    assert stats["archivist/warc/records"] == 5  # warcinfo + 2 x (request + response)
    (name,) = stats["archivist/warc/files"]
    assert stats["archivist/warc/bytes"] == (tmp_path / name).stat().st_size
    assert "archivist/warc/errors" not in stats
    assert not list(tmp_path.glob("*.open"))


def test_write_failure_is_counted_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the WARC folder should be")
    harness = make_extension(tmp_path, ARCHIVIST_WARC_DIR=str(blocker))
    request, response = make_pair()
    send(harness, request, response)
    assert harness.crawler.stats.get_value("archivist/warc/errors") == 1
    assert "archivist_warc" not in request.meta
    assert URL in caplog.text
    close(harness)


def test_disabled_raises_not_configured(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        make_extension(tmp_path, ARCHIVIST_WARC_ENABLED=False)


def test_enabled_without_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ARCHIVIST_WARC_DIR"):
        make_extension(tmp_path, ARCHIVIST_WARC_DIR=None)
