"""Who a Slack user id is: name, timezone and whether it is a bot, from users.info.

Events carry only ids. The timezone is where a person's day ends (the kudos limit resets at
their midnight); `is_bot` keeps kudos for people.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot.people import Person

log = logging.getLogger(__name__)


class Directory:
    """users.info, asked once per person (even by events arriving together) and remembered."""

    def __init__(self, client: AsyncWebClient, size: int = 10_000) -> None:
        self._client = client
        self._people: dict[str, Person] = {}
        self._asking: dict[str, asyncio.Task[tuple[Person, bool]]] = {}
        self._size = size

    async def person(self, user_id: str, name: str | None = None) -> Person:
        """The person, looked up; a `name` the payload gave (as typed) is kept."""
        known = self._people.get(user_id) or await self._ask(user_id, name)
        if name and name != user_id and name != known.name:
            return replace(known, name=name)
        return known

    async def _ask(self, user_id: str, name: str | None) -> Person:
        if user_id not in self._asking:
            self._asking[user_id] = asyncio.create_task(self._look_up(user_id, name))
        try:
            person, found = await asyncio.shield(self._asking[user_id])
        finally:
            self._asking.pop(user_id, None)
        if found:  # a stand-in after a failed look-up is not remembered
            if len(self._people) >= self._size:
                self._people.clear()
            self._people[user_id] = person
        return person

    async def _look_up(self, user_id: str, fallback: str | None) -> tuple[Person, bool]:
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, SlackRequestError, aiohttp.ClientError, OSError) as error:
            log.info("users.info for %s failed (%s); using what the payload said", user_id, error)
            return Person(user_id, fallback or user_id), False
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        name = profile.get("display_name") or user.get("name") or profile.get("real_name")
        person = Person(
            user_id,
            str(name or fallback or user_id),
            timezone=user.get("tz") or None,
            is_bot=bool(user.get("is_bot")) or user_id == "USLACKBOT",
            locale=user.get("locale") or None,
        )
        return person, True
