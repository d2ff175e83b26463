"""`kaizen stats` (privately, on request) and the weekly digest (posted, on schedule)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from bot.actions import Action, Post, PrivateReply
from bot.content import Card, ChannelLink, Span, Text
from bot.errors import UserError
from bot.events import Command, ScheduleTick
from bot.grammar import Grammar
from bot.metrics.impact import impact_totals
from bot.metrics.periods import Period, period
from bot.metrics.stats import ChannelStats, PathStats, Stats, by_channel, compute
from bot.model.ideas import ANONYMOUS, Path
from bot.model.views import BoardIdea
from bot.router import Router
from bot.store import Store
from bot.turn import Turn
from bot.weekly import due_week
from bot.wording import duration

DIGEST_GRACE = timedelta(hours=6)
DIGEST_DONE = 15
"""Done ideas named in a digest; more are counted, not listed."""
_PATH_NAMES = {None: "All ideas", Path.OPERATIONAL: "Operational", Path.STRATEGIC: "Strategic"}


async def gather(
    store: Store, workspace: str, since: datetime, until: datetime, channel: str | None = None
) -> tuple[Stats, list[ChannelStats]]:
    """The period's numbers, and the same per channel."""
    tally = await store.metrics.tally(workspace, since, until, channel)
    turnout = await store.metrics.turnout(workspace, since, until, channel)
    return compute(tally, since, until, turnout), by_channel(tally)


def percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def span(value: timedelta | None) -> str:
    return "n/a" if value is None else duration(value)


def path_line(stats: PathStats) -> str:
    """One path's numbers in a sentence."""
    joined = f" ({stats.joined} joined with an earlier idea)" if stats.joined else ""
    words = (
        f"{stats.submitted} given{joined}, {stats.implemented} implemented, "
        f"{stats.dropped} set aside, {stats.still_open} still open; "
        f"{percent(stats.share_implemented)} of those given are done."
    )
    if stats.lead_median is not None:
        words += f" Lead time {span(stats.lead_median)} (median), {span(stats.lead_mean)} (mean)."
    if stats.cycle:
        stays = ", ".join(f"{stage.label} {duration(t)}" for stage, t in stats.cycle.items())
        words += f" Time in stage: {stays}."
    return words


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def participation_line(stats: Stats) -> str:
    """Who took part, against the members (or, with no member list, those seen)."""
    both = stats.paths[None]
    rate = "n/a" if both.per_person_month is None else f"{both.per_person_month:.1f}"
    who = "members" if stats.turnout.listed else "people active"
    words = (
        f"Participation: {stats.participants} of the {stats.people} {who} here "
        f"({percent(stats.participation)}) gave an idea or answered a stand-up; "
        f"{rate} ideas per person per month."
    )
    if _both_paths(stats):
        per_path = [
            f"{people(stats.paths[path].authors)} on the {path.value} path" for path in Path
        ]
        words += f" Ideas came from {' and '.join(per_path)}."
    return words


def stats_card(
    stats: Stats,
    when: Period,
    channel: str | None,
    channels: Sequence[ChannelStats],
    impact: str | None = None,
    impact_by_path: Mapping[Path, str | None] | None = None,
) -> Card:
    title: list[Span] = [f"Kaizen numbers {when.label}"]
    if channel:
        title += [" in ", ChannelLink(channel)]
    body = [
        Text.of(f"{_PATH_NAMES[path]}: {path_line(stats.paths[path])}")
        for path in (None, Path.OPERATIONAL, Path.STRATEGIC)
        if path is None or _both_paths(stats)
    ]
    body.append(Text.of(participation_line(stats)))
    if impact:
        body.append(Text.of(impact))
        if _both_paths(stats):
            body += [Text.of(said) for said in (impact_by_path or {}).values() if said]
    if channel is None:
        body += _by_channel(channels)
    return Card(
        title=Text.of(*title),
        body=tuple(body),
        footer=Text.of(
            "Lead time: from an idea given to done. kaizen stats week|month|quarter|year|all [here]"
        ),
    )


def _both_paths(stats: Stats) -> bool:
    """Whether both paths had ideas in the period (else the per-path lines repeat the total)."""
    busy = [stats.paths[p] for p in Path]
    return all(numbers.submitted or numbers.implemented for numbers in busy)


