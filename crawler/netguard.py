"""Which IP addresses a crawl may connect to: the policy of the SSRF guard.

A crawled page is written by a stranger, and every link, redirect, sitemap entry and
feed item it holds becomes a request. Without a guard, a page could make the crawler
fetch the machine's own services (loopback), the private network it sits in, or a
cloud metadata endpoint (169.254.169.254) and archive what they answer.

So by default only globally routable unicast addresses are allowed. Refused, by class:
  - unspecified (0.0.0.0, ::: on Linux these reach the local host),
  - loopback (127.0.0.0/8, ::1),
  - link-local (169.254.0.0/16 with the cloud metadata addresses, fe80::/10),
  - multicast (224.0.0.0/4, ff00::/8),
  - private (10/8, 172.16/12, 192.168/16, fc00::/7 with AWS's fd00:ec2::254, and the
    other special-purpose blocks that `ipaddress` calls private: documentation,
    benchmarking, reserved 240/4, broadcast),
  - non-global (the rest that is not globally routable, e.g. 100.64.0.0/10 shared
    address space with Alibaba Cloud's metadata address 100.100.100.200).
IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16,
Teredo, NAT64 64:ff9b::/96) are judged by the IPv4 address they carry.

Networks named in the allow list (`ARCHIVIST_ALLOW_NETWORKS`, a profile's
`allow_networks`) are exempt. Pure functions: no Scrapy, no I/O.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Named so that a refusal in the log says what the address is.
CLOUD_METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
# RFC 6052 well-known NAT64 prefix: the last 32 bits are an IPv4 address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def parse_networks(values: Iterable[str], *, source: str) -> tuple[IPNetwork, ...]:
    """CIDR blocks or single addresses ("10.1.2.0/24", "127.0.0.1", "::1/128").

    A bad value is a ValueError naming `source` (the setting or profile field) and it.
    """
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"{source}: {value!r} is not an IP network ({exc})") from exc
    return tuple(networks)


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo client, NAT64)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_class(address: IPAddress) -> str | None:
    """Why the guard refuses `address` by default ("loopback", "private", ...), or None
    for a globally routable unicast address."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return address_class(inner)
    if address in CLOUD_METADATA:
        return "cloud metadata"
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_private, "private"),
        (not address.is_global, "non-global"),
    )
    return next((name for hit, name in checks if hit), None)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """The default refusals, minus the allowed networks."""

    allowed: tuple[IPNetwork, ...] = ()

    def refusal(self, ip: str) -> str | None:
        """None when the crawl may connect to `ip`; else the class that refuses it.
        Text that is not an IP address is refused as "not an IP address"."""
        try:
            address = ipaddress.ip_address(ip.strip("[]").split("%", 1)[0])
        except ValueError:
            return "not an IP address"
        if any(address in network for network in self.allowed):
            return None
        inner = embedded_ipv4(address)
        if inner is not None and any(inner in network for network in self.allowed):
            return None
        return address_class(address)

    def describe(self) -> str:
        return ", ".join(str(n) for n in self.allowed) or "none"
