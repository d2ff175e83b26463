"""Slack's OAuth install flow ("Add to Slack"), Bolt's own, served on our aiohttp server.

`/slack/install` shows the Add to Slack page (its link carries a signed, expiring state and
the same state in a cookie); Slack sends the installer back to `/slack/oauth_redirect`,
where Bolt exchanges the code (oauth.v2.access) and stores the installation.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.stateless import StatelessOAuthStateStore

from adapters.slack.manifest import SCOPES
from bot.errors import ConfigError

log = logging.getLogger(__name__)

STATE_SECONDS = 300
"""How long an Add to Slack link stays good: the state is signed, not stored, so it can
only be invalidated by expiring (slack-sdk's advice is five minutes)."""
ROTATION_MINUTES = 120
"""A rotating token is refreshed when it has less than this left (Bolt's default)."""
_NAMES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


@dataclass(frozen=True)
class OAuthCredentials:
    client_id: str
    client_secret: str
    state_secret: str
    redirect_uri: str | None = None

    def __repr__(self) -> str:  # the secrets never reach a log line
        return f"OAuthCredentials(client_id={self.client_id!r})"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OAuthCredentials | None:
        """None when none of the three is set; a `ConfigError` naming what a half set lacks."""
        given = {name: env.get(name, "") for name in _NAMES}
        if not any(given.values()):
            return None
        missing = [name for name, value in given.items() if not value]
        if missing:
            raise ConfigError(
                f"Slack OAuth (Add to Slack) is half configured. Fix: also set "
                f"{', '.join(missing)} (or unset {', '.join(n for n in _NAMES if given[n])})."
            )
        if not env.get("SLACK_SIGNING_SECRET"):
            raise ConfigError(
                "Slack OAuth (Add to Slack) needs SLACK_SIGNING_SECRET. Fix: set it from the "
                "Slack app's Basic Information page."
            )
        return cls(
            given["SLACK_CLIENT_ID"],
            given["SLACK_CLIENT_SECRET"],
            given["SLACK_STATE_SECRET"],
            env.get("SLACK_REDIRECT_URI") or None,
        )

    def settings(self, store: AsyncInstallationStore) -> AsyncOAuthSettings:
        """Bolt's OAuth settings: our store, bot tokens only, a signed state, rotation on."""
        return AsyncOAuthSettings(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scopes=list(SCOPES),
            redirect_uri=self.redirect_uri,
            installation_store=store,
            installation_store_bot_only=True,
            token_rotation_expiration_minutes=ROTATION_MINUTES,
            state_store=StatelessOAuthStateStore(
                expiration_seconds=STATE_SECONDS, signing_secret=self.state_secret
            ),
            state_expiration_seconds=STATE_SECONDS,
        )


def install_routes(flow: AsyncOAuthFlow) -> list[web.RouteDef]:
    """GET routes for the Add to Slack page and Slack's redirect back after installing."""

    async def install(request: web.Request) -> web.Response:
        return await to_aiohttp_response(
            await flow.handle_installation(await to_bolt_request(request))
        )

    async def redirected(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

    return [web.get(flow.install_path, install), web.get(flow.redirect_uri_path, redirected)]
