"""Signed `/kaizen` commands at a steady rate, for tests and benchmarks that fault a running
`kaizen run`: what was acked (200), and how the rest were answered."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import aiohttp

from tests.slack.workspace import PAYLOADS, sign

_FORM = dict(parse_qsl((PAYLOADS / "slash_command.form").read_text(), keep_blank_values=True))
CHANNELS = 20


@dataclass
class Sent:
    acked: list[str] = field(default_factory=list)
    """The idea texts answered 200, in the order they were sent."""
    answers: Counter[str] = field(default_factory=Counter)
    """How requests were answered: "200", "503", or the client error's name."""

    @property
    def refused(self) -> int:
        return sum(n for status, n in self.answers.items() if status != "200")


def idea_text(tag: str, n: int) -> str:
    return f"{tag} idea {n}: bin{n} crate{n} pallet{n} is hard to find"


def command_body(tag: str, n: int, text: str | None = None) -> str:
    """A `/kaizen` slash command as Slack posts it, from one of 20 people in 20 channels."""
    fields = dict(_FORM)
    fields.update(
        text=text or idea_text(tag, n),
        command="/kaizen",
        channel_id=f"C0LOAD{n % CHANNELS:02d}",
        user_id=f"U0LOAD{n % CHANNELS:03d}",
        user_name=f"u0load{n % CHANNELS:03d}",
        trigger_id=f"{n}.trigger",
    )
    return urlencode(fields)


async def send_at(
    urls: list[str],
    rate: float,
    count: int,
    tag: str,
    sent: Sent,
    text: str | None = None,
) -> None:
    """`count` commands at `rate` per second (an open loop: each leaves on time whether or
    not the ones before were answered), round robin over the bots at `urls`."""
    began = time.perf_counter()
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), timeout=timeout
    ) as http:

        async def one(n: int) -> None:
            body = command_body(tag, n, text)
            headers = {**sign(body), "Content-Type": "application/x-www-form-urlencoded"}
            url = f"{urls[n % len(urls)]}/slack/events"
            try:
                async with http.post(url, data=body.encode(), headers=headers) as response:
                    await response.read()
                    status = str(response.status)
            except (aiohttp.ClientError, TimeoutError) as error:
                status = type(error).__name__
            sent.answers[status] += 1
            if status == "200":
                sent.acked.append(text or idea_text(tag, n))

        tasks = []
        for n in range(count):
            await asyncio.sleep(max(0.0, began + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(one(n)))
        await asyncio.gather(*tasks)
