"""Credentials in request headers stay out of WARC request records unless
ARCHIVIST_WARC_KEEP_SECRETS says otherwise, and warcinfo records the policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator

from tests.pipelines.test_warc_capture import close, make_extension, send

SECRETS = {
    "Authorization": "Basic dXNlcjpodW50ZXIy",
    "Cookie": "session=0123456789abcdef",
    "Proxy-Authorization": "Basic cHJveHk6c2VjcmV0",
}


def crawl_once(tmp_path: Path, **settings: object) -> tuple[dict[str, str], str]:
    """(request record headers, warcinfo text) of one captured fetch."""
    harness = make_extension(tmp_path, **settings)
    request = Request(
        "http://example.com/a.html", headers={**SECRETS, "Accept": "text/html", "X-Other": "1"}
    )
    response = HtmlResponse(request.url, body=b"<p>hello</p>", request=request)
    send(harness, request, response)
    close(harness)
    (path,) = tmp_path.glob("*.warc.gz")
    headers: dict[str, str] = {}
    info = ""
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "request":
                headers = dict(record.http_headers.headers)
            elif record.rec_type == "warcinfo":
                info = record.content_stream().read().decode("utf-8")
    return headers, info


def test_credentials_are_left_out_by_default(tmp_path: Path) -> None:
    headers, info = crawl_once(tmp_path)
    assert not set(SECRETS) & set(headers), headers
    assert headers["Accept"] == "text/html" and headers["X-Other"] == "1"
    assert "archivist-request-secrets: omitted" in info
    assert "authorization, cookie, proxy-authorization" in info


@pytest.mark.parametrize("flag", [True, "True", "1"])
def test_a_setting_keeps_them_and_warcinfo_says_so(tmp_path: Path, flag: object) -> None:
    headers, info = crawl_once(tmp_path, ARCHIVIST_WARC_KEEP_SECRETS=flag)
    for name, value in SECRETS.items():
        assert headers[name] == value
    assert "archivist-request-secrets: kept (ARCHIVIST_WARC_KEEP_SECRETS)" in info
