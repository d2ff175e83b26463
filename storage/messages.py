"""Where keyed messages of ours landed on the platform."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.model.messages import Posted
from storage.tables import PostedMessageRow
from storage.upsert import upsert


class SqlMessageStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, workspace: str, key: str, posted: Posted) -> None:
        await upsert(
            self._session,
            PostedMessageRow,
            ("workspace_id", "key"),
            workspace_id=workspace,
            key=key,
            channel=posted.channel,
            message_id=posted.message_id,
            thread=posted.thread,
            link=posted.link,
        )

    async def find(self, workspace: str, key: str) -> Posted | None:
        row = await self._row(workspace, key)
        return None if row is None else Posted(row.channel, row.message_id, row.thread, row.link)

    async def key_at(self, workspace: str, channel: str, message_id: str) -> str | None:
        """Ours at that message; else the first of ours in the reply chain it starts (a card
        posted into a person's own Teams post)."""
        here = (
            col(PostedMessageRow.workspace_id) == workspace,
            col(PostedMessageRow.channel) == channel,
        )
        at = select(PostedMessageRow.key).where(
            *here, col(PostedMessageRow.message_id) == message_id
        )
        found = (await self._session.execute(at)).scalars().first()
        if found is not None:
            return found
        under = (
            select(PostedMessageRow.key)
            .where(*here, col(PostedMessageRow.thread) == message_id)
            .order_by(col(PostedMessageRow.id))
            .limit(1)
        )
        return (await self._session.execute(under)).scalars().first()

    async def _row(self, workspace: str, key: str) -> PostedMessageRow | None:
        statement = select(PostedMessageRow).where(
            col(PostedMessageRow.workspace_id) == workspace, col(PostedMessageRow.key) == key
        )
        return (await self._session.execute(statement)).scalar_one_or_none()
