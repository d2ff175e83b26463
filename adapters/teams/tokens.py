"""Who may post to `/api/messages`: the Bot Framework's bearer token, checked as Microsoft
documents it (the SDK's rules: RS256 only, our app id as audience, a trusted issuer, the
tenant bound for a single-tenant bot, the service URL the token was issued for).

Signing keys come from OpenID metadata documents: Microsoft's by default, another one where
the operator names it (a sovereign cloud, or a local authority in the tests). The SDK's own
validator reads keys from fixed Microsoft addresses only, so it can be pointed at neither.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import jwt
from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthenticationConstants

log = logging.getLogger(__name__)

ALGORITHM = "RS256"
LEEWAY = 300
"""Seconds of clock skew forgiven, as the SDK and botbuilder allow."""
REFRESH = 24 * 3600
"""Keys are read again once a day; an unknown key id reads them again at most every…"""
RETRY = 300
"""…five minutes, so a forged key id cannot make the bot hammer the metadata."""
FETCH_TIMEOUT = 10


class Refused(Exception):
    """The request's token does not check out (the reason is logged, never sent back)."""


def metadata_urls(tenant_id: str) -> tuple[str, ...]:
    """Microsoft's documents: the Bot Framework channel's, and Entra's for the bot's tenant
    (single-tenant bots may get tokens issued by their own tenant)."""
    entra = AuthenticationConstants.PUBLIC_OPENID_METADATA_URL
    if tenant_id:
        entra = entra.replace("/common/", f"/{tenant_id}/")
    return (AuthenticationConstants.PUBLIC_ABS_OPENID_METADATA_URL, entra)


@dataclass(frozen=True)
class TokenRules:
    app_id: str
    tenant_id: str
    """The only tenant a single-tenant bot accepts; empty for a multi-tenant one."""
    metadata: tuple[str, ...]
    issuers: frozenset[str] = field(default_factory=frozenset)
    """Issuers accepted besides the SDK's defaults for the tenant and the documents' own."""

    def default_issuers(self) -> frozenset[str]:
        configuration = AgentAuthConfiguration(
            client_id=self.app_id, tenant_id=self.tenant_id or None
        )
        return frozenset(configuration.ISSUERS) | self.issuers


@dataclass
class _Document:
    issuer: str | None = None
    keys: dict[str, tuple[jwt.PyJWK, tuple[str, ...]]] = field(default_factory=dict)
    read_at: float = float("-inf")


