"""Teams wired up: credentials from the environment, the Agents SDK's adapter, the route.

Configuration is the Microsoft 365 Agents SDK's service connection
(`CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID`, `…__CLIENTSECRET`, `…__TENANTID`,
`…__AUTHTYPE`, `…__CERTPFXFILE`); the older `MICROSOFT_APP_ID`, `MICROSOFT_APP_PASSWORD`,
`MICROSOFT_APP_TENANT_ID` and `MICROSOFT_APP_TYPE` are still understood and mapped onto it.
A bot is single-tenant unless it says otherwise: Azure creates no new multi-tenant bots.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.errors import ConfigError
from bot.language.choice import Languages
from bot.runtime import Runtime
from kaizen.app import App
from kaizen.scheduler import StandupScheduler, standups_for

log = logging.getLogger(__name__)

PREFIX = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
LEGACY = {
    "MICROSOFT_APP_ID": "CLIENTID",
    "MICROSOFT_APP_PASSWORD": "CLIENTSECRET",
    "MICROSOFT_APP_TENANT_ID": "TENANTID",
}
APP_TYPES = {"SingleTenant": None, "MultiTenant": None, "UserAssignedMSI": "UserManagedIdentity"}
AUTH_TYPES = ("ClientSecret", "Certificate", "UserManagedIdentity", "FederatedCredentials")
_TOKEN_CLIENT_LOG = "microsoft_agents.hosting.core.connector.client.user_token_client"
GUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


@dataclass(frozen=True)
class TeamsCredentials:
    """Who the bot is to Microsoft. Empty `app_id` is the local, unauthenticated mode."""

    app_id: str
    tenant_id: str = ""
    settings: Mapping[str, str] = field(default_factory=dict, repr=False)
    """The SDK's connection settings, secret included (never logged)."""
    metadata: tuple[str, ...] = ()
    """OpenID documents whose keys may sign incoming tokens; Microsoft's when empty."""
    issuers: frozenset[str] = frozenset()

    @property
    def single_tenant(self) -> bool:
        return bool(self.tenant_id)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> TeamsCredentials | None:
        """None when Teams is not configured; a `ConfigError` when it is half configured."""
        settings = {
            mapped: env[name] for name, mapped in LEGACY.items() if env.get(name, "").strip()
        }
        app_type = env.get("MICROSOFT_APP_TYPE") or "SingleTenant"
        if app_type not in APP_TYPES:
            raise ConfigError(
                f"MICROSOFT_APP_TYPE={app_type!r}. Fix: one of {', '.join(APP_TYPES)}."
            )
        if APP_TYPES[app_type]:
            settings["AUTHTYPE"] = str(APP_TYPES[app_type])
        settings.update(
            {k.removeprefix(PREFIX): v for k, v in env.items() if k.startswith(PREFIX) and v}
        )
        app_id = settings.get("CLIENTID", "").strip()
        if not app_id:
            if env.get("TEAMS_ALLOW_UNAUTHENTICATED") == "1":
                return cls("")
            if settings:
                raise ConfigError(
                    "Teams is half configured: set MICROSOFT_APP_ID (or "
                    f"{PREFIX}CLIENTID), the Azure Bot's Microsoft App ID."
                )
            return None
        _check(app_id, app_type, settings)
        metadata = tuple(
            url.strip()
            for url in env.get("MICROSOFT_OPENID_METADATA_URL", "").split(",")
            if url.strip()
        )
        issuers = frozenset(
            i.strip() for i in env.get("MICROSOFT_TOKEN_ISSUER", "").split(",") if i.strip()
        )
        tenant = settings.get("TENANTID", "") if app_type != "MultiTenant" else ""
        return cls(app_id, tenant, settings, metadata, issuers)


def _check(app_id: str, app_type: str, settings: Mapping[str, str]) -> None:
    if not GUID.fullmatch(app_id):
        raise ConfigError(
            f"The Teams app id {app_id!r} is not a GUID. Fix: MICROSOFT_APP_ID is the Azure "
            "Bot's Microsoft App ID (Configuration page), like 5d3f1a2b-6c7d-4e8f-9a0b-…"
        )
    auth = settings.get("AUTHTYPE", "ClientSecret")
    if auth not in AUTH_TYPES:
        raise ConfigError(f"{PREFIX}AUTHTYPE={auth!r}. Fix: one of {', '.join(AUTH_TYPES)}.")
    if app_type == "MultiTenant":
        log.warning(
            "MICROSOFT_APP_TYPE=MultiTenant: Azure no longer registers new multi-tenant bots; "
            "an existing one keeps working"
        )
    elif not settings.get("TENANTID"):
        raise ConfigError(
            "A single-tenant bot needs its tenant. Fix: set MICROSOFT_APP_TENANT_ID (or "
            f"{PREFIX}TENANTID): the Directory (tenant) ID of the bot's app registration."
        )
    if auth == "ClientSecret" and not settings.get("CLIENTSECRET"):
        raise ConfigError(
            "MICROSOFT_APP_ID is set without MICROSOFT_APP_PASSWORD (the client secret; or "
            f"{PREFIX}CLIENTSECRET). Fix: set it, or use a certificate or a managed identity "
            "(see the README)."
        )
    if auth == "Certificate" and not settings.get("CERTPFXFILE"):
        raise ConfigError(f"A certificate login needs {PREFIX}CERTPFXFILE (a .pfx file path).")


