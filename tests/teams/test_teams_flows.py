"""The flows of Slack and the terminal, in Teams, over HTTP against the local connector."""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import quote

from kaizen.teams import TeamsSurface
from storage.database import SqlDatabase
from tests.faults import without_the_inbox
from tests.teams.conversation import CHANNEL, TENANT, TeamsChat
from tests.teams.fake_connector import FakeConnector

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
    chat, _ = teams
    assert await chat.say("kaizen The label printer jams every morning") in (200, 201)
    card, why1 = await connector.wait_for(2)
    assert card.path == f"/v3/conversations/{CHANNEL}/activities"
    assert card.body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "Kaizen idea #1 \u00b7 Clarifying" in card_text(card.body)
    root = "1760000000001"
    assert why1.path == f"/v3/conversations/{CHANNEL};messageid={root}/activities"
    assert why1.body["text"].startswith("Why #1: Why does the label printer jam every morning?")

    for n, answer in enumerate([*ANSWERS, "yes"], start=3):  # "yes": that's the root cause
        await chat.say(answer, thread=root, mention_bot=False)  # RSC: no @mention needed
        await connector.wait_for(n)
    summary = connector.sent()[-1]
    assert "Root cause: nobody owns the checklist" in card_text(summary.body)
    update = (await connector.wait_for(1, kind="PUT", ending=f"/activities/{root}"))[0]
    assert "Kaizen idea #1 \u00b7 Plan" in card_text(update.body)


async def test_an_idea_card_remembers_its_deep_link(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector, database_url: str
) -> None:
    """The board links each card to its reply chain with a Teams deep link."""
    chat, _ = teams
    await chat.say("kaizen The label printer jams every morning")
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
        f"https://teams.microsoft.com/l/message/{channel}/1760000000001"
        f"?tenantId={TENANT}&parentMessageId=1760000000001"
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
    root = "1760000000001"
    answers = [f"Because {PHISHING} is wrong", *ANSWERS[1:], "yes"]
    for n, answer in enumerate(answers, start=3):
        await chat.say(answer, thread=root, mention_bot=False)
        await connector.wait_for(n)
    await connector.wait_for(1, kind="PUT", ending=f"/activities/{root}")
    shown = [text for call in connector.sent() for text in texts_shown(call.body)]
    with_words = [text for text in shown if "Reset your Kaizen password" in text]
    assert len(with_words) >= 3, shown  # the card, Why #1, the summary at least
    for text in shown:
        assert not LIVE_LINK.search(text), text
    assert any(r"\[Reset your Kaizen password\]\(https://evil.example/login\)" in t for t in shown)
