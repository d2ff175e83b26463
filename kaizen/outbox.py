"""`kaizen outbox`: the posts the platform would not take (parked) or that wait too long,
and sending them again or giving up on them, from the command line, while the bot runs.

A post sent again goes back to pending with its attempts counted afresh; the running bot's
delivery finds it within a second or so (it is told at once on PostgreSQL). Posts that
only failed because that one was never posted (its thread's replies, its card's updates)
go back with it, in their order. A dropped post stays in the database, marked dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from bot.clock import SystemClock
from bot.errors import StorageError, UserError
from bot.model.queues import Stuck
from bot.parcels import conversation, describe, waiting_on
from kaizen.app import migrate_database
from kaizen.config import config_path, load_settings
from storage.database import SqlDatabase, database_url
from storage.outbox import PARKED, PENDING, SENT

T = TypeVar("T")
LONG = 10
"""Minutes after which a pending post counts as waiting too long, unless told otherwise."""
ERROR_SHOWN = 60


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `outbox` (list, retry, drop) on the `kaizen` command's subparsers."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--workspace", default=None, metavar="ID", help="only this Slack team or Teams tenant"
    )
    outbox = commands.add_parser(
        "outbox",
        parents=[common, where],
        help="posts the platform would not take: list them, send them again, or drop them",
    )
    outbox.set_defaults(run=_list, older=LONG)
    actions = outbox.add_subparsers(dest="outbox_command")
    listing = actions.add_parser(
        "list", parents=[common, where], help="parked posts and posts waiting too long"
    )
    listing.add_argument(
        "--older",
        type=int,
        default=LONG,
        metavar="MINUTES",
        help=f"list pending posts stored over this long ago (default {LONG})",
    )
    listing.set_defaults(run=_list)
    for name, run, about in (
        ("retry", _retry, "send posts again (back to pending, attempts reset)"),
        ("drop", _drop, "give up on posts (kept in the database, marked dropped)"),
    ):
        command = actions.add_parser(name, parents=[common, where], help=about)
        command.add_argument("ids", nargs="*", type=_parcel_id, metavar="ID")
        command.add_argument("--all", action="store_true", help="every parked post")
        if name == "drop":
            command.add_argument("--yes", action="store_true", help="do not ask first")
        command.set_defaults(run=run)


def _parcel_id(text: str) -> int:
    if not text.lstrip("#").isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a post id (a number)")
    return int(text.lstrip("#"))


def _list(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    before = now - timedelta(minutes=max(args.older, 0))  # pending since before this
    stuck = _with_store(args, lambda db: _read(db, before, args.workspace))
    if not stuck:
        print(
            f"Nothing is stuck in the outbox: no parked posts, none pending over "
            f"{args.older} minutes."
        )
        return 0
    print(_table(stuck, now))
    parked = sum(1 for s in stuck if s.state == PARKED)
    print(
        f"\n{parked} parked, {len(stuck) - parked} pending over {args.older} minutes. "
        "Send again: kaizen outbox retry ID... (or --all); give up: kaizen outbox drop ID..."
    )
    return 0


def _retry(args: argparse.Namespace) -> int:
    async def work(database: SqlDatabase) -> tuple[list[Stuck], list[Stuck], list[int]]:
        chosen, along = await _chosen(database, args)
        async with database.transaction() as store:
            ids = [s.id for s in chosen + along]
            back = await store.outbox.requeue(ids, SystemClock().now())
        return chosen, along, back

    chosen, along, back = _with_store(args, work)
    _report("Sending again", chosen, along, back)
    if back:
        print("A running `kaizen run` sends them within a few seconds; else at its next start.")
    return 0 if back else 1


def _drop(args: argparse.Namespace) -> int:
    async def work(database: SqlDatabase) -> tuple[list[Stuck], list[Stuck], list[int]]:
        chosen, along = await _chosen(database, args)
        if not args.yes:
            _confirm(chosen + along)
        async with database.transaction() as store:
            ids = [s.id for s in chosen + along]
            return chosen, along, await store.outbox.drop(ids, SystemClock().now())

    chosen, along, dropped = _with_store(args, work)
    _report("Dropped", chosen, along, dropped)
    if dropped:
        print("They stay in the database, marked dropped; `kaizen outbox retry ID` undoes it.")
    return 0 if dropped else 1


async def _read(database: SqlDatabase, before: datetime, workspace: str | None) -> list[Stuck]:
    async with database.reading() as store:
        return await store.outbox.stuck(before, workspace)


async def _chosen(
    database: SqlDatabase, args: argparse.Namespace
) -> tuple[list[Stuck], list[Stuck]]:
    """The posts named (or every parked one), checked; and the parked ones waiting on them."""
    async with database.reading() as store:
        parked = await store.outbox.stuck(None, args.workspace)
        chosen = parked if args.all else await store.outbox.parcels(args.ids)
    if bool(args.ids) == bool(args.all):
        listed = "".join(f"\n  {s.id}  {describe(s.action)}  ({s.error})" for s in parked)
        raise UserError(
            "Which posts? Give their ids, or --all for every parked post. "
            + (f"Parked now:{listed}" if parked else "None is parked now.")
        )
    if args.ids:
        _check(args.ids, chosen, args.workspace)
    if not chosen:
        raise UserError("There are no parked posts.")
    return chosen, waiting_on(chosen, parked)


def _check(ids: Sequence[int], found: list[Stuck], workspace: str | None) -> None:
    """One line for the first id that cannot be retried or dropped, naming why."""
    known = {s.id: s for s in found if workspace is None or s.workspace == workspace}
    for parcel_id in ids:
        parcel = known.get(parcel_id)
        if parcel is None:
            where = f" of workspace {workspace}" if workspace else ""
            raise UserError(
                f"There is no post {parcel_id}{where} in the outbox; "
                "`kaizen outbox list` shows the ones stuck."
            )
        if parcel.state == SENT:
            raise UserError(f"Post {parcel_id} ({describe(parcel.action)}) was delivered already.")
        if (
            parcel.state == PENDING
            and parcel.held_until
            and parcel.held_until > SystemClock().now()
        ):
            raise UserError(
                f"Post {parcel_id} ({describe(parcel.action)}) is being sent right now; "
                "look again in a minute."
            )


def _confirm(parcels: list[Stuck]) -> None:
    if not sys.stdin.isatty():
        raise UserError(
            "Dropping posts is for good: add --yes, or run it at a terminal to be asked."
        )
    for parcel in parcels:
        print(f"  {parcel.id}  {describe(parcel.action)}  ({parcel.error or parcel.state})")
    answer = input(f"Drop these {len(parcels)} post(s)? They will not be sent. [y/N] ")
    if answer.strip().lower() not in ("y", "yes"):
        raise UserError("Nothing dropped.")


def _report(done: str, chosen: list[Stuck], along: list[Stuck], changed: list[int]) -> None:
    named = {s.id: s for s in chosen + along}
    went = [named[i] for i in changed if i in named]
    if went:
        print(f"{done} {len(went)} post(s):")
        for parcel in went:
            print(f"  {parcel.id}  {describe(parcel.action)}")
    missed = [s for s in chosen + along if s.id not in changed]
    for parcel in missed:
        print(f"Post {parcel.id} ({describe(parcel.action)}) changed meanwhile; left as it is.")


def _table(stuck: list[Stuck], now: datetime) -> str:
    header = ("ID", "STATE", "WORKSPACE", "CONVERSATION", "WHAT", "TRIES", "SINCE", "ERROR")
    rows = [header] + [
        (
            str(s.id),
            s.state,
            s.workspace,
            conversation(s.action),
            describe(s.action),
            str(s.attempts),
            _since(s.created_at, now),
            _short(s.error or ("waiting" if s.state == PENDING else "")),
        )
        for s in stuck
    ]
    widths = [max(len(row[n]) for row in rows) for n in range(len(header) - 1)]
    return "\n".join(
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]
        ).rstrip()
        for row in rows
    )


def _since(moment: datetime, now: datetime) -> str:
    minutes = int((now - moment).total_seconds() // 60)
    age = f"{minutes} min" if minutes < 120 else f"{minutes // 60} h"
    return f"{moment:%Y-%m-%d %H:%M} UTC ({age} ago)"


def _short(error: str) -> str:
    line = " ".join(error.split())
    return line if len(line) <= ERROR_SHOWN else line[: ERROR_SHOWN - 1] + "\u2026"


def _with_store(args: argparse.Namespace, work: Callable[[SqlDatabase], Awaitable[T]]) -> T:
    """Run `work` on the configured database; a database that does not answer is one line."""
    load_settings(config_path(getattr(args, "config", None)))
    url = database_url(getattr(args, "database", None))

    async def run() -> T:
        await migrate_database(url)
        database = SqlDatabase(url)
        try:
            return await work(database)
        except StorageError as error:
            raise UserError(f"The database did not answer: {error}") from None
        finally:
            await database.close()

    return asyncio.run(run())
