"""What an advisor model is told and how its reply is read, whatever client carries them.

The model is asked for one JSON object in `SCHEMA`. Some servers ignore the schema, and
small models wrap JSON in code fences or add keys of their own, so the reply is read
leniently where that is harmless and refused where it is not: a kind we do not know, a
field of the wrong type, or an object holding none of our keys is not a reading.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.language.advice import Advice, AdviceRequest, AnswerKind
from bot.language.names import neutral

SYSTEM = """\
You read one answer in a 5-Whys dialogue as an experienced Lean coach would. A team looks \
for the cause of a problem in its system of work (a process, a standard, a tool, training, \
a design), never in a person. You are shown the problem, the whys answered so far, the why \
that is open, and the answer just given to it. Judge that answer only.

Reply with one JSON object and nothing else:
- "kind": one of cause (a cause in the system the team can change), step (a true fact on \
the way down, worth asking why about), symptom (the problem said again, or what is seen), \
blame (a person or their character blamed), label (a vague word such as "communication" \
or "time" instead of a fact), unsure, hypothesis (a guess to check), question (a question \
to the coach), correction (takes back an earlier answer), fear, emotion, admission (owns a \
slip), repeat (says an earlier answer again), several (more than one cause at once), \
safety (someone was hurt or nearly hurt), junk (not an answer).
- "follows": true when the answer explains the open why, false when it does not.
- "repeat_of": the number of the earlier why whose answer this one repeats, else null.
- "branches": when the answer names several separate causes, each as a short phrase in \
the person's words; else [].
- "question": the next why, built from the answer: one short open question in the \
language of the answer, about the work and never about a person, with no names and no \
judgement; null when no question should follow.
People's names may have been replaced by "a colleague"."""

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": [kind.value for kind in AnswerKind]},
        "follows": {"type": "boolean"},
        "repeat_of": {"type": ["integer", "null"]},
        "branches": {"type": "array", "items": {"type": "string"}},
        "question": {"type": ["string", "null"]},
    },
    "required": ["kind", "follows", "repeat_of", "branches", "question"],
    "additionalProperties": False,
}
SCHEMA_NAME = "answer_reading"
_FENCE = re.compile(r"^```(?:json)?\s*(?P<body>.*?)\s*```$", re.DOTALL | re.IGNORECASE)


class NotAReading(ValueError):
    """The model's reply is not JSON in the schema."""


def prompt(request: AdviceRequest, send_names: bool) -> str:
    """The user's message that asks about `request` (after `SYSTEM`): the case as JSON, its
    names replaced first unless the settings allow them."""
    shown = request if send_names else without_names(request)
    case = {
        "problem": shown.problem,
        "whys": [
            {"number": number, "question": question, "answer": answer}
            for number, (question, answer) in enumerate(shown.chain, start=1)
        ],
        "open_why": {"number": len(shown.chain) + 1, "question": shown.question},
        "answer": shown.answer,
    }
    return json.dumps(case, ensure_ascii=False)


def without_names(request: AdviceRequest) -> AdviceRequest:
    """`request` with every person's name in its texts replaced by "a colleague"."""
    known = request.names

    def clean(text: str) -> str:
        return neutral(text, known)

    return replace(
        request,
        problem=clean(request.problem),
        chain=tuple((clean(question), clean(answer)) for question, answer in request.chain),
        question=clean(request.question),
        answer=clean(request.answer),
    )


class _Reading(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: AnswerKind | None = None
    follows: bool | None = None
    repeat_of: int | None = None
    branches: tuple[str, ...] = ()
    question: str | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _plain(cls, kind: Any) -> Any:
        return kind.strip().lower() if isinstance(kind, str) else kind

    @field_validator("question", mode="before")
    @classmethod
    def _blank_is_none(cls, question: Any) -> Any:
        return None if isinstance(question, str) and not question.strip() else question


def parse(content: str | None) -> Advice:
    """The reading in a model's reply; raises `NotAReading` for anything else."""
    if not content or not content.strip():
        raise NotAReading("an empty reply")
    text = content.strip()
    fenced = _FENCE.match(text)
    try:
        data = json.loads(fenced["body"] if fenced else text)
    except json.JSONDecodeError as error:
        raise NotAReading(f"not JSON ({error.msg} at {error.pos})") from None
    if not isinstance(data, dict) or not data.keys() & _Reading.model_fields.keys():
        raise NotAReading("JSON without any of the reading's keys")
    try:
        reading = _Reading.model_validate(data)
    except ValidationError as error:
        where = ", ".join(".".join(map(str, e["loc"])) for e in error.errors())
        raise NotAReading(f"JSON outside the schema at {where}") from None
    return Advice(
        reading.kind, reading.follows, reading.repeat_of, reading.branches, reading.question
    )
