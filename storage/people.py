"""People as the bot keeps them: their own choices, and who is in each channel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.people import Person
from storage.tables import MemberRow, PersonPrefRow
from storage.upsert import insert_new, upsert


class SqlPeopleStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def hidden(self, workspace: str) -> frozenset[str]:
        statement = select(col(PersonPrefRow.person_id)).where(
            col(PersonPrefRow.workspace_id) == workspace,
            col(PersonPrefRow.hidden_from_leaderboards).is_(True),
        )
        return frozenset((await self._session.execute(statement)).scalars())

    async def set_hidden(self, workspace: str, person: Person, hidden: bool) -> None:
        await upsert(
            self._session,
            PersonPrefRow,
            ("workspace_id", "person_id"),
            workspace_id=workspace,
            person_id=person.id,
            hidden_from_leaderboards=hidden,
        )

    async def locales(self, workspace: str, ids: Sequence[str]) -> dict[str, str]:
        statement = select(col(PersonPrefRow.person_id), col(PersonPrefRow.locale)).where(
            col(PersonPrefRow.workspace_id) == workspace,
            col(PersonPrefRow.person_id).in_(list(ids)),
            col(PersonPrefRow.locale).is_not(None),
        )
        rows = (await self._session.execute(statement)).all()
        return {str(person): str(locale) for person, locale in rows}

    async def set_locale(self, workspace: str, person: Person) -> None:
        await upsert(
            self._session,
            PersonPrefRow,
            ("workspace_id", "person_id"),
            workspace_id=workspace,
            person_id=person.id,
            locale=(person.locale or "")[:35] or None,
        )

    async def names(self, workspace: str) -> frozenset[str]:
        statement = (
            select(col(MemberRow.person_name))
            .where(col(MemberRow.workspace_id) == workspace)
            .distinct()
        )
        return frozenset((await self._session.execute(statement)).scalars())

    async def set_members(
        self, workspace: str, channel: str, people: Sequence[Person], at: datetime
    ) -> None:
        mine = (col(MemberRow.workspace_id) == workspace, col(MemberRow.channel) == channel)
        await self._session.execute(delete(MemberRow).where(*mine))
        for person in {p.id: p for p in people if not p.is_bot}.values():
            await insert_new(
                self._session,
                MemberRow,
                workspace_id=workspace,
                channel=channel,
                person_id=person.id,
                person_name=person.name,
                listed_at=at,
            )
