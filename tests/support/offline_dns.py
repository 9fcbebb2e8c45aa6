"""A DNS resolver for crawl tests that never sends a query off this machine.

Names under the reserved `.invalid` TLD (RFC 6761) fail at once with DNSLookupError, the
error a real resolver gives for a name that does not exist; everything else resolves as
usual (the tests only use 127.0.0.1). Enabled with
`-s DNS_RESOLVER=tests.support.offline_dns.OfflineResolver`.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError


class OfflineResolver(CachingThreadedResolver):  # type: ignore[misc]
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if name.lower().rstrip(".").endswith(".invalid"):
            return defer.fail(DNSLookupError(f"no such host: {name}"))
        result: defer.Deferred[str] = super().getHostByName(name, timeout)
        return result
