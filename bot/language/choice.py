"""Which language each thing the bot says is in: a public post in its channel's language, a
private answer in its person's (their platform's locale), else the workspace's, else English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.actions import Action, OpenForm, Post, PrivateReply, Reply, ShowHome, Update
from bot.language.catalogs import language_of
from bot.people import Person
from bot.settings import Settings


@dataclass(frozen=True)
class Languages:
    settings: Settings
    speaker: Person | None = None
    """Who the turn answers: their locale stands for them when an action's copy lacks it."""
    known: Mapping[str, str] = field(default_factory=dict)
    """Locales kept from earlier turns, by person id: for people the bot writes to unasked."""

    def of_channel(self, channel: str | None) -> str:
        languages = self.settings.channels.languages
        return languages.get(channel or "", self.settings.language)

    def of_person(self, person: Person, channel: str | None = None) -> str:
        locale = person.locale
        if locale is None and self.speaker is not None and person.id == self.speaker.id:
            locale = self.speaker.locale
        locale = locale or self.known.get(person.id)
        return language_of(locale) or self.of_channel(channel)

    def of_reader(self, channel: str, person: Person | None) -> str:
        """A channel's readers when no person is named, else that person (in the channel)."""
        return self.of_channel(channel) if person is None else self.of_person(person, channel)

    def of(self, action: Action, channels: dict[str, str]) -> str:
        """`channels`: where the turn's keyed posts go (a reply's thread, an update's card)."""
        match action:
            case Post(channel=channel):
                return self.of_channel(channel)
            case Reply(thread=key) | Update(key=key):
                return self.of_channel(channels.get(key))
            case PrivateReply(person=person, place=place):
                return self.of_person(person, None if place.direct else place.channel)
            case ShowHome(person=person):
                return self.of_person(person)
            case OpenForm(person=person, place=place):
                return self.of_person(person, place.channel)
        return self.settings.language
