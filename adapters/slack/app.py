"""The Bolt app: every Slack request translated, stored, and only then acked."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import inbound
from adapters.slack.directory import Directory
from adapters.slack.identity import BotIdentity
from bot.errors import NotStored
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
    oauth_settings: AsyncOAuthSettings | None = None,
) -> AsyncApp:
    """A Bolt AsyncApp whose listeners store each request in `runtime`'s inbox before they
    ack it; `commands` are the slash commands. A request that cannot be stored is answered
    503 (over Socket Mode: not acked), so Slack sends it again. With `oauth_settings` the
    app is installed in several workspaces: each request's token comes from its
    workspace's installation, and an uninstall deletes that installation."""
    # Bolt gets a client without a token: each request's copy gets it from `authorize`.
    tokenless = AsyncWebClient(base_url=client.base_url, timeout=client.timeout, retry_handlers=[])
    if oauth_settings is None:
        authorize = (identity or BotIdentity(client)).authorizer()
        app = AsyncApp(
            client=tokenless,
            authorize=authorize,
            signing_secret=signing_secret,
            # The listener runs before the answer goes: it stores, then acks.
            process_before_response=True,
            logger=_bolt_logger(),
        )
    else:
        app = AsyncApp(
            client=tokenless,
            oauth_settings=oauth_settings,
            signing_secret=signing_secret,
            process_before_response=True,
            logger=_bolt_logger(),
        )
        app.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked

    async def receive(event: FromPerson) -> None:
        await runtime.accept(event)

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
        event = inbound.reaction(body, link="")  # the link is looked up before the turn
        if event is not None:
            await receive(event)

    @app.event("app_home_opened")
    async def on_home(body: dict[str, Any]) -> None:
        event = inbound.home_opened(body)
        if event is not None:
            await receive(event)

    @app.error
    async def refuse(error: Exception) -> BoltResponse:
        if isinstance(error, NotStored):
            log.warning("asked Slack to send a request again: %s", error)
            return BoltResponse(status=503, body="try again", headers={"Retry-After": "1"})
        log.error("a Slack request failed", exc_info=error)
        return BoltResponse(status=500, body="")

    return app


class Lookups:
    """Who the people of an event are (names, timezones, bots) and, for a reaction, a link
    to its message: asked of Slack before the turn, never while Slack waits for the ack."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._directory = Directory(client)

    async def prepare(self, event: FromPerson) -> FromPerson:
        directory = self._directory
        person = await directory.person(event.person.id, event.person.name)
        mentions = tuple([await directory.person(p.id, p.name) for p in event.mentions])
        if isinstance(event, Reaction):
            author = await directory.person(event.author.id)
            link = event.link
            if event.added and not link:
                link = await _permalink(self._client, event.place.channel, event.message_id)
            return replace(event, person=person, mentions=mentions, author=author, link=link)
        return replace(event, person=person, mentions=mentions)


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
) -> Callable[[AsyncAck, dict[str, Any], AsyncBoltRequest], Awaitable[None]]:
    """A listener that stores the request, then acks it (well within Slack's 3 s)."""

    async def listener(ack: AsyncAck, body: dict[str, Any], request: AsyncBoltRequest) -> None:
        try:
            event = translate(body)
        except inbound.PayloadError as error:  # the shape check lets few of these through
            log.warning("ignored a Slack payload: %s", error)
            await ack()
            return
        await receive(_keyed_by_signature(event, request))
        await ack()

    return listener


def _keyed_by_signature(event: FromPerson, request: AsyncBoltRequest) -> FromPerson:
    """A slash command, a button press or a form has no delivery id of Slack's; its
    signature is one. A signed request replayed inside the five minutes its signature is
    good for carries the same signature, so its turn finds it done and is not applied
    again, on any instance. (Slack never resends these itself; each new press or command
    has a new timestamp and trigger id, so a new signature.) Over Socket Mode there is no
    signature, and no one can replay a request into our own websocket."""
    if getattr(event, "id", None):
        return event
    signature = (request.headers.get("x-slack-signature") or [""])[0]
    return replace(event, id=f"signed:{signature}") if signature else event


async def _permalink(client: AsyncWebClient, channel: str, ts: str) -> str:
    """A link to the message a reaction was on; empty when Slack will not say."""
    try:
        response = await client.chat_getPermalink(channel=channel, message_ts=ts)
    except (SlackApiError, OSError, aiohttp.ClientError) as error:
        log.info("no permalink for %s/%s: %s", channel, ts, error)
        return ""
    return str(response.get("permalink") or "")
