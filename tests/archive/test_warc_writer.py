"""WarcWriter: records as ARCHITECTURE.md's "WARC: what a correct archive needs" asks."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from warcio.archiveiterator import ArchiveIterator

from archive.capture import warc_date
from archive.reader import read_record_at
from archive.warc import WarcWriter
from tests.archive import CRAWL_ID, FETCHED_AT, GZIPPED_HTML, HTML, make_capture, make_writer

NAME_PATTERN = re.compile(r"^test-\d{14}-\d{5}-crawler-01-4242\.warc\.gz$")


def sha1_base32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def records_of(path: Path) -> list[dict[str, Any]]:
    """Every record of `path` as plain data (headers, http headers, raw payload)."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            out.append(
                {
                    "type": record.rec_type,
                    "warc": record.rec_headers,
                    "http": record.http_headers,
                    "payload": record.raw_stream.read(),
                }
            )
    return out


def write_one(directory: Path, **capture: Any) -> Path:
    with make_writer(directory) as writer:
        writer.write_capture(make_capture(**capture))
    (path,) = writer.files
    return path


def test_records_are_warcinfo_request_response_in_order(tmp_path: Path) -> None:
    records = records_of(write_one(tmp_path))
    assert [r["type"] for r in records] == ["warcinfo", "request", "response"]
    assert all(r["warc"].protocol == "WARC/1.1" for r in records)


def test_request_and_response_share_date_and_are_linked(tmp_path: Path) -> None:
    _, request, response = records_of(write_one(tmp_path))
    date = warc_date(FETCHED_AT)
    assert request["warc"].get_header("WARC-Date") == date
    assert response["warc"].get_header("WARC-Date") == date
    response_id = response["warc"].get_header("WARC-Record-ID")
    assert request["warc"].get_header("WARC-Concurrent-To") == response_id
    assert response["warc"].get_header("WARC-IP-Address") == "203.0.113.7"
    assert response["warc"].get_header("WARC-Protocol") is None


def test_payload_digest_is_over_the_encoded_body(tmp_path: Path) -> None:
    _, _, response = records_of(write_one(tmp_path))
    assert response["payload"] == GZIPPED_HTML
    assert response["warc"].get_header("WARC-Payload-Digest") == sha1_base32(GZIPPED_HTML)
    assert response["http"].get_header("Content-Encoding") == "gzip"


def test_headers_keep_repeats_and_drop_transfer_encoding(tmp_path: Path) -> None:
    _, _, response = records_of(write_one(tmp_path))
    names = [name.lower() for name, _ in response["http"].headers]
    values = dict.fromkeys(names)
    assert "transfer-encoding" not in values
    cookies = [v for n, v in response["http"].headers if n.lower() == "set-cookie"]
    links = [v for n, v in response["http"].headers if n.lower() == "link"]
    assert cookies == ["a=1; Path=/", "b=2; Path=/"]
    assert links == ["</style.css>; rel=preload", "</app.js>; rel=preload"]


def test_status_line_uses_the_standard_reason_phrase(tmp_path: Path) -> None:
    _, _, response = records_of(write_one(tmp_path, status=404, protocol="HTTP/1.0"))
    assert response["http"].protocol == "HTTP/1.0"
    assert response["http"].statusline == "404 Not Found"


def test_request_line_keeps_query_and_adds_host(tmp_path: Path) -> None:
    url = "http://news.example.com:8080/a/b?x=1&y=%E4%B8%AD#frag"
    _, request, _ = records_of(write_one(tmp_path, url=url))
    assert request["http"].protocol == "GET"
    assert request["http"].statusline == "/a/b?x=1&y=%E4%B8%AD HTTP/1.1"
    assert request["http"].headers[0] == ("Host", "news.example.com:8080")
    assert request["http"].get_header("User-Agent") == "Archivist-test"


def test_h2_gets_warc_protocol_and_http11_syntax(tmp_path: Path) -> None:
    _, _, response = records_of(write_one(tmp_path, protocol="h2"))
    assert response["warc"].get_header("WARC-Protocol") == "h2"
    assert response["http"].protocol == "HTTP/1.1"


def test_no_ip_address_no_header(tmp_path: Path) -> None:
    _, _, response = records_of(write_one(tmp_path, ip_address=None))
    assert response["warc"].get_header("WARC-IP-Address") is None


def test_warcinfo_carries_software_caller_fields_and_fidelity_notes(tmp_path: Path) -> None:
    path = write_one(tmp_path)
    warcinfo = records_of(path)[0]
    fields = warcinfo["payload"].decode()
    assert warcinfo["warc"].get_header("WARC-Filename") == path.name
    assert re.search(r"^software: Archivist/\S+", fields, re.M)
    assert f"archivist-crawl-id: {CRAWL_ID}\r\n" in fields
    assert "robots: obey\r\n" in fields
    assert "hostname: crawler-01\r\n" in fields
    assert "reason phrase is the standard phrase" in fields


