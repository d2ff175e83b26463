"""The 400s for a payload of the wrong shape say which field and what is wrong with it.

The fuzz tests (tests/slack/test_hostile_slack.py, tests/teams/test_hostile_teams.py) check
that bad shapes get a 4xx; these pin what the answer says, on the pydantic models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from adapters.slack import shapes as slack
from adapters.teams import shapes as teams

HERE = Path(__file__).parent


def _payload(platform: str, name: str) -> dict[str, Any]:
    data = json.loads((HERE / platform / "payloads" / name).read_text())
    assert isinstance(data, dict)
    return data


def test_the_recorded_payloads_fit() -> None:
    for name in ("event_message.json", "event_reaction_added.json", "app_home_opened.json"):
        assert slack.problem(_payload("slack", name)) is None, name
    for name in ("personal_message.json", "channel_message.json", "invoke_card_action.json"):
        assert teams.problem(_payload("teams", name)) is None, name


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"team_id": ""}, "event_callback without team_id"),
        ({"event": "message"}, "event is not an object"),
        ({"event": {"type": "message", "user": False}}, "event.user is not a str"),
        ({"event": {"user": "U1"}}, "event.type is missing"),
        ({"event_id": "Ev" + "9" * 300}, "event_id is longer than 200 characters"),
        ({"event_time": True}, "event_time is not a number"),
        ({"event_time": 10**400}, None),
        ({"authorizations": [None]}, "authorizations[0] is missing"),
        ({"response_urls": None}, "response_urls is null"),
        ({"type": 5}, "type is not a string"),
        ({"type": "nonsense"}, "unknown payload type 'nonsense'"),
        ({"shiny_new_field": {"anything": [1]}}, None),
    ],
)
def test_a_slack_event_of_the_wrong_shape_is_told_what_is_wrong(
    change: dict[str, Any], said: str | None
) -> None:
    assert slack.problem({**_payload("slack", "event_message.json"), **change}) == said


def test_interactions_and_commands_are_told_too() -> None:
    actions = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"}}
    assert slack.problem({**actions, "actions": []}) == "block_actions without actions"
    assert slack.problem({**actions, "actions": [{}]}) == "actions[0].action_id is missing"
    assert slack.problem({**actions, "actions": [{"action_id": "a"}], "callback_id": None}) == (
        "callback_id is null"
    )
    command = {"command": "/kaizen", "team_id": "T1", "user_id": "U1", "channel_id": "C1"}
    assert slack.problem(command) is None
    assert slack.problem({**command, "user_id": ""}) == "command without user_id"
    assert slack.problem({**command, "event": {}}) == "command fields that are not text: event"
    assert slack.problem({**command, "team_id": "T" * 65}) == (
        "team_id is longer than 64 characters"
    )


def test_a_teams_activity_of_the_wrong_shape_is_told_what_is_wrong() -> None:
    message = _payload("teams", "personal_message.json")
    assert teams.problem({**message, "from": True}) == "from is not an object"
    assert teams.problem({**message, "entities": ["x"]}) == "entities[0] is not an object"
    assert teams.problem({**message, "value": {"kaizen": 1}}) == "value.kaizen is not a str"
    assert teams.problem({**message, "value": "not ours"}) is None  # only objects are read
    invoke = _payload("teams", "invoke_card_action.json")
    assert teams.problem({**invoke, "value": {}}) == "value.action is missing"
