"""Links to the board that the bot hands out in chat: made outside the engine, which knows no
secret and no web address, and given to it at wiring time."""

from __future__ import annotations

from typing import Literal, Protocol

ExportFormat = Literal["csv", "json"]


class BoardLinks(Protocol):
    def board(self, workspace: str, may_export: bool) -> str | None:
        """A link that opens this workspace's board (and only it) for a while; None when the
        board cannot be linked to (no public address, or nothing to sign links with)."""
        ...

    def export(self, workspace: str, kind: ExportFormat) -> str | None:
        """A short-lived link that downloads every idea of this workspace."""
        ...

    def idea(self, workspace: str, number: int) -> str | None:
        """A link to idea `number`'s A3 page (the board's rules: this workspace only)."""
        ...


class NoBoardLinks:
    """The board cannot be linked to: it answers on the bot's own machine only."""

    def board(self, workspace: str, may_export: bool) -> str | None:
        return None

    def export(self, workspace: str, kind: ExportFormat) -> str | None:
        return None

    def idea(self, workspace: str, number: int) -> str | None:
        return None
