"""Hostile and broken Teams activities: a 4xx or a clear private answer, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaizen.teams import TeamsSurface
from tests.hostile import errors_logged, fuzz, json_values, mutated, words
from tests.teams.conversation import TeamsChat, payload

FUZZ = fuzz(120)
ACTIVITIES = [
    "personal_message.json",
    "channel_message.json",
    "invoke_card_action.json",
    "conversation_update_installed.json",
]


@FUZZ
@given(data=st.data(), name=st.sampled_from(ACTIVITIES))
async def test_mutated_activities_never_get_a_server_error_or_crash_a_turn(
    teams: tuple[TeamsChat, TeamsSurface],
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
    name: str,
) -> None:
    chat, _ = teams
    activity = data.draw(mutated(payload(name)))
    status = await chat.send(activity)  # serviceUrl is always the local connector
    assert status < 500, activity
    assert errors_logged(caplog) == [], activity


@FUZZ
@given(text=words)
async def test_any_message_text_gets_an_answer_not_a_crash(
    teams: tuple[TeamsChat, TeamsSurface], caplog: pytest.LogCaptureFixture, text: str
) -> None:
    chat, _ = teams
    assert await chat.say(text) < 500
    assert errors_logged(caplog) == [], text


@FUZZ
@given(body=json_values)
async def test_any_json_at_all_is_refused_with_a_4xx(
    teams: tuple[TeamsChat, TeamsSurface], caplog: pytest.LogCaptureFixture, body: Any
) -> None:
    chat, _ = teams
    async with chat.http.post(
        f"{chat.bot_url}/api/messages", json=body, headers={"Content-Type": "application/json"}
    ) as response:
        assert response.status < 500, body
    assert errors_logged(caplog) == [], body
