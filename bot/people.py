"""Who is speaking and where: the two references every event carries."""

from __future__ import annotations

from dataclasses import dataclass, field

LONGEST_NAME = 200
"""Names are shown, not trusted: a longer one is cut (platforms cap theirs near 80)."""
LONGEST_ID = 200
"""The longest person or channel id kept; adapters refuse longer ones (Teams' run ~100)."""


@dataclass(frozen=True)
class Person:
    """A person as the platform knows them: a stable id and a display name.

    `timezone` (IANA) is where their day starts and ends, when the platform says;
    `locale` ("de-DE", "vi-VN") the language their platform speaks to them in; `is_bot`
    marks bots, this one included. None of these is part of who they are.
    """

    id: str
    name: str
    timezone: str | None = field(default=None, compare=False)
    is_bot: bool = field(default=False, compare=False)
    locale: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if len(self.name) > LONGEST_NAME:
            object.__setattr__(self, "name", self.name[: LONGEST_NAME - 1] + "\u2026")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Place:
    """A conversation on a platform: a channel, optionally one thread inside it.

    `direct` marks a one-to-one conversation with the bot (a Slack DM, a Teams personal
    chat, the terminal), where there are no threads to tell dialogues apart.

    `in_chain` marks a platform where every post is a reply chain and people expect the
    answer in the chain they wrote in (a Teams channel: a new post's `thread` is the post
    itself), so a command keeps its thread and a new idea's card goes into that chain.
    """

    channel: str
    thread: str | None = None
    direct: bool = False
    in_chain: bool = False

    def top(self) -> Place:
        """The same conversation outside any thread."""
        return Place(self.channel, None, self.direct)
