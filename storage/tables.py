"""The tables. Every row carries its workspace: tenants never see each other's data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.people import LONGEST_ID
from storage.types import UTCDateTime


def _time(nullable: bool = False) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable)


class WorkspaceRow(SQLModel, table=True):
    """A Slack team, a Teams tenant, or the local terminal. Holds the idea counter."""

    __tablename__ = "workspace"

    id: str = Field(primary_key=True, max_length=64)
    surface: str | None = Field(default=None, max_length=20)
    next_idea_number: int = 1
    created_at: datetime = Field(sa_column=_time())


class IdeaRow(SQLModel, table=True):
    __tablename__ = "idea"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number", name="uq_idea_number"),
        Index("ix_idea_workspace_stage_path", "workspace_id", "stage", "path", "stage_at"),
        Index("ix_idea_workspace_author", "workspace_id", "author_id"),
        # Covering: a period's ideas are counted from the index alone.
        Index(
            "ix_idea_workspace_created",
            "workspace_id",
            "created_at",
            "stage",
            "path",
            "channel",
            "author_id",
        ),
        Index("ix_idea_workspace_channel", "workspace_id", "channel"),
        Index("ix_idea_workspace_check", "workspace_id", "stage", "check_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    number: int
    text: str
    proposal: str | None = None
    author_id: str = Field(max_length=LONGEST_ID)
    author_name: str = Field(max_length=200)
    anonymous: bool = False
    path: str = Field(default="operational", max_length=20)
    goal: str | None = None
    category: str | None = Field(default=None, max_length=100)
    stage: str = Field(default="new", max_length=20)
    stage_at: datetime = Field(sa_column=_time())
    channel: str = Field(max_length=200)
    root_cause: str | None = None
    countermeasure: str | None = None
    fix_kind: str | None = Field(default=None, max_length=20)
    prediction: str | None = None
    measure: str | None = None
    check_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))
    checked: str | None = Field(default=None, max_length=20)
    learning: str | None = None
    standard: str | None = None
    spread_from: int | None = None
    """The number of the idea this one is a linked copy of (yokoten)."""
    impact: str | None = Field(default=None, max_length=100)
    saves_money: float | None = None
    saves_hours: float | None = None
    impact_note: str | None = None
    credit_author: bool = False
    owner_id: str | None = Field(default=None, max_length=LONGEST_ID)
    owner_name: str | None = Field(default=None, max_length=200)
    heard_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))
    duplicate_of: int | None = None
    """The number of the earlier idea this one was joined with ("same as #N")."""
    created_at: datetime = Field(sa_column=_time())
    updated_at: datetime = Field(sa_column=_time())


class CheckRow(SQLModel, table=True):
    """Each check of an idea's experiment: the plan it tested, what was seen and learned."""

    __tablename__ = "experiment_check"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    idea_id: int = Field(foreign_key="idea.id", index=True)
    at: datetime = Field(sa_column=_time())
    by_id: str = Field(max_length=LONGEST_ID)
    by_name: str = Field(max_length=200)
    result: str = Field(max_length=20)
    observed: str | None = None
    learning: str | None = None
    countermeasure: str | None = None
    prediction: str | None = None


class StageChangeRow(SQLModel, table=True):
    """Each stage an idea entered, when and by whom: lead time and cycle time come from here."""

    __tablename__ = "stage_change"
    __table_args__ = (
        # Covering: a period's stays are read from the index alone.
        Index(
            "ix_stage_change_workspace_left", "workspace_id", "left_at", "idea_id", "stage", "at"
        ),
        Index("ix_stage_change_workspace_stage_at", "workspace_id", "stage", "at", "idea_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    idea_id: int = Field(foreign_key="idea.id", index=True)
    stage: str = Field(max_length=20)
    at: datetime = Field(sa_column=_time())
    left_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))
    """When the idea moved on from this stage; None while it is still there."""
    by_id: str | None = Field(default=None, max_length=LONGEST_ID)
    by_name: str | None = Field(default=None, max_length=200)
    note: str | None = None


class DialogueRow(SQLModel, table=True):
    """The 5-Whys conversation state of one idea."""

    __tablename__ = "dialogue"
    __table_args__ = (Index("ix_dialogue_workspace_state", "workspace_id", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    idea_id: int = Field(foreign_key="idea.id", unique=True)
    state: str = Field(max_length=20)
    depth: int
    position: int
    asked_at: datetime = Field(sa_column=_time())
    reminded: bool = False
    coached: int = 0
    offered: bool = False
    private: bool = False
    pending: str | None = None
    remind_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))