REFUSED = ("invalid_client", "unauthorized_client", "AADSTS7000215", "AADSTS700016", "AADSTS90002")
"""What Entra answers for a wrong secret, an unknown app id or tenant."""
TOKEN_WAIT = 15.0


async def check_token(credentials: TeamsCredentials) -> str | None:
    """With an app id, fetch the bot's token from Entra once before serving: a refused app
    id, secret or tenant is a `ConfigError`; Entra out of reach, a warning (start goes on:
    what people send is stored, and answers wait for the token)."""
    if not credentials.app_id:
        return None
    from microsoft_agents.authentication.msal import MsalAuth
    from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthenticationConstants

    scope = AuthenticationConstants.AGENTS_SDK_SCOPE
    settings: dict[str, Any] = dict(credentials.settings)
    auth = MsalAuth(AgentAuthConfiguration(**settings))
    try:
        await asyncio.wait_for(auth.get_access_token(scope, [f"{scope}/.default"]), TOKEN_WAIT)
    except Exception as error:
        said = str(error)
        refused = next((code for code in REFUSED if code in said), None)
        if refused is not None:
            raise ConfigError(
                f"Microsoft Entra refuses the Teams bot's credentials ({refused}). Fix: check "
                "MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (the secret's value, not its id) "
                "and MICROSOFT_APP_TENANT_ID against the Azure Bot's app registration."
            ) from None
        reason = type(error).__name__
        return f"could not fetch the Teams bot's token from Microsoft Entra ({reason})"
    return None


class TeamsSurface:
    """Teams as one surface of `kaizen run`: /api/messages, the outbox, ticks, stand-ups."""

    name = "teams"

    def __init__(
        self, app: App, credentials: TeamsCredentials, served: tuple[str, ...] = ("teams",)
    ) -> None:
        if importlib.util.find_spec("microsoft_agents") is None:
            raise ConfigError(
                "Teams needs the Microsoft 365 Agents SDK (Python 3.12 or newer). Fix: "
                "pip install 'kaizen-bot[teams]'."
            )
        from microsoft_agents.authentication.msal import MsalConnectionManager
        from microsoft_agents.hosting.aiohttp import CloudAdapter
        from microsoft_agents.hosting.core import AgentAuthConfiguration

        from adapters.teams.bot import MessagesRoute, TeamsBot
        from adapters.teams.outlet import TeamsOutlet
        from adapters.teams.tokens import TokenChecker, TokenRules, metadata_urls

        if not credentials.app_id:
            # Without an app id the SDK warns on every send that its token client has none.
            logging.getLogger(_TOKEN_CLIENT_LOG).setLevel(logging.ERROR)
            log.warning(
                "Teams accepts UNAUTHENTICATED requests (TEAMS_ALLOW_UNAUTHENTICATED=1 "
                "and no MICROSOFT_APP_ID): for local testing with an emulator only"
            )
        connection: dict[str, Any] = dict(credentials.settings) or {"ANONYMOUS_ALLOWED": True}
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": AgentAuthConfiguration(**connection)}
        )
        self.adapter = CloudAdapter(connection_manager=connections)
        # The SDK's default posts the error's text into the conversation; a failed send is
        # the outbox's to retry, never something people should read.
        self.adapter.on_turn_error = None
        self.credentials = credentials
        clock = app.engine.clock
        board = app.settings.board.url if app.settings.board.url else None
        speaks = Languages(app.settings).of_reader
        self.outlet = TeamsOutlet(
            self.adapter, app.database, credentials.app_id, clock, lambda _ws: board, speaks
        )
        self.runtime: Runtime = app.runtime(self.outlet, self.name)
        self.bot = TeamsBot(self.runtime, app.database, clock, app.settings.language)
        self.tokens = (
            TokenChecker(
                TokenRules(
                    credentials.app_id,
                    credentials.tenant_id,
                    credentials.metadata or metadata_urls(credentials.tenant_id),
                    credentials.issuers,
                )
            )
            if credentials.app_id
            else None
        )
        self._routes = MessagesRoute(
            self.bot, self.tokens, overloaded=lambda: self.runtime.overloaded
        )
        self._app = app
        self.scheduler: StandupScheduler | None = None
        self._standups = standups_for(app.settings, self.name, served)

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/api/messages", self._routes.handle)]

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
