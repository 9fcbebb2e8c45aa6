"""A web server on 127.0.0.1 that misbehaves on purpose, one path per fault.

Raw asyncio sockets, so that it can do what no well-behaved framework lets it do: reset
a connection mid-body, drip a byte a second, send headers with invalid bytes, promise a
Content-Length it never delivers. It runs in a background thread; every request is
counted per path (`hits`), so tests can check how often the crawler retried.

Every handler is bounded in time: the slowest ones stop after `STALL_SECONDS`, which is
longer than the DOWNLOAD_TIMEOUT the fault tests set, so the crawler gives up first.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType, TracebackType
from typing import Self
from urllib.parse import parse_qs, urlsplit

import brotli

Handler = Callable[["Exchange"], Awaitable[None]]

# How long the stalling handlers stall; tests set DOWNLOAD_TIMEOUT well below it.
STALL_SECONDS = 8.0
# Decompressed size of the gzip and brotli bombs, and of the huge page.
BOMB_BYTES = 64 * 1024 * 1024
HUGE_PAGE_BYTES = 50 * 1024 * 1024

ARTICLE_TEXT = (
    "The harbour authority said on Tuesday that the new ferry line will run every hour "
    "from May, linking the old town with the islands for the first time in a decade. "
)


def article_html(title: str, paragraph: str = ARTICLE_TEXT, *, charset: str = "utf-8") -> str:
    """A page the extractor accepts; each title gives its own text (no dedup between)."""
    body = "\n".join(f"<p>{title}: {paragraph} ({n})</p>" for n in range(8))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">'
        f"<title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    )


class Exchange:
    """One request: its path, query, and the stream to answer on."""

    def __init__(self, path: str, query: Mapping[str, list[str]], writer: asyncio.StreamWriter):
        self.path = path
        self.query = query
        self.writer = writer

    async def send(self, head: bytes, body: bytes = b"") -> None:
        self.writer.write(head + b"\r\n" + body)
        await self.writer.drain()

    async def reply(
        self,
        status: str,
        body: bytes,
        content_type: bytes = b"text/html; charset=utf-8",
        *extra: bytes,
    ) -> None:
        head = b"HTTP/1.1 " + status.encode() + b"\r\n"
        head += b"Content-Type: " + content_type + b"\r\n"
        head += b"Content-Length: %d\r\nConnection: close\r\n" % len(body)
        head += b"".join(line + b"\r\n" for line in extra)
        await self.send(head, body)

    def reset(self) -> None:
        """Close with a TCP RST (SO_LINGER 0) instead of a FIN."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


# --- the faults ---------------------------------------------------------------------


async def ok_page(x: Exchange) -> None:
    await x.reply("200 OK", article_html("A good article among the faults").encode())


async def reset_mid_body(x: Exchange) -> None:
    body = article_html("Reset mid-body").encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    head += b"Content-Length: %d\r\n" % (len(body) * 4)
    await x.send(head, body)
    await asyncio.sleep(0.1)
    x.reset()


async def stall_before_headers(x: Exchange) -> None:
    await asyncio.sleep(STALL_SECONDS)


async def slow_drip(x: Exchange) -> None:
    body = article_html("Slow drip").encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    await x.send(head + b"Content-Length: %d\r\n" % len(body))
    for byte in body[: int(STALL_SECONDS)]:
        x.writer.write(bytes([byte]))
        await x.writer.drain()
        await asyncio.sleep(1.0)


