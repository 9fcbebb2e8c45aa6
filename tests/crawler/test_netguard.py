"""The SSRF guard's address policy: what is refused by default, and what allows it."""

from __future__ import annotations

import pytest

from crawler.netguard import AddressPolicy, parse_networks

DEFAULT = AddressPolicy()


@pytest.mark.parametrize(
    ("ip", "refused_as"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("169.254.1.2", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("100.64.0.1", "non-global"),
        ("255.255.255.255", "private"),
        # IPv6 forms that carry an IPv4 address are judged by that address.
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 of 127.0.0.1
        ("[::1]", "loopback"),
        ("not-an-ip", "not an IP address"),
    ],
)
def test_refused_by_default(ip: str, refused_as: str) -> None:
    assert DEFAULT.refusal(ip) == refused_as


@pytest.mark.parametrize("ip", ["93.184.215.14", "8.8.8.8", "2606:4700::6810:84e5"])
def test_global_unicast_is_allowed(ip: str) -> None:
    assert DEFAULT.refusal(ip) is None


def test_allowed_networks_are_exempt_and_nothing_else() -> None:
    policy = AddressPolicy(parse_networks(["127.0.0.1/32", "10.1.0.0/16"], source="test"))
    assert policy.refusal("127.0.0.1") is None
    assert policy.refusal("::ffff:127.0.0.1") is None
    assert policy.refusal("10.1.200.3") is None
    assert policy.refusal("127.0.0.2") == "loopback"
    assert policy.refusal("10.2.0.1") == "private"
    assert policy.refusal("169.254.169.254") == "cloud metadata"


def test_bad_network_names_the_source_and_value() -> None:
    with pytest.raises(ValueError, match=r"ARCHIVIST_ALLOW_NETWORKS: 'intranet' is not"):
        parse_networks(["intranet"], source="ARCHIVIST_ALLOW_NETWORKS")
