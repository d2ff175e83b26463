"""NULs leave events on their way in; events without one pass untouched (no copy)."""

from __future__ import annotations

from bot.clean import without_nul
from bot.events import Command, FormSubmit
from bot.people import Person, Place


def test_an_event_without_nul_is_the_same_object() -> None:
    event = Command(workspace="T1", person=Person("U1", "ann"), place=Place("C1"),
                    name="kaizen", text="fix the printer")  # fmt: skip
    assert without_nul(event) is event


def test_nul_is_removed_from_every_text_inside_an_event() -> None:
    event = FormSubmit(
        workspace="T1",
        person=Person("U\x001", "a\x00nn"),
        place=Place("C1"),
        form="idea",
        values={"problem\x00": "jams\x00"},
        state="",
    )
    clean = without_nul(event)
    assert clean.person == Person("U1", "ann") and clean.person.name == "ann"
    assert clean.values == {"problem": "jams"}
    assert clean.place is event.place  # untouched parts are not copied
