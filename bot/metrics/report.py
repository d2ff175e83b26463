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
from bot.language.labels import stage_name
from bot.language.phrases import N_, Arg, Phrase, When
from bot.language.wording import duration
from bot.metrics.impact import impact_totals
from bot.metrics.periods import Period, period
from bot.metrics.stats import ChannelStats, PathStats, Stats, by_channel, compute
from bot.model.ideas import Path
from bot.model.views import BoardIdea
from bot.router import Router
from bot.store import Store
from bot.turn import Turn
from bot.weekly import due_week

DIGEST_GRACE = timedelta(hours=6)
DIGEST_DONE = 15
"""Done ideas named in a digest; more are counted, not listed."""
_PATH_NAMES = {
    None: N_("All ideas"),
    Path.OPERATIONAL: N_("Operational"),
    Path.STRATEGIC: N_("Strategic"),
}


async def gather(
    store: Store, workspace: str, since: datetime, until: datetime, channel: str | None = None
) -> tuple[Stats, list[ChannelStats]]:
    """The period's numbers, and the same per channel."""
    tally = await store.metrics.tally(workspace, since, until, channel)
    turnout = await store.metrics.turnout(workspace, since, until, channel)
    return compute(tally, since, until, turnout), by_channel(tally)


def percent(share: float | None) -> Phrase:
    if share is None:
        return Phrase("n/a")
    return Phrase("{percent}%", percent=round(share * 100))


def span(value: timedelta | None) -> Phrase:
    return Phrase("n/a") if value is None else duration(value)


def path_line(stats: PathStats) -> Text:
    """One path's numbers in a sentence or three."""
    said: list[Span] = [_counts(stats)]
    if stats.lead_median is not None:
        lead = Phrase(
            "Lead time {median} (median), {mean} (mean).",
            median=span(stats.lead_median),
            mean=span(stats.lead_mean),
        )
        said += [" ", lead]
    if stats.cycle:
        stays: list[Span] = []
        for stage, time in stats.cycle.items():
            name = stage_name(stage)
            stays += [", " if stays else "", name, " ", duration(time)]
        said += [" ", Phrase("Time in stage: {stays}.", stays=Text.of(*stays))]
    return Text.of(*said)


def _counts(stats: PathStats) -> Phrase:
    """Given, implemented, set aside, still open, and the share done (when there is one)."""
    counts: dict[str, Arg] = {
        "given": stats.submitted,
        "implemented": stats.implemented,
        "dropped": stats.dropped,
        "open": stats.still_open,
    }
    share = stats.share_implemented
    if share is None and stats.joined:
        return Phrase(
            "{given} given ({joined} joined with an earlier idea), {implemented} implemented, "
            "{dropped} set aside, {open} still open.",
            joined=stats.joined,
            **counts,
        )
    if share is None:
        return Phrase(
            "{given} given, {implemented} implemented, {dropped} set aside, {open} still open.",
            **counts,
        )
    if stats.joined:
        return Phrase(
            "{given} given ({joined} joined with an earlier idea), {implemented} implemented, "
            "{dropped} set aside, {open} still open; {share} of those given are done.",
            joined=stats.joined,
            share=percent(share),
            **counts,
        )
    return Phrase(
        "{given} given, {implemented} implemented, {dropped} set aside, {open} still open; "
        "{share} of those given are done.",
        share=percent(share),
        **counts,
    )


def people(count: int) -> Phrase:
    return Phrase.counted("{n} person", "{n} people", count)


def participation_line(stats: Stats) -> Text:
    """Who took part, against the members (or, with no member list, those seen)."""
    both = stats.paths[None]
    if not stats.people or both.per_person_month is None:
        nobody = Phrase("Participation: nobody here has given an idea or answered a stand-up yet.")
        return Text.of(nobody)
    numbers: dict[str, Arg] = {
        "people": stats.people,
        "share": percent(stats.participation),
        "rate": round(both.per_person_month, 1),
    }
    if stats.turnout.listed:
        took_part = Phrase.counted(
            "Participation: {n} of the {people} members here ({share}) gave an idea or "
            "answered a stand-up; {rate} ideas per person per month.",
            "Participation: {n} of the {people} members here ({share}) gave an idea or "
            "answered a stand-up; {rate} ideas per person per month.",
            stats.participants,
            **numbers,
        )
    else:
        took_part = Phrase.counted(
            "Participation: {n} of the {people} people active here ({share}) gave an idea or "
            "answered a stand-up; {rate} ideas per person per month.",
            "Participation: {n} of the {people} people active here ({share}) gave an idea or "
            "answered a stand-up; {rate} ideas per person per month.",
            stats.participants,
            **numbers,
        )
    said: list[Span] = [took_part]
    if _both_paths(stats):
        came = Phrase(
            "Ideas came from {operational} on the operational path and {strategic} on the "
            "strategic path.",
            operational=people(stats.paths[Path.OPERATIONAL].authors),
            strategic=people(stats.paths[Path.STRATEGIC].authors),
        )
        said += [" ", came]
    return Text.of(*said)


