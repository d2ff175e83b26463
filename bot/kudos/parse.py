"""Reading `/kudos @bob @carol for fixing the labeller #teamwork`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import UserError
from bot.people import Person

_BROADCASTS = frozenset({"here", "channel", "everyone"})
_JOINERS = frozenset({"and", "&", ",", "+"})
_HOW = "`/kudos @person what they did #value`"


@dataclass(frozen=True)
class Request:
    receivers: tuple[Person, ...]
    reason: str
    value: str | None
    """The `#value` the giver wrote, as written (checked against app.yaml later)."""


def read_request(text: str, mentions: tuple[Person, ...]) -> Request:
    """Receivers are the @mentions the text starts with; a last `#word` is the value."""
    words = text.split()
    receivers: list[Person] = []
    while words and (words[0].startswith("@") or words[0].lower() in _JOINERS):
        word = words.pop(0)
        if word.lower() in _JOINERS:
            continue
        receivers.append(_mentioned(word, mentions))
    if not receivers:
        raise UserError(f"Who are the kudos for? Mention them: {_HOW}.")
    value = None
    if words and words[-1].startswith("#") and len(words[-1]) > 1:
        value = words.pop()[1:]
    return Request(tuple(dict.fromkeys(receivers)), " ".join(words), value)


def normal_value(value: str) -> str:
    """ "#customer-first", "Customer_First" and "customer first" are the same value."""
    return re.sub(r"[\s_-]+", " ", value.strip().lower())


def _mentioned(word: str, mentions: tuple[Person, ...]) -> Person:
    name = word.lstrip("@").rstrip(",.;:!")
    if name.lower() in _BROADCASTS:
        raise UserError(
            f"Kudos are for people by name, not for @{name}: mention the ones you mean, "
            f"like {_HOW}."
        )
    for person in mentions:
        if name.lower() in (person.name.lower(), person.id.lower()):
            return person
    raise UserError(
        f"I could not find @{name}. Pick them from the mention list so they are "
        "highlighted, then send it again."
    )
