"""Recognising a command in typed text, for surfaces without slash commands (Teams, terminal)."""

from __future__ import annotations

import re

from bot.clean import bounded
from bot.events import Command, Message
from bot.people import Person, Place

COMMAND_NAMES = ("kaizen", "kudos")

_COMMAND = re.compile(
    r"\s*+/?(?P<name>" + "|".join(COMMAND_NAMES) + r")(?:[:,]|\s|$)", re.IGNORECASE
)
"""Only the command word is matched; the rest is sliced off and stripped, which is linear
whatever follows (a lazy `.*?\\s*$` here took seconds on a run of newlines)."""


def split_command(text: str) -> tuple[str, str] | None:
    """`"/kaizen fix it"`, `"Kaizen: fix it"` -> `("kaizen", "fix it")`; None if not a command."""
    text = bounded(text)
    match = _COMMAND.match(text)
    if match is None:
        return None
    return match.group("name").lower(), text[match.end() :].strip()


def typed_event(
    text: str,
    *,
    workspace: str,
    person: Person,
    place: Place,
    mentions: tuple[Person, ...] = (),
    event_id: str | None = None,
    raw: object = None,
    commands_allowed: bool = True,
    addressed: bool = False,
) -> Command | Message:
    """A typed line as the engine sees it: a `Command` if it starts with one, else a `Message`.

    Commands go to the conversation outside any thread (but in a reply chain where the
    platform answers there: `Place.in_chain`); a `Message` stays where it was said, and
    `addressed` says the person @mentioned the bot in it.
    """
    words = split_command(text) if commands_allowed else None
    if words is not None:
        return Command(
            workspace=workspace,
            person=person,
            place=place if place.in_chain else place.top(),
            mentions=mentions,
            id=event_id,
            raw=raw,
            name=words[0],
            text=words[1],
        )
    return Message(
        workspace=workspace,
        person=person,
        place=place,
        mentions=mentions,
        id=event_id,
        raw=raw,
        text=text,
        addressed=addressed,
    )
