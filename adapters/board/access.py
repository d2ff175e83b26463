"""Who may see the board: the holder of KAIZEN_BOARD_TOKEN, the holder of a pass the bot
handed out (for that pass's workspace only), or, without a token and only where nothing
can relay to the board unseen, this machine.

With a token only credentials count, never an address. The token is typed once on the
login page and kept in a signed cookie (HttpOnly, SameSite=Strict), or sent by tools as
`Authorization: Bearer <token>`; guesses at it are throttled per source address. The
cookie is signed with a key derived from the token, so changing the token signs everyone
out. A pass comes as `?pass=` on the link and is kept in a cookie of its own until it
expires.

Without a token the board is served to loopback connections only when no chat platform is
served over HTTP on the same port (that port is the one a tunnel forwards, and a TCP relay
on this machine, such as `ssh -L` or socat, connects from 127.0.0.1 with no header to give
it away), unless app.yaml says `board.local_only: true`; and never when HOST is not
loopback. Otherwise the board is off and says what to set.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from aiohttp import web

from adapters.board.passes import Pass, PassSigner
from adapters.board.proxies import Proxies, is_loopback
from adapters.board.throttle import Throttle, Verdict
from bot.language.phrases import Phrase

COOKIE = "kaizen_board"
PASS_COOKIE = "kaizen_board_pass"
COOKIE_DAYS = 30


@dataclass(frozen=True)
class Opening:
    """How the board is opened: by credentials, to this machine, or not at all (and why)."""

    mode: Literal["token", "local", "off"]
    why: str = ""
    """Why it is off: a Phrase, said in the reader's language on the page that refuses."""


def opening(
    token: str | None,
    host: str,
    chat_over_http: Iterable[str] = (),
    local_only: bool | Literal["auto"] = "auto",
) -> Opening:
    """The board's opening for a server on `host` that also serves `chat_over_http` (the
    names of the chat platforms it serves over HTTP, such as "Slack")."""
    token_name = "KAIZEN_BOARD_TOKEN"
    if token:
        return Opening("token")
    if not is_loopback(host):
        beyond = Phrase(
            "HOST={host} listens beyond this machine; set {token}", host=host, token=token_name
        )
        return Opening("off", beyond)
    if local_only is False:
        setting = "board.local_only"
        return Opening(
            "off",
            Phrase(
                "{setting} is false in app.yaml; set {token}", setting=setting, token=token_name
            ),
        )
    served = _both(list(chat_over_http))
    if local_only == "auto" and served:
        forwarded = Phrase(
            "this port serves {platforms} over HTTP, which a tunnel or proxy forwards; set "
            "{token} (or {setting} if nothing forwards the port)",
            platforms=served,
            token=token_name,
            setting="board.local_only: true",
        )
        return Opening("off", forwarded)
    return Opening("local")


def _both(names: list[str]) -> str:
    """ "Slack", "Slack and Teams", in the reader's language; "" for none."""
    if len(names) < 2:
        return "".join(names)
    return Phrase("{names} and {last}", names=_both(names[:-1]), last=names[-1])


@dataclass(frozen=True)
class Grant:
    """What one request may see: every workspace (`workspace` None) or one, and whether it
    may download the ideas."""

    workspace: str | None
    may_export: bool
    by_pass: Pass | None = None


@dataclass(frozen=True)
class Denial:
    """Why a request sees nothing: the board is off, the request is not from this machine,
    it brought no credentials, a wrong token, or too many of its source's tries wait."""

    reason: Literal["off", "not_local", "none", "wrong", "busy"]
    retry_after: float = 0.0


class BoardAccess:
    def __init__(
        self,
        token: str | None,
        opened: Opening | None = None,
        proxies: Proxies | None = None,
    ) -> None:
        self.token = token or None
        self.opening = opened or opening(self.token, "127.0.0.1")
        if self.token is None and self.opening.mode == "token":
            raise ValueError("a board opened by token needs the token")
        secret = f"kaizen-board-cookie:{self.token or ''}".encode()
        self._key = hashlib.sha256(secret).digest()
        self._passes = PassSigner(self.token) if self.token else None
        self.proxies = proxies or Proxies()
        self.throttle = Throttle()

    @property
    def local_only(self) -> bool:
        return self.opening.mode == "local"

    @property
    def off(self) -> bool:
        return self.opening.mode == "off"

    async def grant(self, request: web.Request) -> Grant | Denial:
        """What the request may see, or why it sees nothing."""
        if self.opening.mode == "off":
            return Denial("off")
        if self.opening.mode == "local":
            return Grant(None, True) if self.proxies.is_local(request) else Denial("not_local")
        bearer = request.headers.get("Authorization", "")
        if bearer.lower().startswith("bearer "):
            verdict = await self.try_token(request, bearer[7:].strip())
            return Grant(None, True) if verdict.right else _denial(verdict)
        if self._valid_cookie(request.cookies.get(COOKIE, "")):
            return Grant(None, may_export=True)
        assert self._passes is not None
        for text in (request.query.get("pass", ""), request.cookies.get(PASS_COOKIE, "")):
            held = self._passes.read(text) if text else None
            if held is not None:
                return Grant(held.workspace, held.may_export, held)
        return Denial("none")

    async def try_token(self, request: web.Request, typed: str) -> Verdict:
        """Whether `typed` is the token, asked when the request's source has its turn."""
        source = self.proxies.client(request)
        return await self.throttle.check(source, lambda: self.token_matches(typed))

    def token_matches(self, typed: str) -> bool:
        return self.token is not None and hmac.compare_digest(typed.encode(), self.token.encode())

    def cookie_value(self, now: float | None = None) -> str:
        expires = int((now or time.time()) + COOKIE_DAYS * 86400)
        return f"{expires}.{self._sign(str(expires))}"

    def _valid_cookie(self, value: str) -> bool:
        expires, _, signature = value.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(signature.encode(), self._sign(expires).encode())

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()


def _denial(verdict: Verdict) -> Denial:
    return Denial("wrong" if verdict.checked else "busy", verdict.retry_after)
