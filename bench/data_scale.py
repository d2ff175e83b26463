"""Data scale: 100k ideas and 500k kudos, then time `kaizen stats`, the board, `kaizen list open`.

Rows are written straight into the migrated tables (the engine would take hours to make
them one turn at a time); the reads then go through the real code: the stats and list
commands through the engine, the board over HTTP from `kaizen run`'s server. SQLite always;
PostgreSQL too when its binaries are installed (a throwaway server, as in the tests).
Target: each < 200 ms. KAIZEN_BENCH_IDEAS (and KAIZEN_BENCH_KUDOS) make a smaller run.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import insert
from sqlmodel import SQLModel

from bot.clock import FrozenClock
from bot.events import Command
from bot.people import Person, Place
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from storage.database import SqlDatabase
from storage.migrate import upgrade
from storage.tables import WorkspaceRow
from tests.processes import free_port

IDEAS = int(os.environ.get("KAIZEN_BENCH_IDEAS", "100000"))
KUDOS = int(os.environ.get("KAIZEN_BENCH_KUDOS", str(5 * IDEAS)))
WORKSPACE = "T0BENCH"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
STAGES = ["new", "clarifying", "plan", "do", "check", "act", "done"]
CHUNK = 5_000
RUNS = 3


async def seed(url: str) -> None:
    """The rows of two busy years: ideas with their stage history, kudos with receivers,
    and the channels' members."""
    rng = random.Random(7)
    database = SqlDatabase(url)
    start = NOW - timedelta(days=730)
    async with database.transaction() as store:
        await store.session.execute(
            insert(WorkspaceRow).values(
                id=WORKSPACE, surface="slack", next_idea_number=IDEAS + 1, created_at=start
            )
        )
    ideas, changes = [], []
    for number in range(1, IDEAS + 1):
        created = start + timedelta(minutes=rng.randrange(730 * 24 * 60))
        reached = rng.choice([*STAGES, "done", "done", "dropped"])
        at, history = created, []
        for stage in STAGES[: STAGES.index(reached) + 1] if reached != "dropped" else STAGES[:3]:
            at = min(NOW, at + timedelta(hours=rng.randrange(1, 24 * 6)))
            history.append((stage, at))
        if reached == "dropped":
            history.append(("dropped", min(NOW, at + timedelta(days=1))))
        person = f"U{rng.randrange(500):04d}"
        ideas.append(
            {
                "id": number,
                "workspace_id": WORKSPACE,
                "number": number,
                "text": f"Idea {number}: the {rng.choice(['scanner', 'label', 'pallet'])} "
                f"at dock {rng.randrange(40)} needs a better place",
                "author_id": person,
                "author_name": person.lower(),
                "path": "strategic" if number % 10 == 0 else "operational",
                "stage": history[-1][0],
                "stage_at": history[-1][1],
                "channel": f"C{rng.randrange(50):03d}",
                "created_at": created,
                "updated_at": history[-1][1],
            }
        )
        left = [when for _, when in history[1:]] + [None]
        changes += [
            {
                "workspace_id": WORKSPACE,
                "idea_id": number,
                "stage": stage,
                "at": when,
                "left_at": left_at,
            }
            for (stage, when), left_at in zip(history, left, strict=True)
        ]
    kudos, receivers = [], []
    for kid in range(1, KUDOS + 1):
        given = start + timedelta(minutes=rng.randrange(730 * 24 * 60))
        giver, receiver = rng.sample(range(500), 2)
        kudos.append(
            {
                "id": kid,
                "workspace_id": WORKSPACE,
                "giver_id": f"U{giver:04d}",
                "giver_name": f"u{giver:04d}",
                "reason": "for the pallet labels",
                "channel": f"C{rng.randrange(50):03d}",
                "source": "command",
                "given_at": given,
                "local_day": given.date().isoformat(),
            }
        )
        receivers.append(
            {
                "kudos_id": kid,
                "person_id": f"U{receiver:04d}",
                "workspace_id": WORKSPACE,
                "person_name": f"u{receiver:04d}",
                "given_at": given,
            }
        )
    # The channels' members, as Slack lists them once a day: 500 people, each in a few of
    # the 50 channels (participation is measured against them).
    members = [
        {
            "workspace_id": WORKSPACE,
            "channel": f"C{channel:03d}",
            "person_id": f"U{person:04d}",
            "person_name": f"u{person:04d}",
            "listed_at": NOW,
        }
        for person in range(500)
        for channel in sorted({person % 50, (person * 7) % 50, (person * 13) % 50})
    ]
    loads: list[tuple[str, list[dict[str, Any]]]] = [
        ("idea", ideas),
        ("stage_change", changes),
        ("kudos", kudos),
        ("kudos_receiver", receivers),
        ("member", members),
    ]
    indexes = [index for name, _ in loads for index in SQLModel.metadata.tables[name].indexes]
    # Building the indexes once after loading is several times faster than keeping them up
    # to date row by row; the tables and indexes end up as the migrations made them.
    async with database.engine.begin() as connection:
        for index in indexes:
            await connection.run_sync(index.drop)
    for name, rows in loads:
        table = SQLModel.metadata.tables[name]
        for first in range(0, len(rows), CHUNK):
            async with database.transaction() as store:
                await store.session.execute(insert(table), rows[first : first + CHUNK])
    async with database.engine.begin() as connection:
        for index in indexes:
            await connection.run_sync(index.create)
    if database.engine.dialect.name == "postgresql":
        # What autovacuum would have done by the time anyone asks: planner statistics, and
        # the visibility map that lets index-only scans skip the table.
        async with database.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
    await database.close()


