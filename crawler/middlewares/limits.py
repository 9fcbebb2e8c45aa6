"""Body limits that travel with each request, and encoded bodies checked for completeness.

- `process_request` writes the size limits in force into the request's meta
  (`download_maxsize`, `download_warnsize`: the keys Scrapy's download handler reads), so
  that an error about a request can name the setting and its value (crawler.errors);
- `process_response` runs before HttpCompressionMiddleware (590) decodes the body: a
  gzip, deflate or brotli body whose stream ends early (a server that cut it, or a cache
  that stored half of it) is refused with `TruncatedEncoding`, since Scrapy's decoders
  return what they could decode and the spider would write half an article. The check
  decodes at most DOWNLOAD_MAXSIZE bytes and throws them away; past that it stops and
  leaves the body to HttpCompressionMiddleware, which refuses it naming DOWNLOAD_MAXSIZE.

The WARC capture (pipelines.warc, on response_downloaded) has stored the body as sent
before either check: the archive keeps what the server said, the articles only what is
whole.
"""

from __future__ import annotations

import zlib
from typing import Self

import brotli
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

CHUNK = 64 * 1024
# zlib window bits: 32 + 15 reads both the gzip and the zlib wrapper; -15 is raw deflate.
_AUTO_WRAPPER = 47
_RAW_DEFLATE = -15


class TruncatedEncoding(IgnoreRequest):
    """A Content-Encoded body whose compressed stream ends before its end marker."""


def zlib_stream_complete(body: bytes, *, limit: int, wbits: int = _AUTO_WRAPPER) -> bool | None:
    """Whether a gzip/zlib stream reaches its end; None when `limit` decoded bytes came
    first (undecided: the size limit deals with it). Raises zlib.error on garbage."""
    inflater = zlib.decompressobj(wbits=wbits)
    decoded = len(inflater.decompress(body, CHUNK))
    while inflater.unconsumed_tail and not inflater.eof:
        if limit and decoded > limit:
            return None
        decoded += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
    return bool(inflater.eof)


def brotli_stream_complete(body: bytes, *, limit: int) -> bool | None:
    decoder = brotli.Decompressor()
    decoded = len(decoder.process(body, output_buffer_limit=CHUNK))
    while not decoder.is_finished():
        if limit and decoded > limit:
            return None
        chunk = decoder.process(b"", output_buffer_limit=CHUNK)
        if not chunk:
            return False
        decoded += len(chunk)
    return True


def stream_complete(encoding: str, body: bytes, *, limit: int) -> bool | None:
    """True, False, or None (undecided or an encoding we do not check)."""
    try:
        if encoding in ("gzip", "x-gzip"):
            return zlib_stream_complete(body, limit=limit)
        if encoding == "deflate":
            try:
                return zlib_stream_complete(body, limit=limit)
            except zlib.error:
                return zlib_stream_complete(body, limit=limit, wbits=_RAW_DEFLATE)
        if encoding == "br":
            return brotli_stream_complete(body, limit=limit)
    except (zlib.error, brotli.error):
        return False
    return None


class BodyLimitsMiddleware:
    def __init__(self, maxsize: int, warnsize: int) -> None:
        self.maxsize = maxsize
        self.warnsize = warnsize

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(settings.getint("DOWNLOAD_MAXSIZE"), settings.getint("DOWNLOAD_WARNSIZE"))

    def process_request(self, request: Request) -> None:
        request.meta.setdefault("download_maxsize", self.maxsize)
        request.meta.setdefault("download_warnsize", self.warnsize)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.method == "HEAD" or not response.body:
            return response
        limit = int(request.meta.get("download_maxsize", self.maxsize))
        # Only the last coding is checked: stacked codings are rare, and Scrapy decodes
        # (and bounds) each in turn anyway.
        codings = b",".join(response.headers.getlist("Content-Encoding")).decode("latin-1")
        encoding = codings.rsplit(",", 1)[-1].strip().lower()
        if stream_complete(encoding, response.body, limit=limit) is False:
            raise TruncatedEncoding(
                f"the {encoding} body of {response.url} ({len(response.body)} B) is cut off "
                "or corrupt: its compressed stream does not end"
            )
        return response
