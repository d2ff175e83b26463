"""`kaizen run` as a process under measurement, and what the measurements read back: the
database (ideas, the inbox, the outbox) and the Web API stand-in (the cards it took)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.process import wait_healthy
from bench.webapi import WebApi
from storage.database import inbox_url
from tests.processes import free_port, run_env

CARD = re.compile(r"Kaizen idea #(\d+)")
KAIZEN = str(Path(sys.executable).with_name("kaizen"))


@dataclass
class Bot:
    """One `kaizen run` process and its port."""

    process: asyncio.subprocess.Process
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


async def start_bot(api: WebApi, database_url: str, folder: Path, port: int | None = None) -> Bot:
    port = port or free_port()
    environment = run_env(api.url, port, database_url, KAIZEN_LOG_LEVEL="INFO")
    log = (folder / f"kaizen-{port}.log").open("ab")
    process = await asyncio.create_subprocess_exec(
        KAIZEN, "run", env=environment, cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    await wait_healthy(port, process)
    return Bot(process, port)


async def stop_bot(bot: Bot, grace: float = 60.0) -> tuple[int, float]:
    """SIGTERM; the exit code and the seconds it took (SIGKILL after `grace`)."""
    began = time.monotonic()
    if bot.process.returncode is None:
        bot.process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(bot.process.wait(), grace)
    except TimeoutError:
        bot.process.kill()
        code = await bot.process.wait()
    return code, time.monotonic() - began


async def inbox_count(database_url: str) -> int:
    """Requests in the inbox (on SQLite, a file of its own beside the database)."""
    return await count(inbox_url(database_url), "SELECT count(*) FROM inbox")


async def count(database_url: str, sql: str) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(text(sql))).scalar_one())
    finally:
        await engine.dispose()


async def stored_ideas(database_url: str) -> list[str]:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            return [str(row[0]) for row in await connection.execute(text("SELECT text FROM idea"))]
    finally:
        await engine.dispose()


async def settled(database_url: str, wait: float = 300.0) -> float:
    """Seconds until no request waits in the inbox and no post is pending."""
    began = time.monotonic()
    while time.monotonic() - began < wait:
        left = await inbox_count(database_url)
        pending = await count(database_url, "SELECT count(*) FROM outbox WHERE state='pending'")
        if left == 0 and pending == 0:
            break
        await asyncio.sleep(0.1)
    return time.monotonic() - began


def cards(api: WebApi) -> Counter[int]:
    """How many times Slack took each idea's card."""
    return Counter(int(m.group(1)) for _, _, t in api.posts if (m := CARD.match(t)))


async def until(condition: Callable[[], bool], wait: float) -> float | None:
    """Seconds until `condition` held, or None when it did not within `wait`."""
    began = time.monotonic()
    while time.monotonic() - began < wait:
        if condition():
            return time.monotonic() - began
        await asyncio.sleep(0.02)
    return None
