"""The SSRF guard: refuse requests to loopback, private, link-local and multicast hosts.

A downloader middleware, placed after the offsite filter and before robots.txt (so a
refused host is never asked for its robots.txt either). For every request, redirect
targets included (the spider schedules them as new requests):

1. before connecting: the URL's host is resolved with the crawl's own resolver
   (`reactor.resolve`, Scrapy's DNS_RESOLVER) and the address is checked against
   `crawler.netguard.AddressPolicy`. An IP literal is checked as it is. A refused
   request raises `AddressRefused` (an IgnoreRequest): no connection is opened. Scrapy's
   resolver caches the answer (DNSCACHE_ENABLED), and the download handler connects to
   the address in that cache, so the checked address is the one used;
2. after the response: `response.ip_address`, the peer the handler really talked to, is
   checked again (a second line against DNS answers that change between the two, e.g.
   with DNSCACHE_ENABLED off). Responses through a proxy (`meta["proxy"]`) skip this
   check: their peer is the proxy, which the operator chose.

Settings (read once): ARCHIVIST_ALLOW_NETWORKS (the operator's allow list, default
none) and ARCHIVIST_SITE_ALLOW_NETWORKS (the site profile's `allow_networks`, set per run
by crawler.plan). Refusals are logged with the URL, the address and what would allow it,
and counted under `archivist/ssrf/refused/<class>`; the spider's errback counts them in
crawl.json as the error kind `refused_address` (crawler.errors).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Self, cast

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.netguard import AddressPolicy, parse_networks

logger = logging.getLogger(__name__)

Resolve = Callable[[str], Awaitable[str]]

ALLOW_SETTING = "ARCHIVIST_ALLOW_NETWORKS"
SITE_ALLOW_SETTING = "ARCHIVIST_SITE_ALLOW_NETWORKS"
STAT_REFUSED = "archivist/ssrf/refused/"


class AddressRefused(IgnoreRequest):
    """The request's host is an address the crawl may not connect to."""

    def __init__(self, url: str, ip: str, address_class: str, policy: AddressPolicy) -> None:
        self.url = url
        self.ip = ip
        self.address_class = address_class
        super().__init__(
            f"refused to fetch {url}: {ip} is a {address_class} address "
            f"(allowed networks: {policy.describe()}; allow it with {ALLOW_SETTING} "
            f"or the site profile's allow_networks)"
        )


def reactor_resolve(host: str) -> Awaitable[str]:
    """The crawl's resolver (Scrapy's DNS_RESOLVER, installed on the reactor)."""
    from twisted.internet import reactor

    # Twisted's interface stubs type resolve() without its self argument.
    resolving: Deferred[str] = cast(Any, reactor).resolve(host)
    return maybe_deferred_to_future(resolving)


class AddressGuardMiddleware:
    def __init__(self, policy: AddressPolicy, stats: StatsCollector, resolve: Resolve) -> None:
        self.policy = policy
        self.stats = stats
        self.resolve = resolve

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        allowed = (
            *parse_networks(settings.getlist(ALLOW_SETTING), source=ALLOW_SETTING),
            *parse_networks(settings.getlist(SITE_ALLOW_SETTING), source=SITE_ALLOW_SETTING),
        )
        assert crawler.stats is not None
        return cls(AddressPolicy(allowed), crawler.stats, reactor_resolve)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname
        if not host:
            return  # data: and file: URLs; the spider only makes http(s) requests
        ip = host if _is_ip(host) else await self.resolve(host)
        self._check(request.url, ip)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.ip_address is not None and "proxy" not in request.meta:
            self._check(response.url, str(response.ip_address))
        return response

    def _check(self, url: str, ip: str) -> None:
        address_class = self.policy.refusal(ip)
        if address_class is None:
            return
        self.stats.inc_value(STAT_REFUSED + address_class.replace(" ", "_"))
        refusal = AddressRefused(url, ip, address_class, self.policy)
        logger.warning("SSRF guard: %s", refusal)
        raise refusal


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
