"""Faults a running bot meets, measured as a user would: is anything acked ever lost, and
how soon does delivery resume?

Each scenario runs the real `kaizen run` against a local Slack Web API (bench/webapi.py),
sends signed `/kaizen` commands at a steady rate (tests/slack/traffic.py), does something
bad to the process or its database, and counts: commands acked (200) and refused, ideas
stored, acked commands lost, cards Slack took (and any twice), and how long things took.

    python -m bench.durability [scenario ...]

Scenarios: kill9 (kill -9 mid-burst at 5 to 200/s, then a restart), sigterm (SIGTERM at
200/s; and SIGTERM, then SIGKILL 30 s later as Kubernetes does), restart (kill -9 while
posts go out at Slack's pace, restart 2.7 s later), readonly (the SQLite files made
immutable; root), diskfull (SQLite on a small filesystem that fills up; root), pgstop
(PostgreSQL stopped for 10 s under 20/s), instances (two processes on one PostgreSQL, 40
and 200 ideas at once). With none named, all run (about six minutes). It prints; it never
fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp

from bench.bots import (
    Bot,
    cards,
    count,
    inbox_count,
    settled,
    start_bot,
    stop_bot,
    stored_ideas,
    until,
)
from bench.webapi import WebApi
from storage.migrate import upgrade_async
from tests.postgres import PostgresServer, binaries, postgres_server
from tests.processes import free_port
from tests.slack.traffic import Sent, send_at


async def outcome(api: WebApi, url: str, sent: Sent) -> str:
    stored = await stored_ideas(url)
    have = Counter(stored)
    lost = sum(1 for text_ in sent.acked if have[text_] == 0)
    twice = sum(1 for n in cards(api).values() if n > 1)
    return (
        f"acked {len(sent.acked)}, refused {sent.refused}, stored {len(stored)}, lost {lost}; "
        f"cards {len(cards(api))}, twice {twice}"
    )


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kaizen-durability-") as name:
        yield Path(name)


async def restarted(api: WebApi, url: str, here: Path, port: int) -> tuple[int, float]:
    """Start the bot again where it stopped: how many requests it found waiting, and the
    seconds until all were handled and delivered."""
    left = await inbox_count(url)
    again = await start_bot(api, url, here, port)
    took = await settled(url)
    await stop_bot(again)
    return left, took


async def kill9(rate: float, seconds: float = 5.0) -> str:
    api = WebApi()
    await api.start()
    try:
        with folder() as here:
            url, port = f"sqlite+aiosqlite:///{here / 'kaizen.db'}", free_port()
            bot = await start_bot(api, url, here, port)
            sent = Sent()
            await send_at([bot.url], rate, int(rate * seconds), "k9", sent)
            bot.process.kill()
            await bot.process.wait()
            left, took = await restarted(api, url, here, port)
            return (
                f"kill -9 at {rate:g}/s: {await outcome(api, url, sent)}; {left} waiting "
                f"at the kill, all handled and delivered {took:.1f} s after the restart"
            )
    finally:
        await api.stop()


async def sigterm(kill_after: float | None) -> str:
    api = WebApi()
    await api.start()
    try:
        with folder() as here:
            url, port = f"sqlite+aiosqlite:///{here / 'kaizen.db'}", free_port()
            bot = await start_bot(api, url, here, port)
            sent = Sent()
            load = asyncio.create_task(send_at([bot.url], 200, 1000, "term", sent))
            await asyncio.sleep(3.0)
            bot.process.send_signal(signal.SIGTERM)
            began = time.monotonic()
            try:
                code = await asyncio.wait_for(bot.process.wait(), kill_after or 120)
            except TimeoutError:
                bot.process.kill()
                code = await bot.process.wait()
            took = time.monotonic() - began
            await load
            left, _ = await restarted(api, url, here, port)
            how = "SIGTERM" if kill_after is None else f"SIGTERM, SIGKILL after {kill_after:g} s"
            return (
                f"{how} at 200/s: {await outcome(api, url, sent)}; exit {code} after "
                f"{took:.1f} s, {left} left in the inbox for the next start"
            )
    finally:
        await api.stop()


async def restart() -> str:
    """kill -9 while posts go out at Slack's pace; restart 2.7 s later."""
    api = WebApi(per_channel=1.0)
    await api.start()
    try:
        with folder() as here:
            url, port = f"sqlite+aiosqlite:///{here / 'kaizen.db'}", free_port()
            bot = await start_bot(api, url, here, port)
            await send_at([bot.url], 50, 100, "rs", Sent())
            await asyncio.sleep(2.0)
            bot.process.kill()
            await bot.process.wait()
            pending = await count(url, "SELECT count(*) FROM outbox WHERE state='pending'")
            await asyncio.sleep(2.7)
            before = len(api.posts)
            again = await start_bot(api, url, here, port)
            first = await until(lambda: len(api.posts) > before, 180)
            drained = await settled(url)
            await stop_bot(again)
            shown = f"{first:.1f} s" if first is not None else "never (180 s)"
            twice = sum(1 for n in cards(api).values() if n > 1)
            return (
                f"restart 2.7 s after a kill -9 mid-delivery: {pending} posts pending at the "
                f"kill; first post {shown} after the restart was up, all out after "
                f"{(first or 0) + drained:.1f} s; cards twice {twice}"
            )
    finally:
        await api.stop()


def sh(*command: str, check: bool = True) -> bool:
    return subprocess.run(command, check=check, capture_output=True).returncode == 0


