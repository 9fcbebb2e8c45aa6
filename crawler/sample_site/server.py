"""A tiny HTTP/1.1 server for the bundled sample news site.

It serves ``crawler/sample_site/www`` on 127.0.0.1 from a background thread, so crawl
tests and ``archivist demo`` never touch the network. Static files get ``ETag`` and
``Last-Modified`` and honour conditional requests with 304. The few pages that exercise
awkward HTTP behaviour (a redirect, a 404, a gzip-encoded body, a GBK page, non-HTML
faults) are listed in :data:`ROUTES` as data, not as branches in the handler.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import logging
import mimetypes
import posixpath
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import ClassVar
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

WWW_ROOT = Path(__file__).resolve().parent / "www"

#: Placeholder replaced by the server's base URL (``http://127.0.0.1:PORT``) at serve time.
BASE_URL_PLACEHOLDER = b"{{BASE_URL}}"

ICHONGQING_PATH = "/insights/2024/04/chongqing-germany-automotive.html"
REDIRECT_PATH = "/old/scholz-visit.html"
NOT_FOUND_PATH = "/world/2024/04/withdrawn-story.html"
GZIP_PATH = "/science/2024/04/deep-sea-microbes-eat-plastic.html"
GBK_PATH = "/zh/2024/04/jialing-river-ferry-returns.html"
PRIVATE_PATH = "/private/staff-rota.html"
FAULT_PDF_PATH = "/faults/report.pdf"
FAULT_EMPTY_PATH = "/faults/empty.html"


@dataclass(frozen=True, slots=True)
class Route:
    """How one special path is answered; anything not set falls back to the static file."""

    status: HTTPStatus = HTTPStatus.OK
    location: str | None = None  # target path of a redirect
    content_type: str | None = None  # overrides the per-extension type
    gzip: bool = False  # always send the body gzip-encoded, whatever Accept-Encoding says
    templated: bool = False  # replace {{BASE_URL}} in the body


# The special paths of the site. Tests and the crawl demo rely on each of these.
ROUTES: Mapping[str, Route] = MappingProxyType(
    {
        REDIRECT_PATH: Route(status=HTTPStatus.MOVED_PERMANENTLY, location=ICHONGQING_PATH),
        # Linked from the world index, but withdrawn: always 404, even if a file appears.
        NOT_FOUND_PATH: Route(status=HTTPStatus.NOT_FOUND),
        GZIP_PATH: Route(gzip=True),
        GBK_PATH: Route(content_type="text/html; charset=GBK"),
        FAULT_PDF_PATH: Route(content_type="application/pdf"),
        FAULT_EMPTY_PATH: Route(content_type="text/html; charset=utf-8"),
        "/robots.txt": Route(templated=True),
        "/sitemap.xml": Route(templated=True),
        "/feed.xml": Route(templated=True),
    }
)

CONTENT_TYPES: Mapping[str, str] = MappingProxyType(
    {
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "application/javascript; charset=utf-8",
        ".json": "application/json",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".svg": "image/svg+xml",
        ".ico": "image/x-icon",
        ".pdf": "application/pdf",
    }
)

NOT_FOUND_BODY = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    b"<title>404 Not Found</title></head>\n<body><h1>Page not found</h1>\n"
    b"<p>The page you asked for does not exist or has been withdrawn.</p>\n"
    b'<p><a href="/">Back to the front page</a></p></body></html>\n'
)


BODILESS_STATUSES = frozenset({HTTPStatus.NOT_MODIFIED, HTTPStatus.NO_CONTENT})


@dataclass(frozen=True, slots=True)
class Reply:
    """A complete response, ready to write."""

    status: HTTPStatus
    headers: tuple[tuple[str, str], ...]
    body: bytes


def content_type_for(path: Path) -> str:
    """The Content-Type for a file, by extension."""
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def resolve_file(root: Path, url_path: str) -> Path | None:
    """Map a URL path to a file under ``root``; None for traversal attempts or missing files."""
    decoded = unquote(url_path)
    segments = decoded.split("/")
    if ".." in segments or "\\" in decoded or "\x00" in decoded:
        return None
    relative = posixpath.normpath(decoded).lstrip("/")
    candidate = (root / relative) if relative not in ("", ".") else root
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
        return None
    return resolved


def make_etag(body: bytes) -> str:
    """A strong ETag over the bytes as sent."""
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def not_modified(headers: Mapping[str, str], etag: str, mtime: datetime) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins over If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return mtime <= since


def error_reply(status: HTTPStatus) -> Reply:
    """A small HTML error page."""
    body = NOT_FOUND_BODY if status == HTTPStatus.NOT_FOUND else f"{status.phrase}\n".encode()
    content_type = "text/html; charset=utf-8" if status == HTTPStatus.NOT_FOUND else "text/plain"
    return Reply(status, (("Content-Type", content_type),), body)


def redirect_reply(route: Route, base_url: str) -> Reply:
    """A redirect with an absolute Location."""
    location = base_url + (route.location or "/")
    body = f'<html><body>Moved to <a href="{location}">{location}</a></body></html>\n'.encode()
    headers = (("Location", location), ("Content-Type", "text/html; charset=utf-8"))
    return Reply(route.status, headers, body)


def file_reply(
    file: Path, route: Route, base_url: str, request_headers: Mapping[str, str]
) -> Reply:
    """Serve a static file, applying the route's templating, encoding and type."""
    body = file.read_bytes()
    if route.templated:
        body = body.replace(BASE_URL_PLACEHOLDER, base_url.encode("ascii"))
    headers: list[tuple[str, str]] = [
        ("Content-Type", route.content_type or content_type_for(file))
    ]
    if route.gzip:
        body = gzip.compress(body, mtime=0)  # mtime=0: same bytes every time, stable ETag
        headers.append(("Content-Encoding", "gzip"))
        headers.append(("Vary", "Accept-Encoding"))
    mtime = datetime.fromtimestamp(int(file.stat().st_mtime), tz=UTC)
    etag = make_etag(body)
    headers.append(("ETag", etag))
    headers.append(("Last-Modified", email.utils.format_datetime(mtime, usegmt=True)))
    if not_modified(request_headers, etag, mtime):
        # The body is kept so Content-Length states the 200 length (RFC 9110 8.6); not sent.
        return Reply(HTTPStatus.NOT_MODIFIED, tuple(headers), body)
    return Reply(HTTPStatus.OK, tuple(headers), body)


