"""Stand-ups in the engine: post when due (once), take answers, remind once, sum up."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from bot.actions import Action, ListMembers, Post, PrivateReply, Reply, Update
from bot.content import ChannelLink, Span, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Due, Members, Message, ScheduleTick
from bot.ideas.intake import clean_text, record
from bot.language.choice import Languages
from bot.language.phrases import Phrase, When
from bot.language.translate import words
from bot.metrics import members as roster
from bot.model.ideas import Idea
from bot.model.keys import StandupKey
from bot.model.standups import Answer, RunState, StandupRun
from bot.people import Place
from bot.router import Router
from bot.settings import Settings, Standup
from bot.standup.answers import MAX_ANSWER, blocker_in, same_blocker
from bot.standup.cards import BLOCKER_BUTTON, prompt, summary
from bot.standup.schedule import holiday, local_date
from bot.turn import Turn

log = logging.getLogger(__name__)
STUCK = timedelta(minutes=10)
"""A reminder round that got no member list back in this long is tried again."""
ADHOC = "adhoc:"


def standup_named(settings: Settings, standup_id: str) -> Standup | None:
    """The configured stand-up, or the defaults for one started by hand in a channel."""
    for standup in settings.standups:
        if standup.id == standup_id:
            return standup
    if standup_id.startswith(ADHOC):
        return Standup(channel=standup_id.removeprefix(ADHOC), name=standup_id)
    return None


async def post_prompt(
    workspace: str, standup: Standup, due_at: datetime | None, turn: Turn, channel: str
) -> list[Action]:
    """Claim today's run of `standup` and post its prompt; nothing if it was claimed already."""
    moment = turn.now if due_at is None else due_at
    run = StandupRun(
        workspace, standup.id, local_date(standup, turn.settings, moment), channel, moment
    )
    claimed = await turn.store.standups.claim(run, turn.now)
    if claimed is None:
        return []
    return [Post(channel, prompt(standup, claimed), key=claimed.key)]


async def post_due(event: Due, turn: Turn) -> list[Action]:
    """A stand-up's cron came due: post it, unless it is a holiday or too late to be useful."""
    standup = standup_named(turn.settings, event.job.partition(":")[2])
    if standup is None:
        log.warning("a stand-up %r came due but app.yaml no longer has it", event.job)
        return []
    day = local_date(standup, turn.settings, event.due)
    name = holiday(standup, date.fromisoformat(day))
    if name is not None:
        log.info("no %s stand-up on %s: %s", standup.id, day, name)
        return []
    late = turn.now - event.due
    if late > standup.grace:
        run = StandupRun(
            event.workspace, standup.id, day, standup.channel, event.due, RunState.SKIPPED
        )
        if await turn.store.standups.claim(run, turn.now):
            log.warning(
                "skipped the %s stand-up of %s: it is %s past %s, beyond the %s grace",
                standup.id,
                day,
                late,
                standup.time,
                standup.grace,
            )
        return []
    return await post_prompt(event.workspace, standup, event.due, turn, standup.channel)


async def take_answer(message: Message, key: StandupKey, turn: Turn) -> list[Action] | None:
    """A reply in a stand-up's thread is that person's answer; replying again replaces it."""
    run = await turn.store.standups.get(message.workspace, key.run)
    if run is None:
        return None
    if run.state is RunState.CLOSED:
        raise UserError(
            Phrase(
                "This stand-up is closed; its summary is in the thread. See you at the next one!"
            )
        )
    if len(message.text) > MAX_ANSWER:
        raise UserError(
            Phrase(
                "That answer is {length} characters; the summary shows each answer in full, so "
                "keep it under {limit}. Put the details in a thread of its own.",
                length=len(message.text),
                limit=MAX_ANSWER,
            )
        )
    standup = standup_named(turn.settings, run.standup) or Standup(channel=run.channel)
    blocker = blocker_in(message.text, standup.questions)
    stored = await turn.store.standups.answer(
        run, Answer(message.person, message.text.strip(), blocker, turn.now)
    )
    thanks = (
        Phrase(
            "Thanks, your stand-up is in. Blocker noted: {blocker}. Reply again to change it.",
            blocker=stored.blocker,
        )
        if stored.blocker
        else Phrase("Thanks, your stand-up is in. Reply again to change it.")
    )
    return [PrivateReply(message.person, message.place, Text.of(thanks))]


