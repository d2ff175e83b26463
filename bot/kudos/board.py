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
from bot.language.phrases import Phrase, When
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
        return _tell(command, Phrase("Top of which period? `/kudos top week`, `month` or `all`."))
    since = _period_start(turn.now, turn.settings.timezone, period)
    hidden = await turn.store.people.hidden(command.workspace)
    kudos = turn.store.kudos
    receivers = await kudos.top(command.workspace, since, "receivers", hidden, TOP)
    givers = await kudos.top(command.workspace, since, "givers", hidden, TOP)
    card = Card(
        title=Text.of(_title(period, since, turn.settings.timezone)),
        body=(
            _ranking(Phrase("Most recognised:"), receivers),
            _ranking(Phrase("Most generous:"), givers),
        ),
        footer=Text.of(
            Phrase("You are off these lists; /kudos show-me puts you back.")
            if command.person.id in hidden
            else Phrase("Rather not be listed? /kudos hide-me")
        ),
    )
    return [PrivateReply(command.person, command.place, card)]


async def hide_or_show(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    hide = match["choice"].lower() == "hide-me"
    await turn.store.people.set_hidden(command.workspace, command.person, hide)
    said = (
        Phrase(
            "You are off the leaderboards and round-up lists; kudos to you still count. "
            "/kudos show-me undoes it."
        )
        if hide
        else Phrase("You are back on the leaderboards.")
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
        summary=Phrase("privately: who was recognised most, and who gave most"),
        group="Kudos",
    )(top)
    router.command(
        "kudos",
        r"(?P<choice>hide-me|show-me)",
        usage="/kudos hide-me|show-me",
        summary=Phrase("stay off (or come back on) the leaderboards and round-up lists"),
        group="Kudos",
    )(hide_or_show)
    router.command(
        "kudos",
        r"help|\?|",
        usage="/kudos help",
        summary=Phrase("how kudos work, privately (`/kudos` alone says it too)"),
        group="Kudos",
    )(partial(kudos_help, router.grammar))
    router.tick(roundup)


async def kudos_help(
    grammar: Grammar, command: Command, _match: re.Match[str], turn: Turn
) -> list[Action]:
    """The Kudos commands as help lists them, and this workspace's values and limits."""
    kudos = turn.settings.kudos
    values = ", ".join(f"#{v.replace(' ', '-')}" for v in kudos.values)
    lines: list[str] = [syntax.line() for syntax in grammar.listed("Kudos")]
    if values:
        lines.append(Phrase("Our values: {values}", values=values))
    if kudos.reaction:
        lines.append(
            Phrase(
                "React with :{emoji}: to someone's message to thank them for it",
                emoji=kudos.reaction,
            )
        )
    lines.append(
        Phrase.counted(
            "Up to {n} kudos a day each.", "Up to {n} kudos a day each.", kudos.daily_limit
        )
    )
    spans: list[Span] = []
    for line in lines:
        spans += ["\n", line] if spans else [line]
    return _tell(command, Text.of(*spans))


def _ranking(heading: Phrase, standings: list[Standing]) -> Text:
    if not standings:
        return Text.of(heading, " ", Phrase("nobody yet."), " ", Phrase(HOW))
    parts: list[Span] = [heading]
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


def _title(period: str, since: datetime | None, zone: str) -> Phrase:
    """ "Kudos this week (since Mon 02 Mar)": in English as it always was, elsewhere with the
    date as the reader's language writes it."""
    if since is None:
        return Phrase("Kudos of all time")
    english = f"Kudos this {period} (since {since.astimezone(ZoneInfo(zone)):%a %d %b})"
    day = When(since, zone, "date")
    if period == "month":
        return Phrase.in_english(english, Phrase("Kudos this month (since {day})", day=day))
    return Phrase.in_english(english, Phrase("Kudos this week (since {day})", day=day))


def _tell(command: Command, words: str | Text) -> list[Action]:
    said = words if isinstance(words, Text) else Text.of(words)
    return [PrivateReply(command.person, command.place, said)]
