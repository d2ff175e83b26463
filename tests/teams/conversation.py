"""People in a Teams tenant, talking to the bot as Teams delivers their activities."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import aiohttp

from tests.teams.fake_connector import FakeConnector, TokenAuthority

PAYLOADS = Path(__file__).parent / "payloads"
TENANT = "50612dbb-0237-4969-b378-8d42590f9c00"
CHANNEL = "19:ops@thread.tacv2"
BOT = {"id": "28:kaizen-bot", "name": "Kaizen"}


def payload(name: str) -> dict[str, Any]:
    data = json.loads((PAYLOADS / name).read_text())
    assert isinstance(data, dict)
    return data


class TeamsChat:
    def __init__(
        self,
        bot_url: str,
        connector: FakeConnector,
        http: aiohttp.ClientSession,
        authority: TokenAuthority | None = None,
        app_id: str = "",
    ) -> None:
        self.bot_url = bot_url
        self.connector = connector
        self.http = http
        self.authority = authority
        self.app_id = app_id
        self.person = {"id": "29:1alice", "name": "Alice Adams"}
        self._ids = itertools.count(1)
        self.last_post = ""
        """The id of the latest channel message sent: a new post's is its chain's root."""

    def as_(self, name: str) -> TeamsChat:
        self.person = {"id": f"29:1{name.lower()}", "name": name}
        return self

    async def send(self, activity: dict[str, Any], token: str | None = None) -> int:
        activity["serviceUrl"] = self.connector.service_url
        headers = {"Content-Type": "application/json"}
        token = token if token is not None else self._token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        async with self.http.post(
            f"{self.bot_url}/api/messages", data=json.dumps(activity), headers=headers
        ) as response:
            await response.read()
            return response.status

    def _token(self) -> str:
        if self.authority is None:
            return ""
        return self.authority.token(self.app_id, self.connector.service_url)

    async def install(self) -> int:
        return await self.send(payload("conversation_update_installed.json"))

    def in_channel(
        self,
        text: str,
        thread: str | None = None,
        mention_bot: bool = True,
        mentions: tuple[dict[str, str], ...] = (),
        channel: str = CHANNEL,
    ) -> dict[str, Any]:
        """A channel message as Teams sends it: a new post's conversation id names the post
        itself as its reply chain's root (`;messageid=` its own id), a reply names the root."""
        activity = payload("channel_message.json")
        activity["id"] = f"15000000{next(self._ids):05d}"
        activity["from"] = dict(self.person)
        activity["conversation"]["id"] = f"{channel};messageid={thread or activity['id']}"
        self.last_post = activity["id"]
        entities = [e for e in activity["entities"] if e["type"] == "clientInfo"]
        if mention_bot:
            text = f"<at>{BOT['name']}</at> {text}"
            entities.append(
                {"type": "mention", "text": f"<at>{BOT['name']}</at>", "mentioned": BOT}
            )
        for person in mentions:
            entities.append(
                {"type": "mention", "text": f"<at>{person['name']}</at>", "mentioned": person}
            )
        activity["text"], activity["entities"] = text, entities
        return activity

    async def say(
        self,
        text: str,
        thread: str | None = None,
        mention_bot: bool = True,
        mentions: tuple[dict[str, str], ...] = (),
        channel: str = CHANNEL,
    ) -> int:
        return await self.send(self.in_channel(text, thread, mention_bot, mentions, channel))

    async def say_in_group_chat(self, text: str) -> int:
        """An @mention of the bot in a group chat (no reply chains there)."""
        activity = payload("group_chat_message.json")
        activity["id"] = f"16000000{next(self._ids):05d}"
        activity["from"] = dict(self.person)
        activity["text"] = f"<at>{BOT['name']}</at> {text}"
        mention = {"type": "mention", "text": f"<at>{BOT['name']}</at>", "mentioned": BOT}
        activity["entities"] = [*activity["entities"], mention]
        return await self.send(activity)

    async def say_personally(self, text: str) -> int:
        activity = payload("personal_message.json")
        activity["id"] = f"16174{next(self._ids):05d}"
        activity["from"] = dict(self.person)
        activity["conversation"]["id"] = f"a:{self.person['id']}-personal"
        activity["text"] = text
        return await self.send(activity)

    async def press(self, title: str, on: dict[str, Any], thread: str) -> int:
        """Press a card's Action.Submit button, as Teams sends it: a message with `value`."""
        card = on["attachments"][0]["content"]
        action = next(a for a in card.get("actions", []) if a["title"] == title)
        activity = self.in_channel("", thread, mention_bot=False)
        activity["text"], activity["value"] = "", copy.deepcopy(action["data"])
        activity["replyToId"] = thread
        return await self.send(activity)

    async def execute(self, data: dict[str, Any], thread: str) -> int:
        """The same press as Action.Execute: an `adaptiveCard/action` invoke."""
        activity = payload("invoke_card_action.json")
        activity["id"] = f"f:action-{next(self._ids)}"
        activity["from"] = dict(self.person)
        activity["conversation"]["id"] = f"{CHANNEL};messageid={thread}"
        activity["value"]["action"]["data"] = data
        return await self.send(activity)

    async def submit(self, form: dict[str, Any], **values: str) -> int:
        """Fill in a form card the bot sent to the personal chat, and submit it."""
        card = form["attachments"][0]["content"]
        data = dict(card["actions"][0]["data"])
        for item in card["body"]:
            if item["type"].startswith("Input."):
                data[item["id"]] = values.get(item["id"], item.get("value", ""))
        activity = payload("personal_message.json")
        activity["id"] = f"16175{next(self._ids):05d}"
        activity["from"] = dict(self.person)
        activity["conversation"]["id"] = f"a:{self.person['id']}-personal"
        activity["text"], activity["value"] = "", data
        return await self.send(activity)