@contextlib.asynccontextmanager
async def small_filesystem(size: str) -> AsyncIterator[Path]:
    """A tmpfs of its own (root only), to fill up."""
    with folder() as here:
        sh("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(here))
        try:
            yield here
        finally:
            sh("umount", "-l", str(here), check=False)


def fill(here: Path) -> None:
    """Fill the filesystem up to its last byte."""
    with contextlib.suppress(OSError), (here / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 65536)


async def healthz(bot: Bot) -> str:
    async with aiohttp.ClientSession() as http, http.get(f"{bot.url}/healthz") as response:
        body = await response.json()
        return f"{response.status} {body.get('status')}"


async def fault(kind: str) -> str:
    """While the SQLite files cannot be written: what is acked, refused, lost."""
    if os.geteuid() != 0:
        return f"{kind}: skipped (needs root)"
    api = WebApi()
    await api.start()
    try:
        async with small_filesystem("8m") if kind == "diskfull" else _plain_folder() as here:
            url = f"sqlite+aiosqlite:///{here / 'kaizen.db'}"
            bot = await start_bot(api, url, here)
            await send_at([bot.url], 20, 20, "warm", Sent())
            await settled(url)
            files = [str(here / f"kaizen.db{end}") for end in ("", "-wal", "-inbox", "-inbox-wal")]
            if kind == "readonly":
                sh("chattr", "+i", *files)
            else:
                fill(here)
            sent = Sent()
            ephemerals_before = api.calls["chat.postEphemeral"]
            # Long ideas, so the write-ahead log must grow into the space that is gone.
            await send_at([bot.url], 10, 30, kind, sent, text=f"{kind} " + "bins " * 2000)
            health = await healthz(bot)
            if kind == "readonly":
                sh("chattr", "-i", *files)
            else:
                os.unlink(here / "filler")
            await settled(url)
            await stop_bot(bot)
            answers = ", ".join(f"{n} x {s}" for s, n in sorted(sent.answers.items()))
            left = await inbox_count(url)
            # Ideas this long are refused in their turn, privately: each acked one gets
            # its answer, so answered == acked means none was forgotten.
            answered = api.calls["chat.postEphemeral"] - ephemerals_before
            return (
                f"{kind}: 30 sent ({answers}); of {len(sent.acked)} acked, "
                f"{answered} answered, {left} left in the inbox; /healthz during: {health}"
            )
    finally:
        await api.stop()


@contextlib.asynccontextmanager
async def _plain_folder() -> AsyncIterator[Path]:
    with folder() as here:
        yield here


async def pgstop(server: PostgresServer) -> str:
    api = WebApi()
    await api.start()
    name = server.create_database()
    url = server.url(name)
    await upgrade_async(url)
    try:
        with folder() as here:
            bot = await start_bot(api, url, here)
            sent = Sent()
            load = asyncio.create_task(send_at([bot.url], 20, 600, "pg", sent))
            await asyncio.sleep(10)
            await asyncio.to_thread(server.stop)
            await asyncio.sleep(10)
            await asyncio.to_thread(server.start)
            await load
            took = await settled(url)
            health = await healthz(bot)
            await stop_bot(bot)
            return (
                f"PostgreSQL stopped 10 s under 20/s: {await outcome(api, url, sent)}; "
                f"settled {took:.1f} s after the load ended; /healthz after: {health}"
            )
    finally:
        server.drop_database(name)
        await api.stop()


async def instances(server: PostgresServer, ideas: int) -> str:
    api = WebApi()
    await api.start()
    name = server.create_database()
    url = server.url(name)
    await upgrade_async(url)
    try:
        with folder() as here:
            (here / "app.yaml").write_text("delivery:\n  channel_interval: 0.05\n")
            os.environ["KAIZEN_CONFIG"] = str(here / "app.yaml")
            try:
                bots = await asyncio.gather(*(start_bot(api, url, here) for _ in range(2)))
            finally:
                del os.environ["KAIZEN_CONFIG"]
            sent = Sent()
            began = time.monotonic()
            await send_at([b.url for b in bots], 100_000, ideas, "two", sent)
            acked = time.monotonic() - began
            took = await until(lambda: len(cards(api)) >= ideas, 120)
            await asyncio.gather(*(stop_bot(b) for b in bots))
            numbers = sorted(cards(api))
            after = f"{took:.1f} s" if took is not None else "never (120 s)"
            return (
                f"two instances, {ideas} ideas at once: {await outcome(api, url, sent)}; "
                f"acked in {acked:.2f} s, every card {after} after the last ack; "
                f"numbers gap-free: {numbers == list(range(1, ideas + 1))}"
            )
    finally:
        server.drop_database(name)
        await api.stop()


async def main(chosen: list[str]) -> None:
    everything = ["kill9", "sigterm", "restart", "readonly", "diskfull", "pgstop", "instances"]
    for name in chosen or everything:
        if name == "kill9":
            for rate in (5, 25, 50, 100, 200):
                print(await kill9(rate), flush=True)
        elif name == "sigterm":
            print(await sigterm(None), flush=True)
            print(await sigterm(30.0), flush=True)
        elif name == "restart":
            print(await restart(), flush=True)
        elif name in ("readonly", "diskfull"):
            print(await fault(name), flush=True)
        elif name in ("pgstop", "instances"):
            if binaries() is None:
                print(f"{name}: skipped (no PostgreSQL binaries)")
                continue
            with postgres_server() as server:
                if name == "pgstop":
                    print(await pgstop(server), flush=True)
                else:
                    for ideas in (40, 200):
                        print(await instances(server, ideas), flush=True)
        else:
            raise SystemExit(f"unknown scenario {name!r}; see the docstring")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
