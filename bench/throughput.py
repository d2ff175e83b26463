"""Throughput and ack latency: Kaizen Bot against a bare slack-bolt app, same load.

Both serve Slack over HTTP on loopback and talk to one local Web API (bench/webapi.py);
ours keeps its data in SQLite. The load comes from a separate process (bench/load.py):
signed `/kaizen` commands and thread replies, alternately. For each app it prints the
requests per second at saturation, the ack latency at 100 requests per second, and peak
memory; then `throughput ratio ours/bare: X.XX`. Targets: ratio >= 0.8, p99 ack < 50 ms.
KAIZEN_BENCH_SECONDS (default 10) is the length of each measured run.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.process import peak_mb, wait_healthy
from bench.webapi import WebApi
from tests.processes import free_port, run_env

SECONDS = float(os.environ.get("KAIZEN_BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("KAIZEN_BENCH_CONNECTIONS", "32"))
RATE = 100.0


async def load(spec: dict[str, Any]) -> dict[str, Any]:
    """Run bench/load.py in its own process and read its one line of results."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.load", json.dumps(spec), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    result: dict[str, Any] = json.loads(out)
    return result


async def measure(
    name: str, command: list[str], env: dict[str, str], port: int, api: WebApi
) -> dict[str, Any]:
    """Warm up, then the latency run (open loop), then the saturation run."""
    url = f"http://127.0.0.1:{port}/slack/events"
    with tempfile.TemporaryDirectory() as folder:
        log = (Path(folder) / "app.log").open("wb")
        process = await asyncio.create_subprocess_exec(
            *command, env=env, cwd=folder, stdout=log, stderr=log
        )
        try:
            await wait_healthy(port, process)
            before = len(api.posts)
            await load({"url": url, "mode": "rate", "rate": 50, "seconds": 2, "start": 0})
            await asyncio.sleep(1)
            threads = [(c, ts) for c, ts, text in api.posts[before:] if _is_card(name, text)]
            common = {"url": url, "threads": threads[:200]}
            paced = {"mode": "rate", "rate": RATE, "seconds": SECONDS, "start": 10_000}
            latency = await load({**common, **paced})
            await asyncio.sleep(2)
            flat_out = {"mode": "saturate", "connections": CONNECTIONS, "seconds": SECONDS}
            speed = await load({**common, **flat_out, "start": 100_000})
            peak = peak_mb(process.pid or 0)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
    failed = speed["failed"] + latency["failed"]
    return {"rps": speed["rps"], "failed": failed, "latency": latency, "peak": peak}


def _is_card(name: str, text: str) -> bool:
    return text.startswith("Kaizen idea #") if name == "ours" else True


def report(name: str, result: dict[str, Any]) -> None:
    latency = result["latency"]
    print(f"  {name}:")
    print(f"    saturation ({CONNECTIONS} connections): {result['rps']:7.0f} requests/s")
    p50, p95, p99 = latency["p50"], latency["p95"], latency["p99"]
    print(f"    ack at {RATE:.0f}/s: p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  p99 {p99:5.1f} ms")
    print(f"    peak memory:             {result['peak']:7.0f} MB")
    if result["failed"]:
        print(f"    requests not answered 200: {result['failed']}")


async def main() -> None:
    api = WebApi()
    await api.start()
    kaizen = str(Path(sys.executable).with_name("kaizen"))
    results: dict[str, dict[str, Any]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            port = free_port()
            env = run_env(api.url, port, f"sqlite+aiosqlite:///{Path(folder) / 'kaizen.db'}")
            results["ours"] = await measure("ours", [kaizen, "run"], env, port, api)
        port = free_port()
        env = run_env(api.url, port, "unused", PYTHONPATH=str(Path(__file__).parent.parent))
        results["bare"] = await measure(
            "bare", [sys.executable, "-m", "bench.bare_bolt", str(port)], env, port, api
        )
    finally:
        await api.stop()
    print(
        f"throughput and ack latency, Slack over HTTP, load from its own process ({SECONDS:.0f} s)"
    )
    report("Kaizen Bot (SQLite)", results["ours"])
    report("bare slack-bolt AsyncApp", results["bare"])
    print("  targets: ours >= 0.8x bare throughput; p99 ack < 50 ms")
    print(f"throughput ratio ours/bare: {results['ours']['rps'] / results['bare']['rps']:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
