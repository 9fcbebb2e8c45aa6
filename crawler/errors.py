"""Failure -> error kind, for the per-kind counts in crawl.json.

Kinds are short, stable names (they are stats keys and crawl.json keys). Failures that
are decisions rather than errors (robots.txt, offsite) are "skipped/<reason>". A request
the SSRF guard refused is an error, `refused_address`: a site that links to a private
address is worth a look.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.middlewares.limits import TruncatedEncoding
from crawler.middlewares.redirects import TooManyRedirects
from crawler.middlewares.retry_after import CAP_SETTING, META_CAP, META_OVER_CAP
from crawler.middlewares.ssrf import AddressRefused

# Exception type -> kind, most specific first. Scrapy 2.14+ raises its own download
# errors; the Twisted ones are what older handlers and other download handlers raise.
_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (AddressRefused, "refused_address"),
    (TooManyRedirects, "too_many_redirects"),
    (TruncatedEncoding, "truncated_encoding"),
    (scrapy_errors.CannotResolveHostError, "dns"),
    (scrapy_errors.DownloadConnectionRefusedError, "connection_refused"),
    (scrapy_errors.DownloadTimeoutError, "timeout"),
    (scrapy_errors.ResponseDataLossError, "data_loss"),
    (scrapy_errors.UnsupportedURLSchemeError, "unsupported_scheme"),
    # Scrapy's handler cancels a download only when its body passes DOWNLOAD_MAXSIZE.
    (scrapy_errors.DownloadCancelledError, "too_large"),
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

# HttpCompressionMiddleware refuses a decompression bomb with a bare IgnoreRequest whose
# message names this setting; it is a size limit, not a decision to skip.
_DECOMPRESSED_TOO_LARGE = "DOWNLOAD_MAXSIZE"


def classify_failure(failure: Failure) -> tuple[str, str]:
    """(kind, human detail) for a request's failure. Limits are named in the detail
    with the setting and the value in force for the request."""
    exc = failure.value
    meta = getattr(getattr(failure, "request", None), "meta", {})
    if isinstance(exc, HttpError):
        status = exc.response.status
        detail = f"HTTP status {status}"
        if META_OVER_CAP in meta:
            detail += (
                f" (Retry-After {meta[META_OVER_CAP]:.0f} s is over {CAP_SETTING} = "
                f"{meta[META_CAP]:g} s: not retried)"
            )
        return f"http_{status}", detail
    for exc_type, kind in _KINDS:
        if isinstance(exc, exc_type):
            return kind, _detail(kind, exc, meta)
    if isinstance(exc, IgnoreRequest):
        reason = str(exc) or type(exc).__name__
        if _DECOMPRESSED_TOO_LARGE in reason:
            return "too_large", reason
        if "robots" in reason.lower():
            return "skipped/robots", reason
        return "skipped/ignored", reason
    return type(exc).__name__.lower(), f"{type(exc).__name__}: {exc}"


def _detail(kind: str, exc: BaseException, meta: Mapping[str, Any]) -> str:
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if kind == "timeout" and "download_timeout" in meta:
        return f"{text} (DOWNLOAD_TIMEOUT = {meta['download_timeout']} s)"
    if kind == "too_large":
        limit = meta.get("download_maxsize", "?")
        return f"{text} (the body passed DOWNLOAD_MAXSIZE = {limit} B; download cancelled)"
    if kind == "data_loss":
        return (
            f"{text} (the connection closed before the declared body length arrived; "
            "DOWNLOAD_FAIL_ON_DATALOSS = True, so the partial body is not used or archived)"
        )
    return text