class WhyRow(SQLModel, table=True):
    __tablename__ = "why"
    __table_args__ = (
        UniqueConstraint("idea_id", "position", name="uq_why_position"),
        Index("ix_why_workspace_answered", "workspace_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    idea_id: int = Field(foreign_key="idea.id")
    position: int
    question: str
    asked_at: datetime = Field(sa_column=_time())
    answer: str | None = None
    answered_by_id: str | None = Field(default=None, max_length=LONGEST_ID)
    answered_by_name: str | None = Field(default=None, max_length=200)
    answered_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))


class GuestRow(SQLModel, table=True):
    """Someone the author invited to answer the whys of their idea."""

    __tablename__ = "guest"

    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    idea_id: int = Field(foreign_key="idea.id", primary_key=True)
    person_id: str = Field(primary_key=True, max_length=LONGEST_ID)


class PostedMessageRow(SQLModel, table=True):
    """Where a keyed message of ours landed, to reply in its thread and to update it."""

    __tablename__ = "posted_message"
    __table_args__ = (
        UniqueConstraint("workspace_id", "key", name="uq_posted_key"),
        Index("ix_posted_at", "workspace_id", "channel", "message_id"),
        Index("ix_posted_thread", "workspace_id", "channel", "thread"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    key: str = Field(max_length=200)
    channel: str = Field(max_length=200)
    message_id: str = Field(max_length=200)
    thread: str | None = Field(default=None, max_length=200)
    link: str | None = Field(default=None, max_length=500)


class InboundEventRow(SQLModel, table=True):
    """Platform delivery ids already handled, so a retried delivery is applied once."""

    __tablename__ = "inbound_event"
    __table_args__ = (Index("ix_inbound_event_received", "workspace_id", "received_at"),)

    workspace_id: str = Field(primary_key=True, max_length=64)
    event_id: str = Field(primary_key=True, max_length=200)
    received_at: datetime = Field(sa_column=_time())


class OutboxRow(SQLModel, table=True):
    """An action the engine asked for, kept until the platform has taken it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_surface_state", "surface", "state", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    surface: str = Field(max_length=20)
    action: str
    state: str = Field(default="pending", max_length=10)
    """pending, sent, parked (the platform would not take it), or dropped (by an admin)."""
    attempts: int = 0
    next_try_at: datetime = Field(sa_column=_time())
    claimed_until: datetime | None = Field(default=None, sa_column=_time(nullable=True))
    claimed_by: str | None = Field(default=None, max_length=200)
    """The instance sending it: a restarted instance takes its own claims back at once."""
    in_doubt: bool = False
    """A send was started and its outcome never learned (a crash, a timeout, a 5xx). On a
    sent post: an earlier send may have arrived too and could not be looked up (an ephemeral
    message), so it may show twice."""
    last_error: str | None = None
    message_id: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_column=_time())
    sent_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))


class InboxRow(SQLModel, table=True):
    """A request a platform sent, stored before it was acked and kept until its turn is
    done: a crash after the ack loses nothing. Turns of one conversation run in order.
    On SQLite the inbox has a file of its own (storage/database.py), so that an ack never
    waits for a turn's transaction."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("workspace_id", "key", name="uq_inbox_key"),
        Index("ix_inbox_conversation", "surface", "conversation", "id"),
        # What the queue is read by: oldest first, without touching the events themselves.
        Index(
            "ix_inbox_queue",
            "surface",
            "id",
            "next_try_at",
            "claimed_until",
            "conversation",
            "received_at",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    surface: str = Field(max_length=20)
    workspace_id: str = Field(max_length=64)
    conversation: str
    key: str = Field(max_length=200)
    """What the turn is known by once done: the platform's id for the delivery where it
    has one (its retry is not stored twice), else one of our own."""
    received_at: datetime = Field(sa_column=_time())
    next_try_at: datetime = Field(sa_column=_time())
    attempts: int = 0
    last_error: str | None = None
    claimed_by: str | None = Field(default=None, max_length=200)
    claimed_until: datetime | None = Field(default=None, sa_column=_time(nullable=True))
    event: str
    """Last: a large column, stored after every column the queue is read by."""


class InstanceRow(SQLModel, table=True):
    """A running `kaizen run`, by the name it claims work under; written by /healthz, so
    the health check knows the database can still be written."""

    __tablename__ = "instance"

    id: str = Field(primary_key=True, max_length=200)
    started_at: datetime = Field(sa_column=_time())
    seen_at: datetime = Field(sa_column=_time())


class KudosRow(SQLModel, table=True):
    """One recognition post; its receivers are in kudos_receiver."""

    __tablename__ = "kudos"
    __table_args__ = (
        Index("ix_kudos_giver_day", "workspace_id", "giver_id", "local_day"),
        Index("ix_kudos_given_at_giver", "workspace_id", "given_at", "giver_id", "source"),
        Index("ix_kudos_reaction", "workspace_id", "giver_id", "reaction"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    giver_id: str = Field(max_length=LONGEST_ID)
    giver_name: str = Field(max_length=200)
    reason: str
    value: str | None = Field(default=None, max_length=100)
    channel: str = Field(max_length=200)
    source: str = Field(max_length=20)
    idea_number: int | None = None
    reaction: str | None = Field(default=None, max_length=300)
    given_at: datetime = Field(sa_column=_time())
    local_day: str = Field(max_length=10)
    withdrawn_at: datetime | None = Field(default=None, sa_column=_time(nullable=True))


class KudosReceiverRow(SQLModel, table=True):
    __tablename__ = "kudos_receiver"
    __table_args__ = (
        Index("ix_kudos_receiver_person", "workspace_id", "person_id"),
        # Who was thanked in a period, from the index alone (no join to every kudos).
        Index("ix_kudos_receiver_given", "workspace_id", "given_at", "person_id"),
    )

    kudos_id: int = Field(foreign_key="kudos.id", primary_key=True)
    person_id: str = Field(primary_key=True, max_length=LONGEST_ID)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    person_name: str = Field(max_length=200)
    given_at: datetime = Field(sa_column=_time())
    """The kudos' time, kept here too for counting who was thanked in a period."""


class PersonPrefRow(SQLModel, table=True):
    """What a person chose for themselves, such as staying off leaderboards, or the language
    their platform speaks to them in (for answers the bot sends them unasked)."""

    __tablename__ = "person_pref"

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    person_id: str = Field(primary_key=True, max_length=LONGEST_ID)
    hidden_from_leaderboards: bool = False
    locale: str | None = Field(default=None, max_length=35)


class MemberRow(SQLModel, table=True):
    """Who is in a channel, as the platform last listed them: the people participation is
    measured against, not only those who happen to speak to the bot."""

    __tablename__ = "member"
    __table_args__ = (Index("ix_member_person", "workspace_id", "person_id"),)

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    channel: str = Field(primary_key=True, max_length=200)
    person_id: str = Field(primary_key=True, max_length=LONGEST_ID)
    person_name: str = Field(max_length=200)
    listed_at: datetime = Field(sa_column=_time())


class RoundupRow(SQLModel, table=True):
    """One row per workspace and week: the round-up is posted once, by one instance."""

    __tablename__ = "roundup"

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    week: str = Field(primary_key=True, max_length=10)
    posted_at: datetime = Field(sa_column=_time())


class StandupRunRow(SQLModel, table=True):
    """One stand-up on one local date. The unique key is what makes it happen once."""

    __tablename__ = "standup_run"
    __table_args__ = (
        UniqueConstraint("workspace_id", "standup", "local_date", name="uq_standup_day"),
        Index("ix_standup_run_state", "workspace_id", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    standup: str = Field(max_length=200)
    local_date: str = Field(max_length=10)
    channel: str = Field(max_length=200)
    due_at: datetime = Field(sa_column=_time())
    state: str = Field(max_length=20)
    changed_at: datetime = Field(sa_column=_time())


class StandupAnswerRow(SQLModel, table=True):
    __tablename__ = "standup_answer"
    __table_args__ = (
        UniqueConstraint("run_id", "person_id", name="uq_standup_answer"),
        Index("ix_standup_answer_workspace_answered", "workspace_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="standup_run.id")
    workspace_id: str = Field(foreign_key="workspace.id", max_length=64)
    person_id: str = Field(max_length=LONGEST_ID)
    person_name: str = Field(max_length=200)
    text: str
    blocker: str | None = None
    idea_number: int | None = None
    answered_at: datetime = Field(sa_column=_time())


class AwayRow(SQLModel, table=True):
    """Someone away from stand-ups (holiday, leave) until a local date, inclusive."""

    __tablename__ = "standup_away"

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    person_id: str = Field(primary_key=True, max_length=LONGEST_ID)
    until: str = Field(max_length=10)


class ConversationRefRow(SQLModel, table=True):
    """What a platform needs to post into a conversation later (a Teams ConversationReference)."""

    __tablename__ = "conversation_ref"

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=300)
    data: str
    updated_at: datetime = Field(sa_column=_time())


class OnceRow(SQLModel, table=True):
    """Something that must happen once per workspace (a check nudge, a weekly digest)."""

    __tablename__ = "once"

    workspace_id: str = Field(foreign_key="workspace.id", primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=200)
    at: datetime = Field(sa_column=_time())


import storage.installations  # noqa: E402, F401  (registers Slack installations tables)
