"""Which IP addresses a fetch may connect to: public, private (only where the config allows), or never.

Pure classification; `sources/http.py` enforces it on every connect. Explicit tables instead of
`ipaddress.is_private` / `is_global`, whose lists changed between Python 3.10 and 3.13, so the
answer does not depend on the interpreter. Sources: the IANA IPv4 and IPv6 Special-Purpose
Address Registries (RFC 6890 and its updates), RFC 4291 (mapped/compatible), RFC 3056 (6to4),
RFC 6052 and 8215 (NAT64).
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import Enum

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Reach(Enum):
    PUBLIC = "public"
    PRIVATE = "private"      # inside the user's own network: allowed only with allow_private
    NEVER = "never"          # no feed lives here; refused whatever the config says


@dataclass(frozen=True)
class Verdict:
    reach: Reach
    kind: str                # the word shown to the user: "public", "loopback", "private", "link-local", …
    address: IPAddress


def _table(rows: tuple[tuple[str, Reach, str], ...]) -> tuple[tuple[IPNetwork, Reach, str], ...]:
    return tuple((ipaddress.ip_network(net), reach, kind) for net, reach, kind in rows)


# Loopback and the private ranges can hold a feed on the user's own network (allow_private).
# Link-local holds cloud metadata services (169.254.169.254) and multicast/unspecified/reserved
# addresses never hold a web server, so those stay refused even with allow_private.
IPV4_SPECIAL = _table((
    ("0.0.0.0/8", Reach.NEVER, "unspecified"),       # "this host": connecting to 0.0.0.0 reaches loopback on Linux
    ("10.0.0.0/8", Reach.PRIVATE, "private"),
    ("100.64.0.0/10", Reach.PRIVATE, "private"),     # carrier-grade NAT shared space
    ("127.0.0.0/8", Reach.PRIVATE, "loopback"),
    ("169.254.0.0/16", Reach.NEVER, "link-local"),
    ("172.16.0.0/12", Reach.PRIVATE, "private"),
    ("192.0.0.0/24", Reach.NEVER, "reserved"),       # IETF protocol assignments
    ("192.0.2.0/24", Reach.NEVER, "reserved"),       # documentation
    ("192.88.99.0/24", Reach.NEVER, "reserved"),     # deprecated 6to4 relay anycast
    ("192.168.0.0/16", Reach.PRIVATE, "private"),
    ("198.18.0.0/15", Reach.NEVER, "reserved"),      # benchmarking
    ("198.51.100.0/24", Reach.NEVER, "reserved"),    # documentation
    ("203.0.113.0/24", Reach.NEVER, "reserved"),     # documentation
    ("224.0.0.0/4", Reach.NEVER, "multicast"),
    ("240.0.0.0/4", Reach.NEVER, "reserved"),        # includes the broadcast address 255.255.255.255
))

IPV6_SPECIAL = _table((
    ("::/128", Reach.NEVER, "unspecified"),
    ("::1/128", Reach.PRIVATE, "loopback"),
    ("100::/64", Reach.NEVER, "reserved"),           # discard-only
    ("2001::/23", Reach.NEVER, "reserved"),          # IETF protocol assignments, Teredo included
    ("2001:db8::/32", Reach.NEVER, "reserved"),      # documentation
    ("3fff::/20", Reach.NEVER, "reserved"),          # documentation
    ("5f00::/16", Reach.NEVER, "reserved"),          # segment routing
    ("fc00::/7", Reach.PRIVATE, "private"),          # unique local addresses
    ("fe80::/10", Reach.NEVER, "link-local"),
    ("fec0::/10", Reach.PRIVATE, "private"),         # deprecated site-local
    ("ff00::/8", Reach.NEVER, "multicast"),
))
# Only 2000::/3 is allocated as global unicast; anything else outside the table is reserved.
IPV6_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")

# IPv6 forms that carry an IPv4 address inside: the IPv4 address decides where the packet goes.
NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")   # SIIT, RFC 2765


def classify(address: IPAddress) -> Verdict:
    """Where a connection to `address` would go, as public, private or never."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if embedded is not None:
            inner = classify(embedded)
            return Verdict(inner.reach, inner.kind, address)
        return _lookup(address, IPV6_SPECIAL, default_public=address in IPV6_GLOBAL_UNICAST)
    return _lookup(address, IPV4_SPECIAL, default_public=True)


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, -compatible, -translated, 6to4 or NAT64 IPv6 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if any(address in prefix for prefix in NAT64_PREFIXES) or address in IPV4_TRANSLATED:
        return low32
    if address in IPV4_COMPATIBLE and int(address) > 1:   # not :: or ::1, which are themselves
        return low32
    return None


def _lookup(address: IPAddress, table: tuple[tuple[IPNetwork, Reach, str], ...], *, default_public: bool) -> Verdict:
    # Most specific network first, so ::1/128 wins over a wider range that contains it.
    matches = [(net, reach, kind) for net, reach, kind in table if address in net]
    if matches:
        _, reach, kind = max(matches, key=lambda row: row[0].prefixlen)
        return Verdict(reach, kind, address)
    if default_public:
        return Verdict(Reach.PUBLIC, "public", address)
    return Verdict(Reach.NEVER, "reserved", address)


@dataclass(frozen=True)
class AddressPolicy:
    """What a fetch may connect to.

    `public_endpoints` is for tests only: a local server on one (address, port) plays a public site,
    while every other port on 127.0.0.1 stays loopback. The config cannot set it."""

    public_endpoints: frozenset[tuple[IPAddress, int]] = frozenset()

    def verdict(self, address: IPAddress, port: int) -> Verdict:
        if (address, port) in self.public_endpoints:
            return Verdict(Reach.PUBLIC, "public", address)
        return classify(address)

    def refusal(self, address: IPAddress, port: int, *, allow_private: bool) -> Verdict | None:
        """The verdict when `address` may not be connected to, else None."""
        verdict = self.verdict(address, port)
        if verdict.reach is Reach.PUBLIC or (verdict.reach is Reach.PRIVATE and allow_private):
            return None
        return verdict
