"""Who is recognised: `/kudos top`, opting out with `/kudos hide-me`, the weekly round-up."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from bot.actions import Action, Post, PrivateReply
from bot.content import Card, Mention, Span, Text
from bot.events import Command, ScheduleTick
from bot.grammar import Grammar
from bot.kudos.cards import HOW, roundup_card
from bot.model.kudos import Standing
from bot.router import Router
from bot.turn import Turn
from bot.weekly import due_week

TOP = 10
ROUNDUP_NAMES = 40
GRACE = timedelta(hours=6)
_PERIODS = ("week", "month", "all")


async def top(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    period = (match["period"] or "week").lower()
    if period not in _PERIODS:
        return _tell(command, "Top of which period? `/kudos top week`, `month` or `all`.")
    since = _period_start(turn.now, turn.settings.timezone, period)
    hidden = await turn.store.people.hidden(command.workspace)
    kudos = turn.store.kudos
    receivers = await kudos.top(command.workspace, since, "receivers", hidden, TOP)
    givers = await kudos.top(command.workspace, since, "givers", hidden, TOP)
    card = Card(
        title=Text.of(f"Kudos {_label(period, since, turn.settings.timezone)}"),
        body=(_ranking("Most recognised", receivers), _ranking("Most generous", givers)),
        footer=Text.of(
            "You are off these lists; /kudos show-me puts you back."
            if command.person.id in hidden
            else "Rather not be listed? /kudos hide-me"
        ),
    )
    return [PrivateReply(command.person, command.place, card)]


async def hide_or_show(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    hide = match["choice"].lower() == "hide-me"
    await turn.store.people.set_hidden(command.workspace, command.person, hide)
    said = (
        "You are off the leaderboards and round-up lists; kudos to you still count. "
        "/kudos show-me undoes it."
        if hide
        else "You are back on the leaderboards."
    )
    return _tell(command, said)


async def roundup(tick: ScheduleTick, turn: Turn) -> list[Action]:
    """Once a week, at the configured local time, celebrate everyone recognised."""
    settings = turn.settings.kudos
    if settings.roundup is None or settings.channel is None:
        return []
    roundup = settings.roundup
    week = due_week(tick.at, turn.settings.timezone, roundup.weekday, roundup.time, GRACE)
    if week is None or not await turn.store.kudos.claim_roundup(
        tick.workspace, week.label, turn.now
    ):
        return []
    breadth = await turn.store.kudos.breadth(tick.workspace, week.start, tick.at)
    hidden = await turn.store.people.hidden(tick.workspace)
    shown: list[Span] = [Mention(p) for p in breadth.receivers if p.id not in hidden]
    more = len(breadth.receivers) - len(shown[:ROUNDUP_NAMES])
    card = roundup_card(breadth, shown[:ROUNDUP_NAMES], more, week.label)
    return [Post(settings.channel, card)]


def register(router: Router) -> None:
    router.command(
        "kudos",
        r"top(?:\s+(?P<period>\S+))?",
        usage="/kudos top [week|month|all]",
        summary="privately: who was recognised most, and who gave most",
        group="Kudos",
    )(top)
    router.command(
        "kudos",
        r"(?P<choice>hide-me|show-me)",
        usage="/kudos hide-me|show-me",
        summary="stay off (or come back on) the leaderboards and round-up lists",
        group="Kudos",
    )(hide_or_show)
    router.command(
        "kudos",
        r"help|\?|",
        usage="/kudos help",
        summary="how kudos work, privately (`/kudos` alone says it too)",
        group="Kudos",
    )(partial(kudos_help, router.grammar))
    router.tick(roundup)


async def kudos_help(
    grammar: Grammar, command: Command, _match: re.Match[str], turn: Turn
) -> list[Action]:
    """The Kudos commands as help lists them, and this workspace's values and limits."""
    kudos = turn.settings.kudos
    values = ", ".join(f"#{v.replace(' ', '-')}" for v in kudos.values)
    lines = [syntax.line() for syntax in grammar.listed("Kudos")]
    lines += [
        f"Our values: {values}" if values else "",
        f"React with :{kudos.reaction}: to someone's message to thank them for it"
        if kudos.reaction
        else "",
        f"Up to {kudos.daily_limit} kudos a day each.",
    ]
    return _tell(command, "\n".join(line for line in lines if line))


def _ranking(heading: str, standings: list[Standing]) -> Text:
    if not standings:
        return Text.of(f"{heading}: nobody yet. {HOW}")
    parts: list[Span] = [f"{heading}:"]
    for place, standing in enumerate(standings, start=1):
        parts += [f"\n{place}. ", Mention(standing.person), f" {standing.count}"]
    return Text.of(*parts)


def _period_start(now: datetime, zone: str, period: str) -> datetime | None:
    local = now.astimezone(ZoneInfo(zone))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return midnight - timedelta(days=local.weekday())
    if period == "month":
        return midnight.replace(day=1)
    return None


def _label(period: str, since: datetime | None, zone: str) -> str:
    if since is None:
        return "of all time"
    return f"this {period} (since {since.astimezone(ZoneInfo(zone)):%a %d %b})"


def _tell(command: Command, words: str) -> list[Action]:
    return [PrivateReply(command.person, command.place, Text.of(words))]