def test_output_is_byte_for_byte_stable(tmp_path: Path) -> None:
    first = write_one(tmp_path / "one").read_bytes()
    second = write_one(tmp_path / "two").read_bytes()
    assert first == second


def test_one_gzip_member_per_record(tmp_path: Path) -> None:
    data = write_one(tmp_path).read_bytes()
    members = 0
    while data:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        decompressor.decompress(data)
        assert decompressor.eof
        data = decompressor.unused_data
        members += 1
    assert members == 3


def test_fastwarc_reads_the_file(tmp_path: Path) -> None:
    path = write_one(tmp_path)
    with path.open("rb") as fh:  # digests are checked over the unparsed block
        for record in FastArchiveIterator(fh, parse_http=False):
            assert record.verify_block_digest(), record.record_id
    seen = []
    with path.open("rb") as fh:
        # FastWARC records are only readable while the iterator is on them.
        for record in FastArchiveIterator(fh, parse_http=True):
            kind = record.headers["WARC-Type"]
            if kind == "response":
                assert record.http_headers.status_code == 200
                assert record.verify_payload_digest(consume=False)
                assert record.reader.read() == GZIPPED_HTML
            seen.append(kind)
    assert seen == ["warcinfo", "request", "response"]


def test_warcio_check_passes(tmp_path: Path) -> None:
    path = write_one(tmp_path)
    warcio = Path(sys.executable).with_name("warcio")
    result = subprocess.run(
        [str(warcio), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("digest pass") == 3


def test_metadata_record_refers_to_the_response(tmp_path: Path) -> None:
    capture = make_capture()
    with make_writer(tmp_path) as writer:
        response = writer.write_capture(capture)
        fields = [("via", "https://news.example.com/"), ("hops", "1")]
        metadata = writer.write_metadata(capture.url, response.record_id, fields, FETCHED_AT)
    record = records_of(writer.files[0])[-1]
    assert record["type"] == "metadata"
    assert record["warc"].get_header("Content-Type") == "application/warc-fields"
    assert record["warc"].get_header("WARC-Concurrent-To") == response.record_id
    assert record["warc"].get_header("WARC-Refers-To") == response.record_id
    assert record["warc"].get_header("WARC-Record-ID") == metadata.record_id
    assert record["payload"] == b"via: https://news.example.com/\r\nhops: 1\r\n"


def test_location_points_at_the_response_member(tmp_path: Path) -> None:
    capture = make_capture()
    with make_writer(tmp_path) as writer:
        writer.write_capture(make_capture(url="https://news.example.com/first"))
        location = writer.write_capture(capture)
    path = writer.files[0]
    assert location.filename == path.name
    member = path.read_bytes()[location.offset : location.offset + location.length]
    assert gzip.decompress(member).startswith(b"WARC/1.1\r\nWARC-Type: response\r\n")
    stored = read_record_at(path, location.offset)
    assert (stored.url, stored.body) == (capture.url, HTML)
    assert stored.location == location
    assert stored.crawl_id == CRAWL_ID


def test_rotation_makes_finished_files_each_with_warcinfo(tmp_path: Path) -> None:
    writer = make_writer(tmp_path, max_size=2_000)
    with writer:
        for n in range(5):
            writer.write_capture(make_capture(url=f"https://news.example.com/{n}"))
            current = writer.current_path
            assert current is not None and current.name.endswith(".warc.gz.open")
            assert current.exists()
    assert len(writer.files) > 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in writer.files)
    for path in writer.files:
        assert NAME_PATTERN.match(path.name), path.name
        assert records_of(path)[0]["type"] == "warcinfo"
        assert path.stat().st_size <= 2_000


def test_capture_bigger_than_max_size_gets_a_file_of_its_own(tmp_path: Path) -> None:
    big = gzip.compress(bytes(range(256)) * 64, mtime=0)
    with make_writer(tmp_path, max_size=1_500) as writer:
        writer.write_capture(make_capture(url="https://news.example.com/small"))
        writer.write_capture(make_capture(url="https://news.example.com/big", body=big))
        writer.write_capture(make_capture(url="https://news.example.com/after"))
    kinds = [[r["type"] for r in records_of(path)] for path in writer.files]
    assert kinds == [["warcinfo", "request", "response"]] * 3


def test_close_is_idempotent_and_without_captures_writes_nothing(tmp_path: Path) -> None:
    writer = make_writer(tmp_path)
    writer.close()
    writer.close()
    assert writer.files == []
    assert list(tmp_path.iterdir()) == []


def test_names_are_sanitised_and_unique(tmp_path: Path) -> None:
    for _ in range(2):
        with make_writer(tmp_path, prefix="my crawl/1", hostname="host name") as writer:
            writer.write_capture(make_capture())
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "my-crawl-1-20240420102959-00000-host-name-4242.warc.gz",
        "my-crawl-1-20240420102959-00001-host-name-4242.warc.gz",
    ]


def test_invalid_max_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_size"):
        WarcWriter(tmp_path, prefix="x", max_size=0)