def path_name(path: Path | None) -> Phrase:
    return Phrase(_PATH_NAMES[path])


def stats_card(
    stats: Stats,
    when: Period,
    channel: str | None,
    channels: Sequence[ChannelStats],
    impact: str | None = None,
    impact_by_path: Mapping[Path, str | None] | None = None,
) -> Card:
    title = (
        Phrase(
            "Kaizen numbers {period} in {channel}", period=when.label, channel=ChannelLink(channel)
        )
        if channel
        else Phrase("Kaizen numbers {period}", period=when.label)
    )
    body = [
        Text.of(path_name(path), ": ", path_line(stats.paths[path]))
        for path in (None, Path.OPERATIONAL, Path.STRATEGIC)
        if path is None or _both_paths(stats)
    ]
    body.append(participation_line(stats))
    if impact:
        body.append(Text.of(impact))
        if _both_paths(stats):
            body += [Text.of(said) for said in (impact_by_path or {}).values() if said]
    if channel is None:
        body += _by_channel(channels)
    return Card(
        title=Text.of(title),
        body=tuple(body),
        footer=Text.of(
            Phrase(
                "Lead time: from an idea given to done. "
                "kaizen stats week|month|quarter|year|all [here]"
            )
        ),
    )


_IMPACT_OF = {
    Path.OPERATIONAL: N_("Operational impact"),
    Path.STRATEGIC: N_("Strategic impact"),
}


def _both_paths(stats: Stats) -> bool:
    """Whether both paths had ideas in the period (else the per-path lines repeat the total)."""
    busy = [stats.paths[p] for p in Path]
    return all(numbers.submitted or numbers.implemented for numbers in busy)


def _by_channel(channels: Sequence[ChannelStats]) -> list[Text]:
    busy = [c for c in channels if c.submitted or c.implemented]
    if len({c.channel for c in channels}) < 2 or not busy:
        return []
    return [
        Text.of(Phrase("By channel:")),
        *(
            Text.of(
                Phrase(
                    "{channel}: {given} given, {implemented} implemented, lead time {lead}",
                    channel=ChannelLink(c.channel),
                    given=c.submitted,
                    implemented=c.implemented,
                    lead=span(c.lead_median),
                )
            )
            for c in busy
        ),
    ]


def digest_card(
    stats: Stats, done: Sequence[BoardIdea], label: str, impact: str | None = None
) -> Card:
    both = stats.paths[None]
    body: list[Text] = [path_line(both)]
    if impact:
        body.append(Text.of(impact))
    if done:
        body.append(Text.of(Phrase("Done this week ({n}), thank you all:", n=len(done))))
        for idea in done[:DIGEST_DONE]:
            who: Span = Phrase("a teammate (anonymous)") if idea.author is None else idea.author
            body.append(Text.of(f"#{idea.number} {idea.text} \u2014 ", who))
        if len(done) > DIGEST_DONE:
            body.append(Text.of(Phrase("and {n} more.", n=len(done) - DIGEST_DONE)))
    else:
        body.append(Text.of(Phrase("No idea reached Done this week. Which one is closest?")))
    strategic = stats.paths[Path.STRATEGIC]
    if strategic.submitted or strategic.implemented:
        body.append(Text.of(Phrase("Strategic path:"), " ", path_line(strategic)))
    title = Phrase.counted(
        "Kaizen digest {week}: {n} idea done",
        "Kaizen digest {week}: {n} ideas done",
        both.implemented,
        week=label,
    )
    footer = Phrase(
        "Participation {share}. Every small step counts. kaizen stats for more",
        share=percent(stats.participation),
    )
    return Card(title=Text.of(title), body=tuple(body), footer=Text.of(footer))


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
            Phrase(_IMPACT_OF[path]),
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
    label = Phrase.in_english(
        f"for the week to {until.astimezone(ZoneInfo(zone)):%a %d %b}",
        Phrase("for the week to {day}", day=When(until, zone, "date")),
    )
    tally = await turn.store.metrics.impact(tick.workspace, since, until)
    card = digest_card(numbers, done, label, impact_totals(tally, turn.settings.pdca.currency))
    return [Post(settings.channel, card)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"stats(?P<words>(?:\s+[a-z]+){0,2})",
        usage="kaizen stats [week|month|quarter|year|all] [here]",
        summary=Phrase(
            "privately: lead time, time in each stage, share implemented, ideas per person, "
            "participation"
        ),
        hint=Phrase(
            "Numbers for when, and where? `kaizen stats [week|month|quarter|year|all] [here]`."
        ),
        group="Ideas",
    )(partial(stats, router.grammar))
    router.tick(digest)
