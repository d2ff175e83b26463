"""5-Whys dialogues, their whys and the people invited to answer them."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Select, and_, delete, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.model.whys import Dialogue, DialogueState, Why
from bot.people import Person
from storage.ideas import idea_id
from storage.locks import for_change
from storage.tables import DialogueRow, GuestRow, IdeaRow, WhyRow
from storage.upsert import insert_new


class SqlDialogueStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, dialogue: Dialogue) -> None:
        row = DialogueRow(
            workspace_id=dialogue.workspace,
            idea_id=await idea_id(self._session, dialogue.workspace, dialogue.idea_number),
            state="",
            depth=0,
            position=0,
            asked_at=dialogue.asked_at,
        )
        _copy(dialogue, row)
        self._session.add(row)
        await self._session.flush()

    async def get(self, workspace: str, number: int) -> Dialogue | None:
        statement = self._select().where(
            col(IdeaRow.workspace_id) == workspace, col(IdeaRow.number) == number
        )
        found = (await self._session.execute(self._locked(statement))).first()
        return None if found is None else _dialogue(found[0], found[1])

    async def save(self, dialogue: Dialogue) -> None:
        statement = select(DialogueRow).where(
            col(DialogueRow.idea_id)
            == await idea_id(self._session, dialogue.workspace, dialogue.idea_number)
        )
        row = (await self._session.execute(for_change(self._session, statement))).scalar_one()
        _copy(dialogue, row)
        await self._session.flush()

    async def latest_open(self, workspace: str, person: Person) -> Dialogue | None:
        invited = select(GuestRow.idea_id).where(col(GuestRow.person_id) == person.id)
        statement = (
            self._select()
            .where(
                col(DialogueRow.workspace_id) == workspace,
                col(DialogueRow.state) != DialogueState.CLOSED.value,
                or_(col(IdeaRow.author_id) == person.id, col(IdeaRow.id).in_(invited)),
            )
            .order_by(col(DialogueRow.asked_at).desc(), col(DialogueRow.id).desc())
            .limit(1)
        )
        found = (await self._session.execute(self._locked(statement))).first()
        return None if found is None else _dialogue(found[0], found[1])

    async def waiting_since(
        self, workspace: str, before: datetime, now: datetime | None = None
    ) -> list[Dialogue]:
        asked_long_ago = and_(
            col(DialogueRow.remind_at).is_(None), col(DialogueRow.asked_at) <= before
        )
        due = or_(asked_long_ago, col(DialogueRow.remind_at) <= (now or before))
        statement = self._select().where(
            col(DialogueRow.workspace_id) == workspace,
            col(DialogueRow.state) == DialogueState.ASKING.value,
            col(DialogueRow.reminded).is_(False),
            due,
        )
        rows = (await self._session.execute(self._locked(statement))).all()
        return [_dialogue(d, n) for d, n in rows]

    async def whys(self, workspace: str, number: int) -> list[Why]:
        statement = (
            select(WhyRow)
            .where(col(WhyRow.idea_id) == await idea_id(self._session, workspace, number))
            .order_by(col(WhyRow.position))
        )
        return [_why(row) for row in (await self._session.execute(statement)).scalars()]

    async def save_why(self, workspace: str, number: int, why: Why) -> None:
        owner = await idea_id(self._session, workspace, number)
        statement = select(WhyRow).where(
            col(WhyRow.idea_id) == owner, col(WhyRow.position) == why.position
        )
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            row = WhyRow(
                workspace_id=workspace,
                idea_id=owner,
                position=why.position,
                question=why.question,
                asked_at=why.asked_at,
            )
        row.question, row.asked_at = why.question, why.asked_at
        row.answer, row.answered_at = why.answer, why.answered_at
        row.answered_by_id = why.answered_by.id if why.answered_by else None
        row.answered_by_name = why.answered_by.name if why.answered_by else None
        self._session.add(row)
        await self._session.flush()

    async def drop_whys_after(self, workspace: str, number: int, position: int) -> None:
        owner = await idea_id(self._session, workspace, number)
        await self._session.execute(
            delete(WhyRow).where(col(WhyRow.idea_id) == owner, col(WhyRow.position) > position)
        )

    async def add_guests(self, workspace: str, number: int, people: list[Person]) -> None:
        owner = await idea_id(self._session, workspace, number)
        for person in people:
            await insert_new(
                self._session, GuestRow, workspace_id=workspace, idea_id=owner, person_id=person.id
            )

    async def guests(self, workspace: str, number: int) -> frozenset[str]:
        statement = select(GuestRow.person_id).where(
            col(GuestRow.idea_id) == await idea_id(self._session, workspace, number)
        )
        return frozenset((await self._session.execute(statement)).scalars())

    def _locked(self, statement: Select[DialogueRow, int]) -> Select[DialogueRow, int]:
        """A dialogue is read to be answered: its idea and it are held until the turn ends."""
        return for_change(self._session, statement, DialogueRow, IdeaRow)

    @staticmethod
    def _select() -> Select[DialogueRow, int]:
        return select(DialogueRow, col(IdeaRow.number)).join(
            IdeaRow, col(IdeaRow.id) == col(DialogueRow.idea_id)
        )


def _copy(dialogue: Dialogue, row: DialogueRow) -> None:
    row.state = dialogue.state.value
    row.depth = dialogue.depth
    row.position = dialogue.position
    row.asked_at = dialogue.asked_at
    row.reminded = dialogue.reminded
    row.coached = dialogue.coached
    row.offered = dialogue.offered
    row.private = dialogue.private
    row.pending = json.dumps(list(dialogue.pending)) if dialogue.pending else None
    row.remind_at = dialogue.remind_at


def _dialogue(row: DialogueRow, number: int) -> Dialogue:
    return Dialogue(
        workspace=row.workspace_id,
        idea_number=number,
        depth=row.depth,
        asked_at=row.asked_at,
        state=DialogueState(row.state),
        position=row.position,
        reminded=row.reminded,
        coached=row.coached,
        offered=row.offered,
        private=row.private,
        pending=tuple(str(item) for item in json.loads(row.pending)) if row.pending else (),
        remind_at=row.remind_at,
    )


def _why(row: WhyRow) -> Why:
    return Why(
        position=row.position,
        question=row.question,
        asked_at=row.asked_at,
        answer=row.answer,
        answered_by=Person(row.answered_by_id, row.answered_by_name or row.answered_by_id)
        if row.answered_by_id
        else None,
        answered_at=row.answered_at,
    )
