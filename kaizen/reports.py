"""`kaizen stats` and `kaizen export`: the numbers and the ideas, read from the database."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.errors import UserError
from bot.metrics.export import idea_json, idea_rows, to_csv
from bot.metrics.periods import NAMES, period
from bot.metrics.report import gather, stats_card
from kaizen.app import migrate_database
from kaizen.config import config_path, load_settings
from storage.database import SqlDatabase, database_url


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `stats` and `export` on the `kaizen` command's subparsers."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--workspace",
        default=None,
        metavar="ID",
        help="the Slack team or Teams tenant (needed only when the database holds several)",
    )
    stats = commands.add_parser(
        "stats", parents=[common, where], help="print lead time, cycle time and participation"
    )
    stats.add_argument("period", nargs="?", default="month", choices=NAMES)
    stats.add_argument("--channel", default=None, help="only the ideas of this channel")
    stats.set_defaults(run=_stats)

    export = commands.add_parser(
        "export", parents=[common, where], help="write every idea as CSV or JSON"
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "--out", default=None, metavar="FILE", help="write here (default: standard output)"
    )
    export.set_defaults(run=_export)


def _stats(args: argparse.Namespace) -> int:
    settings = load_settings(config_path(getattr(args, "config", None)))

    async def report(database: SqlDatabase, workspace: str) -> str:
        when = period(args.period, SystemClock().now(), settings.timezone)
        async with database.reading() as store:
            numbers, channels = await gather(store, workspace, when.since, when.until, args.channel)
        return stats_card(numbers, when, args.channel, channels).plain()

    print(_with_database(args, report))
    return 0


def _export(args: argparse.Namespace) -> int:
    load_settings(config_path(getattr(args, "config", None)))

    async def export(database: SqlDatabase, workspace: str) -> str:
        async with database.reading() as store:
            if args.format == "json":
                return await idea_json(store, workspace)
            return to_csv(await idea_rows(store, workspace))

    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"Cannot write {out}: there is no folder {out.parent}.")
    text = _with_database(args, export)
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            raise UserError(f"Cannot write {out}: {error.strerror or error}.") from None
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _with_database(args: argparse.Namespace, work: Callable[[SqlDatabase, str], Any]) -> str:
    url = database_url(getattr(args, "database", None))

    async def run() -> str:
        await migrate_database(url)
        database = SqlDatabase(url)
        try:
            workspace = await _workspace(database, args.workspace)
            return str(await work(database, workspace))
        finally:
            await database.close()

    return asyncio.run(run())


async def _workspace(database: SqlDatabase, wanted: str | None) -> str:
    known = await database.workspaces()
    if wanted is not None:
        if wanted not in known:
            raise UserError(
                f"No workspace {wanted!r} in this database. Known: {', '.join(known) or 'none'}."
            )
        return wanted
    if len(known) == 1:
        return known[0]
    if not known:
        raise UserError("This database holds no ideas yet: give one with `kaizen chat` first.")
    raise UserError(
        f"This database holds several workspaces; pick one with --workspace: {', '.join(known)}."
    )
