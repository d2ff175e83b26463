"""Signed Slack traffic from a process of its own: slash commands and thread replies.

`python -m bench.load SPEC_JSON` prints one JSON line of results. The spec names the app's
URL, the mode (`saturate`: a fixed number of connections sending back to back; `rate`: an
open loop at a fixed rate, for latency), how long, and the threads replies go to. Requests
alternate: `/kaizen <idea>` (form-encoded), then a reply in a thread (Events API JSON), each
signed as Slack signs, with a fresh event id.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp

from tests.slack.workspace import PAYLOADS, payload, sign

USERS = [f"U0LOAD{n:03d}" for n in range(20)]
CHANNELS = [f"C0LOAD{n:02d}" for n in range(10)]


@dataclass
class Traffic:
    """The next request to send, built on demand."""

    threads: list[tuple[str, str]]
    count: itertools.count[int] = field(default_factory=itertools.count)

    def next(self) -> tuple[str, str]:
        n = next(self.count)
        user, channel = USERS[n % len(USERS)], CHANNELS[n % len(CHANNELS)]
        if n % 2 == 0:
            fields = dict(
                parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True)
            )
            fields.update(
                text=f"Bin{n} crate{n} pallet{n} shelf{n} is hard to find",
                command="/kaizen",
                channel_id=channel,
                user_id=user,
                user_name=user.lower(),
                trigger_id=f"{n}.trigger",
            )
            return urlencode(fields), "application/x-www-form-urlencoded"
        body: dict[str, Any] = payload("event_message.json")
        thread_channel, thread = (
            self.threads[n % len(self.threads)] if self.threads else (channel, "1700000000.000001")
        )
        ts = f"1700002000.{n:06d}"
        body["event"].update(
            text=f"Because the bins move around, round {n}",
            user=user,
            channel=thread_channel,
            ts=ts,
            event_ts=ts,
            thread_ts=thread,
        )
        body["event_id"] = f"Ev0LOAD{n:08d}"
        return json.dumps(body), "application/json"


@dataclass
class Answers:
    """Ack latencies (seconds) of the requests answered 200, and how many were not."""

    latencies: list[float] = field(default_factory=list)
    failed: int = 0

    def results(self, elapsed: float) -> dict[str, Any]:
        answered = len(self.latencies)
        return {"rps": answered / elapsed, "failed": self.failed, **_percentiles(self.latencies)}


async def send(http: aiohttp.ClientSession, url: str, traffic: Traffic, answers: Answers) -> None:
    body, content_type = traffic.next()
    headers = {**sign(body), "Content-Type": content_type}
    began = time.perf_counter()
    try:
        async with http.post(url, data=body.encode(), headers=headers) as response:
            await response.read()
            ok = response.status == 200
    except aiohttp.ClientError:
        ok = False
    if ok:
        answers.latencies.append(time.perf_counter() - began)
    else:
        answers.failed += 1


async def saturate(url: str, traffic: Traffic, seconds: float, connections: int) -> dict[str, Any]:
    """`connections` senders, each sending the next request as soon as one is answered."""
    answers = Answers()
    deadline = time.perf_counter() + seconds

    async def sender(http: aiohttp.ClientSession) -> None:
        while time.perf_counter() < deadline:
            await send(http, url, traffic, answers)

    began = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as http:
        await asyncio.gather(*(sender(http) for _ in range(connections)))
    return answers.results(time.perf_counter() - began)


async def at_rate(url: str, traffic: Traffic, seconds: float, rate: float) -> dict[str, Any]:
    """An open loop: requests leave on schedule whether or not earlier ones were answered."""
    answers = Answers()
    began = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        tasks = []
        for n in range(int(seconds * rate)):
            await asyncio.sleep(max(0.0, began + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(send(http, url, traffic, answers)))
        await asyncio.gather(*tasks)
    return answers.results(time.perf_counter() - began)


def _percentiles(latencies: list[float]) -> dict[str, float]:
    if len(latencies) < 2:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "n": len(latencies)}
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "n": len(latencies),
    }


async def main(spec: dict[str, Any]) -> dict[str, Any]:
    traffic = Traffic([tuple(t) for t in spec.get("threads", [])])
    traffic.count = itertools.count(int(spec.get("start", 0)))
    if spec["mode"] == "saturate":
        return await saturate(spec["url"], traffic, spec["seconds"], spec["connections"])
    return await at_rate(spec["url"], traffic, spec["seconds"], spec["rate"])


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.loads(sys.argv[1])))))