class TokenChecker:
    """Checks tokens; keeps each metadata document's keys, read again as above."""

    def __init__(self, rules: TokenRules) -> None:
        self._rules = rules
        self._issuers = rules.default_issuers()
        self._documents = {url: _Document() for url in rules.metadata}
        self._lock = asyncio.Lock()

    async def claims(self, header: str, activity: Mapping[str, Any]) -> dict[str, Any]:
        """The token's claims, or `Refused`. `activity` is the body as it came (any shape)."""
        token = _bearer(header)
        try:
            unverified = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise Refused(f"not a JWT ({type(error).__name__})") from None
        if unverified.get("alg") != ALGORITHM:
            raise Refused(f"signed with {unverified.get('alg')!r}, not {ALGORITHM}")
        kid = unverified.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Refused("no key id")
        key, endorsements, issuer = await self._key(kid)
        channel = activity.get("channelId")
        if endorsements and isinstance(channel, str) and channel not in endorsements:
            raise Refused(f"the signing key is not endorsed for channel {channel!r}")
        issuers = self._issuers | ({issuer} if issuer else set())
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[ALGORITHM],
                audience=self._rules.app_id,
                issuer=sorted(issuers),
                leeway=LEEWAY,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise Refused(f"{type(error).__name__}: {error}") from None
        self._check_tenant(claims, activity)
        self._check_service(claims, activity)
        return claims

    def _check_tenant(self, claims: Mapping[str, Any], activity: Mapping[str, Any]) -> None:
        tenant = self._rules.tenant_id.lower()
        if not tenant:
            return
        given = claims.get(AuthenticationConstants.TENANT_ID_CLAIM)
        if given is not None and str(given).lower() != tenant:
            raise Refused("the token is from another tenant")
        for other in _tenants_of(activity):
            if other.lower() != tenant:
                raise Refused("the activity is from another tenant")

    @staticmethod
    def _check_service(claims: Mapping[str, Any], activity: Mapping[str, Any]) -> None:
        """A Bot Framework token names the service it was issued for; the activity's must be
        that one, so a token cannot be replayed to make the bot post somewhere else."""
        issued_for = claims.get(AuthenticationConstants.SERVICE_URL_CLAIM)
        if issued_for is None:
            return
        claimed = activity.get("serviceUrl")
        if claimed is None:  # no activity at all (or a broken one): its shape is refused next
            return
        if not isinstance(claimed, str) or _url(claimed) != _url(str(issued_for)):
            raise Refused("the token was issued for another service URL")

    async def _key(self, kid: str) -> tuple[jwt.PyJWK, tuple[str, ...], str | None]:
        found = self._find(kid)
        if found is None:
            async with self._lock:
                found = self._find(kid)
                now = time.monotonic()
                stale = [u for u, d in self._documents.items() if now - d.read_at > RETRY]
                if found is None and stale:
                    await asyncio.gather(*(self._read(url) for url in stale))
                    found = self._find(kid)
        if found is None:
            raise Refused("signed with a key none of the trusted documents lists")
        return found

    def _find(self, kid: str) -> tuple[jwt.PyJWK, tuple[str, ...], str | None] | None:
        now = time.monotonic()
        for document in self._documents.values():
            if kid in document.keys and now - document.read_at < REFRESH:
                key, endorsements = document.keys[kid]
                return key, endorsements, document.issuer
        return None

    async def _read(self, url: str) -> None:
        """One document and its keys; a failure keeps what was known and is logged."""
        document = self._documents[url]
        document.read_at = time.monotonic()
        timeout = aiohttp.ClientTimeout(total=FETCH_TIMEOUT)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as http:
                metadata = await _json(http, url)
                keys = await _json(http, str(metadata["jwks_uri"]))
        except (aiohttp.ClientError, TimeoutError, KeyError, ValueError) as error:
            log.warning("could not read Teams signing keys from %s: %r", url, error)
            return
        issuer = metadata.get("issuer")
        document.issuer = issuer if isinstance(issuer, str) else None
        document.keys = dict(_keys(keys.get("keys") or []))


def _keys(entries: Iterable[Any]) -> Iterable[tuple[str, tuple[jwt.PyJWK, tuple[str, ...]]]]:
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("kid"), str):
            continue
        try:
            key = jwt.PyJWK(entry, ALGORITHM)
        except jwt.PyJWTError:
            continue
        endorsements = tuple(str(e) for e in entry.get("endorsements") or ())
        yield entry["kid"], (key, endorsements)


async def _json(http: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with http.get(url) as response:
        response.raise_for_status()
        body = await response.json(content_type=None)
    if not isinstance(body, dict):
        raise ValueError(f"{url} did not answer a JSON object")
    return body


def _bearer(header: str) -> str:
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
        raise Refused("no bearer token")
    return token


def _tenants_of(activity: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    data = activity.get("channelData")
    if isinstance(data, dict) and isinstance(data.get("tenant"), dict):
        tenant = data["tenant"].get("id")
        if isinstance(tenant, str) and tenant:
            found.append(tenant)
    conversation = activity.get("conversation")
    if isinstance(conversation, dict):
        tenant = conversation.get("tenantId")
        if isinstance(tenant, str) and tenant:
            found.append(tenant)
    return found


def _url(value: str) -> str:
    return value.strip().rstrip("/").lower()
