"""Who may see the board: the holder of KAIZEN_BOARD_TOKEN, or, without one, this machine.

The token is typed once on the login page and kept in a signed cookie (HttpOnly,
SameSite=Strict), or sent by tools as `Authorization: Bearer <token>`. The cookie is signed
with a key derived from the token, so changing the token signs everyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import defaultdict, deque

from aiohttp import web

COOKIE = "kaizen_board"
COOKIE_DAYS = 30
FAILURES_ALLOWED = 10
FAILURE_WINDOW = 300.0
_LOCAL = frozenset({"127.0.0.1", "::1"})


class BoardAccess:
    def __init__(self, token: str | None) -> None:
        self.token = token or None
        secret = f"kaizen-board-cookie:{self.token or ''}".encode()
        self._key = hashlib.sha256(secret).digest()
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    @property
    def local_only(self) -> bool:
        return self.token is None

    def allows(self, request: web.Request) -> bool:
        if self.token is None:
            return is_local(request)
        bearer = request.headers.get("Authorization", "")
        if bearer.lower().startswith("bearer "):
            return self.token_matches(bearer[7:].strip())
        return self._valid_cookie(request.cookies.get(COOKIE, ""))

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
