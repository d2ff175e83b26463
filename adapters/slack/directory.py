"""Who a Slack user id is. Events carry only ids; names make private texts readable."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.people import Person

log = logging.getLogger(__name__)


class Directory:
    """users.info, asked once per person and remembered."""

    def __init__(self, client: AsyncWebClient, size: int = 10_000) -> None:
        self._client = client
        self._names: dict[str, str] = {}
        self._asking: dict[str, asyncio.Task[str]] = {}
        self._size = size

    async def person(self, user_id: str) -> Person:
        name = self._names.get(user_id)
        if name is None:
            if user_id not in self._asking:  # two events at once share one lookup
                self._asking[user_id] = asyncio.create_task(self._look_up(user_id))
            try:
                name = await asyncio.shield(self._asking[user_id])
            finally:
                self._asking.pop(user_id, None)
            if len(self._names) >= self._size:
                self._names.clear()
            self._names[user_id] = name
        return Person(user_id, name)

    def learn(self, person: Person) -> None:
        """Payloads that carry a name (commands, buttons) save a lookup later."""
        if person.name != person.id:
            self._names[person.id] = person.name

    async def _look_up(self, user_id: str) -> str:
        try:
            response = await self._client.users_info(user=user_id)
        except (SlackApiError, OSError) as error:
            log.info("users.info for %s failed (%s); using the id", user_id, error)
            return user_id
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        name = profile.get("display_name") or user.get("name") or profile.get("real_name")
        return str(name or user_id)
