"""Every parser of people's text reads a 40,000-character message, however it is built.

The shapes are the ones that froze the bot (issue 15): long runs of spaces, newlines,
digits, `<` and dots after the words a parser reacts to. Each parser is fed every shape
raw, as if nothing had cut or collapsed it first; the times are in bench/parsers.py. A
parser that went quadratic again would make this test take minutes, and the suite's
faulthandler timeout ends it.
"""

from __future__ import annotations

import pytest

from bot.clean import MAX_TEXT, tidy
from bot.commands import split_command
from bot.standup.answers import blocker_in
from tests.adversarial import PARSERS, QUESTIONS, texts

LONG = list(texts(MAX_TEXT, suffixes=("x",)))


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_a_parser_reads_every_adversarial_message(name: str) -> None:
    parse = PARSERS[name]
    for text in LONG:
        parse(text)


def test_the_freezing_messages_read_as_what_they_say() -> None:
    stand_up = "1. a\n2. b\n3. no" + " " * 39_900 + "x"
    assert blocker_in(stand_up, QUESTIONS) == "no" + " " * 39_900 + "x"
    assert blocker_in(tidy(stand_up), QUESTIONS) == "no x"
    assert blocker_in("1. a\n2. b\n3. no" + " " * 39_900, QUESTIONS) is None
    direct = "kaizen a" + "\n" * 39_990 + "b"
    assert split_command(direct) == ("kaizen", "a" + "\n" * 39_990 + "b")
    assert split_command(tidy(direct)) == ("kaizen", "a\n\nb")
