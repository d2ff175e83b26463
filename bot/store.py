"""What the engine needs from storage: one transaction's `Store` and the `Database` that
opens them. Each record's own store protocol lives beside the record in `bot/model/`;
`storage/` implements them all, and the engine sees no SQL."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Literal, Protocol

from bot.model.ideas import IdeaStore
from bot.model.kudos import KudosStore, PeopleStore
from bot.model.messages import MessageStore, ReferenceStore
from bot.model.queues import InboxStore, OutboxStore
from bot.model.standups import StandupStore
from bot.model.views import MetricsStore
from bot.model.whys import DialogueStore

Wake = Callable[[], None]


class Store(Protocol):
    """One transaction's view of storage."""

    @property
    def ideas(self) -> IdeaStore: ...

    @property
    def dialogues(self) -> DialogueStore: ...

    @property
    def messages(self) -> MessageStore: ...

    @property
    def outbox(self) -> OutboxStore: ...

    @property
    def kudos(self) -> KudosStore: ...

    @property
    def people(self) -> PeopleStore: ...

    @property
    def standups(self) -> StandupStore: ...

    @property
    def references(self) -> ReferenceStore: ...

    @property
    def metrics(self) -> MetricsStore: ...

    async def claim_once(self, workspace: str, key: str, at: datetime) -> bool:
        """True for the one caller that may do the thing named `key` (a nudge, a digest)."""
        ...

    async def ensure_workspace(self, workspace: str, surface: str, at: datetime) -> None:
        """Make sure the workspace exists (on `surface`); every row hangs off it."""
        ...

    async def knows_workspace(self, workspace: str) -> bool:
        """Whether anyone has talked to the bot from this workspace yet."""
        ...

    async def claim_event(self, workspace: str, event_id: str, at: datetime) -> bool:
        """Record a platform delivery id; False when it was handled before (a retry)."""
        ...

    async def seen(self, instance: str, at: datetime) -> None:
        """Note that `instance` is alive: a write, so it fails when nothing can be written."""
        ...

    async def forget_before(self, workspace: str, before: datetime) -> int:
        """Let go of what is kept only for a while: delivery ids handled and posts delivered
        before `before`. How many rows went."""
        ...


class Database(Protocol):
    serial: bool
    """Whether one transaction writes at a time (SQLite): then turns queue in the process
    instead of in the database. Otherwise (PostgreSQL) turns run side by side and the
    database serialises what must not race, with row locks and unique rows."""

    def transaction(self, first: bool = False) -> AbstractAsyncContextManager[Store]:
        """A store whose changes commit together when the block ends, or not at all.
        `first`: a request waits for this write before it is acked; where writers take
        turns (SQLite), it goes ahead of the others."""
        ...

    def inbox(self, first: bool = False) -> AbstractAsyncContextManager[InboxStore]:
        """A transaction on the inbox alone (`first` as for `transaction`). On SQLite the
        inbox has a file of its own, so taking a request in never waits for a turn."""
        ...

    def reading(self) -> AbstractAsyncContextManager[Store]:
        """A consistent, read-only view that does not wait for or hold up turns: for the
        board, exports and reports, which read much and change nothing."""
        ...

    async def workspaces(self, surface: str | None = None) -> list[str]:
        """Every workspace the bot has seen (on `surface`)."""
        ...

    async def watch(self, kind: Literal["inbox", "outbox"], surface: str, wake: Wake) -> None:
        """Call `wake` whenever any instance stores work of `kind` for `surface`, where the
        database can tell (PostgreSQL); elsewhere the watcher polls."""
        ...
