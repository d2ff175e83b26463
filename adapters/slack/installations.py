"""Each workspace's bot token, from its installation: one Slack app in several workspaces.

The token is read from the installation store for every call, not kept: when a workspace
uninstalls the app (on any instance), its next post already finds no token. A token that
rotates is refreshed here shortly before it expires, as Bolt's own authorize does for
requests coming in, and stored again with its new refresh token.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError, SlackTokenRotationError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from bot.outlet import DeliveryError

log = logging.getLogger(__name__)


class Uninstalled(DeliveryError):
    """The workspace has no installation (the app was removed, or never added there)."""

    def __init__(self, workspace: str) -> None:
        super().__init__(f"the app is not installed in Slack workspace {workspace}", permanent=True)


class WorkspaceTokens:
    def __init__(
        self,
        store: AsyncInstallationStore,
        rotator: AsyncTokenRotator | None = None,
        minutes_before_expiration: int = 120,
    ) -> None:
        self._store = store
        self._rotator = rotator
        self._minutes = minutes_before_expiration
        self._rotating: dict[str, asyncio.Lock] = {}

    async def token(self, workspace: str) -> str:
        """The workspace's bot token; `Uninstalled` when it has none, a retryable
        `DeliveryError` when the store or Slack's token rotation cannot be asked."""
        async with self._rotating.setdefault(workspace, asyncio.Lock()):
            try:
                bot = await self._store.async_find_bot(enterprise_id=None, team_id=workspace)
                if bot is None or not bot.bot_token:
                    raise Uninstalled(workspace)
                if self._rotator is not None and bot.bot_refresh_token:
                    rotated = await self._rotator.perform_bot_token_rotation(
                        bot=bot, minutes_before_expiration=self._minutes
                    )
                    if rotated is not None:
                        await self._store.async_save_bot(rotated)
                        bot = rotated
            except (SlackApiError, SlackRequestError, SlackTokenRotationError) as error:
                raise DeliveryError(f"rotating {workspace}'s token failed: {error}") from None
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                raise DeliveryError(f"network: {error!r}") from None
            return str(bot.bot_token)


class WorkspaceClients:
    """One Web API client per workspace, carrying that workspace's current token."""

    def __init__(self, tokens: WorkspaceTokens, api_url: str) -> None:
        self._tokens = tokens
        self._api_url = api_url
        self._clients: dict[str, AsyncWebClient] = {}

    async def client(self, workspace: str) -> AsyncWebClient:
        """The workspace's client with its token as of now; raises `Uninstalled`."""
        try:
            token = await self._tokens.token(workspace)
        except Uninstalled:
            self._clients.pop(workspace, None)
            log.warning(
                "Slack workspace %s has no installation (the app was removed there): "
                "nothing more is sent to it; its posts are parked",
                workspace,
            )
            raise
        client = self._clients.get(workspace)
        if client is None:
            # No retries inside the SDK: the outbox retries, looking first (see SlackSurface).
            client = AsyncWebClient(base_url=self._api_url, timeout=15, retry_handlers=[])
            self._clients[workspace] = client
        client.token = token
        return client
