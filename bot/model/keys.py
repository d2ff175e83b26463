"""The names the bot gives its messages: one small type per kind, each with its own format.

A message the bot posts is remembered under a key ("idea:12", "standup:7",
"conversation:19:abc@thread.tacv2"), so a reply in its thread can be traced back to what it
is about, and a later update finds the message. The text form is what is stored (keys
outlive a release); everything else handles the typed form, and `parse_key` is the one
place that reads the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdeaKey:
    """An idea's card: its thread holds the idea's 5 Whys."""

    number: int
    PREFIX = "idea"

    def __str__(self) -> str:
        return f"{self.PREFIX}:{self.number}"

    @property
    def origin(self) -> str:
        """The key of the reply, in the author's own post elsewhere, that points to the card:
        it reads back as this key, so answers there count as answers in the card's thread."""
        return f"{self}{ORIGIN}"


@dataclass(frozen=True)
class StandupKey:
    """A stand-up run's prompt: its thread holds the answers."""

    run: int
    PREFIX = "standup"

    def __str__(self) -> str:
        return f"{self.PREFIX}:{self.run}"


@dataclass(frozen=True)
class KudosKey:
    """A kudos post: a reaction on it is a reaction to the kudos."""

    id: int
    PREFIX = "kudos"

    def __str__(self) -> str:
        return f"{self.PREFIX}:{self.id}"


@dataclass(frozen=True)
class ConversationKey:
    """A conversation the bot has a way into (Teams: where to open a reply chain)."""

    channel: str
    PREFIX = "conversation"

    def __str__(self) -> str:
        return f"{self.PREFIX}:{self.channel}"


MessageKey = IdeaKey | StandupKey | KudosKey | ConversationKey
ORIGIN = "/origin"


def parse_key(text: str | None) -> MessageKey | None:
    """The typed key of a stored one; None for no key or one of no kind we know (a summary,
    a reminder: keys that are only ever looked up, never replied under)."""
    if not text:
        return None
    kind, _, rest = text.partition(":")
    if kind == IdeaKey.PREFIX:
        rest = rest.removesuffix(ORIGIN)
    if kind == IdeaKey.PREFIX and rest.isdecimal() and len(rest) < 10:
        return IdeaKey(int(rest))
    if kind == StandupKey.PREFIX and rest.isdecimal() and len(rest) < 10:
        return StandupKey(int(rest))
    if kind == KudosKey.PREFIX and rest.isdecimal() and len(rest) < 10:
        return KudosKey(int(rest))
    if kind == ConversationKey.PREFIX and rest:
        return ConversationKey(rest)
    return None
