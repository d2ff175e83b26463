"""NULs leave events on their way in; events without one pass untouched (no copy)."""

from __future__ import annotations

from bot.clean import MAX_TEXT, cleaned
from bot.events import Command, FormSubmit
from bot.people import Person, Place


def test_an_event_without_nul_is_the_same_object() -> None:
    event = Command(workspace="T1", person=Person("U1", "ann"), place=Place("C1"),
                    name="kaizen", text="fix the printer")  # fmt: skip
    assert cleaned(event) is event


def test_nul_is_removed_from_every_text_inside_an_event() -> None:
    event = FormSubmit(
        workspace="T1",
        person=Person("U\x001", "a\x00nn"),
        place=Place("C1"),
        form="idea",
        values={"problem\x00": "jams\x00"},
        state="",
    )
    clean = cleaned(event)
    assert clean.person == Person("U1", "ann") and clean.person.name == "ann"
    assert clean.values == {"problem": "jams"}
    assert clean.place is event.place  # untouched parts are not copied


def test_a_message_is_cut_to_slacks_limit_and_its_white_space_collapsed() -> None:
    text = "1. a\n2. b\n3. no" + " " * 39_900 + "x\n\n\n\n  second   line  \t\n"
    event = Command(workspace="T1", person=Person("U1", "ann"), place=Place("C1"),
                    name="kaizen", text=text)  # fmt: skip
    assert cleaned(event).text == "1. a\n2. b\n3. no x\n\n second line"
    long = Command(workspace="T1", person=Person("U1", "ann"), place=Place("C1"),
                   name="kaizen", text="a" * 50_000)  # fmt: skip
    assert cleaned(long).text == "a" * MAX_TEXT


def test_other_texts_are_cut_but_keep_their_spacing() -> None:
    event = FormSubmit(
        workspace="T1",
        person=Person("U1", "ann"),
        place=Place("C1"),
        form="idea",
        values={"plan": "step 1:\n\n\n   indent", "long": "b" * 50_000},
        state="",
    )
    values = cleaned(event).values
    assert values["plan"] == "step 1:\n\n\n   indent"
    assert len(values["long"]) == MAX_TEXT