async def steps(tick: ScheduleTick, turn: Turn) -> list[Action]:
    """Remind once after `remind_after`; sum up after `close_after`."""
    actions: list[Action] = []
    for run in await turn.store.standups.unfinished(tick.workspace):
        standup = standup_named(turn.settings, run.standup)
        if standup is None:
            continue
        running = turn.now - run.due_at
        if running >= standup.close_after:
            actions += await _close(run, turn)
        elif running >= standup.remind_after and run.state is not RunState.REMINDED:
            moved = await turn.store.standups.move(
                run, RunState.REMINDING, (RunState.OPEN,), turn.now, turn.now - STUCK
            )
            if moved:
                posted = await turn.store.messages.find(tick.workspace, run.key)
                channel = posted.channel if posted else run.channel
                actions.append(ListMembers(channel, f"standup:{run.id}"))
    return actions


async def remind_members(members: Members, turn: Turn) -> list[Action]:
    """The channel's members came back: remind, once, whoever has not answered and is not away."""
    await roster.remember(members, turn)
    run = await turn.store.standups.get(members.workspace, int(members.purpose.split(":")[1]))
    if run is None or not await turn.store.standups.move(
        run, RunState.REMINDED, (RunState.REMINDING,), turn.now
    ):
        return []
    answered = {a.person.id for a in await turn.store.standups.answers(run)}
    away = await turn.store.standups.away(members.workspace, run.local_date)
    nudge = Text.of(
        Phrase(
            "A gentle reminder: today's stand-up in {channel} is waiting for your two minutes. "
            "Reply in its thread.",
            channel=ChannelLink(members.channel),
        )
    )
    return [
        PrivateReply(person, Place(members.channel), nudge)
        for person in members.people
        if person.id not in answered and person.id not in away and not person.is_bot
    ]


async def blocker_to_idea(press: ButtonPress, turn: Turn) -> list[Action]:
    """A blocker becomes an idea with its 5 Whys; who raised it is invited to answer them."""
    run_id, _, answer_id = press.value.partition(":")
    if not all(part.isdecimal() and len(part) < 10 for part in (run_id, answer_id)):
        raise UserError(Phrase("That blocker is no longer there."))
    run = await turn.store.standups.get(press.workspace, int(run_id))
    answers = [] if run is None else await turn.store.standups.answers(run)
    chosen = next((a for a in answers if a.id == int(answer_id)), None)
    if run is None or chosen is None or not chosen.blocker:
        raise UserError(Phrase("That blocker is no longer there."))
    if chosen.idea_number:
        raise UserError(
            Phrase("That blocker is already idea #{number}.", number=chosen.idea_number)
        )
    channel = turn.settings.channels.ideas or run.channel
    text = chosen.blocker
    if len(text) < turn.settings.ideas.min_length:  # the idea's own words: its channel's language
        blocked = Phrase("Blocked at stand-up: {blocker}", blocker=text)
        text = words(blocked, Languages(turn.settings).of_channel(channel))
    idea = Idea(
        workspace=press.workspace,
        text=clean_text(text[: turn.settings.ideas.max_length], turn.settings),
        author=press.person,
        channel=channel,
        created_at=turn.now,
        stage_at=turn.now,
    )
    stored, actions = await record(press, idea, turn)
    number = stored.number
    await turn.store.standups.mark_idea(chosen.id, number)
    if chosen.person.id != press.person.id:
        await turn.store.dialogues.add_guests(press.workspace, number, [chosen.person])
    chosen.idea_number = number
    refreshed = summary(run, answers, await _recurring(run, answers, turn))
    return [*actions, Update(_summary_key(run), refreshed)]


def register(router: Router) -> None:
    router.due("standup")(post_due)
    router.thread(StandupKey)(take_answer)
    router.tick(steps)
    router.members("standup")(remind_members)
    router.button(BLOCKER_BUTTON)(blocker_to_idea)
    _register_commands(router)


