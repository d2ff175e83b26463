"""Any text at all, typed into the terminal or sent as a command: an answer, never a crash.

The terminal adapter's line parser (`/as`, `/press`, `/react`, forms) and the engine's
command parser get arbitrary text; the bot may refuse it, privately, but never apologises
for an error of its own.
"""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import Settings
from tests.conftest import AppOpener
from tests.hostile import fuzz, words
from tests.terminal_session import TerminalSession

FUZZ = fuzz(300)
pytestmark = pytest.mark.both_databases  # PostgreSQL checks every length
STARTS = [
    "",
    "kaizen ",
    "/kaizen ",
    "Kaizen: ",
    "kaizen move 1 ",
    "kaizen move ",
    "kaizen show ",
    "kaizen answer 1 ",
    "kaizen invite 1 ",
    "kaizen assign 1 ",
    "kaizen take ",
    "kaizen strategic 1 ",
    "kaizen stats ",
    "kaizen list ",
    "kaizen standup away ",
    "kaizen credit-me ",
    "kudos ",
    "/kudos ",
    "kudos top ",
    "/as ",
    "/press ",
    "/react ",
    "/unreact ",
]
lines = st.builds(lambda start, rest: start + rest, st.sampled_from(STARTS), words)


@pytest.fixture
async def term(open_apps: AppOpener) -> TerminalSession:
    session = TerminalSession(await open_apps(Settings(strategic_goals=("Safety first",))))
    await session.say("kaizen The label printer jams every morning")
    return session


@FUZZ
@given(line=lines)
async def test_any_line_gets_an_answer_and_never_a_crash(
    term: TerminalSession, caplog: pytest.LogCaptureFixture, line: str
) -> None:
    out = await term.say(line.replace("\n", " "))
    assert "something went wrong on my side" not in out, line
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    caplog.clear()
    assert errors == [], line
    await term.say("/cancel")  # leave any form a line opened
