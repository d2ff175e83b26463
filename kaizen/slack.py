"""Slack wired up: credentials from the environment, the Web API client, the Bolt app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.app import Lookups, slack_app
from adapters.slack.http import EventsRoute
from adapters.slack.identity import BotIdentity
from adapters.slack.installations import WorkspaceClients, WorkspaceTokens
from adapters.slack.oauth import ROTATION_MINUTES, OAuthCredentials, install_routes
from adapters.slack.outlet import SlackOutlet
from adapters.slack.pacing import Pacer
from adapters.slack.workspaces import WorkspaceLookups, WorkspaceOutlet
from bot.errors import ConfigError
from bot.runtime import Runtime
from kaizen.app import App
from kaizen.scheduler import StandupScheduler, standups_for
from storage.installations import installation_store

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

log = logging.getLogger(__name__)
DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class SlackCredentials:
    bot_token: str
    signing_secret: str
    app_token: str | None
    api_url: str
    oauth: OAuthCredentials | None = None
    """Set for an app installed in several workspaces ("Add to Slack"): then each
    workspace's token comes from its installation, and `bot_token` is not used."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SlackCredentials | None:
        """None when Slack is not configured; `kaizen run` checks half-set ones first."""
        token = env.get("SLACK_BOT_TOKEN") or ""
        oauth = OAuthCredentials.from_env(env)
        if not token and oauth is None:
            return None
        api_url = env.get("SLACK_API_URL") or DEFAULT_API_URL
        return cls(
            "" if oauth is not None else token,
            env.get("SLACK_SIGNING_SECRET", ""),
            env.get("SLACK_APP_TOKEN") or None,
            api_url if api_url.endswith("/") else api_url + "/",
            oauth,
        )


class SlackSurface:
    """Slack as one surface of `kaizen run`: the HTTP route, Socket Mode, the outbox loop."""

    name = "slack"

    def __init__(
        self, app: App, credentials: SlackCredentials, served: tuple[str, ...] = ("slack",)
    ) -> None:
        self.credentials = credentials
        self.client = AsyncWebClient(
            token=credentials.bot_token or None,
            base_url=credentials.api_url,
            timeout=15,
            # No retries inside the SDK: chat.postMessage is not idempotent, and a blind
            # retry after a lost answer posts twice. The outbox retries, looking first.
            retry_handlers=[],
        )
        self.identity = BotIdentity(self.client)
        pacer = Pacer(app.settings.delivery.channel_interval.total_seconds())
        self.oauth: AsyncOAuthSettings | None = None
        self.outlet: SlackOutlet | WorkspaceOutlet
        if credentials.oauth is None:
            self.outlet = SlackOutlet(self.client, pacer, identity=self.identity)
            prepare = Lookups(self.client).prepare
        else:
            oauth = credentials.oauth
            store = installation_store(app.database.engine, oauth.client_id)
            rotator = AsyncTokenRotator(
                client_id=oauth.client_id, client_secret=oauth.client_secret, client=self.client
            )
            tokens = WorkspaceTokens(store, rotator, ROTATION_MINUTES)
            clients = WorkspaceClients(tokens, credentials.api_url)
            self.outlet = WorkspaceOutlet(clients, pacer)
            prepare = WorkspaceLookups(clients).prepare
            self.oauth = oauth.settings(store)
        self.runtime: Runtime = app.runtime(self.outlet, self.name, prepare)
        self.bolt: AsyncApp = slack_app(
            self.runtime,
            self.client,
            credentials.signing_secret,
            app.engine.router.commands(),
            self.identity,
            self.oauth,
        )
        self._standups = standups_for(app.settings, self.name, served)
        self.scheduler: StandupScheduler | None = None
        self._app = app
        self._socket: AsyncSocketModeHandler | None = None
        self._warming: asyncio.Task[None] | None = None

    def routes(self) -> list[web.RouteDef]:
        """The Events API route; none in Socket Mode without a signing secret to check with."""
        if not self.credentials.signing_secret:
            return []
        route = EventsRoute(
            self.bolt, self.credentials.signing_secret, lambda: self.runtime.overloaded
        )
        installing = install_routes(self.bolt.oauth_flow) if self.bolt.oauth_flow else []
        return [web.post("/slack/events", route.handle), *installing]

    async def start(self) -> None:
        await self.runtime.start()
        if self.oauth is not None:
            if self._standups:
                log.warning("stand-ups are not scheduled for a Slack app installed by OAuth")
        else:
            self._warming = asyncio.create_task(self.identity.warm(), name="slack-auth-test")
        if self._standups and self.oauth is None:
            team = (await self.identity.get(attempts=8)).get("team_id")
            self.scheduler = StandupScheduler(
                self.runtime, self._app.settings, self._standups, str(team), self._app.engine.clock
            )
            await self.scheduler.start()
        if self.credentials.app_token:
            # Socket Mode's client loads only when asked for: it costs the cold start 0.2 s.
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            self._socket = AsyncSocketModeHandler(
                self.bolt, self.credentials.app_token, web_client=self.client
            )
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("Slack Socket Mode connected")

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
        if self.scheduler is not None:
            self.scheduler.stop()
        if self._warming is not None:
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warming
        await self.runtime.stop()


REFUSED_TOKEN = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
"""auth.test's errors that mean the token itself is wrong: starting would only fail later."""


async def check_token(credentials: SlackCredentials) -> str | None:
    """Ask Slack (auth.test) whether SLACK_BOT_TOKEN is good before serving: a refused token
    is a `ConfigError`; when Slack cannot be asked, a warning to print, and start goes on.
    Nothing to ask without a single bot token (an app installed by OAuth has one each)."""
    if not credentials.bot_token:
        return None
    client = AsyncWebClient(
        token=credentials.bot_token,
        base_url=credentials.api_url,
        timeout=10,
        retry_handlers=[],
    )
    try:
        await client.auth_test()
    except SlackApiError as error:
        code = str(error.response.get("error", ""))
        if code in REFUSED_TOKEN:
            raise ConfigError(
                f"Slack refuses SLACK_BOT_TOKEN ({code}). Fix: set it to the app's Bot User "
                "OAuth Token (xoxb-...), from the Slack app's OAuth & Permissions page."
            ) from None
        return f"Slack's auth.test answered {code or 'an error'}; SLACK_BOT_TOKEN is unchecked"
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        reason = str(error) or type(error).__name__
        return f"could not reach Slack at {credentials.api_url} to check SLACK_BOT_TOKEN ({reason})"
    return None
