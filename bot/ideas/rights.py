"""Who may do what to an idea: its author, its owner, and the admins named in app.yaml.

Anyone may add, coach, move an open idea as far as Plan, or volunteer to own an idea nobody
owns. Taking it further (Do, Check, Act, Done), setting it aside, reopening it once it is
closed, or changing its path is for the people it belongs to and the admins, so nobody closes,
revives or reroutes someone else's idea in passing.
"""

from __future__ import annotations

from bot.errors import UserError
from bot.language.labels import stage_name
from bot.language.phrases import Phrase
from bot.model.ideas import Idea, Stage
from bot.people import Person
from bot.settings import Settings

PAST_PLAN = frozenset({Stage.DO, Stage.CHECK, Stage.ACT, Stage.DONE, Stage.DROPPED})


def is_admin(person: Person, settings: Settings) -> bool:
    return person.id in settings.admins


def belongs_to(idea: Idea, person: Person) -> bool:
    return person.id == idea.author.id or (idea.owner is not None and person.id == idea.owner.id)


def check_move(idea: Idea, stage: Stage, person: Person, settings: Settings) -> None:
    """Refuse, with who can, a move past Plan (or out of Done or Dropped) by someone the idea
    does not belong to."""
    reopening = not idea.stage.is_open and stage.is_open
    if stage not in PAST_PLAN and not reopening:
        return
    if reopening:
        verb = Phrase("reopen it ({stage} now)", stage=stage_name(idea.stage))
    elif stage is Stage.DROPPED:
        verb = Phrase("set it aside")
    else:
        verb = Phrase("move it to {stage}", stage=stage_name(stage))
    _check_belongs(idea, person, settings, verb)


def check_path_change(idea: Idea, person: Person, settings: Settings) -> None:
    """Which path an idea takes decides who reviews it: its people and the admins choose."""
    _check_belongs(idea, person, settings, Phrase("change its path"))


def check_plan(idea: Idea, person: Person, settings: Settings) -> None:
    """The plan is written by the idea's people: its author, its owner, an admin."""
    _check_belongs(idea, person, settings, Phrase("change its plan"))


def _check_belongs(idea: Idea, person: Person, settings: Settings, verb: Phrase) -> None:
    if belongs_to(idea, person) or is_admin(person, settings):
        return
    number, ask = idea.number, _ask(idea, settings)
    if idea.owner is None:
        raise UserError(
            Phrase(
                "Only the author of idea #{number} or an admin can {verb}. {ask}",
                number=number,
                verb=verb,
                ask=ask,
            )
            if settings.admins
            else Phrase(
                "Only the author of idea #{number} can {verb}. {ask}",
                number=number,
                verb=verb,
                ask=ask,
            )
        )
    owner = idea.owner.name
    raise UserError(
        Phrase(
            "Only the author of idea #{number}, its owner {owner} or an admin can {verb}. {ask}",
            number=number,
            owner=owner,
            verb=verb,
            ask=ask,
        )
        if settings.admins
        else Phrase(
            "Only the author of idea #{number}, its owner {owner} can {verb}. {ask}",
            number=number,
            owner=owner,
            verb=verb,
            ask=ask,
        )
    )


def check_owner_change(idea: Idea, owner: Person, person: Person, settings: Settings) -> None:
    """Volunteering for an unowned idea is open to all; handing it over is not."""
    volunteering = owner.id == person.id and idea.owner is None
    if volunteering or belongs_to(idea, person) or is_admin(person, settings):
        return
    number, ask = idea.number, _ask(idea, settings)
    if idea.owner is None:
        raise UserError(
            Phrase(
                "Only the author of idea #{number} or an admin can ask someone to own it; "
                "you can take it yourself with `kaizen take {number}`. {ask}",
                number=number,
                ask=ask,
            )
            if settings.admins
            else Phrase(
                "Only the author of idea #{number} can ask someone to own it; "
                "you can take it yourself with `kaizen take {number}`. {ask}",
                number=number,
                ask=ask,
            )
        )
    raise UserError(
        Phrase(
            "{owner} owns idea #{number}; only its author, its owner or an admin can "
            "hand it on. {ask}",
            owner=idea.owner.name,
            number=number,
            ask=ask,
        )
        if settings.admins
        else Phrase(
            "{owner} owns idea #{number}; only its author, its owner can hand it on. {ask}",
            owner=idea.owner.name,
            number=number,
            ask=ask,
        )
    )


def require_admin(person: Person, settings: Settings, what: str) -> None:
    """`what` (a Phrase, to be said in the reader's language) is for admins only."""
    if is_admin(person, settings):
        return
    if not settings.admins:
        raise UserError(
            Phrase(
                "{what} is for admins, and none are set: list their user ids under `admins:` "
                "in app.yaml.",
                what=what,
            )
        )
    raise UserError(Phrase("{what} is for admins. {admins}", what=what, admins=_admins(settings)))


def _ask(idea: Idea, settings: Settings) -> Phrase:
    if not settings.admins:
        if idea.anonymous:
            return Phrase("Leave a note in its thread.")
        return Phrase("Ask {author} in its thread.", author=idea.author.name)
    admins = _admins(settings)
    if idea.anonymous:
        return Phrase("Leave a note in its thread, or an admin. {admins}", admins=admins)
    return Phrase(
        "Ask {author} in its thread, or an admin. {admins}",
        author=idea.author.name,
        admins=admins,
    )


def _admins(settings: Settings) -> Phrase:
    return Phrase("Admins here: {admins}.", admins=", ".join(settings.admins))
