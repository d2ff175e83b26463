"""The experiment in Teams (issue 18): the plan in the reply chain, an Adaptive Card button
to Do, the check by command, done through the card's form, the impact."""

from __future__ import annotations

import asyncio
import json

from adapters.teams.cards import form
from bot.content import Choice, Form, FormField
from kaizen.teams import TeamsSurface
from tests.teams.conversation import TeamsChat
from tests.teams.fake_connector import Call, FakeConnector

ROOT = "1760000000001"


async def _said(connector: FakeConnector, containing: str, kind: str = "POST") -> Call:
    """The first call of `kind` whose body holds `containing`, waiting up to 10 s."""
    for _ in range(200):
        for call in connector.calls:
            shown = json.dumps(call.body, ensure_ascii=False)
            if call.method == kind and containing in shown:
                return call
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {kind} with {containing!r}")


async def test_the_experiment_runs_in_teams(
    teams: tuple[TeamsChat, TeamsSurface], connector: FakeConnector
) -> None:
    chat, _ = teams
    await chat.say("kaizen The scanner battery dies at noon")
    await _said(connector, "Why #1")
    await chat.say("root cause: the spare batteries are never charged", thread=ROOT)
    await _said(connector, "Root cause found for idea #1")
    await chat.say(
        "Charge the spares on the dock at lunch, expect no dead scanners, check in 1 week",
        thread=ROOT,
        mention_bot=False,
    )
    await _said(connector, "Countermeasure for idea #1: Charge the spares")
    card = await _said(connector, "We expect", kind="PUT")
    await chat.press("Move to Do", on=card.body, thread=ROOT)  # Action.Submit on the card
    await _said(connector, "Kaizen idea #1 \u00b7 Do", kind="PUT")

    await chat.say("kaizen check 1 held no dead scanners all week")
    await _said(connector, "Idea #1 was checked: it held.")
    acted = await _said(connector, "Kaizen idea #1 \u00b7 Act", kind="PUT")
    await chat.press("Mark done", on=acted.body, thread=ROOT)
    thanks = await _said(connector, "Idea #1 is done!")
    assert "What changed: Charge the spares on the dock at lunch" in json.dumps(thanks.body)
    await chat.say("kaizen impact 1 delivery, saves 5 hours a month")
    await _said(connector, "Impact of idea #1: delivery")


def test_a_channel_field_is_a_choice_of_the_channels_known() -> None:
    """Teams has no channel picker: the channels the bot knows are offered instead."""
    asked = Form(
        id="idea.spread",
        title="Spread idea #1",
        fields=(
            FormField(
                "channel", "Which channel?", "channel", (Choice("19:ops@thread.tacv2", "#ops"),)
            ),
        ),
        submit_label="Spread it",
    )
    (field,) = [item for item in form(asked)["body"] if item["type"].startswith("Input.")]
    assert field["type"] == "Input.ChoiceSet"
    assert field["choices"] == [{"title": "#ops", "value": "19:ops@thread.tacv2"}]
