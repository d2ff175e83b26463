"""The flows of Slack and the terminal, in Teams, over HTTP against the local connector."""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import quote

from bot.settings import Channels, Settings
from kaizen.teams import TeamsSurface
from storage.database import SqlDatabase
from tests.faults import without_the_inbox
from tests.teams.conftest import TeamsWith
from tests.teams.conversation import CHANNEL, TENANT, TeamsChat
from tests.teams.fake_connector import FakeConnector

CARD = "1760000000001"
"""The id the connector gives the bot's first message: the idea's card."""
IDEAS = "19:ideas@thread.tacv2"

ANSWERS = [
    "The rollers are dusty",
    "Nobody cleans them",
    "Cleaning is not on the checklist",
    "The checklist was written before we had this printer",
    "Nobody owns the checklist",
]


def card_text(body: dict[str, object]) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)


async def test_the_printer_example_in_a_channel_reply_chain(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    """The idea is a new post of the person's: its card and whys come in that post's reply
    chain, where the person answers (as Teams people do), not in a post of the bot's."""
    chat, _ = teams
    assert await chat.say("kaizen The label printer jams every morning") in (200, 201)
    root = chat.last_post
    card, why1 = await connector.wait_for(2)
    assert card.path == f"/v3/conversations/{CHANNEL};messageid={root}/activities"
    assert card.body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "Kaizen idea #1 \u00b7 Clarifying" in card_text(card.body)
    assert why1.path == f"/v3/conversations/{CHANNEL};messageid={root}/activities"
    assert why1.body["text"].startswith("Why #1: Why does the label printer jam every morning?")

    for n, answer in enumerate([*ANSWERS, "yes"], start=3):  # "yes": that's the root cause
        await chat.say(answer, thread=root, mention_bot=False)  # RSC: no @mention needed
        await connector.wait_for(n)
    summary = connector.sent()[-1]
    assert summary.path == f"/v3/conversations/{CHANNEL};messageid={root}/activities"
    assert "Root cause: nobody owns the checklist" in card_text(summary.body)
    update = (await connector.wait_for(1, kind="PUT", ending=f"/activities/{CARD}"))[0]
    assert "Kaizen idea #1 \u00b7 Plan" in card_text(update.body)


async def test_with_an_ideas_channel_the_card_goes_there_and_both_chains_take_answers(
    teams_in: TeamsWith, connector: FakeConnector
) -> None:
    """`channels.ideas` elsewhere: the card is a new post there; the person's post gets a
    short reply pointing to it; answers count under either."""
    chat, _ = await teams_in(Settings(channels=Channels(ideas=IDEAS)))
    await chat.say("kaizen The label printer jams every morning")
    root = chat.last_post
    sent = await connector.wait_for(3)
    by_path = {call.path: call for call in sent}
    card = by_path[f"/v3/conversations/{IDEAS}/activities"]
    assert "Kaizen idea #1" in card_text(card.body)
    pointer = by_path[f"/v3/conversations/{CHANNEL};messageid={root}/activities"]
    assert "Idea #1 is posted in" in card_text(pointer.body)
    why1 = by_path[f"/v3/conversations/{IDEAS};messageid={card.id}/activities"]
    assert why1.body["text"].startswith("Why #1:")
    await chat.say(ANSWERS[0], thread=root, mention_bot=False)  # under the person's post
    why2 = (await connector.wait_for(4))[-1]
    assert why2.body["text"].startswith("Why #2:"), why2.body
    await chat.say(ANSWERS[1], thread=card.id, mention_bot=False, channel=IDEAS)  # the card's
    why3 = (await connector.wait_for(5))[-1]
    assert why3.body["text"].startswith("Why #3:"), why3.body


async def test_an_at_mention_the_bot_does_not_understand_gets_a_hint(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    """Never silence: in a reply chain of someone else's, the person hears how to talk to
    the bot (privately: a hint is not for the channel)."""
    chat, _ = teams
    await chat.say("Let's discuss the printer", mention_bot=False)  # a post without the bot
    other = chat.last_post
    assert await chat.say("what can you do?", thread=other) in (200, 201)
    opened = await connector.wait_for(1, ending="/v3/conversations")
    assert opened[0].body["members"][0]["id"] == "29:1alice"
    hint = (await connector.wait_for(1))[0]
    assert hint.path.startswith("/v3/conversations/a:personal-29:1alice/")
    assert "kaizen help" in hint.body["text"]
    await chat.say("just chatting about the printer", thread=other, mention_bot=False)
    await asyncio.sleep(0.5)
    assert len(connector.sent()) == 1  # not addressed to the bot: no answer


async def test_an_idea_card_remembers_its_deep_link(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector, database_url: str
) -> None:
    """The board links each card to its reply chain with a Teams deep link."""
    chat, _ = teams
    await chat.say("kaizen The label printer jams every morning")
    root = chat.last_post
    await connector.wait_for(2)
    database = SqlDatabase(database_url)
    try:
        for _ in range(100):
            async with database.transaction() as store:
                posted = await store.messages.find(TENANT, "idea:1")
            if posted is not None:
                break
            await asyncio.sleep(0.05)
    finally:
        await database.close()
    assert posted is not None and posted.link is not None
    channel = quote(CHANNEL, safe="")
    assert posted.link == (
        f"https://teams.microsoft.com/l/message/{channel}/{CARD}"
        f"?tenantId={TENANT}&parentMessageId={root}"
    )


async def test_an_activity_that_cannot_be_stored_gets_503(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector, database_url: str
) -> None:
    """Bot Framework sends an activity again after a 503; after a 200 it would be lost."""
    chat, _ = teams
    await without_the_inbox(database_url)
    assert await chat.say("kaizen The label printer jams every morning") == 503
    await asyncio.sleep(0.5)
    assert connector.sent() == []


PHISHING = "[Reset your Kaizen password](https://evil.example/login)"
LIVE_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")
"""Markdown link syntax Teams would draw as a link: `[label](` with neither bracket escaped."""


def texts_shown(body: dict[str, Any]) -> list[str]:
    """Every text Teams would render as Markdown in an activity: its text, and each
    TextBlock and FactSet fact of its cards."""
    found = [str(body.get("text") or "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(str(node.get("text", "")))
            if node.get("type") == "FactSet":
                found.extend(f"{f['title']} {f['value']}" for f in node.get("facts", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body.get("attachments", []))
    return found


async def test_a_typed_link_arrives_as_plain_text_in_every_card_and_message_of_its_flow(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    """The phishing idea of issue 15: its card, Why #1 in the reply chain, the answers'
    next whys, the summary and the updated card carry the words, never a live link."""
    chat, _ = teams
    await chat.say(f"kaizen {PHISHING} does not work for the night shift")
    await connector.wait_for(2)
    root = chat.last_post
    answers = [f"Because {PHISHING} is wrong", *ANSWERS[1:], "yes"]
    for n, answer in enumerate(answers, start=3):
        await chat.say(answer, thread=root, mention_bot=False)
        await connector.wait_for(n)
    await connector.wait_for(1, kind="PUT", ending=f"/activities/{CARD}")
    shown = [text for call in connector.sent() for text in texts_shown(call.body)]
    with_words = [text for text in shown if "Reset your Kaizen password" in text]
    assert len(with_words) >= 3, shown  # the card, Why #1, the summary at least
    for text in shown:
        assert not LIVE_LINK.search(text), text
    assert any(r"\[Reset your Kaizen password\]\(https://evil.example/login\)" in t for t in shown)


GROUP_CHAT = "19:meeting-line-3@thread.v2"


async def test_in_a_group_chat_the_idea_and_its_whys_stay_in_the_chat(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    """A group chat has no reply chains: the card, the whys and the answers (each with an
    @mention, as the bot hears only those there) follow one another in the chat; a line
    the bot does not understand before any idea gets the hint, privately."""
    chat, _ = teams
    await chat.say_in_group_chat("what is this bot?")
    opened = await connector.wait_for(1, ending="/v3/conversations")
    assert opened[0].body["members"][0]["id"] == "29:1alice"
    hint = (await connector.wait_for(1))[0]
    assert "kaizen help" in hint.body["text"] and "a:personal" in hint.path
    await chat.say_in_group_chat("kaizen The label printer jams every morning")
    here = f"/v3/conversations/{GROUP_CHAT}/activities"
    card, why1 = await connector.wait_for(2, ending=here)
    assert "Kaizen idea #1" in card_text(card.body)
    assert why1.body["text"].startswith("Why #1:")
    await chat.say_in_group_chat(ANSWERS[0])
    why2 = (await connector.wait_for(3, ending=here))[-1]
    assert "answered Why #1: The rollers are dusty\nWhy #2:" in why2.body["text"]
