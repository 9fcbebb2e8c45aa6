"""A download handler that connects to loopback only: the SSRF tests' safety net.

SSRF tests point host names at private and metadata addresses and expect the guard to
refuse them before any connection. Should the guard ever regress, this handler (the
last step before a socket is opened) refuses every host that is not a loopback literal,
so no packet leaves the machine even then; its error kind (`tripwire`) would fail the
test. Enabled with `-s DOWNLOAD_HANDLERS={"http": "tests.support.tripwire.LoopbackOnlyHandler"}`.
"""

from __future__ import annotations

import json

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})
SETTING = "DOWNLOAD_HANDLERS=" + json.dumps({"http": "tests.support.tripwire.LoopbackOnlyHandler"})


class Tripwire(Exception):
    """A request got past the SSRF guard to a host that is not a loopback literal."""


class LoopbackOnlyHandler(HTTP11DownloadHandler):  # type: ignore[misc]
    async def download_request(self, request: Request) -> Response:
        host = urlparse_cached(request).hostname
        if host not in LOOPBACK_HOSTS:
            raise Tripwire(f"tripwire: {request.url} reached the download handler")
        response: Response = await super().download_request(request)
        return response
