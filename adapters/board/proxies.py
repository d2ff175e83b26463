"""Who is asking: the connection's peer, or the client a trusted proxy names for it.

Forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP) are anyone's to write, so they
name the client only when the peer is one of the proxies app.yaml lists in
`board.trusted_proxies`; from anyone else they only show that the request was relayed.
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

from aiohttp import web

FORWARDING = ("X-Forwarded-For", "Forwarded", "X-Real-IP")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class Proxies:
    def __init__(self, trusted: Iterable[str] = ()) -> None:
        self._networks = tuple(ip_network(proxy) for proxy in trusted)

    def trusts(self, address: str | None) -> bool:
        parsed = _parse(address or "")
        return parsed is not None and any(parsed in network for network in self._networks)

    def client(self, request: web.Request) -> str:
        """The address the request's tries are held against: from a trusted proxy, the
        nearest hop it did not add itself (the right end of the chain); else the peer."""
        peer = request.remote or ""
        if not self.trusts(peer):
            return peer
        hops = _hops(request)
        for hop in reversed(hops):
            if _parse(hop) is None:
                return peer  # "unknown" or garbage: hold it against the proxy itself
            if not self.trusts(hop):
                return hop
        return hops[0] if hops else peer

    def is_local(self, request: web.Request) -> bool:
        """From this machine: a loopback peer, and either no forwarding headers (no HTTP
        proxy relayed it) or a trusted proxy that names a loopback client."""
        if not is_loopback(request.remote or ""):
            return False
        if not any(header in request.headers for header in FORWARDING):
            return True
        return self.trusts(request.remote) and is_loopback(self.client(request))


def is_loopback(address: str) -> bool:
    if address.lower() in LOOPBACK_NAMES:
        return True
    parsed = _parse(address)
    return parsed is not None and parsed.is_loopback


def is_https(request: web.Request) -> bool:
    """Whether the browser came over HTTPS, which puts the Secure flag on cookies. Anyone's
    `X-Forwarded-Proto: https` is taken: it can only add the flag, never take it away."""
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def _hops(request: web.Request) -> list[str]:
    """The client chain a proxy wrote, left (first client) to right (nearest proxy)."""
    chain = ",".join(request.headers.getall("X-Forwarded-For", []))
    if chain.strip():
        return [_bare(hop) for hop in chain.split(",") if hop.strip()]
    forwarded = [_bare(hop.get("for") or "") for hop in request.forwarded]
    if any(forwarded):
        return forwarded
    real = request.headers.get("X-Real-IP", "").strip()
    return [_bare(real)] if real else []


def _bare(hop: str) -> str:
    """`192.0.2.1:4711`, `"[2001:db8::1]:4711"`: the address without quotes or port."""
    hop = hop.strip().strip('"')
    if hop.startswith("["):
        return hop[1:].partition("]")[0]
    if hop.count(":") == 1:
        return hop.partition(":")[0]
    return hop


def _parse(address: str) -> IPv4Address | IPv6Address | None:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return None
    if isinstance(parsed, IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed
