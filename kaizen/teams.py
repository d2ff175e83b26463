"""Teams wired up: credentials from the environment, botbuilder's CloudAdapter, the route."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)

from adapters.teams.bot import MessagesRoute, TeamsBot
from adapters.teams.outlet import TeamsOutlet
from bot.errors import ConfigError
from bot.runtime import Runtime
from kaizen.app import App
from kaizen.scheduler import StandupScheduler, standups_for

log = logging.getLogger(__name__)
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")


@dataclass(frozen=True)
class TeamsCredentials:
    """What botbuilder needs. Empty `app_id` is the local, unauthenticated mode."""

    app_id: str
    password: str
    tenant_id: str
    app_type: str
    openid_metadata_url: str | None = None
    token_issuer: str | None = None
    login_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> TeamsCredentials | None:
        """None when Teams is not configured; a `ConfigError` when it is half configured."""
        app_id = env.get("MICROSOFT_APP_ID", "")
        allowed = env.get("TEAMS_ALLOW_UNAUTHENTICATED") == "1"
        if not app_id and not allowed:
            return None
        app_type = env.get("MICROSOFT_APP_TYPE") or "MultiTenant"
        if app_type not in APP_TYPES:
            raise ConfigError(
                f"MICROSOFT_APP_TYPE={app_type!r}. Fix: one of {', '.join(APP_TYPES)}."
            )
        tenant = env.get("MICROSOFT_APP_TENANT_ID", "")
        if app_id and app_type == "SingleTenant" and not tenant:
            raise ConfigError("A SingleTenant app needs MICROSOFT_APP_TENANT_ID.")
        if app_id and app_type != "UserAssignedMSI" and not env.get("MICROSOFT_APP_PASSWORD"):
            raise ConfigError("MICROSOFT_APP_ID is set without MICROSOFT_APP_PASSWORD.")
        return cls(
            app_id,
            env.get("MICROSOFT_APP_PASSWORD", ""),
            tenant,
            app_type,
            env.get("MICROSOFT_OPENID_METADATA_URL") or None,
            env.get("MICROSOFT_TOKEN_ISSUER") or None,
            env.get("MICROSOFT_LOGIN_URL") or None,
        )

    def botbuilder_configuration(self) -> object:
        """The attribute bag botbuilder's ConfigurationBotFrameworkAuthentication reads."""
        settings = {
            "APP_ID": self.app_id,
            "APP_PASSWORD": self.password,
            "APP_TYPE": self.app_type,
            "APP_TENANTID": self.tenant_id,
        }
        if self.openid_metadata_url:
            settings["TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL"] = self.openid_metadata_url
        if self.token_issuer:
            settings["TO_BOT_FROM_CHANNEL_TOKEN_ISSUER"] = self.token_issuer
        if self.login_url:
            settings["TO_CHANNEL_FROM_BOT_LOGIN_URL"] = self.login_url
        return type("BotConfiguration", (), settings)()


class TeamsSurface:
    """Teams as one surface of `kaizen run`: /api/messages, the outbox, ticks, stand-ups."""

    name = "teams"

    def __init__(
        self, app: App, credentials: TeamsCredentials, served: tuple[str, ...] = ("teams",)
    ) -> None:
        if not credentials.app_id:
            log.warning(
                "Teams accepts UNAUTHENTICATED requests (TEAMS_ALLOW_UNAUTHENTICATED=1 "
                "and no MICROSOFT_APP_ID): for local testing with an emulator only"
            )
        authentication = ConfigurationBotFrameworkAuthentication(
            credentials.botbuilder_configuration()
        )
        self.adapter = CloudAdapter(authentication)
        self.credentials = credentials
        clock = app.engine.clock
        self.outlet = TeamsOutlet(self.adapter, app.database, credentials.app_id, clock)
        self.runtime: Runtime = app.runtime(self.outlet, self.name)
        self.bot = TeamsBot(self.runtime, app.database, clock)
        self._app = app
        self.scheduler: StandupScheduler | None = None
        self._standups = standups_for(app.settings, self.name, served)

    def routes(self) -> list[web.RouteDef]:
        route = MessagesRoute(
            self.adapter,
            self.bot,
            checks_tokens=bool(self.credentials.app_id),
            overloaded=lambda: self.runtime.overloaded,
        )
        return [web.post("/api/messages", route.handle)]

    async def start(self) -> None:
        await self.runtime.start()
        if not self._standups:
            return
        known = await self._app.database.workspaces(self.name)
        tenant = self.credentials.tenant_id or (known[0] if known else "")
        if not tenant:
            log.warning(
                "Teams stand-ups start once the bot has been added to a team (or set "
                "MICROSOFT_APP_TENANT_ID)"
            )
            return
        self.scheduler = StandupScheduler(
            self.runtime, self._app.settings, self._standups, tenant, self._app.engine.clock
        )
        await self.scheduler.start()

    async def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
        await self.runtime.stop()
