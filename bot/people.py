"""Who is speaking and where: the two references every event carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    """A person as the platform knows them: a stable id and a display name."""

    id: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Place:
    """A conversation on a platform: a channel, optionally one thread inside it.

    `direct` marks a one-to-one conversation with the bot (a Slack DM, a Teams personal
    chat, the terminal), where there are no threads to tell dialogues apart.
    """

    channel: str
    thread: str | None = None
    direct: bool = False

    def top(self) -> Place:
        """The same conversation outside any thread."""
        return Place(self.channel, None, self.direct)
