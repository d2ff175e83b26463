"""People in a Slack workspace, talking to the bot over HTTP as Slack delivers their actions.

Every request is built from the payload files next to this module and signed the way Slack
signs: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp

from tests.slack.fake_slack import Call, FakeSlack

PAYLOADS = Path(__file__).parent / "payloads"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0KAIZEN"
CHANNEL = "C0IDEAS"


def payload(name: str) -> dict[str, Any]:
    data = json.loads((PAYLOADS / name).read_text())
    assert isinstance(data, dict)
    return data


def sign(body: str, secret: str = SIGNING_SECRET, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest.hexdigest()}"}


class SlackWorkspace:
    """One workspace's people acting in Slack; what the bot does arrives at `slack`."""

    def __init__(self, bot_url: str, slack: FakeSlack, http: aiohttp.ClientSession) -> None:
        self.bot_url = bot_url
        self.slack = slack
        self.http = http
        self.user = "U0ALICE"
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)

    def as_(self, user: str) -> SlackWorkspace:
        self.user = user
        return self

    async def send(
        self,
        body: str,
        content_type: str,
        headers: dict[str, str] | None = None,
        signature: dict[str, str] | None = None,
    ) -> aiohttp.ClientResponse:
        signed = sign(body) if signature is None else signature
        all_headers = {"Content-Type": content_type, **signed, **(headers or {})}
        async with self.http.post(
            f"{self.bot_url}/slack/events", data=body.encode(), headers=all_headers
        ) as response:
            await response.read()
            return response

    async def send_json(self, body: dict[str, Any], **options: Any) -> aiohttp.ClientResponse:
        return await self.send(json.dumps(body), "application/json", **options)

    async def send_interaction(self, body: dict[str, Any]) -> aiohttp.ClientResponse:
        form = urlencode({"payload": json.dumps(body)})
        return await self.send(form, "application/x-www-form-urlencoded")

    def command_body(self, text: str, command: str = "/kaizen", channel: str = CHANNEL) -> str:
        fields = dict(
            parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True)
        )
        name = self.user.removeprefix("U0").lower()
        fields.update(
            text=text,
            command=command,
            channel_id=channel,
            user_id=self.user,
            user_name=name,
            trigger_id=f"{next(self._ids)}.trigger",
        )
        return urlencode(fields)

    async def slash(
        self, text: str, command: str = "/kaizen", channel: str = CHANNEL
    ) -> aiohttp.ClientResponse:
        body = self.command_body(text, command, channel)
        return await self.send(body, "application/x-www-form-urlencoded")

    def message_body(
        self,
        text: str,
        thread: str | None,
        channel: str = CHANNEL,
        event_id: str | None = None,
        **event: Any,
    ) -> dict[str, Any]:
        body = payload("event_message.json")
        ts = f"1700001000.{next(self._ts):06d}"
        body["event"].update(
            text=text,
            user=self.user,
            channel=channel,
            ts=ts,
            event_ts=ts,
            thread_ts=thread,
            **event,
        )
        if thread is None:
            del body["event"]["thread_ts"]
        body["event_id"] = event_id or f"Ev{next(self._ids):010d}"
        return body

    async def reply(self, text: str, thread: str, **options: Any) -> aiohttp.ClientResponse:
        return await self.send_json(self.message_body(text, thread, **options))

    async def edit(self, before: str, text: str, thread: str) -> aiohttp.ClientResponse:
        """message_changed, as Slack sends it when a person edits a reply in a thread."""
        body = self.message_body("", None)
        event = body["event"]
        ts = event["ts"]
        body["event"] = {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": event["channel"],
            "channel_type": "channel",
            "ts": ts,
            "event_ts": ts,
            "message": {
                "type": "message",
                "user": self.user,
                "text": text,
                "ts": "1700000999.000001",
                "thread_ts": thread,
                "edited": {"user": self.user, "ts": ts},
            },
            "previous_message": {
                "type": "message",
                "user": self.user,
                "text": before,
                "ts": "1700000999.000001",
                "thread_ts": thread,
            },
        }
        return await self.send_json(body)

    async def press(self, label: str, on: Call) -> aiohttp.ClientResponse:
        """Press the button labelled `label` on the message the bot posted in `on`."""
        blocks = _blocks(on.args)
        buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
        button = next((b for b in buttons if b["text"]["text"] == label), None)
        assert button is not None, (
            f"no button {label!r} among {[b['text']['text'] for b in buttons]}"
        )
        body = payload("block_actions.json")
        body["user"].update(id=self.user, username=self.user.removeprefix("U0").lower())
        body["actions"][0].update(
            action_id=button["action_id"],
            value=button["value"],
            text={"type": "plain_text", "text": label, "emoji": True},
        )
        body["container"]["message_ts"] = body["message"]["ts"] = on.args.get("ts", "")
        return await self.send_interaction(body)

    async def submit(self, opened: Call, **values: str) -> aiohttp.ClientResponse:
        """Fill in and submit the modal the bot opened with views.open."""
        view = opened.args["view"]
        view = json.loads(view) if isinstance(view, str) else view
        body = payload("view_submission.json")
        body["user"].update(id=self.user, username=self.user.removeprefix("U0").lower())
        state = {}
        for block in view["blocks"]:
            if block["type"] != "input":
                continue
            value = values.get(block["block_id"], block["element"].get("initial_value", ""))
            if block["element"]["type"] == "conversations_select":
                state[block["block_id"]] = {
                    "value": {"type": "conversations_select", "selected_conversation": value}
                }
            elif block["element"]["type"] == "static_select":
                chosen = {"value": value} if value else None
                state[block["block_id"]] = {
                    "value": {"type": "static_select", "selected_option": chosen}
                }
            else:
                state[block["block_id"]] = {"value": {"type": "plain_text_input", "value": value}}
        body["view"].update(
            callback_id=view["callback_id"],
            blocks=view["blocks"],
            private_metadata=view["private_metadata"],
            state={"values": state},
        )
        return await self.send_interaction(body)

    async def shortcut(self, text: str, channel: str = "C0OPS") -> aiohttp.ClientResponse:
        body = payload("message_action.json")
        body["user"].update(id=self.user)
        body["channel"]["id"] = channel
        body["message"]["text"] = text
        return await self.send_interaction(body)

    def reaction_body(
        self,
        author: str,
        emoji: str = "clap",
        added: bool = True,
        channel: str = "C0OPS",
        ts: str = "1700000350.000400",
    ) -> dict[str, Any]:
        body = payload("event_reaction_added.json")
        body["event"].update(
            type="reaction_added" if added else "reaction_removed",
            user=self.user,
            reaction=emoji,
            item_user=author,
            item={"type": "message", "channel": channel, "ts": ts},
        )
        body["event_id"] = f"Ev{next(self._ids):010d}"
        return body

    async def react(
        self, author: str, emoji: str = "clap", added: bool = True, **where: str
    ) -> aiohttp.ClientResponse:
        return await self.send_json(self.reaction_body(author, emoji, added, **where))

    async def open_home(self) -> aiohttp.ClientResponse:
        body = payload("app_home_opened.json")
        body["event"]["user"] = self.user
        body["event_id"] = f"Ev{next(self._ids):010d}"
        return await self.send_json(body)


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else copy.deepcopy(blocks)


def blocks_text(call: Call) -> str:
    """Every piece of text in a message's blocks, for asserting on what people see."""
    return json.dumps(_blocks(call.args), ensure_ascii=False)
