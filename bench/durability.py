"""Faults a running bot meets, measured as a user would: is anything acked ever lost?

Each scenario runs the real `kaizen run` against a local Slack Web API (bench/webapi.py),
sends signed `/kaizen` commands at a steady rate, does something bad to the process or its
database, and then counts: how many commands were acked (200), how many ideas are stored,
how many cards Slack took (and whether any twice), and how long delivery took to resume.

    python -m bench.durability [scenario ...]

Scenarios: kill9 (kill -9 mid-burst at 5 to 200/s, then a restart), sigterm (SIGTERM at
200/s; and SIGTERM, then SIGKILL 30 s later as Kubernetes does), restart (kill -9 while
posts are being sent, restart, time to the last post), readonly and diskfull (SQLite on a
small filesystem that goes read-only or fills up; needs root for `mount`), pgstop
(PostgreSQL stopped for 10 s under 20/s), instances (two processes on one PostgreSQL, 40
and 200 concurrent ideas). With none named, all run (about eight minutes).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import aiohttp
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.process import wait_healthy
from bench.webapi import WebApi
from tests.postgres import PostgresServer, binaries, postgres_server
from tests.processes import free_port, run_env
from tests.slack.workspace import PAYLOADS, sign

CARD = re.compile(r"Kaizen idea #(\d+)")
KAIZEN = str(Path(sys.executable).with_name("kaizen"))
_FORM = dict(parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True))


@dataclass
class Bot:
    """One `kaizen run` process, its port and its log."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


async def start_bot(
    api: WebApi, database_url: str, folder: Path, port: int | None = None, **env: str
) -> Bot:
    port = port or free_port()
    log = folder / f"kaizen-{port}.log"
    environment = run_env(api.url, port, database_url, KAIZEN_LOG_LEVEL="INFO", **env)
    config = folder / "app.yaml"
    if config.exists():
        environment["KAIZEN_CONFIG"] = str(config)
    process = await asyncio.create_subprocess_exec(
        KAIZEN, "run", env=environment, cwd=folder, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )
    await wait_healthy(port, process)
    return Bot(process, port, log)


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


@dataclass
class Sent:
    """What the load got back: the texts acked with 200, and how the rest were answered."""

    acked: list[str] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)


def command(n: int, tag: str) -> str:
    fields = dict(_FORM)
    fields.update(
        text=f"{tag} idea {n}: bin{n} crate{n} pallet{n} is hard to find",
        command="/kaizen",
        channel_id=f"C0LOAD{n % 20:02d}",
        user_id=f"U0LOAD{n % 20:03d}",
        user_name=f"u0load{n % 20:03d}",
        trigger_id=f"{n}.trigger",
    )
    return urlencode(fields)


async def send_at(
    urls: list[str],
    rate: float,
    count: int,
    tag: str,
    sent: Sent,
    stop: asyncio.Event | None = None,
) -> None:
    """`count` commands at `rate` per second (an open loop), round robin over `urls`."""
    began = time.perf_counter()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        async def one(n: int) -> None:
            body = command(n, tag)
            headers = {**sign(body), "Content-Type": "application/x-www-form-urlencoded"}
            try:
                async with http.post(
                    f"{urls[n % len(urls)]}/slack/events", data=body.encode(), headers=headers
                ) as response:
                    await response.read()
                    status = str(response.status)
            except (aiohttp.ClientError, TimeoutError) as error:
                status = type(error).__name__
            sent.answers[status] += 1
            if status == "200":
                sent.acked.append(f"{tag} idea {n}: bin{n} crate{n} pallet{n} is hard to find")

        tasks = []
        for n in range(count):
            if stop is not None and stop.is_set():
                break
            await asyncio.sleep(max(0.0, began + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(one(n)))
        await asyncio.gather(*tasks)


async def stored_ideas(database_url: str) -> list[str]:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT text FROM idea"))
            return [str(row[0]) for row in rows]
    finally:
        await engine.dispose()


async def pending_posts(database_url: str) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT count(*) FROM outbox WHERE state = 'pending'")
            )
            return int(rows.scalar_one())
    finally:
        await engine.dispose()


def cards(api: WebApi) -> Counter[int]:
    """How many times Slack took each idea's card."""
    return Counter(int(m.group(1)) for _, _, t in api.posts if (m := CARD.match(t)))


async def until(condition: Callable[[], bool], wait: float) -> float | None:
    """Seconds until `condition` held, or None when it did not within `wait`."""
    began = time.monotonic()
    while time.monotonic() - began < wait:
        if condition():
            return time.monotonic() - began
        await asyncio.sleep(0.05)
    return None


