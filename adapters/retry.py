"""Waiting as a platform asks: one reading of Retry-After, one policy for a read tried again.

Slack and Bot Framework both answer a 429 with Retry-After; every adapter reads it here, so
a header in another case, as an HTTP date or unreadable means the same wait everywhere.

Posts are tried again by the outbox (it keeps them, and knows their order); a read (who is
in a channel, who the bot is) is a question nobody keeps, so the outlet that makes it asks
again in place, with `asked`. Each call has one policy: the layers above ask once.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

from bot.outlet import DeliveryError

T = TypeVar("T")
WAIT = 1.0
"""Seconds to wait when a 429 says nothing readable."""
ASK_TRIES = 4
LONGEST_WAIT = 30.0


def retry_after(headers: Mapping[str, Any] | None, default: float = WAIT) -> float:
    """The seconds a response's Retry-After asks for (RFC 9110: seconds or an HTTP date),
    whatever the header's case; `default` when it is missing or unreadable."""
    value = next(
        (str(v) for k, v in (headers or {}).items() if str(k).lower() == "retry-after"), ""
    ).strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return default
        return max(seconds, 0.0)
    return seconds if math.isfinite(seconds) and seconds >= 0 else default


async def asked(request: Callable[[], Awaitable[T]], tries: int = ASK_TRIES) -> T:
    """A read (one page of a listing), tried again in place while the platform says to
    wait (as long as it says) or stumbles, up to `tries` times; a `permanent` failure or
    the last one is raised. `request` raises `DeliveryError`."""
    for attempt in range(1, tries + 1):
        try:
            return await request()
        except DeliveryError as error:
            if error.permanent or attempt == tries:
                raise
            await asyncio.sleep(min(error.retry_after or 0.25 * 2**attempt, LONGEST_WAIT))
    raise AssertionError("unreachable")
