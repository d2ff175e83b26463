"""Kudos, their receivers, leaderboards and the weekly round-up claim."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.model.kudos import Breadth, Kudos, Standing
from bot.people import Person
from storage.locks import hold
from storage.tables import KudosReceiverRow, KudosRow, RoundupRow
from storage.upsert import insert_new


class SqlKudosStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, kudos: Kudos) -> Kudos:
        row = KudosRow(
            workspace_id=kudos.workspace,
            giver_id=kudos.giver.id,
            giver_name=kudos.giver.name,
            reason=kudos.reason,
            value=kudos.value,
            channel=kudos.channel,
            source=kudos.source.value,
            idea_number=kudos.idea_number,
            reaction=kudos.reaction,
            given_at=kudos.given_at,
            local_day=kudos.local_day,
        )
        self._session.add(row)
        await self._session.flush()
        assert row.id is not None
        for person in kudos.receivers:
            self._session.add(
                KudosReceiverRow(
                    kudos_id=row.id,
                    person_id=person.id,
                    workspace_id=kudos.workspace,
                    person_name=person.name,
                    given_at=kudos.given_at,
                )
            )
        await self._session.flush()
        kudos.id = row.id
        return kudos

    async def given_on(self, workspace: str, giver: str, local_day: str) -> int:
        # The count decides whether more may be given: two kudos by one person at once
        # (from two channels) wait for each other here.
        await hold(self._session, "kudos-given", workspace, giver)
        statement = (
            select(func.count())
            .select_from(KudosReceiverRow)
            .join(KudosRow, col(KudosRow.id) == col(KudosReceiverRow.kudos_id))
            .where(
                col(KudosRow.workspace_id) == workspace,
                col(KudosRow.giver_id) == giver,
                col(KudosRow.local_day) == local_day,
                col(KudosRow.withdrawn_at).is_(None),
            )
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def by_reaction(self, workspace: str, giver: str, reaction: str) -> Kudos | None:
        statement = select(KudosRow).where(
            col(KudosRow.workspace_id) == workspace,
            col(KudosRow.giver_id) == giver,
            col(KudosRow.reaction) == reaction,
            col(KudosRow.withdrawn_at).is_(None),
        )
        row = (await self._session.execute(statement)).scalars().first()
        if row is None or row.id is None:
            return None
        receivers = await self._receivers(row.id)
        return Kudos(
            workspace=row.workspace_id,
            giver=Person(row.giver_id, row.giver_name),
            receivers=receivers,
            reason=row.reason,
            channel=row.channel,
            given_at=row.given_at,
            local_day=row.local_day,
            value=row.value,
            reaction=row.reaction,
            id=row.id,
        )

    async def withdraw(self, workspace: str, kudos_id: int, at: datetime) -> None:
        await self._session.execute(
            update(KudosRow)
            .where(col(KudosRow.workspace_id) == workspace, col(KudosRow.id) == kudos_id)
            .values(withdrawn_at=at)
        )

    async def top(
        self,
        workspace: str,
        since: datetime | None,
        role: Literal["receivers", "givers"],
        hidden: frozenset[str],
        limit: int,
    ) -> list[Standing]:
        if role == "receivers":
            who, name = col(KudosReceiverRow.person_id), func.max(col(KudosReceiverRow.person_name))
            count = func.count()
        else:
            who, name = col(KudosRow.giver_id), func.max(col(KudosRow.giver_name))
            count = func.count(func.distinct(col(KudosRow.id)))
        statement = (
            select(who, name, count)
            .select_from(KudosRow)
            .join(KudosReceiverRow, col(KudosRow.id) == col(KudosReceiverRow.kudos_id))
            .where(*self._live(workspace, since), who.not_in(hidden or {""}))
            .group_by(who)
            .order_by(count.desc(), name)
            .limit(limit)
        )
        if role == "givers":
            statement = statement.where(col(KudosRow.source) != "idea")
        rows = await self._session.execute(statement)
        return [Standing(Person(person, label or person), n) for person, label, n in rows]

    async def breadth(self, workspace: str, since: datetime, until: datetime) -> Breadth:
        live = [*self._live(workspace, since), col(KudosRow.given_at) < until]
        totals = select(
            func.count(func.distinct(col(KudosRow.id))),
            func.count(func.distinct(col(KudosRow.giver_id))),
        ).where(*live)
        kudos, givers = (await self._session.execute(totals)).one()
        people = (
            select(col(KudosReceiverRow.person_id), func.max(col(KudosReceiverRow.person_name)))
            .join(KudosRow, col(KudosRow.id) == col(KudosReceiverRow.kudos_id))
            .where(*live)
            .group_by(col(KudosReceiverRow.person_id))
            .order_by(func.max(col(KudosReceiverRow.person_name)))
        )
        receivers = tuple(Person(p, n or p) for p, n in await self._session.execute(people))
        return Breadth(kudos=int(kudos), givers=int(givers), receivers=receivers)

    async def claim_roundup(self, workspace: str, week: str, at: datetime) -> bool:
        return await insert_new(
            self._session, RoundupRow, workspace_id=workspace, week=week, posted_at=at
        )

    async def _receivers(self, kudos_id: int) -> tuple[Person, ...]:
        statement = select(KudosReceiverRow).where(col(KudosReceiverRow.kudos_id) == kudos_id)
        rows = (await self._session.execute(statement)).scalars()
        return tuple(Person(r.person_id, r.person_name) for r in rows)

    @staticmethod
    def _live(workspace: str, since: datetime | None) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [
            col(KudosRow.workspace_id) == workspace,
            col(KudosRow.withdrawn_at).is_(None),
        ]
        if since is not None:
            where.append(col(KudosRow.given_at) >= since)
        return where