async def quiet(api: WebApi, seconds: float = 3.0, wait: float = 180.0) -> None:
    """Until Slack has taken no post for `seconds`."""
    began = time.monotonic()
    while time.monotonic() - began < wait:
        before = len(api.posts)
        await asyncio.sleep(seconds)
        if len(api.posts) == before:
            return


def lost(acked: list[str], stored: list[str]) -> int:
    have = Counter(stored)
    return sum(1 for text_ in acked if have[text_] == 0)


@contextlib.contextmanager
def sqlite_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kaizen-durability-") as folder:
        yield Path(folder)


async def kill9(rate: float, seconds: float = 5.0) -> str:
    api = WebApi()
    await api.start()
    try:
        with sqlite_folder() as folder:
            url = f"sqlite+aiosqlite:///{folder / 'kaizen.db'}"
            port = free_port()
            bot = await start_bot(api, url, folder, port)
            sent = Sent()
            await send_at([bot.url], rate, int(rate * seconds), "k9", sent)
            bot.process.kill()
            await bot.process.wait()
            again = await start_bot(api, url, folder, port)
            await quiet(api)
            await stop_bot(again)
            stored = await stored_ideas(url)
            twice = sum(1 for n in cards(api).values() if n > 1)
            return (
                f"kill -9 at {rate:g}/s: acked {len(sent.acked)}, stored {len(stored)}, "
                f"lost {lost(sent.acked, stored)}; cards {len(cards(api))}, twice {twice}"
            )
    finally:
        await api.stop()


async def sigterm(kill_after: float | None) -> str:
    api = WebApi()
    await api.start()
    try:
        with sqlite_folder() as folder:
            url = f"sqlite+aiosqlite:///{folder / 'kaizen.db'}"
            port = free_port()
            bot = await start_bot(api, url, folder, port)
            sent = Sent()
            load = asyncio.create_task(send_at([bot.url], 200, 1000, "term", sent))
            await asyncio.sleep(4.0)
            bot.process.send_signal(signal.SIGTERM)
            began = time.monotonic()
            try:
                code = await asyncio.wait_for(bot.process.wait(), kill_after or 120)
            except TimeoutError:
                bot.process.kill()
                code = await bot.process.wait()
            took = time.monotonic() - began
            await load
            again = await start_bot(api, url, folder, port)
            await quiet(api)
            await stop_bot(again)
            stored = await stored_ideas(url)
            how = "SIGTERM" if kill_after is None else f"SIGTERM, SIGKILL after {kill_after:g} s"
            refused = sum(n for status, n in sent.answers.items() if status != "200")
            return (
                f"{how} at 200/s: acked {len(sent.acked)}, refused {refused}, "
                f"stored {len(stored)}, lost {lost(sent.acked, stored)}; "
                f"exit {code} after {took:.1f} s"
            )
    finally:
        await api.stop()


async def restart() -> str:
    """kill -9 while posts go out slowly, restart 2.7 s later: when is the last one out?"""
    api = WebApi(per_channel=1.0)
    await api.start()
    try:
        with sqlite_folder() as folder:
            url = f"sqlite+aiosqlite:///{folder / 'kaizen.db'}"
            port = free_port()
            bot = await start_bot(api, url, folder, port)
            sent = Sent()
            await send_at([bot.url], 50, 100, "rs", sent)
            await asyncio.sleep(1.0)
            bot.process.kill()
            await bot.process.wait()
            pending = await pending_posts(url)
            await asyncio.sleep(2.7)
            again = await start_bot(api, url, folder, port)
            began = time.monotonic()
            before = len(api.posts)
            resumed = await until(lambda: len(api.posts) > before, 180)
            for _ in range(3600):
                if await pending_posts(url) == 0:
                    break
                await asyncio.sleep(0.1)
            drained = time.monotonic() - began
            await stop_bot(again)
            return (
                f"restart after kill -9 mid-delivery: {pending} posts pending at the kill; "
                f"first post {resumed if resumed is not None else float('nan'):.1f} s after "
                f"the restart, all out after {drained:.1f} s"
            )
    finally:
        await api.stop()


@contextlib.asynccontextmanager
async def small_filesystem(size: str = "4m") -> AsyncIterator[Path]:
    """A tmpfs of its own (root only): it can be filled up, or remounted read-only."""
    folder = Path(tempfile.mkdtemp(prefix="kaizen-tmpfs-"))
    sh("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        sh("umount", "-l", str(folder), check=False)
        os.rmdir(folder)


def sh(*command: str, check: bool = True) -> None:
    subprocess.run(command, check=check, capture_output=True)


def fill(folder: Path) -> None:
    """Fill the filesystem up to its last byte."""
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 65536)


