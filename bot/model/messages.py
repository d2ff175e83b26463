"""Where the bot's messages landed, and what it keeps about each platform's conversations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Posted:
    """Where a message the bot posted landed on the platform; `thread` is its thread's root."""

    channel: str
    message_id: str
    thread: str | None = None
    link: str | None = None
    """Where a person can open the message, when the platform gives such a link."""

    @property
    def thread_root(self) -> str:
        return self.thread or self.message_id


class MessageStore(Protocol):
    async def remember(self, workspace: str, key: str, posted: Posted) -> None: ...

    async def find(self, workspace: str, key: str) -> Posted | None: ...

    async def key_at(self, workspace: str, channel: str, message_id: str) -> str | None:
        """The key of the message posted at (channel, message_id), if it was ours; else of
        the first message of ours in the reply chain that message starts."""
        ...


class ReferenceStore(Protocol):
    """Opaque per-platform data about a conversation (how to post into it later)."""

    async def remember(
        self, workspace: str, key: str, data: dict[str, Any], at: datetime
    ) -> None: ...

    async def find(self, workspace: str, key: str) -> dict[str, Any] | None: ...
