"""Socket Mode: Slack's envelopes over a WebSocket instead of HTTP requests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl

import pytest

from bot.clock import SystemClock
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from kaizen.slack import SlackCredentials, SlackSurface
from tests.faults import without_the_inbox
from tests.processes import free_port
from tests.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.slack.workspace import PAYLOADS, payload


@pytest.fixture
async def socket_bot(database_url: str, slack: FakeSlack) -> AsyncIterator[Server]:
    app = await open_app(Settings(), database_url, SystemClock(), migrate=False)
    surface = SlackSurface(app, SlackCredentials(BOT_TOKEN, "", APP_TOKEN, slack.url))
    server = Server(app, [surface], "127.0.0.1", free_port())
    await server.start()
    yield server
    await server.stop()
    await app.close()


async def test_a_slash_command_and_a_thread_reply_over_socket_mode(
    socket_bot: Server, slack: FakeSlack
) -> None:
    opened = (await slack.wait_for("apps.connections.open"))[0]
    assert opened.token == APP_TOKEN

    command = dict(parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True))
    command["text"] = "The label printer jams every morning"
    await slack.socket_envelopes.put(
        {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "payload": command,
            "accepts_response_payload": True,
        }
    )
    ack = await asyncio.wait_for(slack.socket_acks.get(), 10)
    assert ack["envelope_id"] == "env-1"
    card, why1 = await slack.wait_for("chat.postMessage", 2)
    assert "Kaizen idea #1" in card.args["text"]

    event = payload("event_message.json")
    event["event"].update(text="The rollers are dusty", thread_ts=why1.args["thread_ts"])
    await slack.socket_envelopes.put(
        {
            "envelope_id": "env-2",
            "type": "events_api",
            "payload": event,
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
        }
    )
    assert (await asyncio.wait_for(slack.socket_acks.get(), 10))["envelope_id"] == "env-2"
    why2 = (await slack.wait_for("chat.postMessage", 3))[-1]
    assert why2.args["text"] == "Why #2: Why are the rollers dusty?"


async def test_socket_mode_without_a_signing_secret_serves_no_http_route(
    socket_bot: Server,
) -> None:
    import aiohttp

    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{socket_bot.port}/slack/events", data=json.dumps({})) as r,
    ):
        assert r.status in (404, 405)


async def test_an_envelope_that_cannot_be_stored_is_not_acked(
    socket_bot: Server, slack: FakeSlack, database_url: str
) -> None:
    """Over Socket Mode the ack is the promise: when the envelope cannot be stored, there
    is no ack, and Slack sends it again."""
    await slack.wait_for("apps.connections.open")
    await without_the_inbox(database_url)
    command = dict(parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True))
    command["text"] = "The label printer jams every morning"
    envelope = {
        "envelope_id": "env-lost",
        "type": "slash_commands",
        "payload": command,
        "accepts_response_payload": True,
    }
    await slack.socket_envelopes.put(envelope)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(slack.socket_acks.get(), 2)
    assert slack.of("chat.postMessage") == []
