"""Hostile and broken Slack requests: a 4xx or a clear private answer, never a 500 or a crash.

Signed bodies (so they get past the signature) built from Slack's documented payloads with
parts deleted or replaced by arbitrary JSON, and slash commands with arbitrary text.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile import errors_logged, fuzz, json_values, mutated, words
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import PAYLOADS, SIGNING_SECRET, SlackWorkspace, payload

FUZZ = fuzz(150)
EVENTS = ["event_message.json", "event_reaction_added.json", "app_home_opened.json"]
INTERACTIONS = ["block_actions.json", "view_submission.json", "message_action.json"]
COMMAND = dict(parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True))


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING)
    return caplog


@pytest.mark.both_databases
@FUZZ
@given(data=st.data(), name=st.sampled_from(EVENTS))
async def test_mutated_events_never_get_a_server_error_or_crash_a_listener(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture, data: st.DataObject, name: str
) -> None:
    body = data.draw(mutated(payload(name)))
    response = await workspace.send(json.dumps(body), "application/json")
    assert response.status < 500, body
    await workspace.slack.settle(0.02)
    assert errors_logged(errors) == [], body


@FUZZ
@given(data=st.data(), name=st.sampled_from(INTERACTIONS))
async def test_mutated_interactions_never_get_a_server_error_or_crash_a_listener(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture, data: st.DataObject, name: str
) -> None:
    body = data.draw(mutated(payload(name)))
    response = await workspace.send(
        urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded"
    )
    assert response.status < 500, body
    await workspace.slack.settle(0.02)
    assert errors_logged(errors) == [], body


@FUZZ
@given(data=st.data(), text=words)
async def test_slash_commands_with_any_text_or_broken_fields_crash_nothing(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture, data: st.DataObject, text: str
) -> None:
    fields: dict[str, Any] = {**COMMAND, "text": text}
    broken = data.draw(mutated(fields, most=2))
    form = urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in broken.items()})
    response = await workspace.send(form, "application/x-www-form-urlencoded")
    assert response.status < 500, broken
    await workspace.slack.settle(0.02)
    assert errors_logged(errors) == [], broken


@FUZZ
@given(body=json_values | words)
async def test_any_signed_body_at_all_is_refused_with_a_4xx(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture, body: Any
) -> None:
    raw = body if isinstance(body, str) else json.dumps(body)
    for kind in ("application/json", "application/x-www-form-urlencoded", "text/plain"):
        response = await workspace.send(raw, kind)
        assert response.status < 500, (raw, kind)
    assert errors_logged(errors) == [], raw


async def test_a_slash_command_the_engine_refuses_answers_privately(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("move 99 done")
    refusal = (await slack.wait_for("chat.postEphemeral"))[0]
    assert "There is no idea #99" in refusal.args["text"]


@FUZZ
@given(timestamp=st.text(max_size=40) | st.integers().map(str), signature=st.text(max_size=80))
async def test_any_signature_headers_at_all_get_a_401(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture, timestamp: str, signature: str
) -> None:
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    response = await workspace.send(
        json.dumps(payload("event_message.json")),
        "application/json",
        signature={k: v for k, v in headers.items() if v.isprintable() and v.isascii()},
    )
    assert response.status == 401
    assert errors_logged(errors) == []


async def test_bytes_that_are_not_text_and_json_nested_past_reason_get_a_4xx(
    workspace: SlackWorkspace, errors: pytest.LogCaptureFixture
) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    for raw, signed in [
        (b"\xff\xfe not utf-8", False),
        (b"\xff\xfe not utf-8", True),
        (nested.encode(), True),
        (('{"type": "event_callback", "event": ' + nested + "}").encode(), True),
    ]:
        timestamp = str(int(time.time()))
        digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{timestamp}:".encode() + raw, "sha256")
        headers = {
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": "v0=" + (digest.hexdigest() if signed else "0" * 64),
            "Content-Type": "application/json",
        }
        async with workspace.http.post(
            f"{workspace.bot_url}/slack/events", data=raw, headers=headers
        ) as response:
            assert response.status == (400 if signed else 401), raw[:40]
    assert errors_logged(errors) == []


@pytest.mark.both_databases
async def test_ids_longer_than_slack_makes_them_are_refused(
    workspace: SlackWorkspace,
) -> None:
    too_long_id = {**payload("event_message.json"), "event_id": "Ev" + "9" * 300}
    assert (await workspace.send_json(too_long_id)).status == 400
    reaction = payload("event_reaction_added.json")
    reaction["event"]["item"]["ts"] = "1" * 300
    assert (await workspace.send_json(reaction)).status == 400
