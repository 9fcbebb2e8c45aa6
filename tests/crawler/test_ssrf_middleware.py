"""AddressGuardMiddleware on hand-made requests and responses: it resolves, checks and
refuses before any download; nothing here opens a socket (the resolver is a stub)."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.errors import classify_failure
from crawler.middlewares.ssrf import AddressGuardMiddleware, AddressRefused

ZONE = {"intranet.test": "10.0.0.1", "metadata.test": "169.254.169.254", "news.test": "8.8.8.8"}


def guard(**settings: Any) -> tuple[AddressGuardMiddleware, list[str]]:
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()  # type: ignore[union-attr]
    middleware = AddressGuardMiddleware.from_crawler(crawler)
    asked: list[str] = []

    async def resolve(host: str) -> str:
        asked.append(host)
        return ZONE[host]

    middleware.resolve = resolve
    return middleware, asked


def run(middleware: AddressGuardMiddleware, url: str) -> None:
    asyncio.run(middleware.process_request(Request(url)))


@pytest.mark.parametrize(
    ("url", "ip"),
    [
        ("http://intranet.test/wiki", "10.0.0.1"),
        ("http://metadata.test/latest/meta-data/", "169.254.169.254"),
        ("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254"),
        ("http://127.0.0.1:8080/admin", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1"),
        ("http://224.0.0.251/", "224.0.0.251"),
    ],
)
def test_refused_before_download(url: str, ip: str, caplog: pytest.LogCaptureFixture) -> None:
    middleware, _ = guard()
    with pytest.raises(AddressRefused) as refused:
        run(middleware, url)
    assert refused.value.ip == ip
    assert url in caplog.text and "ARCHIVIST_ALLOW_NETWORKS" in caplog.text
    stats = middleware.stats.get_stats()
    assert sum(v for k, v in stats.items() if k.startswith("archivist/ssrf/refused/")) == 1


def test_host_names_are_checked_after_resolution() -> None:
    middleware, asked = guard()
    with pytest.raises(AddressRefused, match=r"10\.0\.0\.1 is a private address"):
        run(middleware, "http://intranet.test/")
    run(middleware, "http://news.test/a.html")  # a global address passes
    assert asked == ["intranet.test", "news.test"]


def test_setting_and_profile_allow_specific_networks() -> None:
    middleware, _ = guard(
        ARCHIVIST_ALLOW_NETWORKS="127.0.0.1/32", ARCHIVIST_SITE_ALLOW_NETWORKS=["10.0.0.0/8"]
    )
    run(middleware, "http://127.0.0.1:8080/")
    run(middleware, "http://intranet.test/")
    with pytest.raises(AddressRefused):
        run(middleware, "http://metadata.test/")


def test_bad_setting_names_setting_and_value() -> None:
    with pytest.raises(ValueError, match="ARCHIVIST_ALLOW_NETWORKS: 'localhost'"):
        guard(ARCHIVIST_ALLOW_NETWORKS="localhost")


def test_peer_address_is_checked_again_on_the_response() -> None:
    middleware, _ = guard()
    request = Request("http://news.test/a.html")
    rebound = HtmlResponse(
        request.url, body=b"<p>x</p>", request=request, ip_address=ipaddress.ip_address("10.0.0.1")
    )
    with pytest.raises(AddressRefused):
        middleware.process_response(request, rebound)
    fine = HtmlResponse(
        request.url, body=b"<p>x</p>", request=request, ip_address=ipaddress.ip_address("8.8.8.8")
    )
    assert middleware.process_response(request, fine) is fine
    proxied = Request(request.url, meta={"proxy": "http://127.0.0.1:3128"})
    assert middleware.process_response(proxied, rebound) is rebound


def test_refusal_is_its_own_error_kind() -> None:
    from twisted.python.failure import Failure

    middleware, _ = guard()
    try:
        run(middleware, "http://metadata.test/")
    except AddressRefused as exc:
        kind, detail = classify_failure(Failure(exc))
    assert kind == "refused_address"
    assert "169.254.169.254 is a cloud metadata address" in detail