async def fault(kind: str) -> str:
    if os.geteuid() != 0:
        return f"{kind}: skipped (needs root to mount a small filesystem)"
    api = WebApi()
    await api.start()
    try:
        async with small_filesystem("8m") as folder:
            url = f"sqlite+aiosqlite:///{folder / 'kaizen.db'}"
            port = free_port()
            bot = await start_bot(api, url, folder, port)
            await send_at([bot.url], 20, 20, "warm", Sent())
            await quiet(api, 1.0)
            if kind == "readonly":
                sh("mount", "-o", "remount,ro", str(folder))
            else:
                fill(folder)
            sent = Sent()
            await send_at([bot.url], 10, 30, kind, sent)
            async with (
                aiohttp.ClientSession() as http,
                http.get(f"{bot.url}/healthz") as response,
            ):
                health = f"{response.status} {(await response.json()).get('status')}"
            if kind == "readonly":
                sh("mount", "-o", "remount,rw", str(folder))
            else:
                os.unlink(folder / "filler")
            await quiet(api, 2.0)
            await stop_bot(bot)
            stored = await stored_ideas(url)
            answers = ", ".join(f"{n} x {s}" for s, n in sorted(sent.answers.items()))
            return (
                f"{kind}: 30 sent ({answers}); lost {lost(sent.acked, stored)} of "
                f"{len(sent.acked)} acked; /healthz during: {health}"
            )
    finally:
        await api.stop()


async def pgstop(server: PostgresServer) -> str:
    api = WebApi()
    await api.start()
    name = server.create_database()
    url = server.url(name)
    sh(KAIZEN, "db", "upgrade", "--database", url)
    try:
        with sqlite_folder() as folder:
            bot = await start_bot(api, url, folder)
            sent = Sent()
            load = asyncio.create_task(send_at([bot.url], 20, 600, "pg", sent))
            await asyncio.sleep(10)
            pg_ctl(server, "stop", "-m", "fast")
            await asyncio.sleep(10)
            pg_ctl(server, "start")
            await load
            await quiet(api, 3.0)
            await stop_bot(bot)
            stored = await stored_ideas(url)
            refused = sum(n for status, n in sent.answers.items() if status != "200")
            return (
                f"PostgreSQL stopped 10 s under 20/s: acked {len(sent.acked)}, refused "
                f"{refused}, lost {lost(sent.acked, stored)}; cards {len(cards(api))}"
            )
    finally:
        server.drop_database(name)
        await api.stop()


def pg_ctl(server: PostgresServer, *args: str) -> None:
    """Stop or start the test server as it was started (tests/postgres.py)."""
    data = server.root / "data"
    options = (
        f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories=''"
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        " -c max_connections=300 -c shared_buffers=64MB"
    )
    user = "postgres" if os.geteuid() == 0 else None
    command = [str(server.bin / "pg_ctl"), "-D", str(data), "-o", options, "-w"]
    command += ["-l", str(server.root / "server.log"), *args]
    subprocess.run(command, check=True, capture_output=True, user=user)


async def instances(server: PostgresServer, count: int) -> str:
    api = WebApi()
    await api.start()
    name = server.create_database()
    url = server.url(name)
    sh(KAIZEN, "db", "upgrade", "--database", url)
    try:
        with sqlite_folder() as folder:
            bots = await asyncio.gather(*(start_bot(api, url, folder) for _ in range(2)))
            sent = Sent()
            began = time.monotonic()
            await send_at([b.url for b in bots], 10_000, count, "two", sent)
            acked_at = time.monotonic()
            took = await until(lambda: len(cards(api)) >= count, 120)
            seen = len(cards(api))
            await asyncio.gather(*(stop_bot(b) for b in bots))
            numbers = sorted(cards(api))
            twice = sum(1 for n in cards(api).values() if n > 1)
            after = f"{took:.1f} s" if took is not None else "never (120 s)"
            return (
                f"two instances, {count} concurrent ideas: acked {len(sent.acked)} in "
                f"{acked_at - began:.2f} s; {seen} of {count} cards, all {after} after the "
                f"last ack; gap-free {numbers == list(range(1, count + 1))}, twice {twice}"
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
                    for count in (40, 200):
                        print(await instances(server, count), flush=True)
        else:
            raise SystemExit(f"unknown scenario {name!r}; see the docstring")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