def build_reply(
    root: Path, raw_path: str, base_url: str, request_headers: Mapping[str, str]
) -> Reply:
    """Decide the whole response for one GET or HEAD."""
    url_path = urlsplit(raw_path).path or "/"
    route = ROUTES.get(url_path, Route())
    if route.location is not None:
        return redirect_reply(route, base_url)
    if route.status != HTTPStatus.OK:
        return error_reply(route.status)
    file = resolve_file(root, url_path)
    if file is None:
        return error_reply(HTTPStatus.NOT_FOUND)
    return file_reply(file, route, base_url, request_headers)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ArchivistSampleSite/1.0"
    site: ClassVar[SampleSiteServer]

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        self.site._record(self.command, self.path)
        if self.site.delay:
            time.sleep(self.site.delay)
        headers = {key: value for key, value in self.headers.items()}
        if not self.site.honour_validators:
            headers = {k: v for k, v in headers.items() if not k.lower().startswith("if-")}
        reply = build_reply(self.site.root, self.path, self.site.base_url, headers)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if send_body and reply.status not in BODILESS_STATUSES:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class SampleSiteServer:
    """Serves crawler/sample_site/www on 127.0.0.1 on a free port, in a background thread."""

    def __init__(
        self,
        root: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        honour_validators: bool = True,
        delay: float = 0.0,
    ) -> None:
        """`honour_validators=False` makes a server that ignores If-None-Match and
        If-Modified-Since and always answers 200, as many real servers do; `delay` adds
        that many seconds of latency to every response (for crash and speed tests)."""
        self.root = (root or WWW_ROOT).resolve()
        self.honour_validators = honour_validators
        self.delay = delay
        self.host = host
        self.port = port
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT`` of the running server."""
        if self._httpd is None:
            raise RuntimeError("the sample site server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> str:
        """Bind, start serving in a daemon thread, and return the base URL."""
        if self._httpd is not None:
            return self.base_url
        handler = type("SampleSiteHandler", (_Handler,), {"site": self})
        httpd = ThreadingHTTPServer((self.host, self.port), handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, name="sample-site-server", daemon=True
        )
        self._thread.start()
        logger.info("sample site serving %s at %s", self.root, self.base_url)
        return self.base_url

    def stop(self) -> None:
        """Stop serving and release the port. Safe to call twice."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = None
        self._thread = None
        logger.info("sample site stopped")

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def __enter__(self) -> SampleSiteServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
