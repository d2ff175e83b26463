"""Conversation references, stored so a platform can post proactively later."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import ConversationRefRow
from storage.upsert import upsert


class SqlReferenceStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, workspace: str, key: str, data: dict[str, Any], at: datetime) -> None:
        await upsert(
            self._session,
            ConversationRefRow,
            ("workspace_id", "key"),
            workspace_id=workspace,
            key=key,
            data=json.dumps(data, sort_keys=True),
            updated_at=at,
        )

    async def find(self, workspace: str, key: str) -> dict[str, Any] | None:
        row = await self._session.get(ConversationRefRow, (workspace, key))
        if row is None:
            return None
        data = json.loads(row.data)
        return data if isinstance(data, dict) else None
