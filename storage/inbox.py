"""The inbox: requests stored before they were acked, until their turns are done."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from bot.codec import dump_event, load_event
from bot.events import FromPerson
from bot.model.queues import Entry, Waiting
from storage.notices import INBOX, notify, topic
from storage.tables import InboxRow
from storage.upsert import dialect_insert


class SqlInboxStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, surface: str, events: Sequence[tuple[FromPerson, str]], at: datetime
    ) -> None:
        if not events:
            return
        rows = [
            {
                "surface": surface,
                "workspace_id": event.workspace,
                "conversation": conversation,
                "key": event.id or f"inbox:{uuid.uuid4().hex}",
                "event": dump_event(event),
                "received_at": at,
                "next_try_at": at,
                "attempts": 0,
            }
            for event, conversation in events
        ]
        insert = dialect_insert(self.session)
        await self.session.execute(insert(InboxRow).values(rows).on_conflict_do_nothing())
        await notify(self.session, topic(INBOX, surface))

    async def claim(
        self, surface: str, worker: str, now: datetime, until: datetime, limit: int
    ) -> list[Entry]:
        older = aliased(InboxRow)
        ahead = exists().where(
            col(older.surface) == col(InboxRow.surface),
            col(older.conversation) == col(InboxRow.conversation),
            col(older.id) < col(InboxRow.id),
        )
        free = or_(col(InboxRow.claimed_until).is_(None), col(InboxRow.claimed_until) < now)
        statement = (
            select(col(InboxRow.id))
            .where(col(InboxRow.surface) == surface, col(InboxRow.next_try_at) <= now, free)
            .where(~ahead)
            .order_by(col(InboxRow.id))
            .limit(limit)
            .with_for_update(skip_locked=True, of=InboxRow)
        )
        ids = [int(i or 0) for i in (await self.session.execute(statement)).scalars()]
        if not ids:
            return []
        taken = await self.session.execute(
            update(InboxRow)
            .where(col(InboxRow.id).in_(ids))
            .values(claimed_by=worker, claimed_until=until)
            .returning(
                col(InboxRow.id),
                col(InboxRow.key),
                col(InboxRow.event),
                col(InboxRow.attempts),
                col(InboxRow.received_at),
            )
        )
        entries = [
            Entry(int(i or 0), key, load_event(event), attempts, received)
            for i, key, event, attempts, received in taken
        ]
        return sorted(entries, key=lambda entry: entry.id)

    async def renew(self, entry_ids: Sequence[int], worker: str, until: datetime) -> list[int]:
        renewed = await self.session.execute(
            update(InboxRow)
            .where(col(InboxRow.id).in_(list(entry_ids)), col(InboxRow.claimed_by) == worker)
            .values(claimed_until=until)
            .returning(col(InboxRow.id))
        )
        return [int(entry_id or 0) for entry_id in renewed.scalars()]

    async def done(self, entry_id: int) -> None:
        await self.session.execute(delete(InboxRow).where(col(InboxRow.id) == entry_id))

    async def retry(self, entry_id: int, at: datetime, error: str) -> None:
        await self.session.execute(
            update(InboxRow)
            .where(col(InboxRow.id) == entry_id)
            .values(
                attempts=col(InboxRow.attempts) + 1,
                next_try_at=at,
                last_error=error[:2000],
                claimed_by=None,
                claimed_until=None,
            )
        )

    async def release_all(self, worker: str) -> int:
        result = await self.session.execute(
            update(InboxRow)
            .where(col(InboxRow.claimed_by) == worker)
            .values(claimed_by=None, claimed_until=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def waiting(self, surface: str | None = None) -> Waiting:
        where = [] if surface is None else [col(InboxRow.surface) == surface]
        counted = select(func.count()).select_from(InboxRow).where(*where)
        count = (await self.session.execute(counted)).scalar_one()
        # Entries are numbered as they come: the lowest number came first.
        first = select(col(InboxRow.received_at)).where(*where).order_by(col(InboxRow.id))
        oldest = (await self.session.execute(first.limit(1))).scalar_one_or_none()
        return Waiting(int(count), oldest)
