"""Giving kudos, by command or by reaction, within the rules everyone gives them by."""

from __future__ import annotations

import re

from bot.actions import Action, Delete, Post, PrivateReply
from bot.clock import local_day
from bot.content import ChannelLink, Mention, Span, Text
from bot.errors import UserError
from bot.events import Command, Event, Reaction
from bot.kudos.cards import FOR_THEIR_MESSAGE, kudos_card, together
from bot.kudos.parse import normal_value, read_request
from bot.language.criticism import criticism_in
from bot.language.phrases import Phrase
from bot.model.kudos import Kudos, Source
from bot.people import Person
from bot.router import Router
from bot.settings import Settings
from bot.turn import Turn


async def kudos_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    request = read_request(match["text"], command.mentions)
    value, reason = _value(request.value, request.reason, turn.settings)
    _check_reason(reason, turn.settings)
    return await give(command, request.receivers, reason, value, Source.COMMAND, turn)


async def kudos_reaction(reaction: Reaction, turn: Turn) -> list[Action]:
    if reaction.emoji.lower() != turn.settings.kudos.reaction:
        return []
    ref = f"{reaction.place.channel}/{reaction.message_id}/{reaction.emoji.lower()}"
    if not reaction.added:
        return await _withdraw(reaction, ref, turn)
    if await turn.store.kudos.by_reaction(reaction.workspace, reaction.person.id, ref):
        return []
    return await give(
        reaction,
        (reaction.author,),
        FOR_THEIR_MESSAGE,
        None,
        Source.REACTION,
        turn,
        link=reaction.link,
        reaction=ref,
    )


def register(router: Router) -> None:
    router.command(
        "kudos",
        usage="/kudos @person [@person ...] what they did [#value]",
        summary=Phrase(
            "public thanks: a kudos post naming giver, receivers, reason and value "
            "(terminal: `kudos ...`)"
        ),
        group="Kudos",
    )(kudos_command)
    router.reaction(kudos_reaction)


async def give(
    event: Event,
    receivers: tuple[Person, ...],
    reason: str,
    value: str | None,
    source: Source,
    turn: Turn,
    link: str = "",
    reaction: str | None = None,
) -> list[Action]:
    """Post kudos from `event.person` to `receivers`, or refuse privately saying why."""
    giver = event.person
    _check_receivers(giver, receivers)
    zone = giver.timezone or turn.settings.timezone
    day = local_day(turn.now, zone)
    limit = turn.settings.kudos.daily_limit
    used = await turn.store.kudos.given_on(event.workspace, giver.id, day)
    if used + len(receivers) > limit:
        raise UserError(_over_limit(limit, used, len(receivers), zone))
    channel = turn.settings.kudos.channel or event.place.channel
    kudos = await turn.store.kudos.add(
        Kudos(
            workspace=event.workspace,
            giver=giver,
            receivers=receivers,
            reason=reason,
            channel=channel,
            given_at=turn.now,
            local_day=day,
            source=source,
            value=value,
            reaction=reaction,
        )
    )
    left = limit - used - len(receivers)
    return [
        Post(channel, kudos_card(kudos, link), key=kudos.key),
        PrivateReply(giver, event.place, _confirmation(kudos, left, event.place.channel)),
    ]


async def _withdraw(reaction: Reaction, ref: str, turn: Turn) -> list[Action]:
    """Taking the emoji back takes back the kudos it gave, and only that one."""
    kudos = await turn.store.kudos.by_reaction(reaction.workspace, reaction.person.id, ref)
    if kudos is None:
        return []
    await turn.store.kudos.withdraw(reaction.workspace, kudos.id, turn.now)
    people: list[Span] = [Mention(p) for p in kudos.receivers]
    note = Text.of(
        Phrase(
            "You took back your kudos to {people}; it no longer counts.",
            people=Text.of(*together(people)),
        )
    )
    return [Delete(kudos.key), PrivateReply(reaction.person, reaction.place, note)]


def _check_receivers(giver: Person, receivers: tuple[Person, ...]) -> None:
    if any(person.id == giver.id for person in receivers):
        raise UserError(
            Phrase("Kudos are for others: you cannot give them to yourself. Who helped you do it?")
        )
    bots = [person for person in receivers if person.is_bot]
    if bots:
        raise UserError(
            Phrase(
                "Kudos are for people; @{bot} is a bot. Thank the people behind the work instead.",
                bot=bots[0].name,
            )
        )


def _check_reason(reason: str, settings: Settings) -> None:
    shortest = settings.kudos.min_reason_length
    if len(reason.strip()) < shortest:
        raise UserError(
            Phrase(
                "Say what they did, in at least {n} characters, so the thanks means something: "
                "`/kudos @person for sorting the returns shelf`.",
                n=shortest,
            )
        )
    longest = settings.kudos.max_reason_length
    if len(reason) > longest:
        raise UserError(
            Phrase(
                "That reason is {length} characters; kudos are a public thank-you, so keep it "
                "under {limit}: what they did and why it mattered.",
                length=len(reason),
                limit=longest,
            )
        )
    dig = criticism_in(reason)
    if dig == "blame":
        raise UserError(
            Phrase(
                "I did not post that: kudos are public, and it blames someone. Praise what went "
                "well here, and give the rest as feedback in private."
            )
        )
    if dig:
        raise UserError(
            Phrase(
                "I did not post that: kudos are public, and \u201c{words}\u201d reads as a dig. "
                "Praise what went well here, and give the rest as feedback in private.",
                words=dig,
            )
        )


def _value(given: str | None, reason: str, settings: Settings) -> tuple[str | None, str]:
    """The app.yaml value the giver named; an unknown #word stays in the reason, if allowed."""
    allowed = {normal_value(v): v for v in settings.kudos.values}
    listed = ", ".join(f"#{v.replace(' ', '-')}" for v in settings.kudos.values)
    if given is not None and normal_value(given) in allowed:
        return allowed[normal_value(given)], reason
    if settings.kudos.require_value:
        first = settings.kudos.values[0].replace(" ", "-")
        if given:
            raise UserError(
                Phrase(
                    "#{value} is not one of our values: {values}. For example "
                    "`/kudos @person what they did #{first}`.",
                    value=given,
                    values=listed,
                    first=first,
                )
            )
        raise UserError(
            Phrase(
                "Add one of our values: {values}. For example "
                "`/kudos @person what they did #{first}`.",
                values=listed,
                first=first,
            )
        )
    return None, f"{reason} #{given}".strip() if given else reason


def _over_limit(limit: int, used: int, asked: int, zone: str) -> Phrase:
    left = limit - used
    if left <= 0:
        return Phrase(
            "You have given all {limit} of today's kudos; more come at midnight ({zone}). "
            "Thank you for noticing so much good work!",
            limit=limit,
            zone=zone,
        )
    return Phrase.counted(
        "You have {n} kudos left today and this gives {asked}. Pick {n} person now, or the "
        "rest after midnight.",
        "You have {n} kudos left today and this gives {asked}. Pick {n} people now, or the "
        "rest after midnight.",
        left,
        asked=asked,
    )


def _confirmation(kudos: Kudos, left: int, here: str) -> Text:
    people = Text.of(*together([Mention(p) for p in kudos.receivers]))
    if kudos.channel != here:
        return Text.of(
            Phrase(
                "Your kudos to {people} is posted in {channel}. You have {left} left today.",
                people=people,
                channel=ChannelLink(kudos.channel),
                left=left,
            )
        )
    return Text.of(
        Phrase(
            "Your kudos to {people} is posted. You have {left} left today.",
            people=people,
            left=left,
        )
    )
