"""The Bot Framework side on 127.0.0.1: the connector the bot replies to, and the OpenID
metadata and signing keys its tokens are checked against.

The connector answers at the activities' `serviceUrl` the way the Bot Framework REST API
does (`/v3/conversations/...`) and remembers every call. The metadata and keys are served the
way login.botframework.com serves them (an OpenID document naming its `jwks_uri`; keys with
their `endorsements`), on a thread of their own so that any client, blocking or not, can read
them.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.local_server import LocalServer

WAIT = 15.0
TEAMS_LIMIT = 40 * 1024
"""Teams refuses a message over 40 KB, counted in UTF-16 as it stores text."""
ISSUER = "https://api.botframework.test"
KEY_ID = "kaizen-test-key"


@dataclass
class Call:
    method: str
    path: str
    body: dict[str, Any]
    id: str = ""
    """The id the connector gave a sent activity."""


@dataclass
class Refusal:
    """How the connector answers one call instead of taking it."""

    status: int
    headers: dict[str, str] | None = None
    code: str = "ServiceError"


class FakeConnector:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.refusals: list[Refusal] = []
        """Answers for the next calls that send or change an activity, in order."""
        self.members: list[dict[str, str]] = []
        self.oversized: list[Call] = []
        """Activities Teams would have refused as too large (413): none may ever come."""
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._server = LocalServer()
        self.port = 0

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/teams/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/teams/v3/{path:.*}", self._answer)
        self.port = await self._server.serve(app)

    async def stop(self) -> None:
        await self._server.close()

    def sent(self) -> list[Call]:
        """Activities the bot posted (new messages and replies)."""
        return [c for c in self.calls if c.method == "POST" and c.path.endswith("/activities")]

    async def wait_for(
        self, count: int, kind: str = "POST", ending: str = "/activities"
    ) -> list[Call]:
        def matching() -> list[Call]:
            return [c for c in self.calls if c.method == kind and c.path.endswith(ending)]

        try:
            async with asyncio.timeout(WAIT), self._changed:
                await self._changed.wait_for(lambda: len(matching()) >= count)
            return matching()[:count]
        except TimeoutError:
            seen = [(c.method, c.path) for c in self.calls]
            raise AssertionError(f"waited for {count} {kind} …{ending}; saw {seen}") from None

    async def _answer(self, request: web.Request) -> web.Response:
        path = "/v3/" + request.match_info["path"]
        body = await request.json() if request.can_read_body else {}
        sending = request.method in ("POST", "PUT") and "/activities" in path
        if sending and _utf16_bytes(body) > TEAMS_LIMIT:
            self.oversized.append(Call(request.method, path, body))
            error = {"error": {"code": "MessageSizeTooBig", "message": "Message size too big"}}
            return web.json_response(error, status=413)
        if sending and self.refusals:
            refusal = self.refusals.pop(0)
            async with self._changed:
                self.calls.append(Call(f"REFUSED {request.method}", path, body))
                self._changed.notify_all()
            error = {"error": {"code": refusal.code, "message": f"refused with {refusal.status}"}}
            return web.json_response(error, status=refusal.status, headers=refusal.headers)
        call = Call(request.method, path, body)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if path.endswith("/pagedmembers"):
            start = int(request.query.get("continuationToken") or 0)
            page = self.members[start : start + 2]
            more = start + 2 < len(self.members)
            # The last page carries no continuationToken at all, as the connector sends it.
            token = {"continuationToken": str(start + 2)} if more else {}
            return web.json_response({"members": page, **token})
        if request.method == "POST" and path == "/v3/conversations":
            member = (body.get("members") or [{}])[0].get("id", "someone")
            return web.json_response({"id": f"a:personal-{member}", "activityId": "1"})
        if request.method == "DELETE":
            return web.Response(status=200)
        given = f"{1760000000000 + next(self._ids)}"
        call.id = given
        return web.json_response({"id": given})


class TokenAuthority:
    """Signs Bot Framework-style tokens and serves the metadata and keys to check them."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self.key.public_key().public_numbers()
        self.jwks = {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "kid": KEY_ID,
                    "alg": "RS256",
                    "n": _b64(numbers.n),
                    "e": _b64(numbers.e),
                    "endorsements": ["msteams"],
                }
            ]
        }
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def metadata_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/openid"

    def token(
        self,
        app_id: str,
        service_url: str,
        *,
        issuer: str = ISSUER,
        lifetime: float = 3600,
        key: rsa.RSAPrivateKey | None = None,
        tenant: str | None = None,
        algorithm: str = "RS256",
        kid: str = KEY_ID,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": app_id,
            "serviceurl": service_url,
            "nbf": now - 10,
            "iat": now - 10,
            "exp": now + int(lifetime),
        }
        if tenant is not None:
            claims["tid"] = tenant
        if algorithm != "RS256":  # unsigned ("none"), or HS256 keyed with our public key
            head = {"alg": algorithm, "typ": "JWT", "kid": kid}
            parts = (json.dumps(head).encode(), json.dumps(claims).encode())
            signed = ".".join(_b64url(p) for p in parts)
            if algorithm == "none":
                return signed + "."
            mac = hmac.new(self.public_pem, signed.encode(), hashlib.sha256).digest()
            return f"{signed}.{_b64url(mac)}"
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid})

    @property
    def public_pem(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def stop(self) -> None:
        self._server.shutdown()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        authority = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/openid":
                    body: Any = {
                        "issuer": ISSUER,
                        "jwks_uri": f"http://127.0.0.1:{authority.port}/keys",
                        "id_token_signing_alg_values_supported": ["RS256"],
                    }
                elif self.path == "/keys":
                    body = authority.jwks
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: Any) -> None:
                pass

        return Handler


def _utf16_bytes(body: Any) -> int:
    return len(json.dumps(body, ensure_ascii=False).encode("utf-16-le"))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
