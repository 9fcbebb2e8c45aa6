"""A DNS resolver for crawl tests that never sends a query off this machine.

Names under the reserved `.invalid` TLD (RFC 6761) fail at once with DNSLookupError, the
error a real resolver gives for a name that does not exist. The names in `FIXED` (under
the reserved `.test` TLD) resolve to the addresses given there without any query, so
SSRF tests can point a host name at a private or metadata address: the guard must refuse
it before connecting. Everything else resolves as usual (the tests only use 127.0.0.1).
Enabled with `-s DNS_RESOLVER=tests.support.offline_dns.OfflineResolver`.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

# Test host names -> the address they "resolve" to.
FIXED = {
    "intranet.test": "10.0.0.1",
    "metadata.test": "169.254.169.254",
    "loopback.test": "127.0.0.1",
}


class OfflineResolver(CachingThreadedResolver):  # type: ignore[misc]
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        key = name.lower().rstrip(".")
        if key in FIXED:
            return defer.succeed(FIXED[key])
        if key.endswith(".invalid"):
            return defer.fail(DNSLookupError(f"no such host: {name}"))
        result: defer.Deferred[str] = super().getHostByName(name, timeout)
        return result
