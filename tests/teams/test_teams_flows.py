"""The flows of Slack and the terminal, in Teams, over HTTP against the local connector."""

from __future__ import annotations

from kaizen.teams import TeamsSurface
from tests.teams.conversation import CHANNEL, TeamsChat
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

    for n, answer in enumerate(ANSWERS, start=3):
        await chat.say(answer, thread=root, mention_bot=False)  # RSC: no @mention needed
        await connector.wait_for(n)
    summary = connector.sent()[-1]
    assert "Root cause: nobody owns the checklist" in card_text(summary.body)
    update = (await connector.wait_for(1, kind="PUT", ending=f"/activities/{root}"))[0]
    assert "Kaizen idea #1 \u00b7 Plan" in card_text(update.body)