def _by_channel(channels: Sequence[ChannelStats]) -> list[Text]:
    busy = [c for c in channels if c.submitted or c.implemented]
    if len({c.channel for c in channels}) < 2 or not busy:
        return []
    return [
        Text.of("By channel:"),
        *(
            Text.of(
                ChannelLink(c.channel),
                f": {c.submitted} given, {c.implemented} implemented, "
                f"lead time {span(c.lead_median)}",
            )
            for c in busy
        ),
    ]


def digest_card(
    stats: Stats, done: Sequence[BoardIdea], label: str, impact: str | None = None
) -> Card:
    both = stats.paths[None]
    body: list[Text] = [Text.of(path_line(both))]
    if impact:
        body.append(Text.of(impact))
    if done:
        body.append(Text.of(f"Done this week ({len(done)}), thank you all:"))
        for idea in done[:DIGEST_DONE]:
            who: Span = ANONYMOUS if idea.author is None else idea.author
            body.append(Text.of(f"#{idea.number} {idea.text} \u2014 ", who))
        if len(done) > DIGEST_DONE:
            body.append(Text.of(f"and {len(done) - DIGEST_DONE} more."))
    else:
        body.append(Text.of("No idea reached Done this week. Which one is closest?"))
    strategic = stats.paths[Path.STRATEGIC]
    if strategic.submitted or strategic.implemented:
        body.append(Text.of(f"Strategic path: {path_line(strategic)}"))
    return Card(
        title=Text.of(
            f"Kaizen digest {label}: {both.implemented} "
            f"idea{'' if both.implemented == 1 else 's'} done"
        ),
        body=tuple(body),
        footer=Text.of(
            f"Participation {percent(stats.participation)}. Every small step counts. "
            "kaizen stats for more"
        ),
    )


async def stats(
    grammar: Grammar, command: Command, match: re.Match[str], turn: Turn
) -> list[Action]:
    """`kaizen stats [period] [here]`, in either order."""
    words = match["words"].lower().split()
    here = "here" in words
    named = [word for word in words if word != "here"]
    if len(named) > 1 or words.count("here") > 1:
        raise UserError(grammar.misused(command.name, f"stats {' '.join(words)}") or "")
    when = period(named[0] if named else "month", turn.now, turn.settings.timezone)
    channel = command.place.channel if here else None
    numbers, channels = await gather(turn.store, command.workspace, when.since, when.until, channel)
    metrics, currency = turn.store.metrics, turn.settings.pdca.currency
    tally = await metrics.impact(command.workspace, when.since, when.until, channel)
    by_path = {
        path: impact_totals(
            await metrics.impact(command.workspace, when.since, when.until, channel, path),
            currency,
            f"{_PATH_NAMES[path]} impact",
        )
        for path in (Path if _both_paths(numbers) else ())
    }
    card = stats_card(numbers, when, channel, channels, impact_totals(tally, currency), by_path)
    return [PrivateReply(command.person, command.place, card)]


async def digest(tick: ScheduleTick, turn: Turn) -> list[Action]:
    settings = turn.settings.pdca.digest
    if settings is None:
        return []
    zone = turn.settings.timezone
    week = due_week(tick.at, zone, settings.weekday, settings.time, DIGEST_GRACE)
    if week is None or not await turn.store.claim_once(
        tick.workspace, f"digest:{week.label}", turn.now
    ):
        return []
    until = tick.at
    since = until - timedelta(days=7)
    numbers, _ = await gather(turn.store, tick.workspace, since, until)
    done = await turn.store.metrics.done_between(tick.workspace, since, until)
    label = f"for the week to {until.astimezone(ZoneInfo(zone)):%a %d %b}"
    tally = await turn.store.metrics.impact(tick.workspace, since, until)
    card = digest_card(numbers, done, label, impact_totals(tally, turn.settings.pdca.currency))
    return [Post(settings.channel, card)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"stats(?P<words>(?:\s+[a-z]+){0,2})",
        usage="kaizen stats [week|month|quarter|year|all] [here]",
        summary="privately: lead time, time in each stage, share implemented, ideas per person, "
        "participation",
        hint="Numbers for when, and where? `kaizen stats [week|month|quarter|year|all] [here]`.",
        group="Ideas",
    )(partial(stats, router.grammar))
    router.tick(digest)
