"""The outbox: actions stored with the change that caused them, until delivered."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, update
from sqlalchemy import select as core_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.actions import Deliverable
from bot.codec import dumps, loads
from bot.model.queues import Backlog, Claim, Parcel, Stuck
from storage.notices import OUTBOX, notify, topic
from storage.tables import OutboxRow

PENDING, SENT, PARKED, DROPPED = "pending", "sent", "parked", "dropped"


@functools.lru_cache(maxsize=4096)
def _action(stored: str) -> Deliverable:
    """Actions are frozen values: the same text decodes to the same action."""
    return loads(stored)


def _readable(stored: str) -> Deliverable | None:
    """The stored action, or None when it can no longer be read (an older shape)."""
    try:
        return _action(stored)
    except (ValueError, KeyError, TypeError):
        return None


class SqlOutboxStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, workspace: str, surface: str, actions: list[Deliverable], at: datetime
    ) -> None:
        for action in actions:
            self._session.add(
                OutboxRow(
                    workspace_id=workspace,
                    surface=surface,
                    action=dumps(action),
                    next_try_at=at,
                    created_at=at,
                )
            )
        await self._session.flush()
        if actions:
            await notify(self._session, topic(OUTBOX, surface))

    async def pending(self, surface: str, limit: int) -> list[Parcel]:
        # Read every round while posts wait for their channel's pace: Core rows, and each
        # action decoded once while it waits.
        statement = (
            core_select(
                col(OutboxRow.id),
                col(OutboxRow.workspace_id),
                col(OutboxRow.action),
                col(OutboxRow.attempts),
                col(OutboxRow.next_try_at),
            )
            .where(col(OutboxRow.surface) == surface, col(OutboxRow.state) == PENDING)
            .order_by(col(OutboxRow.id))
            .limit(limit)
        )
        rows = await self._session.execute(statement)
        return [
            Parcel(parcel_id or 0, workspace, _action(action), attempts, next_try_at)
            for parcel_id, workspace, action, attempts, next_try_at in rows
        ]

    async def claim(
        self, parcel_ids: Sequence[int], now: datetime, until: datetime, worker: str
    ) -> dict[int, Claim]:
        # Rows another worker is claiming at this moment are skipped, not waited for
        # (PostgreSQL); SQLite's one write lock makes the read-then-write safe there.
        statement = (
            select(col(OutboxRow.id), col(OutboxRow.attempts), col(OutboxRow.in_doubt))
            .where(
                col(OutboxRow.id).in_(list(parcel_ids)),
                col(OutboxRow.state) == PENDING,
                col(OutboxRow.next_try_at) <= now,
                or_(col(OutboxRow.claimed_until).is_(None), col(OutboxRow.claimed_until) < now),
            )
            .with_for_update(skip_locked=True)
        )
        claims = {
            int(parcel_id or 0): Claim(attempts=attempts, in_doubt=in_doubt)
            for parcel_id, attempts, in_doubt in await self._session.execute(statement)
        }
        if claims:
            await self._session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id).in_(list(claims)))
                .values(claimed_until=until, claimed_by=worker, in_doubt=True)
            )
        return claims

    async def renew(self, parcel_ids: Sequence[int], worker: str, until: datetime) -> list[int]:
        renewed = await self._session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.id).in_(list(parcel_ids)),
                col(OutboxRow.claimed_by) == worker,
                col(OutboxRow.state) == PENDING,
            )
            .values(claimed_until=until)
            .returning(col(OutboxRow.id))
        )
        return [int(parcel_id or 0) for parcel_id in renewed.scalars()]

    async def release_all(self, worker: str) -> int:
        result = await self._session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.claimed_by) == worker, col(OutboxRow.state) == PENDING)
            .values(claimed_until=None, claimed_by=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def release(self, claims: Mapping[int, Claim]) -> None:
        for in_doubt in (True, False):
            ids = [parcel_id for parcel_id, claim in claims.items() if claim.in_doubt is in_doubt]
            if ids:
                await self._session.execute(
                    update(OutboxRow)
                    .where(col(OutboxRow.id).in_(ids))
                    .values(claimed_until=None, claimed_by=None, in_doubt=in_doubt)
                )

    async def sent(
        self, parcel_id: int, at: datetime, message_id: str | None, maybe_twice: bool = False
    ) -> None:
        await self._set(
            parcel_id,
            state=SENT,
            sent_at=at,
            message_id=message_id,
            claimed_until=None,
            in_doubt=maybe_twice,
        )

    async def retry(self, parcel_id: int, at: datetime, error: str, in_doubt: bool) -> None:
        await self._set(
            parcel_id,
            attempts=col(OutboxRow.attempts) + 1,
            next_try_at=at,
            last_error=error[:2000],
            claimed_until=None,
            claimed_by=None,
            in_doubt=in_doubt,
        )

    async def park(self, parcel_id: int, error: str, in_doubt: bool = False) -> None:
        await self._set(
            parcel_id,
            state=PARKED,
            attempts=col(OutboxRow.attempts) + 1,
            last_error=error[:2000],
            claimed_until=None,
            claimed_by=None,
            in_doubt=in_doubt,
        )

    async def backlog(self, surface: str | None = None) -> Backlog:
        where = [] if surface is None else [col(OutboxRow.surface) == surface]
        statement = (
            select(col(OutboxRow.state), func.count(), func.min(col(OutboxRow.created_at)))
            .where(*where, col(OutboxRow.state) != SENT)
            .group_by(col(OutboxRow.state))
        )
        counts = {state: (n, oldest) for state, n, oldest in await self._session.execute(statement)}
        pending, oldest = counts.get(PENDING, (0, None))
        parked, oldest_parked = counts.get(PARKED, (0, None))
        return Backlog(
            pending=pending, parked=parked, oldest_pending=oldest, oldest_parked=oldest_parked
        )

    async def stuck(
        self, pending_before: datetime | None, workspace: str | None = None
    ) -> list[Stuck]:
        where = [] if workspace is None else [col(OutboxRow.workspace_id) == workspace]
        kept: Any = col(OutboxRow.state) == PARKED
        if pending_before is not None:
            late = and_(col(OutboxRow.state) == PENDING, col(OutboxRow.created_at) < pending_before)
            kept = or_(kept, late)
        return await self._stuck(kept, *where)

    async def parcels(self, parcel_ids: Sequence[int]) -> list[Stuck]:
        return await self._stuck(col(OutboxRow.id).in_(list(parcel_ids)))

    async def requeue(self, parcel_ids: Sequence[int], at: datetime) -> list[int]:
        result = await self._session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id).in_(list(parcel_ids)), self._untouched(at))
            .values(
                state=PENDING,
                attempts=0,
                next_try_at=at,
                claimed_until=None,
                claimed_by=None,
            )
            .returning(col(OutboxRow.id), col(OutboxRow.surface))
        )
        requeued = list(result)
        for surface in sorted({surface for _, surface in requeued}):
            await notify(self._session, topic(OUTBOX, surface))
        return sorted(int(parcel_id or 0) for parcel_id, _ in requeued)

    async def drop(self, parcel_ids: Sequence[int], at: datetime) -> list[int]:
        result = await self._session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.id).in_(list(parcel_ids)),
                col(OutboxRow.state) != DROPPED,
                self._untouched(at),
            )
            .values(state=DROPPED, claimed_until=None, claimed_by=None)
            .returning(col(OutboxRow.id))
        )
        return sorted(int(parcel_id or 0) for parcel_id in result.scalars())

    @staticmethod
    def _untouched(at: datetime) -> Any:
        """Not sent, and no worker holds it: a send under way is never pulled from under it."""
        free = or_(col(OutboxRow.claimed_until).is_(None), col(OutboxRow.claimed_until) < at)
        return and_(col(OutboxRow.state) != SENT, or_(col(OutboxRow.state) != PENDING, free))

    async def _stuck(self, *where: Any) -> list[Stuck]:
        statement = select(OutboxRow).where(*where).order_by(col(OutboxRow.id))
        return [
            Stuck(
                id=row.id or 0,
                workspace=row.workspace_id,
                surface=row.surface,
                action=_readable(row.action),
                state=row.state,
                attempts=row.attempts,
                error=row.last_error,
                created_at=row.created_at,
                next_try_at=row.next_try_at,
                held_until=row.claimed_until,
            )
            for row in (await self._session.execute(statement)).scalars()
        ]

    async def _set(self, parcel_id: int, **values: object) -> None:
        await self._session.execute(
            update(OutboxRow).where(col(OutboxRow.id) == parcel_id).values(**values)
        )
