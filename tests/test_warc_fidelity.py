"""WARC fidelity against the bytes on the wire: a real crawl (the `archivist` CLI) of a
raw-socket server that records exactly what it sent."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from warcio.archiveiterator import ArchiveIterator

from tests.support.crawl import ALLOW_LOOPBACK, run_archivist
from tests.support.raw_server import RawReply, RawServer

HTML = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Fidelity</title>"
    "</head><body><article><h1>Fidelity</h1>"
    + "".join(f"<p>Paragraph {n}: what the server sent is what we keep.</p>" for n in range(60))
    + "</article></body></html>"
).encode()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
HTML_TYPE = ("Content-Type", "text/html; charset=utf-8")


def ok(entity: bytes, *headers: tuple[str, str], **framing: bool) -> RawReply:
    return RawReply("HTTP/1.1 200 OK", (HTML_TYPE, *headers), entity, **framing)


ROUTES: dict[str, RawReply] = {
    "/plain": ok(HTML),
    "/gzip": ok(gzip.compress(HTML, mtime=0), ("Content-Encoding", "gzip")),
    "/deflate": ok(zlib.compress(HTML), ("Content-Encoding", "deflate")),
    "/brotli": ok(brotli.compress(HTML), ("Content-Encoding", "br")),
    "/chunked": ok(HTML.replace(b"Fidelity", b"Chunked"), chunked=True),
    "/gzip-chunked": ok(
        gzip.compress(HTML.replace(b"Fidelity", b"Both"), mtime=0),
        ("Content-Encoding", "gzip"),
        chunked=True,
    ),
    "/image.png": RawReply("HTTP/1.1 200 OK", (("Content-Type", "image/png"),), PNG),
    "/report.pdf": RawReply("HTTP/1.1 200 OK", (("Content-Type", "application/pdf"),), PDF),
    "/search?q=archive&page=2": ok(HTML.replace(b"Fidelity", b"Search")),
    "/cookies": ok(
        HTML.replace(b"Fidelity", b"Cookies"),
        ("Set-Cookie", "session=abc; Path=/"),
        ("Set-Cookie", "theme=dark; Path=/"),
        ("Link", "</style.css>; rel=preload; as=style"),
        ("Link", "</app.js>; rel=preload; as=script"),
    ),
    "/http10": RawReply(
        "HTTP/1.0 200 OK", (HTML_TYPE,), HTML.replace(b"Fidelity", b"Old"), close_delimited=True
    ),
    "/moved": RawReply("HTTP/1.1 301 Moved Permanently", (("Location", "/found"),), b""),
    "/found": RawReply("HTTP/1.1 302 Found", (("Location", "/final"),), b"found"),
    "/final": ok(HTML.replace(b"Fidelity", b"Final")),
    "/missing": RawReply("HTTP/1.1 404 Not Found", (HTML_TYPE,), b"<html>gone</html>"),
    "/broken": RawReply("HTTP/1.1 500 Internal Server Error", (HTML_TYPE,), b"<html>oops</html>"),
    "404": RawReply("HTTP/1.1 404 Not Found", (("Content-Type", "text/plain"),), b"no"),
}
START = [path for path in ROUTES if path.startswith("/") and path not in ("/found", "/final")]


def sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[RawServer, list[dict[str, Any]], Path]:
    out = tmp_path_factory.mktemp("fidelity")
    with RawServer(ROUTES) as server:
        profile = out / "raw.toml"
        urls = ", ".join(json.dumps(server.base_url + path) for path in START)
        profile.write_text(
            f'name = "raw"\nstart_urls = [{urls}]\nsitemaps_from_robots = false\ndepth_limit = 0\n',
            encoding="utf-8",
        )
        process = run_archivist(
            "crawl", str(profile), "--out", str(out), "--crawl-id", "raw",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0", "-s", ALLOW_LOOPBACK,
        )  # fmt: skip
        assert process.returncode == 0, process.stderr[-3000:]
    warcs = sorted((out / "raw" / "raw" / "warc").glob("*.warc.gz"))
    records = []
    for path in warcs:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                records.append(
                    {
                        "type": record.rec_type,
                        "warc": record.rec_headers,
                        "http": record.http_headers,
                        "payload": record.raw_stream.read(),
                    }
                )
    return server, records, out / "raw" / "raw"


def responses(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {}
    for record in records:
        if record["type"] == "response":
            parts = urlsplit(record["warc"].get_header("WARC-Target-URI"))
            found[parts.path + (f"?{parts.query}" if parts.query else "")] = record
    return found


@pytest.mark.parametrize("path", [p for p in ROUTES if p.startswith("/")])
def test_payload_is_the_entity_body_and_digests_are_right(
    crawl: tuple[RawServer, list[dict[str, Any]], Path], path: str
) -> None:
    server, records, _ = crawl
    record = responses(records)[path]
    reply = ROUTES[path]
    assert server.sent[path]  # the server did send it
    assert record["payload"] == reply.entity  # Content-Encoding kept, chunking removed
    assert record["warc"].get_header("WARC-Payload-Digest") == sha1(reply.entity)
    block = record["http"].to_bytes() + record["payload"]
    assert record["warc"].get_header("WARC-Block-Digest") == sha1(block)
    names = [name.lower() for name, _ in record["http"].headers]
    assert "transfer-encoding" not in names
    for name, value in reply.headers:
        assert (name, value) in record["http"].headers
    status = reply.status_line.split(" ", 2)[1]
    assert record["http"].get_statuscode() == status


def test_http10_status_line_and_content_encodings(
    crawl: tuple[RawServer, list[dict[str, Any]], Path],
) -> None:
    _, records, _ = crawl
    found = responses(records)
    assert found["/http10"]["http"].protocol == "HTTP/1.0"
    assert found["/plain"]["http"].protocol == "HTTP/1.1"
    assert gzip.decompress(found["/gzip"]["payload"]) == HTML
    assert zlib.decompress(found["/deflate"]["payload"]) == HTML
    assert brotli.decompress(found["/brotli"]["payload"]) == HTML


def test_repeated_headers_are_all_kept(crawl: tuple[RawServer, list[dict[str, Any]], Path]) -> None:
    _, records, _ = crawl
    http = responses(records)["/cookies"]["http"]
    assert [v for n, v in http.headers if n == "Set-Cookie"] == [
        "session=abc; Path=/",
        "theme=dark; Path=/",
    ]
    assert len([v for n, v in http.headers if n == "Link"]) == 2


def test_each_capture_is_linked_dated_and_addressed(
    crawl: tuple[RawServer, list[dict[str, Any]], Path],
) -> None:
    _, records, _ = crawl
    by_id = {r["warc"].get_header("WARC-Record-ID"): r for r in records}
    requests = [r for r in records if r["type"] == "request"]
    assert len(requests) == len(responses(records))  # robots.txt included
    for request in requests:
        response = by_id[request["warc"].get_header("WARC-Concurrent-To")]
        assert response["warc"].get_header("WARC-Date") == request["warc"].get_header("WARC-Date")
        assert response["warc"].get_header("WARC-IP-Address") == "127.0.0.1"
        uri = request["warc"].get_header("WARC-Target-URI")
        parts = urlsplit(uri)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        assert request["http"].protocol == "GET"
        assert request["http"].statusline.split(" ")[0] == target


def test_request_line_keeps_the_query(crawl: tuple[RawServer, list[dict[str, Any]], Path]) -> None:
    server, records, _ = crawl
    (request,) = [
        r
        for r in records
        if r["type"] == "request" and "search" in r["warc"].get_header("WARC-Target-URI")
    ]
    assert request["http"].statusline == "/search?q=archive&page=2 HTTP/1.1"
    assert any(head.startswith(b"GET /search?q=archive&page=2 ") for head in server.requests)


def test_redirect_chain_is_archived_hop_by_hop(
    crawl: tuple[RawServer, list[dict[str, Any]], Path],
) -> None:
    _, records, _ = crawl
    found = responses(records)
    assert found["/moved"]["http"].get_statuscode() == "301"
    assert found["/found"]["http"].get_statuscode() == "302"
    assert found["/final"]["http"].get_statuscode() == "200"


def test_warcinfo_states_software_robots_and_fidelity_limits(
    crawl: tuple[RawServer, list[dict[str, Any]], Path],
) -> None:
    _, records, _ = crawl
    fields = records[0]["payload"].decode()
    assert records[0]["type"] == "warcinfo"
    assert "software: Archivist/" in fields
    assert "robots: obey" in fields
    assert "reason phrase" in fields
    assert "header order and case" in fields
    assert "connection-level headers" in fields


def test_fastwarc_verifies_every_digest(
    crawl: tuple[RawServer, list[dict[str, Any]], Path],
) -> None:
    _, _, root = crawl
    for path in (root / "warc").glob("*.warc.gz"):
        with path.open("rb") as fh:
            for record in FastArchiveIterator(fh, parse_http=False):
                assert record.verify_block_digest(), record.record_id
