"""Slowing down token guesses: per source address, a wait that grows with each wrong try.

A try is checked only when its source's turn has come: the first few wrong ones cost
nothing, then each makes the source's next try wait twice as long as the last, up to a few
seconds. Tries from one source wait behind each other, so the rate of guesses really is
limited (a guesser learns a try was wrong the moment it is not let in, so answering wrong
ones late would limit nothing); when too many wait, the next is refused unchecked (429).
A right token from a source that is not waiting gets in at once, and one source's wrong
tries never hold up another's. A valid signed cookie or pass cannot be guessed, so those
are never held up at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from ipaddress import IPv6Address, IPv6Network, ip_address

log = logging.getLogger(__name__)

FREE = 5
"""Wrong tries from one source before its tries wait."""
FIRST = 0.25
"""The first wait, in seconds; it doubles with each further wrong try ..."""
LONGEST = 4.0
"""... up to this."""
QUEUE = 3
"""Tries from one source that may wait their turn; more are refused at once (429)."""
FORGET = 600.0
"""A source's wrong tries are forgotten after this long without one."""
SOURCES = 10_000
"""Sources remembered at most; beyond it the one quiet longest is forgotten."""


@dataclass(frozen=True)
class Verdict:
    right: bool
    retry_after: float = 0.0
    """Seconds before this source's next try will be checked."""
    checked: bool = True
    """False when too many of the source's tries were waiting: this one was not looked at."""


@dataclass
class _Source:
    wrong: int = 0
    last_wrong: float = 0.0
    next_turn: float = 0.0
    waiting: int = 0
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)

    def busy(self, now: float) -> bool:
        return self.waiting > 0 or self.next_turn > now


class Throttle:
    def __init__(
        self,
        free: int = FREE,
        first: float = FIRST,
        longest: float = LONGEST,
        queue: int = QUEUE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.first, self.longest, self.queue = free, first, longest, queue
        self.forget, self.sources = FORGET, SOURCES
        self._clock = clock
        self._known: OrderedDict[str, _Source] = OrderedDict()
        self._closed = asyncio.Event()

    def wait_after(self, wrong: int) -> float:
        """How long a source's next try waits after its `wrong`-th wrong one."""
        if wrong < self.free:
            return 0.0
        return float(min(self.first * 2 ** (wrong - self.free), self.longest))

    async def check(self, address: str, right: Callable[[], bool]) -> Verdict:
        """`right()` (is the token right?) asked when `address`'s turn has come."""
        key = source_key(address)
        source = self._known.get(key)
        if source is None or not source.busy(self._clock()):
            if right():
                return Verdict(True)
            return self._wrong(key, source or self._remember(key))
        if source.waiting >= self.queue:
            return Verdict(False, self._backlog(source), checked=False)
        source.waiting += 1
        try:
            async with source.turn:
                wait = source.next_turn - self._clock()
                if self._closed.is_set() or (wait > 0 and await self._closing_within(wait)):
                    return Verdict(False, 1.0, checked=False)
                return Verdict(True) if right() else self._wrong(key, source)
        finally:
            source.waiting -= 1

    def close(self) -> None:
        """The server stops: tries waiting their turn are answered at once, unchecked,
        instead of holding the stop up for their waits (three guesses held it 12 s)."""
        self._closed.set()

    def __len__(self) -> int:
        return len(self._known)

    def waiting(self, address: str) -> int:
        """How many of `address`'s tries wait their turn."""
        source = self._known.get(source_key(address))
        return source.waiting if source else 0

    def _wrong(self, key: str, source: _Source) -> Verdict:
        now = self._clock()
        if now - source.last_wrong > self.forget:
            source.wrong = 0
        source.wrong += 1
        source.last_wrong = now
        self._known.move_to_end(key)
        wait = self.wait_after(source.wrong)
        source.next_turn = now + wait
        if source.wrong == self.free:
            log.warning(
                "board: %d wrong tokens from %s; its tries wait from now on", source.wrong, key
            )
        return Verdict(False, wait)

    async def _closing_within(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._closed.wait(), seconds)
        except TimeoutError:
            return False
        return True

    def _backlog(self, source: _Source) -> float:
        ahead = max(source.next_turn - self._clock(), 0.0)
        return ahead + source.waiting * self.wait_after(source.wrong + 1)

    def _remember(self, key: str) -> _Source:
        now = self._clock()
        while self._known:
            oldest_key, oldest = next(iter(self._known.items()))
            quiet = now - oldest.last_wrong > self.forget
            if not (quiet or len(self._known) >= self.sources) or oldest.waiting:
                break
            del self._known[oldest_key]
        source = self._known[key] = _Source()
        return source


def source_key(address: str) -> str:
    """One key per IPv4 address, and per /64 for IPv6 (what one subscriber usually holds)."""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(IPv6Network((int(parsed), 64), strict=False))
    return str(parsed)