async def truncated_gzip(x: Exchange) -> None:
    packed = gzip.compress(article_html("Truncated gzip").encode())
    await x.reply(
        "200 OK", packed[: len(packed) // 2], b"text/html; charset=utf-8", b"Content-Encoding: gzip"
    )


def _gzip_bomb() -> bytes:
    return gzip.compress(b"<p>" + b"\0" * BOMB_BYTES, compresslevel=9)


def _brotli_bomb() -> bytes:
    return bytes(brotli.compress(b"<p>" + b"\0" * BOMB_BYTES, quality=5))


# Made once, before the server starts (compressing 64 MB would stall the event loop).
_BOMBS: dict[str, bytes] = {}


def make_bombs() -> None:
    if not _BOMBS:
        _BOMBS.update(gzip=_gzip_bomb(), br=_brotli_bomb())


async def gzip_bomb(x: Exchange) -> None:
    await x.reply("200 OK", _BOMBS["gzip"], b"text/html", b"Content-Encoding: gzip")


async def brotli_bomb(x: Exchange) -> None:
    await x.reply("200 OK", _BOMBS["br"], b"text/html", b"Content-Encoding: br")


async def huge_page(x: Exchange) -> None:
    """50 MB declared in Content-Length: refused before the body is read."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    await _stream(x, head + b"Content-Length: %d\r\n" % HUGE_PAGE_BYTES, HUGE_PAGE_BYTES)


async def huge_chunked(x: Exchange) -> None:
    """50 MB with no length (read until close): cut while the body streams in."""
    await _stream(x, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n",
                  HUGE_PAGE_BYTES)  # fmt: skip


async def _stream(x: Exchange, head: bytes, size: int) -> None:
    await x.send(head, b"<html><body><p>")
    chunk = b"x" * 65536
    try:
        for _ in range(size // len(chunk)):
            x.writer.write(chunk)
            await x.writer.drain()
    except (ConnectionError, OSError):
        return  # the crawler hung up, as it should


async def redirect_loop(x: Exchange) -> None:
    """Every answer redirects to a new URL: an endless chain."""
    step = int(x.query.get("n", ["0"])[0]) + 1
    await x.reply("302 Found", b"", b"text/html", b"Location: /redirect-loop?n=%d" % step)


async def redirect_scheme(x: Exchange) -> None:
    await x.reply("302 Found", b"", b"text/html", b"Location: file:///etc/passwd")


async def too_many_requests(x: Exchange) -> None:
    await x.reply("429 Too Many Requests", b"slow down", b"text/plain", b"Retry-After: 1")


_BURSTS: Counter[str] = Counter()


async def burst_500(x: Exchange) -> None:
    """500 twice, then the article: within the retries."""
    _BURSTS["500"] += 1
    if _BURSTS["500"] <= 2:
        await x.reply("500 Internal Server Error", b"oops")
    else:
        await x.reply("200 OK", article_html("After a burst of 500s").encode())


async def burst_503(x: Exchange) -> None:
    """503 every time: more than the retries."""
    await x.reply("503 Service Unavailable", b"busy", b"text/plain", b"Retry-After: 1")


async def wrong_charset(x: Exchange) -> None:
    """GBK bytes declared as UTF-8 (header and meta)."""
    text = article_html("重庆轮渡恢复运营", "嘉陵江上的轮渡在停航十年之后于周二恢复运营。" * 6)
    await x.reply("200 OK", text.encode("gbk"), b"text/html; charset=utf-8")


async def binary_as_html(x: Exchange) -> None:
    body = bytes(range(256)) * 64  # zlib-like noise, NULs and all
    await x.reply("200 OK", b"\x89PNG\r\n\x1a\n" + body, b"text/html; charset=utf-8")


async def bad_nesting(x: Exchange) -> None:
    paragraphs = "".join(f"<p><b><i>Nested: {ARTICLE_TEXT} ({n})</b></i><div><p>" for n in range(8))
    page = (
        "<html><head><title>Badly nested</title><body><table><tr><article><h1>Badly nested"
        f"</h1>{paragraphs}</span></td></div></article></form></html></body><p>tail"
    )
    await x.reply("200 OK", page.encode())


async def empty_200(x: Exchange) -> None:
    await x.reply("200 OK", b"")


async def bad_header_bytes(x: Exchange) -> None:
    body = article_html("Headers with invalid bytes").encode()
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"X-Binary: \xff\xfe\x80\x01\x7f\r\n"
        b"this line has no colon\r\n"
        b"X-Nul: a\x00b\r\n"
        b"X-Latin: caf\xe9\r\n"
        b"Content-Length: %d\r\n" % len(body)
    )
    await x.send(head, body)


ROUTES: Mapping[str, Handler] = MappingProxyType(
    {
        "/ok.html": ok_page,
        "/reset-mid-body": reset_mid_body,
        "/timeout-before-headers": stall_before_headers,
        "/slow-drip": slow_drip,
        "/truncated-gzip": truncated_gzip,
        "/gzip-bomb": gzip_bomb,
        "/brotli-bomb": brotli_bomb,
        "/huge-page": huge_page,
        "/huge-chunked": huge_chunked,
        "/redirect-loop": redirect_loop,
        "/redirect-scheme": redirect_scheme,
        "/429": too_many_requests,
        "/500-burst": burst_500,
        "/503-burst": burst_503,
        "/wrong-charset": wrong_charset,
        "/binary-as-html": binary_as_html,
        "/bad-nesting": bad_nesting,
        "/empty-200": empty_200,
        "/bad-header-bytes": bad_header_bytes,
    }
)


async def not_found(x: Exchange) -> None:
    await x.reply("404 Not Found", b"no such fault")


class FaultServer:
    """The fault routes on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, routes: Mapping[str, Handler] = ROUTES) -> None:
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        _BURSTS.clear()
        make_bombs()
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        started.result(timeout=30)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), STALL_SECONDS)
            target = head.split(b" ", 2)[1].decode("latin-1")
            parts = urlsplit(target)
            self.hits[parts.path] += 1
            handler = self.routes.get(parts.path, not_found)
            exchange = Exchange(parts.path, parse_qs(parts.query), writer)
            await asyncio.wait_for(handler(exchange), STALL_SECONDS + 2)
        except (TimeoutError, ConnectionError, OSError, asyncio.IncompleteReadError, IndexError):
            pass  # the client hung up or sent nonsense: nothing to answer
        except asyncio.CancelledError:
            pass  # the server is stopping
        finally:
            writer.close()
