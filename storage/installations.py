"""Slack installations (each workspace that added the app through "Add to Slack") kept in
our own database, in the two tables slack-sdk's SQLAlchemy installation store reads.

The tables are registered on SQLModel's metadata like every other table, so the test that
compares the migrations with the code also notices when a newer slack-sdk changes them.
"""

from __future__ import annotations

import logging

from slack_sdk.oauth.installation_store.sqlalchemy import (
    AsyncSQLAlchemyInstallationStore,
    SQLAlchemyInstallationStore,
)
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

INSTALLATIONS = "slack_installations"
BOTS = "slack_bots"

SQLAlchemyInstallationStore.build_installations_table(SQLModel.metadata, INSTALLATIONS)
SQLAlchemyInstallationStore.build_bots_table(SQLModel.metadata, BOTS)


def installation_store(engine: AsyncEngine, client_id: str) -> AsyncSQLAlchemyInstallationStore:
    """slack-sdk's async store over the bot's own engine (SQLite or PostgreSQL): the
    installations live next to the ideas they belong to, in one backup."""
    return AsyncSQLAlchemyInstallationStore(
        client_id,
        engine,
        bots_table_name=BOTS,
        installations_table_name=INSTALLATIONS,
        logger=logging.getLogger(__name__),
    )
