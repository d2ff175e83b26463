"""Wiring: settings, database, engine and a surface put together."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from adapters.advisor import ModelAdvisor, model_advisor
from adapters.board.passes import SignedBoardLinks
from bot.clock import Clock, SystemClock
from bot.delivery import Courier
from bot.engine import Engine
from bot.errors import ConfigError
from bot.features import build_router
from bot.outlet import Outlet
from bot.runtime import Prepare, Runtime
from bot.settings import Settings
from storage.database import SqlDatabase
from storage.migrate import check_folder, check_known, current_revision, upgrade_async

log = logging.getLogger(__name__)

ADVISOR_KEY = "KAIZEN_ADVISOR_API_KEY"
"""The advisor model's key, where its server wants one: from the environment only."""


async def migrate_database(url: str, create: bool = False) -> str | None:
    """Bring the schema up to date, or say plainly why the database cannot be opened (an
    SQLite folder that is missing, unless `create`; a schema newer than this code); the
    revision it was at before (None for a new database)."""
    check_folder(url, create)
    try:
        before = await current_revision(url)
        check_known(before)
        await upgrade_async(url)
        return before
    except (OSError, DBAPIError) as error:
        shown = make_url(url).render_as_string(hide_password=True)
        reason = getattr(error, "orig", None) or error
        raise ConfigError(f"Cannot open the database {shown}: {reason}") from None


@dataclass
class App:
    settings: Settings
    database: SqlDatabase
    engine: Engine
    instance: str = field(default_factory=lambda: f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}")
    """The name this process claims work under; `kaizen run` keeps it across restarts."""
    advisor: ModelAdvisor | None = None

    def runtime(self, outlet: Outlet, surface: str, prepare: Prepare | None = None) -> Runtime:
        """The engine joined to one surface: its inbox, its turns, its courier."""
        courier = Courier(
            self.database,
            outlet,
            surface,
            self.engine.clock,
            policy=self.settings.delivery,
            worker=f"{self.instance}/{surface}",
        )
        return Runtime(self.engine, courier, prepare)

    async def close(self) -> None:
        if self.advisor is not None:
            await self.advisor.close()
        await self.database.close()


async def open_app(
    settings: Settings,
    url: str,
    clock: Clock | None = None,
    migrate: bool = True,
    board_token: str | None = None,
    instance: str | None = None,
) -> App:
    """Connect (migrating the schema first, unless told not to) and build the engine. With
    the board's public address (app.yaml) and its token, the bot can hand out board links."""
    advisor = build_advisor(settings)  # a missing extra stops start-up before the database
    if migrate:
        await migrate_database(url)
    database = SqlDatabase(url)
    links = (
        SignedBoardLinks(settings.board.url, board_token)
        if settings.board.url and board_token
        else None
    )
    engine = Engine(build_router(), database, clock or SystemClock(), settings, links, advisor)
    log.info("engine ready on %s", database.engine.url.render_as_string(hide_password=True))
    app = App(settings, database, engine, advisor=advisor)
    if instance:
        app.instance = instance
    return app


def build_advisor(settings: Settings, env: Mapping[str, str] = os.environ) -> ModelAdvisor | None:
    """The advisor model app.yaml configures (five_whys.advisor), or None: the rules alone."""
    chosen = settings.five_whys.advisor
    if chosen is None:
        return None
    advisor = model_advisor(chosen, env.get(ADVISOR_KEY) or None)
    names = "sent" if chosen.send_names else "replaced by roles"
    log.info("5-Whys advisor: %s at %s (names %s)", chosen.model, chosen.url, names)
    return advisor


def instance_name(port: int, env: Mapping[str, str] = os.environ) -> str:
    """KAIZEN_INSTANCE, else host:port: the same after a restart, so the restarted process
    takes back at once what it held, and different for every process beside it."""
    return env.get("KAIZEN_INSTANCE") or f"{socket.gethostname()}:{port}"