async def standup_now(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    """Post this channel's stand-up prompt now (a configured one, or one with defaults)."""
    channel = command.place.channel
    standup = _for_channel(turn.settings, channel) or Standup(channel=channel, name=ADHOC + channel)
    actions = await post_prompt(command.workspace, standup, None, turn, channel)
    if actions:
        return actions
    today = local_date(standup, turn.settings, turn.now)
    run = await turn.store.standups.on(command.workspace, standup.id, today)
    if run is not None and await turn.store.standups.revive(run, turn.now):
        return [Post(channel, prompt(standup, run), key=run.key)]
    raise UserError(Phrase("Today's stand-up is already posted here; reply in its thread."))


async def standup_list(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    from bot.standup.schedule import next_run

    lines: list[Span] = []
    for standup in turn.settings.standups:
        zone = turn.settings.standup_zone(standup)
        upcoming = next_run(standup, turn.settings, turn.now)
        said = {
            "id": standup.id,
            "time": standup.time,
            "days": ",".join(standup.days),  # app.yaml's words for the days
            "zone": zone,
            "channel": standup.channel,
        }
        if upcoming is None:
            line = Phrase(
                "{id}: {time} {days} ({zone}) in {channel}; next: never (every day is off)",
                **said,
            )
        else:
            line = Phrase.in_english(
                f"{standup.id}: {standup.time} {said['days']} ({zone}) in {standup.channel}; "
                f"next: {upcoming:%a %d %b %H:%M %Z}",
                Phrase(
                    "{id}: {time} {days} ({zone}) in {channel}; next: {day}, {at}",
                    **said,
                    day=When(upcoming, zone, "date"),
                    at=When(upcoming, zone, "time"),
                ),
            )
        lines += ["\n", line] if lines else [line]
    text = (
        Text.of(*lines)
        if lines
        else Text.of(Phrase("No stand-ups are configured; add them under `standups:` in app.yaml."))
    )
    return [PrivateReply(command.person, command.place, text)]


async def away(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    until = (match["until"] or "").lower()
    today = turn.now.date().isoformat()
    if until in ("off", "back", "none"):
        await turn.store.standups.set_away(command.workspace, command.person, None)
        said = Phrase("Welcome back: stand-up reminders are on again.")
    else:
        day = until or today
        try:
            last = date.fromisoformat(day)
        except ValueError:
            raise UserError(
                Phrase(
                    "Away until when? `kaizen standup away until 2026-12-31`, or "
                    "`kaizen standup away off` when you are back."
                )
            ) from None
        await turn.store.standups.set_away(command.workspace, command.person, day)
        said = Phrase.in_english(
            f"Noted: no stand-up reminders for you until {day} (inclusive).",
            Phrase(
                "Noted: no stand-up reminders for you until {day} (inclusive).",
                day=When(last, style="date"),
            ),
        )
    return [PrivateReply(command.person, command.place, Text.of(said))]


def _register_commands(router: Router) -> None:
    router.command(
        "kaizen",
        r"standup",
        usage="kaizen standup",
        summary=Phrase(
            "posts this channel's stand-up prompt now (a channel without one in app.yaml "
            "gets the default questions)"
        ),
        hint=Phrase(
            "`kaizen standup`, `kaizen standup list` or `kaizen standup away [until DATE]`."
        ),
        group="Stand-ups",
    )(standup_now)
    router.command(
        "kaizen",
        r"standup\s+list",
        usage="kaizen standup list",
        summary=Phrase("the next time of every configured stand-up, in its local time"),
        group="Stand-ups",
    )(standup_list)
    router.command(
        "kaizen",
        r"standup\s+away(?:\s+(?:until\s+)?(?P<until>\S+))?",
        usage="kaizen standup away [until YYYY-MM-DD|off]",
        summary=Phrase("no reminders while you are away; `off` when you are back"),
        group="Stand-ups",
    )(away)


async def _close(run: StandupRun, turn: Turn) -> list[Action]:
    moved = await turn.store.standups.move(
        run, RunState.CLOSED, (RunState.OPEN, RunState.REMINDING, RunState.REMINDED), turn.now
    )
    if not moved:
        return []
    answers = await turn.store.standups.answers(run)
    recurring = await _recurring(run, answers, turn)
    return [Reply(run.key, summary(run, answers, recurring), key=_summary_key(run))]


async def _recurring(run: StandupRun, answers: list[Answer], turn: Turn) -> set[int]:
    """Answers whose blocker was also raised at each of the two stand-ups before."""
    before = await turn.store.standups.previous(run.workspace, run.standup, run.local_date, 2)
    if len(before) < 2:
        return set()
    earlier = [
        [a.blocker for a in await turn.store.standups.answers(r) if a.blocker] for r in before
    ]
    return {
        a.id
        for a in answers
        if a.blocker and all(any(same_blocker(a.blocker, b) for b in day) for day in earlier)
    }


def _for_channel(settings: Settings, channel: str) -> Standup | None:
    wanted = channel.lstrip("#").lower()
    return next((s for s in settings.standups if s.channel.lstrip("#").lower() == wanted), None)


def _summary_key(run: StandupRun) -> str:
    return f"{run.key}:summary"
