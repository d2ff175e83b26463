"""Who may do what to an idea: its author, its owner, and the admins named in app.yaml.

Anyone may add, coach, move an open idea as far as Plan, or volunteer to own an idea nobody
owns. Taking it further (Do, Check, Act, Done), setting it aside, reopening it once it is
closed, or changing its path is for the people it belongs to and the admins, so nobody closes,
revives or reroutes someone else's idea in passing.
"""

from __future__ import annotations

from bot.errors import UserError
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
        verb = f"reopen it ({idea.stage.label} now)"
    elif stage is Stage.DROPPED:
        verb = "set it aside"
    else:
        verb = f"move it to {stage.label}"
    _check_belongs(idea, person, settings, verb)


def check_path_change(idea: Idea, person: Person, settings: Settings) -> None:
    """Which path an idea takes decides who reviews it: its people and the admins choose."""
    _check_belongs(idea, person, settings, "change its path")


def check_plan(idea: Idea, person: Person, settings: Settings) -> None:
    """The plan is written by the idea's people: its author, its owner, an admin."""
    _check_belongs(idea, person, settings, "change its plan")


def _check_belongs(idea: Idea, person: Person, settings: Settings, verb: str) -> None:
    if belongs_to(idea, person) or is_admin(person, settings):
        return
    owner = f", its owner {idea.owner.name}" if idea.owner else ""
    raise UserError(
        f"Only the author of idea #{idea.number}{owner}{_or_an_admin(settings)} can {verb}. "
        f"{_ask(idea, settings)}"
    )


def check_owner_change(idea: Idea, owner: Person, person: Person, settings: Settings) -> None:
    """Volunteering for an unowned idea is open to all; handing it over is not."""
    volunteering = owner.id == person.id and idea.owner is None
    if volunteering or belongs_to(idea, person) or is_admin(person, settings):
        return
    admin = _or_an_admin(settings)
    if idea.owner is None:
        raise UserError(
            f"Only the author of idea #{idea.number}{admin} can ask someone to own it; "
            f"you can take it yourself with `kaizen take {idea.number}`. {_ask(idea, settings)}"
        )
    raise UserError(
        f"{idea.owner.name} owns idea #{idea.number}; only its author, its owner{admin} can "
        f"hand it on. {_ask(idea, settings)}"
    )


def require_admin(person: Person, settings: Settings, what: str) -> None:
    if is_admin(person, settings):
        return
    if not settings.admins:
        raise UserError(
            f"{what} is for admins, and none are set: list their user ids under `admins:` "
            "in app.yaml."
        )
    raise UserError(f"{what} is for admins. {_admins(settings)}")


def _ask(idea: Idea, settings: Settings) -> str:
    admin = ", or an admin" if settings.admins else ""
    if idea.anonymous:
        return f"Leave a note in its thread{admin}. {_admins(settings)}".strip()
    return f"Ask {idea.author.name} in its thread{admin}. {_admins(settings)}".strip()


def _or_an_admin(settings: Settings) -> str:
    """Admins are named as a way out only where there are some."""
    return " or an admin" if settings.admins else ""


def _admins(settings: Settings) -> str:
    if not settings.admins:
        return ""
    return f"Admins here: {', '.join(settings.admins)}."
