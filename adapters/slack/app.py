"""The Bolt app: every Slack request acked at once, translated, handed to the engine."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import inbound
from adapters.slack.directory import Directory
from adapters.slack.identity import BotIdentity
from bot.events import FromPerson, Reaction
from bot.runtime import Runtime

log = logging.getLogger(__name__)
_ANY = re.compile(r".*")


def slack_app(
    runtime: Runtime,
    client: AsyncWebClient,
    signing_secret: str,
    commands: list[str],
    identity: BotIdentity | None = None,
) -> AsyncApp:
    """A Bolt AsyncApp whose listeners feed `runtime`; `commands` are the slash commands."""
    identity = identity or BotIdentity(client)
    # Bolt gets a client without a token: each request's copy gets it from `authorize`.
    tokenless = AsyncWebClient(base_url=client.base_url, timeout=client.timeout, retry_handlers=[])
    app = AsyncApp(
        client=tokenless,
        authorize=identity.authorizer(),
        signing_secret=signing_secret,
        process_before_response=False,
        logger=_bolt_logger(),
    )
    directory = Directory(client)

    async def look_up_and_receive(event: FromPerson) -> None:
        person = await directory.person(event.person.id, event.person.name)
        mentions = tuple([await directory.person(p.id, p.name) for p in event.mentions])
        if isinstance(event, Reaction):
            author = await directory.person(event.author.id)
            event = replace(event, person=person, mentions=mentions, author=author)
        else:
            event = replace(event, person=person, mentions=mentions)
        await runtime.receive(event)

    async def receive(event: FromPerson) -> None:
        """Hand the event on with its people looked up: names, timezones, bots. The listener
        (and with it Bolt's request) is done at once; the runtime carries the work."""
        runtime.take_in(look_up_and_receive(event))

    for name in commands:
        app.command(f"/{name}")(_acked(inbound.command, receive))
    app.action(_ANY)(_acked(inbound.button, receive))
    app.view(_ANY)(_acked(inbound.submission, receive))
    app.shortcut(inbound.SHORTCUT_CALLBACK)(_acked(inbound.shortcut, receive))

    @app.event("message")
    async def on_message(body: dict[str, Any]) -> None:
        event = inbound.message(body)
        if event is not None:
            await receive(event)

    @app.event("reaction_added")
    @app.event("reaction_removed")
    async def on_reaction(body: dict[str, Any]) -> None:
        async def with_link() -> None:
            item = (body.get("event") or {}).get("item") or {}
            added = (body.get("event") or {}).get("type") == "reaction_added"
            link = await _permalink(client, item) if added else ""
            event = inbound.reaction(body, link)
            if event is not None:
                await look_up_and_receive(event)

        runtime.take_in(with_link())

    @app.event("app_home_opened")
    async def on_home(body: dict[str, Any]) -> None:
        event = inbound.home_opened(body)
        if event is not None:
            await receive(event)

    return app


class _TokenComesFromAuthorize(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it goes unused; it does, on purpose:
    each request's client gets the token from `authorize`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("kaizen.slack.bolt")
    if not any(isinstance(f, _TokenComesFromAuthorize) for f in logger.filters):
        logger.addFilter(_TokenComesFromAuthorize())
    return logger


def _acked(
    translate: Callable[[dict[str, Any]], FromPerson],
    receive: Callable[[FromPerson], Awaitable[None]],
) -> Callable[[AsyncAck, dict[str, Any]], Awaitable[None]]:
    """A listener that acks first (Slack wants an answer within 3 s), then does the work."""

    async def listener(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        try:
            event = translate(body)
        except inbound.PayloadError as error:  # the shape check lets few of these through
            log.warning("ignored a Slack payload: %s", error)
            return
        await receive(event)

    return listener


async def _permalink(client: AsyncWebClient, item: dict[str, Any]) -> str:
    """A link to the message a reaction was on; empty when Slack will not say."""
    try:
        response = await client.chat_getPermalink(channel=item["channel"], message_ts=item["ts"])
    except (SlackApiError, KeyError, OSError) as error:
        log.info("no permalink for %s: %s", item, error)
        return ""
    return str(response.get("permalink") or "")
