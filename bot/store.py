"""What the engine needs from storage. `storage/` implements these; the engine sees no SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from bot.model.ideas import Idea, Stage, StageChange
from bot.model.kudos import Breadth, Kudos, Standing
from bot.model.queues import InboxStore, OutboxStore
from bot.model.standups import Answer, RunState, StandupRun
from bot.model.views import MetricsStore
from bot.model.whys import Dialogue, Why
from bot.people import Person

IdeaFilter = Literal["mine", "open", "all"]
Wake = Callable[[], None]


@dataclass(frozen=True)
class Posted:
    """Where a message the bot posted landed on the platform; `thread` is its thread's root."""

    channel: str
    message_id: str
    thread: str | None = None
    link: str | None = None
    """Where a person can open the message, when the platform gives such a link."""

    @property
    def thread_root(self) -> str:
        return self.thread or self.message_id


class IdeaStore(Protocol):
    async def add(self, idea: Idea) -> Idea:
        """Store a new idea and give it the workspace's next number."""
        ...

    async def get(self, workspace: str, number: int) -> Idea | None: ...

    async def find(
        self, workspace: str, which: IdeaFilter, person: Person, limit: int
    ) -> tuple[list[Idea], int]:
        """Ideas by `which` (newest first, at most `limit`) and how many match in all."""
        ...

    async def open_texts(self, workspace: str, limit: int) -> list[tuple[int, str]]:
        """(number, text and root cause) of the newest open ideas, at most `limit`: what
        the duplicate hint compares, without loading whole ideas."""
        ...

    async def save(self, idea: Idea, at: datetime) -> None: ...

    async def waiting(
        self, workspace: str, since: datetime, before: datetime, stage: Stage | None = None
    ) -> list[Idea]:
        """Open ideas that entered `stage` between `since` and `before`; with no stage, ideas
        given between them that nobody but their author has acted on yet."""
        ...

    async def count_by_stage(self, workspace: str) -> dict[Stage, int]: ...

    async def log_stage(self, idea: Idea, change: StageChange) -> None: ...

    async def history(self, workspace: str, number: int) -> list[StageChange]: ...


class DialogueStore(Protocol):
    async def add(self, dialogue: Dialogue) -> None: ...

    async def get(self, workspace: str, number: int) -> Dialogue | None: ...

    async def save(self, dialogue: Dialogue) -> None: ...

    async def latest_open(self, workspace: str, person: Person) -> Dialogue | None:
        """The open dialogue `person` may answer that asked its question last."""
        ...

    async def waiting_since(self, workspace: str, before: datetime) -> list[Dialogue]:
        """Dialogues whose question was asked before `before`, unanswered and not reminded."""
        ...

    async def whys(self, workspace: str, number: int) -> list[Why]: ...

    async def save_why(self, workspace: str, number: int, why: Why) -> None: ...

    async def add_guests(self, workspace: str, number: int, people: list[Person]) -> None: ...

    async def guests(self, workspace: str, number: int) -> frozenset[str]: ...


class MessageStore(Protocol):
    async def remember(self, workspace: str, key: str, posted: Posted) -> None: ...

    async def find(self, workspace: str, key: str) -> Posted | None: ...

    async def key_at(self, workspace: str, channel: str, message_id: str) -> str | None:
        """The key of the message posted at (channel, message_id), if it was ours."""
        ...


class KudosStore(Protocol):
    async def add(self, kudos: Kudos) -> Kudos:
        """Store kudos and give it its id."""
        ...

    async def given_on(self, workspace: str, giver: str, local_day: str) -> int:
        """How many receivers `giver` recognised on their `local_day` (withdrawn ones aside)."""
        ...

    async def by_reaction(self, workspace: str, giver: str, reaction: str) -> Kudos | None: ...

    async def withdraw(self, workspace: str, kudos_id: int, at: datetime) -> None: ...

    async def top(
        self,
        workspace: str,
        since: datetime | None,
        role: Literal["receivers", "givers"],
        hidden: frozenset[str],
        limit: int,
    ) -> list[Standing]: ...

    async def breadth(self, workspace: str, since: datetime, until: datetime) -> Breadth: ...

    async def claim_roundup(self, workspace: str, week: str, at: datetime) -> bool:
        """True for the one caller that may post this week's round-up."""
        ...


class PeopleStore(Protocol):
    async def hidden(self, workspace: str) -> frozenset[str]:
        """People who opted out of leaderboards."""
        ...

    async def set_hidden(self, workspace: str, person: Person, hidden: bool) -> None: ...

    async def set_members(
        self, workspace: str, channel: str, people: Sequence[Person], at: datetime
    ) -> None:
        """The channel's members as the platform listed them just now (bots left out)."""
        ...


class StandupStore(Protocol):
    async def claim(self, run: StandupRun, at: datetime) -> StandupRun | None:
        """The run with its id if this caller is the one to post it; None if already claimed."""
        ...

    async def get(self, workspace: str, run_id: int) -> StandupRun | None: ...

    async def on(self, workspace: str, standup: str, local_date: str) -> StandupRun | None: ...

    async def unfinished(self, workspace: str) -> list[StandupRun]:
        """Runs posted but not closed (open, reminding or reminded)."""
        ...

    async def previous(
        self, workspace: str, standup: str, before: str, count: int
    ) -> list[StandupRun]:
        """The `count` runs of `standup` posted before local date `before`, newest first."""
        ...

    async def move(
        self,
        run: StandupRun,
        to: RunState,
        from_states: tuple[RunState, ...],
        at: datetime,
        stale_before: datetime | None = None,
    ) -> bool:
        """Move the run on if it is in one of `from_states` (or stuck in REMINDING since
        `stale_before`); False when another instance got there first."""
        ...

    async def revive(self, run: StandupRun, at: datetime) -> bool:
        """Open a run that was skipped (the instance started too late), as if due `at`."""
        ...

    async def answer(self, run: StandupRun, answer: Answer) -> Answer:
        """Store a person's answer, replacing their earlier one."""
        ...

    async def answers(self, run: StandupRun) -> list[Answer]: ...

    async def mark_idea(self, answer_id: int, number: int) -> None: ...

    async def set_away(self, workspace: str, person: Person, until: str | None) -> None: ...

    async def away(self, workspace: str, on: str) -> frozenset[str]:
        """People away on local date `on`."""
        ...


class ReferenceStore(Protocol):
    """Opaque per-platform data about a conversation (how to post into it later)."""

    async def remember(
        self, workspace: str, key: str, data: dict[str, Any], at: datetime
    ) -> None: ...

    async def find(self, workspace: str, key: str) -> dict[str, Any] | None: ...


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
