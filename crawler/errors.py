"""Failure -> error kind, for the per-kind counts in crawl.json.

Kinds are short, stable names (they are stats keys and crawl.json keys). Failures that
are decisions rather than errors (robots.txt, offsite) are "skipped/<reason>".
"""

from __future__ import annotations

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

# Exception type -> kind, most specific first. Scrapy 2.14+ raises its own download
# errors; the Twisted ones are what older handlers and other download handlers raise.
_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (scrapy_errors.CannotResolveHostError, "dns"),
    (scrapy_errors.DownloadConnectionRefusedError, "connection_refused"),
    (scrapy_errors.DownloadTimeoutError, "timeout"),
    (scrapy_errors.ResponseDataLossError, "data_loss"),
    (scrapy_errors.UnsupportedURLSchemeError, "unsupported_scheme"),
    (scrapy_errors.DownloadCancelledError, "cancelled"),
    (scrapy_errors.DownloadFailedError, "download_failed"),
    (net.DNSLookupError, "dns"),
    (net.ConnectionRefusedError, "connection_refused"),
    (net.TimeoutError, "timeout"),
    (net.TCPTimedOutError, "timeout"),
    (net.ConnectionLost, "connection_lost"),
    (ResponseNeverReceived, "no_response"),
    (ResponseFailed, "response_failed"),
    (net.ConnectError, "connect_error"),
)


def classify_failure(failure: Failure) -> tuple[str, str]:
    """(kind, human detail) for a request's failure."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP status {status}"
    if isinstance(exc, IgnoreRequest):
        reason = str(exc) or type(exc).__name__
        if "robots" in reason.lower():
            return "skipped/robots", reason
        return "skipped/ignored", reason
    for exc_type, kind in _KINDS:
        if isinstance(exc, exc_type):
            return kind, f"{type(exc).__name__}: {exc}"
    return type(exc).__name__.lower(), f"{type(exc).__name__}: {exc}"
