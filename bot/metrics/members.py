"""Who participation is measured against: each channel's members, as the platform lists them.

People who never speak to the bot are members too; a share of "everyone who talked to us"
would be near 100% on a team where two people give every idea. So once a day each channel
in use (where ideas are given or kudos posted; stand-ups list their own) is listed afresh.
"""

from __future__ import annotations

from bot.actions import Action, ListMembers
from bot.clock import local_day
from bot.events import Members, ScheduleTick
from bot.router import Router
from bot.turn import Turn

PURPOSE = "roster"


def channels_to_list(turn: Turn, idea_channels: list[str]) -> set[str]:
    """Channels where ideas are given or kudos posted. A stand-up's channel is listed by the
    stand-up itself, when it reminds those who have not answered."""
    settings = turn.settings
    named = [settings.channels.ideas, settings.kudos.channel]
    standups = {standup.channel for standup in settings.standups}
    return {channel for channel in [*idea_channels, *named] if channel} - standups


async def remember(members: Members, turn: Turn) -> None:
    """Any whole listing of a channel's members, for whatever purpose, is its newest roster
    (who a surface happens to have seen is not)."""
    if members.whole:
        await turn.store.people.set_members(
            members.workspace, members.channel, members.people, turn.now
        )


async def list_members(tick: ScheduleTick, turn: Turn) -> list[Action]:
    day = local_day(tick.at, turn.settings.timezone)
    if not await turn.store.claim_once(tick.workspace, f"members:{day}", turn.now):
        return []
    used = channels_to_list(turn, await turn.store.metrics.channels(tick.workspace))
    return [ListMembers(channel, f"{PURPOSE}:{channel}", whole=True) for channel in sorted(used)]


async def keep(members: Members, turn: Turn) -> list[Action]:
    await remember(members, turn)
    return []


def register(router: Router) -> None:
    router.tick(list_members)
    router.members(PURPOSE)(keep)
