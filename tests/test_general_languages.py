"""The bot's general words in German and Vietnamese: help, an unknown or mistyped command,
the numbers of `kaizen stats`, and the terminal's own lines, through the real engine on a
real SQLite database, with the team's language set in app.yaml (`language:`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.terminal.console import run_console
from bot.actions import Action, PrivateReply
from bot.clock import FrozenClock
from bot.content import Card, Text
from bot.engine import Engine
from bot.events import Command
from bot.features import build_router
from bot.people import Person, Place
from bot.settings import Settings
from storage.database import SqlDatabase
from tests.conftest import AppOpener
from tests.terminal_session import TerminalSession

AT = datetime(2026, 3, 12, 9, tzinfo=UTC)
ALICE = Person("U1", "alice")

ENGLISH_FRAME_WORDS = (
    "In an idea's thread",
    "small improvements",
    "this help, privately",
    "your user id here",
    "I don't know the command",
    "Try `kaizen help`",
    "Did you mean",
    "If you meant it as an idea",
    "Kaizen numbers",
    " given",
    "implemented",
    "set aside",
    "still open",
    "Participation",
    "Lead time",
    "per person",
    "All ideas",
    "from an idea given",
    "this month",
    "since ",
)
"""Words of the general frames in English: none may show through in another language."""


async def said(language: str, database_url: str, *commands: tuple[str, str]) -> list[str]:
    """What the bot answers each command (name, text), as the person reads it."""
    database = SqlDatabase(database_url)
    settings = Settings(language=language)
    clock = FrozenClock(AT)
    engine = Engine(build_router(), database, clock, settings)
    idea = Command(
        workspace="T1",
        person=ALICE,
        place=Place("C1"),
        name="kaizen",
        text="The labels on the stores shelves are too small to read from the aisle",
    )
    await engine.handle(idea, "test")  # numbers to show (its answer is another part's)
    clock.advance(timedelta(hours=1))
    answers = []
    for name, text in commands:
        event = Command(workspace="T1", person=ALICE, place=Place("C1"), name=name, text=text)
        answers.append(_plain(await engine.handle(event, "test")))
    await database.close()
    return answers


def _plain(actions: list[Action]) -> str:
    assert len(actions) == 1 and isinstance(actions[0], PrivateReply), actions
    content = actions[0].content
    return content.plain() if isinstance(content, Text | Card) else str(content)


def no_english(text: str) -> None:
    leaked = [words for words in ENGLISH_FRAME_WORDS if words in text]
    assert not leaked, f"English in {text!r}: {leaked}"


COMMANDS = [("kaizen", "help"), ("standup", "now"), ("kaizen", "lsit mine"), ("kaizen", "stats")]


async def test_help_refusals_and_numbers_in_german(database_url: str) -> None:
    help_card, unknown, mistyped, stats = await said("de", database_url, *COMMANDS)
    assert help_card.startswith("Kaizen Bot: jeden Tag kleine Verbesserungen\nIdeen:\n")
    assert "\nStand-ups:\n" in help_card and "\nKudos:\n" in help_card
    assert "kaizen help: diese Hilfe, nur für dich" in help_card
    assert "kaizen whoami: deine Benutzer-ID hier und ob du Admin bist" in help_card
    assert "kaizen stats [week|month|quarter|year|all] [here]: nur für dich: Durchlaufzeit" in (
        help_card
    )
    assert "Im Thread einer Idee beantwortet jede Antwort das aktuelle Warum." in help_card
    assert "(nach etwa 5 Warum-Fragen, höchstens 7); sag \u201eGrundursache\u201c" in help_card
    assert unknown == "Den Befehl `standup` kenne ich nicht. Probier es mit `kaizen help`."
    assert mistyped == (
        "Meintest du `kaizen list mine`? Falls das eine Idee sein sollte, schreib "
        "`kaizen idea: lsit mine`."
    )
    assert stats.startswith("Kaizen-Kennzahlen in diesem Monat (seit 01.03.2026)\n")
    assert "Alle Ideen: 1 eingereicht, 0 umgesetzt, 0 zurückgestellt, 1 noch offen; " in stats
    assert "0\u00a0% der eingereichten Ideen sind umgesetzt." in stats
    assert (
        "Beteiligung: 1 von 1 aktiven Personen hier (100\u00a0%) hat eine Idee eingereicht" in stats
    )
    assert "Durchlaufzeit: von der eingereichten Idee bis zur Umsetzung. kaizen stats" in stats
    for text in (help_card, unknown, mistyped, stats):
        no_english(text)


async def test_help_refusals_and_numbers_in_vietnamese(database_url: str) -> None:
    help_card, unknown, mistyped, stats = await said("vi", database_url, *COMMANDS)
    assert help_card.startswith("Kaizen Bot: cải tiến nhỏ mỗi ngày\nÝ tưởng:\n")
    assert "kaizen help: phần trợ giúp này, chỉ gửi riêng cho bạn" in help_card
    assert "Trong luồng trao đổi của một ý tưởng" in help_card
    assert "nguyên nhân gốc" in help_card
    assert unknown == "Mình không biết lệnh `standup`. Bạn thử `kaizen help` nhé."
    assert mistyped == (
        "Có phải ý bạn là `kaizen list mine`? Nếu bạn muốn gửi nội dung này như một ý tưởng, "
        "hãy viết `kaizen idea: lsit mine`."
    )
    assert stats.startswith("Số liệu Kaizen tháng này (từ 1 thg 3, 2026)\n")
    assert "Tất cả ý tưởng: 1 ý tưởng được đề xuất, 0 đã thực hiện, 0 tạm gác lại" in stats
    assert "Mức độ tham gia: 1 trên 1 người đang hoạt động ở đây (100%)" in stats
    for text in (help_card, unknown, mistyped, stats):
        no_english(text)


async def test_english_stays_as_it_was(database_url: str) -> None:
    help_card, unknown, mistyped, stats = await said("en", database_url, *COMMANDS)
    assert help_card.startswith("Kaizen Bot: small improvements, every day\nIdeas:\n")
    assert unknown == "I don't know the command `standup`. Try `kaizen help`."
    assert mistyped.startswith("Did you mean `kaizen list mine`? If you meant it as an idea")
    assert stats.startswith("Kaizen numbers this month (since Sun 01 Mar 2026)\n")
    assert "All ideas: 1 given, 0 implemented, 0 set aside, 1 still open; 0% of" in stats


class _Keyboard:
    """A terminal's stdin for `run_console`: it is a tty, so the welcome line is printed."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("language", "welcome", "usage", "later", "private"),
    [
        (
            "de",
            "Kaizen Bot. Tippe `kaizen help` oder einfach `kaizen <Idee>`. /as NAME, /press N",
            "  Verwendung: /as NAME",
            "  /later verstellt die Zeit nur in `kaizen chat --time-travel`",
            "  (nur für alice) Meintest du `kaizen list mine`?",
        ),
        (
            "vi",
            "Kaizen Bot. Gõ `kaizen help`, hoặc chỉ cần `kaizen <ý tưởng>`. /as TÊN, /press N",
            "  cách dùng: /as TÊN",
            "  /later chỉ dời thời gian trong `kaizen chat --time-travel`",
            "  (chỉ alice thấy) Có phải ý bạn là `kaizen list mine`?",
        ),
    ],
)
async def test_the_terminal_says_its_own_lines_in_the_chat_language(
    open_apps: AppOpener,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    language: str,
    welcome: str,
    usage: str,
    later: str,
    private: str,
) -> None:
    app = await open_apps(Settings(language=language))
    terminal = TerminalSession(app)
    assert await terminal.say("/as") == usage
    assert await terminal.say("/later 2d") == later
    assert (await terminal.say("kaizen lsit mine")).startswith(private)
    unknown = await terminal.say("/foo")
    assert unknown.startswith("  ") and "unknown" not in unknown and "(a form)" not in unknown
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr("builtins.input", _no_more_lines)
    printed: list[str] = []
    await run_console(terminal.chat, stdin=_Keyboard(), write=printed.append)  # type: ignore[arg-type]
    assert printed[0].startswith(welcome)
    assert "(with --time-travel)" not in printed[0] and "(a form)" not in printed[0]


def _no_more_lines(prompt: str = "") -> str:
    raise EOFError
