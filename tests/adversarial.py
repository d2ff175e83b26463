"""Every parser of people's text, and the adversarial texts that once froze the bot.

Shared by the test that feeds them at 40,000 characters (tests/test_linear_parsing.py)
and the benchmark that times them (bench/parsers.py). The shapes: a prefix a parser reacts
to, then a long run of one filler (spaces, newlines, digits, `<`, dots...), then a suffix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from adapters.slack import mrkdwn
from adapters.teams import markup
from adapters.teams.activities import to_event
from adapters.terminal.chat import mentions_in
from bot.clean import tidy
from bot.commands import split_command
from bot.features import build_router
from bot.kudos.parse import read_request
from bot.language.coaching import blames_a_person, is_unsure
from bot.language.criticism import criticism_in
from bot.language.overlap import words
from bot.language.phrasing import first_why, next_why
from bot.language.stops import read_stop
from bot.people import Person
from bot.standup.answers import blocker_in, same_blocker

QUESTIONS = ("What did you do yesterday?", "What will you do today?", "Any blockers?")
PERSON = Person("U0BOB", "Bob")


def _teams(text: str) -> object:
    return to_event(
        {
            "type": "message",
            "id": "1",
            "text": text,
            "from": {"id": "29:bob", "name": "Bob"},
            "recipient": {"id": "28:bot", "name": "Kaizen"},
            "conversation": {"id": "a:1", "conversationType": "personal"},
            "channelData": {"tenant": {"id": "t"}},
            "entities": [
                {"type": "mention", "text": "<at>Kaizen</at>", "mentioned": {"id": "28:bot"}}
            ],
        }
    )


def _commands(text: str) -> object:
    """Every command pattern the features register, as the router matches them."""
    return [pattern.fullmatch(text) for pattern in _PATTERNS]


_ROUTER = build_router()
_PATTERNS = _ROUTER.patterns()


def _kudos(text: str) -> object:
    try:
        return read_request(text, (PERSON,))
    except Exception:  # a refusal is an answer too
        return None


PARSERS: dict[str, Callable[[str], object]] = {
    "tidy (every event)": tidy,
    "split_command": split_command,
    "command patterns": _commands,
    "grammar: misused": lambda text: _ROUTER.grammar.misused("kaizen", text),
    "stand-up blocker_in": lambda text: blocker_in(text, QUESTIONS),
    "stand-up same_blocker": lambda text: same_blocker(text, text),
    "kudos read_request": _kudos,
    "kudos criticism_in": criticism_in,
    "coach: blames_a_person": blames_a_person,
    "coach: is_unsure": is_unsure,
    "coach: read_stop": lambda text: read_stop(text, ("done", "root cause")),
    "coach: first_why": first_why,
    "coach: next_why": next_why,
    "duplicates: words": words,
    "Slack mrkdwn.read": mrkdwn.read,
    "Teams markup.plain": markup.plain,
    "Teams activity": _teams,
    "terminal mentions": mentions_in,
}

PREFIXES = (
    "",
    "kaizen a",
    "/kaizen idea: ",
    "kudos @Bob for ",
    "1. a\n2. b\n3. no",
    "blocker: ",
    "none",
    "root cause: ",
    "I think we found ",
    "John forgot ",
    "<@U0BOB|",
    "<at>",
    "answer #1 ",
    "The rollers are ",
)
FILLERS = (" ", "\n", "\t", "a", "1", "1. ", "<", ".", "-", "@", "'", "\u00a0", "\u202e", "ab ")
SUFFIXES = ("x", "", "!")


def texts(length: int, suffixes: tuple[str, ...] = SUFFIXES) -> Iterator[str]:
    """Prefix + a run of one filler + suffix, `length` characters in all."""
    for prefix in PREFIXES:
        for filler in FILLERS:
            for suffix in suffixes:
                room = max(0, length - len(prefix) - len(suffix))
                yield prefix + (filler * (room // len(filler) + 1))[:room] + suffix
