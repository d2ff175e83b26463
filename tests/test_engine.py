"""The engine's promises: a refused turn changes nothing, a crash is logged and apologised for."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest

from bot.actions import Action, Post, PrivateReply
from bot.clock import FrozenClock
from bot.content import Text
from bot.engine import Engine
from bot.errors import UserError
from bot.events import Command, ScheduleTick
from bot.features import build_router
from bot.model.ideas import Idea
from bot.people import Person, Place
from bot.router import Router
from bot.settings import Settings
from bot.turn import Turn
from storage.database import SqlDatabase
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)
ALICE = Person("U1", "alice")


def command(text: str) -> Command:
    return Command(workspace="T1", person=ALICE, place=Place("C1"), name="kaizen", text=text)


def router_that_fails(error: Exception) -> Router:
    """A feature that writes an idea and then fails, as a buggy or refusing handler would."""
    router = Router()

    @router.command("kaizen")
    async def half_done(event: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
        await turn.store.ideas.add(
            Idea(
                workspace="T1",
                text=event.text,
                author=ALICE,
                channel="C1",
                created_at=turn.now,
                stage_at=turn.now,
            )
        )
        raise error

    return router


async def count_ideas(database: SqlDatabase) -> int:
    async with database.transaction() as store:
        return (await store.ideas.find("T1", "all", ALICE, 10))[1]


async def test_a_user_error_rolls_back_and_answers_privately(database_url: str) -> None:
    database = SqlDatabase(database_url)
    engine = Engine(
        router_that_fails(UserError("Not like that.")), database, FrozenClock(AT), Settings()
    )
    actions = await engine.handle(command("Label the shelves"), "test")
    assert actions == [PrivateReply(ALICE, Place("C1"), Text.of("Not like that."))]
    assert await count_ideas(database) == 0
    await database.close()


async def test_a_crash_is_logged_with_a_reference_the_person_is_given(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    database = SqlDatabase(database_url)
    engine = Engine(router_that_fails(KeyError("boom")), database, FrozenClock(AT), Settings())
    with caplog.at_level(logging.ERROR):
        actions = await engine.handle(command("Label the shelves"), "test")
    reply = actions[0].content.plain()  # type: ignore[union-attr]
    reference = re.search(r"ref ([0-9a-f]{8})", reply)
    assert reference and "Nothing was changed" in reply and "KeyError" not in reply
    assert f"ref {reference.group(1)}" in caplog.text and "KeyError" in caplog.text
    assert await count_ideas(database) == 0
    await database.close()


async def test_an_unknown_command_name_is_explained(database_url: str) -> None:
    database = SqlDatabase(database_url)
    engine = Engine(build_router(), database, FrozenClock(AT), Settings())
    event = Command(workspace="T1", person=ALICE, place=Place("C1"), name="standup", text="now")
    actions = await engine.handle(event, "test")
    assert "I don't know the command `standup`" in actions[0].content.plain()  # type: ignore[union-attr]
    await database.close()


async def test_a_tick_with_nothing_due_does_nothing(database_url: str) -> None:
    database = SqlDatabase(database_url)
    engine = Engine(build_router(), database, FrozenClock(AT), Settings())
    assert await engine.handle(ScheduleTick("T1", AT), "test") == []
    await database.close()


def test_handlers_return_actions_not_side_effects() -> None:
    """Actions are values: equal when they say the same thing, so tests can compare them."""
    assert Post("C1", Text.of("hi")) == Post("C1", Text.of("hi"))


async def test_a_tick_for_a_workspace_nobody_has_talked_from_does_nothing(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    """The terminal ticks its workspace at start, before the first word is said."""
    chat.workspace = "T-NEW"
    with caplog.at_level(logging.WARNING):
        await chat.tick()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    chat.expect_nothing()
    await chat.say("kaizen The label printer jams every morning")
    chat.expect_post("Kaizen idea #1")