async def timed(work: Callable[[], Awaitable[object]]) -> float:
    """Median milliseconds of RUNS runs after one to warm up; a second or more is slow
    enough to read from the warm-up and one more run."""
    began = time.perf_counter()
    await work()
    runs = RUNS if time.perf_counter() - began < 1 else 1
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        await work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def measure(url: str) -> dict[str, float]:
    app = await open_app(Settings(), url, FrozenClock(NOW), migrate=False)
    server = Server(app, [], "127.0.0.1", free_port())
    await server.start()
    person, place = Person("U0001", "u0001"), Place("C001")
    figures: dict[str, float] = {}
    try:
        for words in ("stats", "stats all", "list open"):
            command = Command(workspace=WORKSPACE, person=person, place=place,
                              name="kaizen", text=words)  # fmt: skip

            async def run(command: Command = command) -> object:
                return await app.engine.handle(command, "slack")

            figures[f"kaizen {words}"] = await timed(run)
        async with aiohttp.ClientSession() as http:

            async def board() -> object:
                async with http.get(f"http://127.0.0.1:{server.port}/") as response:
                    return await response.read()

            figures["board page"] = await timed(board)
    finally:
        await server.stop()
        await app.close()
    return figures


async def one_backend(name: str, url: str) -> None:
    began = time.perf_counter()
    await asyncio.to_thread(upgrade, url)
    await seed(url)
    print(
        f"{name}: seeded {IDEAS:,} ideas and {KUDOS:,} kudos in {time.perf_counter() - began:.0f} s"
    )
    for what, ms in (await measure(url)).items():
        print(f"  {what:<22} {ms:8.0f} ms  (target < 200 ms)", flush=True)


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        await one_backend("SQLite", f"sqlite+aiosqlite:///{Path(folder) / 'kaizen.db'}")
    from tests.postgres import binaries, postgres_server  # the tests' throwaway server

    if binaries() is None:
        print("PostgreSQL: skipped, no initdb/pg_ctl here (apt-get install postgresql)")
        return
    with postgres_server() as server:
        await one_backend("PostgreSQL", server.url(server.create_database()))


if __name__ == "__main__":
    asyncio.run(main())
