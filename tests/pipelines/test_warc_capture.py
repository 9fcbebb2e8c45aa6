"""WarcCaptureExtension: Scrapy fetches in, WARC records out."""

from __future__ import annotations

import gzip
import ipaddress
import json
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


# --- dedup, revisits, metadata and indexes ----------------------------------------

BIG = "".join(f"<p>paragraph {n} of a long story</p>" for n in range(200)).encode()


def big_pair(
    url: str, status: int = 200, meta: dict[str, Any] | None = None
) -> tuple[Request, HtmlResponse]:
    request = Request(url, meta=meta or {})
    response = HtmlResponse(
        url,
        status=status,
        headers=[("Content-Type", "text/html"), ("Set-Cookie", "s=1"), ("Set-Cookie", "t=2")],
        body=BIG if status == 200 else b"",
        request=request,
        ip_address=ipaddress.ip_address("127.0.0.1"),
    )
    return request, response


def types_and_headers(directory: Path) -> list[tuple[str, Any]]:
    found = []
    for path in sorted(directory.glob("*.warc.gz")):
        with path.open("rb") as fh:
            found += [(r.rec_type, r.rec_headers) for r in ArchiveIterator(fh)]
    return found


def test_identical_payload_becomes_a_revisit_within_the_crawl(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    first, second = big_pair("http://h/a"), big_pair("http://h/b")
    send(harness, *first)
    send(harness, *second)
    close(harness)
    records = types_and_headers(tmp_path)
    (revisit,) = [h for kind, h in records if kind == "revisit"]
    assert revisit.get_header("WARC-Refers-To") == first[0].meta["archivist_warc"].record_id
    assert revisit.get_header("WARC-Refers-To-Target-URI") == "http://h/a"
    stats = harness.crawler.stats.get_stats()
    assert stats["archivist/warc/revisits/identical-payload-digest"] == 1
    assert stats["archivist/warc/dedup_bytes"] == len(BIG)
    # Same crawl, another URL: the article is written (the article dedup decides).
    assert not harness.extension.is_unchanged_payload(second[0].meta["archivist_warc"].record_id)


def test_dedup_across_crawls_through_the_state_store(tmp_path: Path) -> None:
    state = str(tmp_path / "state.sqlite")
    one = make_extension(tmp_path / "one", ARCHIVIST_STATE_DB=state)
    send(one, *big_pair("http://h/a"))
    close(one)
    two = make_extension(tmp_path / "two", ARCHIVIST_STATE_DB=state)
    request, response = big_pair("http://h/a")
    send(two, request, response)
    close(two)
    assert [k for k, _ in types_and_headers(tmp_path / "two")].count("revisit") == 1
    # An unchanged payload of an earlier crawl gives no article line.
    assert two.extension.is_unchanged_payload(request.meta["archivist_warc"].record_id)


def test_small_bodies_and_disabled_dedup_store_everything(tmp_path: Path) -> None:
    for name, settings in (
        ("small", {"ARCHIVIST_WARC_DEDUP_MIN_SIZE": len(BIG) + 1}),
        ("off", {"ARCHIVIST_WARC_DEDUP": False}),
    ):
        harness = make_extension(tmp_path / name, **settings)
        send(harness, *big_pair("http://h/a"))
        send(harness, *big_pair("http://h/b"))
        close(harness)
        assert "revisit" not in [k for k, _ in types_and_headers(tmp_path / name)]


def test_304_to_a_conditional_request_is_a_server_not_modified_revisit(tmp_path: Path) -> None:
    previous = {
        "uri": "http://h/a",
        "warc_date": "2024-04-01T00:00:00.000000Z",
        "record_id": "<urn:uuid:prior>",
        "payload_digest": "sha1:PRIOR",
    }
    harness = make_extension(tmp_path)
    send(harness, *big_pair("http://h/a", status=304, meta={"archivist_previous": previous}))
    close(harness)
    ((_, revisit),) = [(k, h) for k, h in types_and_headers(tmp_path) if k == "revisit"]
    assert revisit.get_header("WARC-Profile").endswith("/server-not-modified")
    assert revisit.get_header("WARC-Refers-To") == "<urn:uuid:prior>"
    assert revisit.get_header("WARC-Refers-To-Date") == previous["warc_date"]
    assert revisit.get_header("WARC-Payload-Digest") == "sha1:PRIOR"
    path = next(tmp_path.glob("*.warc.gz"))
    with path.open("rb") as fh:
        (record,) = [r for r in ArchiveIterator(fh) if r.rec_type == "revisit"]
        assert record.http_headers.get_statuscode() == "304"
        assert [v for n, v in record.http_headers.headers if n == "Set-Cookie"] == ["s=1", "t=2"]


def test_metadata_has_referrer_hops_and_fetch_time(tmp_path: Path) -> None:
    harness = make_extension(tmp_path)
    meta = {
        "archivist_hops": 2,
        "archivist_kind": "article",
        "archivist_discovery": {"via": "link", "referrer": "http://h/"},
        "download_latency": 0.25,
    }
    request, response = big_pair("http://h/a", meta=meta)
    send(harness, request, response)
    close(harness)
    (stored,) = iter_responses(list(tmp_path.glob("*.warc.gz")))
    fields = dict(stored.metadata)
    assert fields["via"] == "http://h/"
    assert fields["hopsFromSeed"] == "2"
    assert fields["fetchTimeMs"] == "250"
    assert fields["archivist-page-kind"] == "article"


def test_article_json_record_refers_to_its_response(tmp_path: Path) -> None:
    harness = make_extension(tmp_path, ARCHIVIST_WARC_ARTICLE_RECORDS=True)
    request, response = big_pair("http://h/a")
    send(harness, request, response)
    location = request.meta["archivist_warc"]
    item = {"url": "http://h/a", "title": "T", "warc": location.to_dict()}
    harness.crawler.signals.send_catch_log(
        signal=signals.item_scraped, item=item, response=response, spider=None
    )
    close(harness)
    path = tmp_path / location.filename
    with path.open("rb") as fh:
        documents = [
            (r.rec_headers.get_header("WARC-Refers-To"), r.content_stream().read())
            for r in ArchiveIterator(fh)
            if r.rec_headers.get_header("Content-Type") == "application/json"
        ]
    assert documents == [
        (
            location.record_id,
            b'{"url":"http://h/a","title":"T","warc":'
            + json.dumps(location.to_dict(), separators=(",", ":")).encode()
            + b"}",
        )
    ]
    # Readers do not take the article record for the capture's own metadata.
    (stored,) = iter_responses([path])
    assert stored.metadata == ()


def test_index_written_when_the_file_closes_and_merged(tmp_path: Path) -> None:
    index_dir = tmp_path / "indexes"
    harness = make_extension(tmp_path / "warc", ARCHIVIST_INDEX_DIR=str(index_dir))
    send(harness, *big_pair("http://h/b"))
    send(harness, *big_pair("http://h/a"))
    close(harness)
    (name,) = harness.crawler.stats.get_value("archivist/warc/files")
    per_file = (index_dir / f"{name}.cdxj").read_text().splitlines()
    assert [line.split(" ")[0] for line in per_file] == ["h)/a", "h)/b"]  # sorted
    assert '"mime": "warc/revisit"' in per_file[0]
    assert (tmp_path / "index.cdxj").read_text().splitlines() == per_file
