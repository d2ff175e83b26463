"""Letting go of what is kept only for a while, once a day.

A platform retries a delivery within minutes (Slack for up to an hour), so the ids of
handled deliveries are kept a week; delivered posts are kept a week for looking into what
happened, and parked ones until people deal with them. Everything else is the record.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.actions import Action
from bot.clock import local_day
from bot.events import ScheduleTick
from bot.router import Router
from bot.turn import Turn

log = logging.getLogger(__name__)
KEPT = timedelta(days=7)


async def forget_old_deliveries(tick: ScheduleTick, turn: Turn) -> list[Action]:
    day = local_day(tick.at, turn.settings.timezone)
    if await turn.store.claim_once(tick.workspace, f"housekeeping:{day}", turn.now):
        gone = await turn.store.forget_before(tick.workspace, turn.now - KEPT)
        log.info("let go of %d delivery record(s) of %s", gone, tick.workspace)
    return []


def register(router: Router) -> None:
    router.tick(forget_old_deliveries)
