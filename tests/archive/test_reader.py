"""archive.reader: streaming, tolerant reading of what WarcWriter wrote."""

from __future__ import annotations

import dataclasses
import logging
import zlib
from pathlib import Path

import brotli
import pytest

from archive.capture import warc_date
from archive.reader import (
    ReadStats,
    StoredResponse,
    WarcReadError,
    expand_warc_paths,
    iter_responses,
    read_record_at,
)
from tests.archive import CRAWL_ID, FETCHED_AT, HTML, make_capture, make_writer

URLS = tuple(f"https://news.example.com/article/{n}" for n in range(3))


def write_files(directory: Path, urls: tuple[str, ...] = URLS) -> list[Path]:
    """One capture per file (a tiny max_size forces rotation)."""
    with make_writer(directory, max_size=1) as writer:
        for url in urls:
            writer.write_capture(make_capture(url=url))
    return writer.files


def test_yields_every_response_with_decoded_body_and_facts(tmp_path: Path) -> None:
    with make_writer(tmp_path) as writer:
        locations = [writer.write_capture(make_capture(url=url)) for url in URLS]
    stats = ReadStats()
    responses = list(iter_responses(writer.files, stats))
    assert [r.url for r in responses] == list(URLS)
    first = responses[0]
    assert first.status == 200
    assert first.body == HTML
    assert first.header("content-encoding") == "gzip"
    assert [v for n, v in first.headers if n == "Set-Cookie"] == ["a=1; Path=/", "b=2; Path=/"]
    assert first.fetched_at == warc_date(FETCHED_AT)
    assert first.crawl_id == CRAWL_ID
    assert first.ip == "203.0.113.7"
    assert [r.location for r in responses] == locations
    assert first.payload_digest == locations[0].payload_digest
    assert (stats.files, stats.records, stats.responses, stats.errors) == (1, 7, 3, 0)


def test_brotli_bodies_are_decoded(tmp_path: Path) -> None:
    capture = make_capture(body=brotli.compress(HTML))
    headers = tuple(
        (name, "br" if name == "Content-Encoding" else value)
        for name, value in capture.response_headers
    )
    with make_writer(tmp_path) as writer:
        writer.write_capture(dataclasses.replace(capture, response_headers=headers))
    (response,) = iter_responses(writer.files)
    assert response.header("Content-Encoding") == "br"
    assert response.body == HTML


def test_read_record_at_matches_the_streamed_response(tmp_path: Path) -> None:
    (path,) = write_files(tmp_path, URLS[:1])
    (streamed,) = iter_responses([path])
    assert read_record_at(path, streamed.location.offset) == streamed


def test_read_record_at_refuses_a_non_response(tmp_path: Path) -> None:
    (path,) = write_files(tmp_path, URLS[:1])
    with pytest.raises(WarcReadError, match="offset 0"):
        read_record_at(path, 0)  # the warcinfo record


def test_expand_folders_sorted_and_skips_open_files(tmp_path: Path) -> None:
    files = write_files(tmp_path / "warcs")
    (tmp_path / "warcs" / "partial.warc.gz.open").write_bytes(b"")
    (tmp_path / "warcs" / "notes.txt").write_text("not a warc")
    plain = tmp_path / "warcs" / "plain.warc"
    plain.write_bytes(b"")
    explicit_open = tmp_path / "warcs" / "partial.warc.gz.open"
    expanded = expand_warc_paths([tmp_path / "warcs", explicit_open])
    assert expanded == [*sorted([*files, plain]), explicit_open]


def test_truncated_last_member_keeps_the_records_before_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good, broken, after = write_files(tmp_path)
    (last,) = iter_responses([broken])
    data = broken.read_bytes()
    broken.write_bytes(data[: last.location.offset + last.location.length // 2])
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="archive.reader"):
        urls = [r.url for r in iter_responses([good, broken, after], stats)]
    assert urls == [URLS[0], URLS[2]]
    assert stats.errors == 1
    assert stats.failed_files == [str(broken)]
    assert broken.name in caplog.text


def test_truncation_inside_a_member_of_many(tmp_path: Path) -> None:
    with make_writer(tmp_path) as writer:
        locations = [writer.write_capture(make_capture(url=url)) for url in URLS]
    (path,) = writer.files
    cut = locations[2].offset + locations[2].length - 40
    path.write_bytes(path.read_bytes()[:cut])
    stats = ReadStats()
    assert [r.url for r in iter_responses([path], stats)] == list(URLS[:2])
    assert stats.errors == 1


def test_garbage_after_the_records_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (path,) = write_files(tmp_path, URLS[:1])
    with path.open("ab") as fh:
        fh.write(zlib.compress(b"not a warc record\r\n" * 10))
    stats = ReadStats()
    responses: list[StoredResponse] = list(iter_responses([path], stats))
    assert [r.url for r in responses] == [URLS[0]]
    assert stats.errors == 1


def test_missing_file_is_counted(tmp_path: Path) -> None:
    stats = ReadStats()
    assert list(iter_responses([tmp_path / "absent.warc.gz"], stats)) == []
    assert stats.errors == 1


def test_capture_metadata_is_attached_to_its_response(tmp_path: Path) -> None:
    """write_capture(metadata=...) puts a metadata record right after the response, in
    the same file even under rotation; the reader attaches it to that response only."""
    fields = [("via", "https://news.example.com/"), ("archivist-page-kind", "article")]
    with make_writer(tmp_path, max_size=1) as writer:
        writer.write_capture(make_capture(url=URLS[0]), fields)
        writer.write_capture(make_capture(url=URLS[1]))
    responses = list(iter_responses(writer.files))
    assert [r.url for r in responses] == list(URLS[:2])
    assert responses[0].metadata == tuple(fields)
    assert responses[0].meta_field("archivist-page-kind") == "article"
    assert responses[1].metadata == ()
    assert responses[1].meta_field("archivist-page-kind") is None
