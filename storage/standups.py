"""Stand-up runs, answers and who is away."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.model.standups import Answer, RunState, StandupRun
from bot.people import Person
from storage.tables import AwayRow, StandupAnswerRow, StandupRunRow
from storage.upsert import insert_new

_UNFINISHED = (RunState.OPEN.value, RunState.REMINDING.value, RunState.REMINDED.value)


class SqlStandupStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, run: StandupRun, at: datetime) -> StandupRun | None:
        inserted = await insert_new(
            self._session,
            StandupRunRow,
            workspace_id=run.workspace,
            standup=run.standup,
            local_date=run.local_date,
            channel=run.channel,
            due_at=run.due_at,
            state=run.state.value,
            changed_at=at,
        )
        if not inserted:
            return None
        return await self.on(run.workspace, run.standup, run.local_date)

    async def get(self, workspace: str, run_id: int) -> StandupRun | None:
        row = await self._session.get(StandupRunRow, run_id)
        return None if row is None or row.workspace_id != workspace else _run(row)

    async def on(self, workspace: str, standup: str, local_date: str) -> StandupRun | None:
        statement = select(StandupRunRow).where(
            col(StandupRunRow.workspace_id) == workspace,
            col(StandupRunRow.standup) == standup,
            col(StandupRunRow.local_date) == local_date,
        )
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else _run(row)

    async def unfinished(self, workspace: str) -> list[StandupRun]:
        statement = select(StandupRunRow).where(
            col(StandupRunRow.workspace_id) == workspace,
            col(StandupRunRow.state).in_(_UNFINISHED),
        )
        return [_run(row) for row in (await self._session.execute(statement)).scalars()]

    async def previous(
        self, workspace: str, standup: str, before: str, count: int
    ) -> list[StandupRun]:
        statement = (
            select(StandupRunRow)
            .where(
                col(StandupRunRow.workspace_id) == workspace,
                col(StandupRunRow.standup) == standup,
                col(StandupRunRow.local_date) < before,
                col(StandupRunRow.state) != RunState.SKIPPED.value,
            )
            .order_by(col(StandupRunRow.local_date).desc())
            .limit(count)
        )
        return [_run(row) for row in (await self._session.execute(statement)).scalars()]

    async def move(
        self,
        run: StandupRun,
        to: RunState,
        from_states: tuple[RunState, ...],
        at: datetime,
        stale_before: datetime | None = None,
    ) -> bool:
        allowed: ColumnElement[bool] = col(StandupRunRow.state).in_([s.value for s in from_states])
        if stale_before is not None:
            stuck = and_(
                col(StandupRunRow.state) == RunState.REMINDING.value,
                col(StandupRunRow.changed_at) < stale_before,
            )
            allowed = or_(allowed, stuck)
        result = await self._session.execute(
            update(StandupRunRow)
            .where(col(StandupRunRow.id) == run.id, allowed)
            .values(state=to.value, changed_at=at)
        )
        moved = bool(getattr(result, "rowcount", 0))
        if moved:
            run.state = to
        return moved

    async def revive(self, run: StandupRun, at: datetime) -> bool:
        result = await self._session.execute(
            update(StandupRunRow)
            .where(
                col(StandupRunRow.id) == run.id, col(StandupRunRow.state) == RunState.SKIPPED.value
            )
            .values(state=RunState.OPEN.value, due_at=at, changed_at=at)
        )
        revived = bool(getattr(result, "rowcount", 0))
        if revived:
            run.state, run.due_at = RunState.OPEN, at
        return revived

    async def answer(self, run: StandupRun, answer: Answer) -> Answer:
        statement = select(StandupAnswerRow).where(
            col(StandupAnswerRow.run_id) == run.id,
            col(StandupAnswerRow.person_id) == answer.person.id,
        )
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            row = StandupAnswerRow(
                run_id=run.id,
                workspace_id=run.workspace,
                person_id=answer.person.id,
                person_name=answer.person.name,
                text="",
                answered_at=answer.answered_at,
            )
        row.text, row.blocker, row.answered_at = answer.text, answer.blocker, answer.answered_at
        row.person_name = answer.person.name
        self._session.add(row)
        await self._session.flush()
        answer.id = row.id or 0
        answer.idea_number = row.idea_number
        return answer

    async def answers(self, run: StandupRun) -> list[Answer]:
        statement = (
            select(StandupAnswerRow)
            .where(col(StandupAnswerRow.run_id) == run.id)
            .order_by(col(StandupAnswerRow.answered_at), col(StandupAnswerRow.id))
        )
        return [
            Answer(
                Person(r.person_id, r.person_name),
                r.text,
                r.blocker,
                r.answered_at,
                r.idea_number,
                r.id or 0,
            )
            for r in (await self._session.execute(statement)).scalars()
        ]

    async def mark_idea(self, answer_id: int, number: int) -> None:
        await self._session.execute(
            update(StandupAnswerRow)
            .where(col(StandupAnswerRow.id) == answer_id)
            .values(idea_number=number)
        )

    async def set_away(self, workspace: str, person: Person, until: str | None) -> None:
        row = await self._session.get(AwayRow, (workspace, person.id))
        if until is None:
            if row is not None:
                await self._session.delete(row)
            return
        if row is None:
            row = AwayRow(workspace_id=workspace, person_id=person.id, until=until)
        row.until = until
        self._session.add(row)
        await self._session.flush()

    async def away(self, workspace: str, on: str) -> frozenset[str]:
        statement = select(col(AwayRow.person_id)).where(
            col(AwayRow.workspace_id) == workspace, col(AwayRow.until) >= on
        )
        return frozenset((await self._session.execute(statement)).scalars())


def _run(row: StandupRunRow) -> StandupRun:
    return StandupRun(
        workspace=row.workspace_id,
        standup=row.standup,
        local_date=row.local_date,
        channel=row.channel,
        due_at=row.due_at,
        state=RunState(row.state),
        id=row.id or 0,
    )
