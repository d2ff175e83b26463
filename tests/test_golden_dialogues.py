"""Golden dialogues (issue 17): scripted 5-Whys conversations in tests/golden/*.yaml, run
through the real engine, with the properties each reply of the bot must have.

A file holds an idea, its setting, the members the workspace knows, and steps: who says
what (or presses which button), and what the bot says next. Each expectation is met by
one of the step's messages, in order: its `kind`, the substrings it `contains` and does
`not_contains` (case-insensitive), who a private one goes `to`, its `buttons`. A step may
also say `nothing_public` (every reply private), `nothing` (no reply) or `not_said`
(substrings no message of the step holds). The privacy walk reads every public message
of every dialogue for names, blame and fear. SQLite only: the dialogues test the coach,
not the database.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.events import Members
from bot.language import lexicon as lx
from bot.language.advice import AnswerKind
from bot.people import Person
from tests.conftest import ChatFactory
from tests.conversation import Chat, Said

GOLDEN = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*.yaml"))
SETTINGS = {"factory", "office", "hospital", "software"}
NOT_COVERED: dict[AnswerKind, str] = {}
"""Kinds no golden dialogue needs to show, and why (none so far)."""


@dataclass(frozen=True)
class Golden:
    name: str
    data: dict[str, Any]

    @property
    def steps(self) -> list[dict[str, Any]]:
        return list(self.data.get("steps", []))


def _load(path: Path) -> Golden:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return Golden(path.stem, data)


DIALOGUES = [_load(path) for path in FILES]


def _params() -> list[Any]:
    marks = {
        d.name: [pytest.mark.xfail(reason=str(d.data["xfail_reason"]), strict=True)]
        if "xfail_reason" in d.data
        else []
        for d in DIALOGUES
    }
    return [pytest.param(d, id=d.name, marks=marks[d.name]) for d in DIALOGUES]


def _listed(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _show(said: list[Said]) -> str:
    return "\n".join(
        f"  {s.kind}" + (f" to {s.to.id}" if s.to else "") + f": {s.text!r}" for s in said
    )


def _matches(said: Said, expected: dict[str, Any]) -> bool:
    text = said.text.casefold()
    labels = [b.label for b in said.buttons]
    return (
        said.kind == expected.get("kind", said.kind)
        and all(c.casefold() in text for c in _listed(expected.get("contains")))
        and ("to" not in expected or (said.to is not None and said.to.id == expected["to"]))
        and all(label in labels for label in _listed(expected.get("buttons")))
    )


def check_step(where: str, step: dict[str, Any], said: list[Said]) -> None:
    """The step's messages meet its expectations, each by a later message than the last."""
    shown = f"{where}: the bot said:\n{_show(said) or '  nothing'}"
    at = 0
    for expected in step.get("expect", []):
        found = next((i for i in range(at, len(said)) if _matches(said[i], expected)), None)
        assert found is not None, f"{where}: nothing met {expected}\n{shown}"
        for bad in _listed(expected.get("not_contains")):
            assert bad.casefold() not in said[found].text.casefold(), f"{bad!r} in\n{shown}"
        at = found + 1
    for bad in _listed(step.get("not_said")):
        assert all(bad.casefold() not in s.text.casefold() for s in said), f"{bad!r}\n{shown}"
    if step.get("nothing_public"):
        assert all(s.kind == "private" for s in said), f"{where}: public reply\n{shown}"
    if step.get("nothing"):
        assert not said, f"{where}: expected silence\n{shown}"


async def run(chat: Chat, golden: Golden) -> list[Said]:
    """Play the dialogue; every message the bot said, in order."""
    data = golden.data
    members = [Person(name.split()[0].casefold(), name) for name in _listed(data.get("members"))]
    author = str(data.get("author", "alice"))
    if members:
        everyone = (*members, Person(author, author))
        await chat.runtime.receive(Members(chat.workspace, chat.channel, "roster:C1", everyone))
    chat.as_(author)
    start = len(chat.outlet.said)
    await chat.say(f"kaizen {data['idea']}")
    chat.thread = chat.outlet.last_thread
    check_step(f"{golden.name} opening", data.get("opening", {}), chat.outlet.said[start:])
    for index, step in enumerate(golden.steps, 1):
        start = len(chat.outlet.said)
        chat.as_(str(step.get("as", author)))
        if "press" in step:
            await chat.press(str(step["press"]))
        elif step.get("direct"):
            await chat.direct(str(step["say"]))
        else:
            mentions = tuple(_listed(step.get("mentions")))
            await chat.say(str(step["say"]), mentions=mentions)
        said = chat.outlet.said[start:]
        if os.environ.get("GOLDEN_SHOW"):
            print(f"--- {golden.name} step {index}: {step.get('say', step.get('press'))!r}")
            print(_show(said))
        check_step(f"{golden.name} step {index} ({step.get('say', step.get('press'))!r})",
                   step, said)  # fmt: skip
    return list(chat.outlet.said)


@pytest.mark.parametrize("golden", _params())
async def test_golden_dialogue(chat: Chat, golden: Golden) -> None:
    await run(chat, golden)


def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)")


def _forbidden(golden: Golden) -> list[str]:
    """What no public post of this dialogue may hold: its names, blame, fear."""
    invited = {m for step in golden.steps for m in _listed(step.get("mentions"))}
    people = [
        word
        for name in _listed(golden.data.get("members"))
        if name.split()[0].casefold() not in invited  # "@bob you're invited" names bob
        for word in name.split()
    ]
    return [
        *people,
        *_listed(golden.data.get("names")),
        *_listed(golden.data.get("never_public")),
        *lx.FAILINGS,
        *lx.CHARACTER,
        *lx.FEAR,
    ]


async def test_no_public_post_of_any_golden_dialogue_names_blames_or_frightens(
    new_chat: ChatFactory,
) -> None:
    leaks: list[str] = []
    for number, golden in enumerate(DIALOGUES):
        if "xfail_reason" in golden.data:
            continue
        said = await run(await new_chat(workspace=f"T{number}"), golden)
        patterns = [(p, _whole_words(p)) for p in _forbidden(golden)]
        for public in (s for s in said if s.kind != "private"):
            text = public.text.casefold()
            leaks += [
                f"{golden.name}: {p!r} in {public.text!r}" for p, r in patterns if r.search(text)
            ]
    assert not leaks, "\n".join(leaks)


def test_the_golden_dialogues_cover_every_kind_and_setting() -> None:
    assert len(DIALOGUES) >= 32
    covered = {AnswerKind(kind) for d in DIALOGUES for kind in _listed(d.data.get("covers"))}
    missing = set(AnswerKind) - covered - set(NOT_COVERED)
    assert not missing, f"no golden dialogue shows {sorted(missing)}"
    settings = [str(d.data["setting"]) for d in DIALOGUES]
    assert set(settings) == SETTINGS
    assert all(settings.count(s) >= 3 for s in SETTINGS)
    assert any(step.get("as") for d in DIALOGUES for step in d.steps), "two people answering"
