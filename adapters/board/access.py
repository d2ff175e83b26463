"""Who may see the board: the holder of KAIZEN_BOARD_TOKEN, or, without one, this machine;
and the holder of a pass the bot handed out, for that pass's workspace only.

The token is typed once on the login page and kept in a signed cookie (HttpOnly,
SameSite=Strict), or sent by tools as `Authorization: Bearer <token>`. The cookie is signed
with a key derived from the token, so changing the token signs everyone out. A pass comes
as `?pass=` on the link and is kept in a cookie of its own until it expires.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from aiohttp import web

from adapters.board.passes import Pass, PassSigner

COOKIE = "kaizen_board"
PASS_COOKIE = "kaizen_board_pass"
COOKIE_DAYS = 30
FAILURES_ALLOWED = 10
FAILURE_WINDOW = 300.0
_LOCAL = frozenset({"127.0.0.1", "::1"})


@dataclass(frozen=True)
class Grant:
    """What one request may see: every workspace (`workspace` None) or one, and whether it
    may download the ideas."""

    workspace: str | None
    may_export: bool
    by_pass: Pass | None = None


class BoardAccess:
    def __init__(self, token: str | None) -> None:
        self.token = token or None
        secret = f"kaizen-board-cookie:{self.token or ''}".encode()
        self._key = hashlib.sha256(secret).digest()
        self._passes = PassSigner(self.token) if self.token else None
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    @property
    def local_only(self) -> bool:
        return self.token is None

    def grant(self, request: web.Request) -> Grant | None:
        """What the request may see; None when nothing."""
        if self.token is None:
            return Grant(None, may_export=True) if is_local(request) else None
        bearer = request.headers.get("Authorization", "")
        if bearer.lower().startswith("bearer "):
            return Grant(None, True) if self.token_matches(bearer[7:].strip()) else None
        if self._valid_cookie(request.cookies.get(COOKIE, "")):
            return Grant(None, may_export=True)
        assert self._passes is not None
        for text in (request.query.get("pass", ""), request.cookies.get(PASS_COOKIE, "")):
            held = self._passes.read(text) if text else None
            if held is not None:
                return Grant(held.workspace, held.may_export, held)
        return None

    def allows(self, request: web.Request) -> bool:
        return self.grant(request) is not None

    def token_matches(self, typed: str) -> bool:
        return self.token is not None and hmac.compare_digest(typed.encode(), self.token.encode())

    def cookie_value(self, now: float | None = None) -> str:
        expires = int((now or time.time()) + COOKIE_DAYS * 86400)
        return f"{expires}.{self._sign(str(expires))}"

    def _valid_cookie(self, value: str) -> bool:
        expires, _, signature = value.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(signature, self._sign(expires))

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def too_many_failures(self, request: web.Request) -> bool:
        """Guessing the token is slowed to FAILURES_ALLOWED tries per address per window."""
        tries = self._failures[request.remote or "?"]
        while tries and tries[0] < time.monotonic() - FAILURE_WINDOW:
            tries.popleft()
        return len(tries) >= FAILURES_ALLOWED

    def failed(self, request: web.Request) -> None:
        self._failures[request.remote or "?"].append(time.monotonic())


def is_local(request: web.Request) -> bool:
    """From this machine, and not relayed by a proxy on it (which would add forwarding headers)."""
    relayed = any(h in request.headers for h in ("X-Forwarded-For", "Forwarded", "X-Real-IP"))
    return request.remote in _LOCAL and not relayed


def is_https(request: web.Request) -> bool:
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"
