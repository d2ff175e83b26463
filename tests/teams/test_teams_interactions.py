"""Kudos cards, buttons, forms, private answers and a proactive stand-up, in Teams."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.settings import Settings, Standup
from kaizen.scheduler import StandupScheduler
from kaizen.teams import TeamsSurface
from tests.teams.conversation import CHANNEL, TENANT, TeamsChat
from tests.teams.fake_connector import FakeConnector

BOB = {"id": "29:1bob", "name": "Bob Brown"}
STANDUP_CHANNEL = "19:standup@thread.tacv2"


def text_of(body: dict[str, object]) -> str:
    return json.dumps(body, ensure_ascii=False)


async def test_kudos_post_a_card_with_a_real_mention_and_confirm_in_the_personal_chat(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say(
        "kudos <at>Bob Brown</at> for sorting the returns shelf #teamwork", mentions=(BOB,)
    )
    kudos = (await connector.wait_for(1))[0]
    assert kudos.path == f"/v3/conversations/{CHANNEL}/activities"
    card = kudos.body["attachments"][0]["content"]
    assert "<at>Alice Adams</at> recognised <at>Bob Brown</at>" in text_of(card)
    mentioned = [e["mentioned"]["id"] for e in card["msteams"]["entities"]]
    assert mentioned == ["29:1alice", "29:1bob"]
    opened = (await connector.wait_for(1, ending="/v3/conversations"))[0]
    assert opened.body["members"][0]["id"] == "29:1alice"
    assert opened.body["channelData"]["tenant"]["id"] == TENANT
    private = (await connector.wait_for(2))[1]
    assert private.path == "/v3/conversations/a:personal-29:1alice/activities"
    assert "Your kudos to <at>Bob Brown</at> is posted" in private.body["text"]


async def test_typed_html_and_at_tags_never_render(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say("kaizen Fix &lt;b&gt;the&lt;/b&gt; labels &amp; stop <at>everyone</at> pings")
    card = (await connector.wait_for(1))[0].body["attachments"][0]["content"]
    assert "&lt;b&gt;the&lt;/b&gt; labels &amp; stop everyone pings" in text_of(card)
    assert "<b>" not in text_of(card)


async def test_card_buttons_with_submit_and_execute_move_the_idea_and_update_the_card(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say("kaizen Label the spare parts shelves")
    root = chat.last_post  # the person's post: the card and its whys are in its chain
    card, _ = await connector.wait_for(2)
    assert await chat.as_("Carol Clark").press("Move to Plan", on=card.body, thread=root) in (
        200,
        201,
    )
    update = (await connector.wait_for(1, kind="PUT", ending=f"/activities/{card.id}"))[0]
    assert "\u00b7 Plan" in text_of(update.body)
    in_thread = f"/v3/conversations/{CHANNEL};messageid={root}/activities"
    notice = (await connector.wait_for(3, ending=in_thread))[2]  # after the card and Why #1
    assert "<at>Carol Clark</at> moved idea #1 to Plan" in notice.body["text"]

    data = {"kaizen": "button", "action": "idea.move", "value": "1:do"}
    assert await chat.execute(data, thread=root) == 200
    updates = await connector.wait_for(2, kind="PUT", ending=f"/activities/{card.id}")
    assert "\u00b7 Do" in text_of(updates[1].body)


async def test_the_idea_form_opens_privately_and_the_idea_lands_where_it_was_asked_for(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say("kaizen")
    form = (await connector.wait_for(1))[0]
    assert form.path == "/v3/conversations/a:personal-29:1alice/activities"
    inputs = [
        i["id"]
        for i in form.body["attachments"][0]["content"]["body"]
        if i["type"].startswith("Input.")
    ]
    assert inputs == ["problem", "proposal", "category", "path", "anonymous"]
    await chat.submit(
        form.body, problem="Pallets block the fire exit on Fridays", category="safety"
    )
    card = (await connector.wait_for(2))[1]
    assert card.path == f"/v3/conversations/{CHANNEL}/activities"
    assert "Pallets block the fire exit on Fridays" in text_of(card.body)


async def test_a_personal_chat_answers_the_whys_and_gets_help(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say("kaizen The label printer jams every morning")
    await connector.wait_for(2)
    await chat.say_personally("The rollers are dusty")
    echo = (await connector.wait_for(3))[2]
    assert echo.path.startswith(f"/v3/conversations/{CHANNEL};messageid=")
    assert echo.body["text"].startswith("<at>Alice Adams</at> answered Why #1: The rollers")
    await chat.say_personally("/kaizen help")
    help_card = (await connector.wait_for(4))[3]
    assert help_card.path == "/v3/conversations/a:29:1alice-personal/activities"


async def test_bad_requests_get_4xx(teams: tuple[TeamsChat, TeamsSurface]) -> None:
    chat, _ = teams
    url = f"{chat.bot_url}/api/messages"
    async with aiohttp.ClientSession() as http:
        for data, kind, status in (
            ("{not json", "application/json", 400),
            ("[1, 2]", "application/json", 400),
            ('{"text": "no type"}', "application/json", 400),
            ("hello", "text/plain", 415),
        ):
            async with http.post(url, data=data, headers={"Content-Type": kind}) as response:
                assert response.status == status, data
    activity = chat.in_channel("kaizen help")
    del activity["from"]
    assert await chat.send(activity) == 400


@pytest.fixture
def teams_settings() -> Settings:
    """A stand-up due at the start of this hour (the Teams tests run on the real clock)."""
    hour = datetime.now(UTC).strftime("%H")
    every_day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    standup = Standup(
        channel=STANDUP_CHANNEL,
        time=f"{hour}:00",
        timezone="UTC",
        days=every_day,
        grace=timedelta(hours=2),
        remind_after=timedelta(hours=1),
        close_after=timedelta(hours=3),
        platform="teams",
    )
    return Settings(standups=(standup,), admins=("29:1carol clark",))


async def test_a_stand_up_prompt_is_posted_proactively_and_members_are_paged(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, surface = teams
    assert await chat.install() in (200, 201)  # the bot learns the team's service on install
    engine = surface.runtime.engine
    scheduler = StandupScheduler(
        surface.runtime, engine.settings, list(engine.settings.standups), TENANT, engine.clock
    )
    await scheduler.check()
    prompt = (await connector.wait_for(1))[0]
    assert prompt.path == f"/v3/conversations/{STANDUP_CHANNEL}/activities"
    assert "Stand-up" in text_of(prompt.body)

    connector.members = [
        {"id": "29:1alice", "name": "Alice Adams"},
        {"id": "29:1bob", "name": "Bob Brown"},
        {"id": "29:1dave", "name": "Dave Dunn"},
    ]
    members = await surface.outlet.members(TENANT, STANDUP_CHANNEL)
    assert [p.id for p in members] == ["29:1alice", "29:1bob", "29:1dave"]
    assert len([c for c in connector.calls if c.path.endswith("/pagedmembers")]) == 2
