"""Filling in a form one line at a time, for surfaces without dialogs."""

from __future__ import annotations

from adapters.terminal.render import field_prompt, form_heading, said
from bot.actions import OpenForm
from bot.events import FormSubmit
from bot.language.phrases import ENGLISH, Phrase
from bot.people import Person, Place


class FormFiller:
    """Walks the fields of a form; each typed line answers the current field."""

    def __init__(self, request: OpenForm, language: str = ENGLISH) -> None:
        self.request = request
        self.language = language
        """The chat's language: the form's own words come in it; the filler's say it too."""
        self.values: dict[str, str] = {}
        self._index = 0

    @property
    def done(self) -> bool:
        return self._index >= len(self.request.form.fields)

    def heading(self) -> list[str]:
        return form_heading(self.request.form, self.language)

    def prompt(self) -> str:
        return f"  {field_prompt(self.request.form.fields[self._index], self.language)} "

    def take(self, text: str) -> str | None:
        """Answer the current field; a message saying what is wrong, or None when taken."""
        field = self.request.form.fields[self._index]
        value = text or field.initial
        if (field.kind == "choice" or (field.kind == "channel" and field.choices)) and value:
            labels = {c.label.lower(): c.value for c in field.choices}
            values = {c.value.lower(): c.value for c in field.choices}
            if value.isdigit() and 1 <= int(value) <= len(field.choices):
                value = field.choices[int(value) - 1].value
            elif value.lower() in values or value.lower() in labels:
                value = values.get(value.lower()) or labels[value.lower()]
            else:
                return said(_choose(len(field.choices)), self.language)
        if field.required and not value:
            return said(Phrase("please answer: {label}", label=field.label), self.language)
        if value and field.min_length and len(value) < field.min_length:
            least = Phrase("a little more, please: at least {n} characters", n=field.min_length)
            return said(least, self.language)
        if field.max_length and len(value) > field.max_length:
            most = Phrase("keep it under {n} characters", n=field.max_length)
            return said(most, self.language)
        self.values[field.name] = value
        self._index += 1
        return None

    def submission(self, person: Person, place: Place) -> FormSubmit:
        trigger = self.request.trigger
        return FormSubmit(
            workspace=trigger.workspace,
            person=person,
            place=place,
            form=self.request.form.id,
            values=dict(self.values),
            state=self.request.form.state,
        )


def _choose(count: int) -> Phrase:
    if count == 2:
        return Phrase("choose 1 or 2, or /cancel")
    return Phrase("choose a number from 1 to {n}, or /cancel", n=count)
