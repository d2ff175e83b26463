"""Delivery to Teams when the connector refuses: throttled, failing, or shut for good."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from adapters.teams.markup import escape
from bot.model.messages import Posted
from bot.settings import Delivery, Settings
from kaizen.teams import TeamsSurface
from storage.database import SqlDatabase
from tests.teams.conversation import TENANT, TeamsChat
from tests.teams.fake_connector import FakeConnector, Refusal
from tests.teams.test_teams_interactions import STANDUP_CHANNEL
from tests.teams.test_teams_limits import standup

QUICK = Settings(delivery=Delivery(first_retry=timedelta(milliseconds=200), attempts=4))


@pytest.fixture
def teams_settings() -> Settings:
    return QUICK


async def test_a_throttled_post_waits_as_long_as_teams_says(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    connector.refusals = [Refusal(429, {"Retry-After": "2"})]
    began = time.monotonic()
    await chat.say("kaizen The label printer jams every morning")
    card, why = await connector.wait_for(2)
    assert time.monotonic() - began >= 2
    assert "Kaizen idea #1" in str(card.body) and why.body["text"].startswith("Why #1")
    assert len(connector.sent()) == 2


async def test_server_errors_are_retried_and_the_post_arrives_once(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    connector.refusals = [Refusal(500), Refusal(500), Refusal(502)]
    await chat.say("kaizen The label printer jams every morning")
    card, why = await connector.wait_for(2)
    assert "Kaizen idea #1" in str(card.body) and why.body["text"].startswith("Why #1")
    refused = [c for c in connector.calls if c.method.startswith("REFUSED")]
    assert len(refused) == 3
    assert len(connector.sent()) == 2


async def test_a_conversation_that_refuses_the_bot_is_parked_with_its_error(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector, database_url: str
) -> None:
    chat, surface = teams
    connector.refusals = [Refusal(403, code="BotNotInConversationRoster")]
    await chat.say("kaizen The label printer jams every morning")
    database = SqlDatabase(database_url)
    try:
        for _ in range(100):
            async with database.reading() as store:
                backlog = await store.outbox.backlog()
            if backlog.parked:
                break
            await surface.runtime.courier.flush()
        assert backlog.parked == 1  # the card; its Why #1 went to the author's personal chat
    finally:
        await database.close()
    (why,) = await connector.wait_for(1)
    assert "a:personal-" in why.path and why.body["text"].startswith("I couldn't post")
    assert "Why #1: Why does the label printer jam every morning?" in why.body["text"]


async def test_a_thirty_person_stand_up_summary_arrives_within_teams_limits(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    """The summary of issue 19 (30 people, 300-character blockers: 51 KB as one card) goes
    out as several messages in the prompt's reply chain, none over 40 KB (the connector
    stand-in answers 413 to any that is, and the fixture fails the test), every blocker
    there, in order; updating it keeps one message, shortened."""
    chat, surface = teams
    assert await chat.install() in (200, 201)
    content, answers = standup(30, 300)
    prompt = Posted(STANDUP_CHANNEL, "1760000000100")
    posted = await surface.outlet.post(TENANT, STANDUP_CHANNEL, content, prompt)
    parts = connector.sent()
    assert len(parts) > 1
    assert {p.path for p in parts} == {
        f"/v3/conversations/{STANDUP_CHANNEL};messageid=1760000000100/activities"
    }
    assert posted.message_id == parts[0].id
    shown = " ".join(json.dumps(p.body, ensure_ascii=False) for p in parts)
    places = [shown.find(escape(a.blocker or "")[:60]) for a in answers]
    assert -1 not in places and places == sorted(places)
    for part in parts:
        assert len(json.dumps(part.body, ensure_ascii=False).encode("utf-16-le")) < 40 * 1024
        assert part.body.get("entities", []) == []  # a card's mentions live in the card
    await surface.outlet.update(TENANT, posted, content)
    update = (await connector.wait_for(1, kind="PUT", ending=f"/activities/{parts[0].id}"))[0]
    assert len(json.dumps(update.body, ensure_ascii=False).encode("utf-16-le")) < 40 * 1024
