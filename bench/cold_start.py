"""Cold start: from `kaizen run` to the first request served (GET /healthz answers 200).

Slack over HTTP at a local Web API, SQLite. "first start" includes creating and migrating
a new database; "restart" is the same database again, already migrated. Target: < 2 s.
"""

from __future__ import annotations

import asyncio
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.webapi import WebApi
from tests.processes import free_port, run_env

RUNS = 5


async def time_to_first_request(api: WebApi, folder: Path) -> float:
    port = free_port()
    env = run_env(api.url, port, f"sqlite+aiosqlite:///{folder / 'kaizen.db'}")
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        "run",
        env=env,
        cwd=folder,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            return time.perf_counter() - started
                except aiohttp.ClientConnectionError:
                    pass
                if process.returncode is not None:
                    raise RuntimeError("kaizen run exited before serving")
                await asyncio.sleep(0.005)
    finally:
        process.send_signal(signal.SIGTERM)
        await process.wait()


async def main() -> None:
    api = WebApi()
    await api.start()
    first: list[float] = []
    again: list[float] = []
    try:
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as name:
                folder = Path(name)
                first.append(await time_to_first_request(api, folder))
                again.append(await time_to_first_request(api, folder))
    finally:
        await api.stop()
    print("cold start (kaizen run -> first request served), Slack over HTTP, SQLite")
    print(f"  first start (new database, migrations):  {statistics.median(first):.2f} s median")
    print(f"  restart (database already migrated):     {statistics.median(again):.2f} s median")
    print(f"  runs: {RUNS} each; target < 2 s")


if __name__ == "__main__":
    asyncio.run(main())
