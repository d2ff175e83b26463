"""Board passes: signed, expiring links that open one workspace's board and nothing else.

The holder of KAIZEN_BOARD_TOKEN sees every workspace. A pass, handed out in chat by the bot
(`kaizen board`, `kaizen export`), opens only the workspace of the person who asked: one
tenant never sees another's ideas. Passes are signed with a key derived from the token, so
changing the token ends every pass too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from bot.links import ExportFormat

Scope = Literal["view", "export"]
VIEW_DAYS = 30
EXPORT_MINUTES = 60


@dataclass(frozen=True)
class Pass:
    workspace: str
    expires: int
    scope: Scope

    @property
    def may_export(self) -> bool:
        return self.scope == "export"


class PassSigner:
    def __init__(self, token: str) -> None:
        self._key = hashlib.sha256(f"kaizen-board-pass:{token}".encode()).digest()

    def make(self, workspace: str, scope: Scope, seconds: int, now: float | None = None) -> str:
        expires = int((now or time.time()) + seconds)
        body = f"{_encode(workspace)}.{expires}.{scope}"
        return f"{body}.{self._sign(body)}"

    def read(self, text: str, now: float | None = None) -> Pass | None:
        """The pass in `text`, if it is one of ours and still good."""
        parts = text.split(".")
        if len(parts) != 4:
            return None
        encoded, expires, scope, signature = parts
        body = f"{encoded}.{expires}.{scope}"
        if not hmac.compare_digest(signature.encode(), self._sign(body).encode()):
            return None
        if not expires.isdigit() or int(expires) < (now or time.time()):
            return None
        workspace = _decode(encoded)
        if workspace is None or scope not in ("view", "export"):
            return None
        return Pass(workspace, int(expires), "export" if scope == "export" else "view")

    def _sign(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()


class SignedBoardLinks:
    """The engine's `BoardLinks`: passes for the board at its public address."""

    def __init__(self, url: str, token: str) -> None:
        self._url = url.rstrip("/")
        self._signer = PassSigner(token)

    def board(self, workspace: str, may_export: bool) -> str | None:
        scope: Scope = "export" if may_export else "view"
        granted = self._signer.make(workspace, scope, VIEW_DAYS * 86400)
        return f"{self._url}/?{urlencode({'pass': granted})}"

    def export(self, workspace: str, kind: ExportFormat) -> str | None:
        granted = self._signer.make(workspace, "export", EXPORT_MINUTES * 60)
        return f"{self._url}/ideas.{kind}?{urlencode({'pass': granted})}"

    def idea(self, workspace: str, number: int) -> str | None:
        granted = self._signer.make(workspace, "view", VIEW_DAYS * 86400)
        return f"{self._url}/ideas/{number}?{urlencode({'pass': granted})}"


def _encode(workspace: str) -> str:
    return base64.urlsafe_b64encode(workspace.encode()).decode().rstrip("=")


def _decode(encoded: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


class LocalBoardLinks:
    """Links to a board that answers on this machine only (the terminal's, beside `kaizen
    run`): plain addresses, which open for the person at this machine and nobody else."""

    def __init__(self, host: str, port: int) -> None:
        self._url = f"http://{host}:{port}"

    def board(self, workspace: str, may_export: bool) -> str | None:
        return f"{self._url}/?{urlencode({'workspace': workspace})}"

    def export(self, workspace: str, kind: ExportFormat) -> str | None:
        return f"{self._url}/ideas.{kind}?{urlencode({'workspace': workspace})}"

    def idea(self, workspace: str, number: int) -> str | None:
        return f"{self._url}/ideas/{number}?{urlencode({'workspace': workspace})}"
