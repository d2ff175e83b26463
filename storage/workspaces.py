"""Workspace rows: created on first contact, and the source of never-reused idea numbers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import WorkspaceRow
from storage.upsert import insert_new


async def ensure_workspace(
    session: AsyncSession, workspace: str, surface: str, at: datetime
) -> None:
    await insert_new(
        session, WorkspaceRow, id=workspace, surface=surface, next_idea_number=1, created_at=at
    )


async def take_idea_number(session: AsyncSession, workspace: str) -> int:
    """The workspace's next idea number. The row update serialises concurrent writers."""
    statement = (
        update(WorkspaceRow)
        .where(col(WorkspaceRow.id) == workspace)
        .values(next_idea_number=col(WorkspaceRow.next_idea_number) + 1)
        .returning(col(WorkspaceRow.next_idea_number))
    )
    return int((await session.execute(statement)).scalar_one()) - 1
