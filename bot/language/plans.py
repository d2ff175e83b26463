"""Reading a plan written in one line: "Clean the rollers daily, owner @bob, expect jams
< 1 a week, measure jams per week, check in 2 weeks".

A plan is an experiment: a countermeasure, who carries it, what we expect to see if it
works, how we will see it, and when we look. People write it in any order, as a sentence or
a list; each part is found by its lead word, and what is left is the countermeasure. Text
is already cut to the answer limit; every step is one pass over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

_PARTS = re.compile(
    r"(?:^|[,;]\s*|\.\s+)(?P<lead>owner is|owned by|owner|who|we expect|expect(?:ed|ing)?|"
    r"prediction|predict|measured by|measure(?:d)?(?: by| with)?|"
    r"check(?: on| in| at| by| again)?|containment|temporary fix|temporary|quick fix|"
    r"permanent fix|permanent|for good)\b[:\s]*",
    re.IGNORECASE,
)
_IN = re.compile(
    r"(?:in\s+)?(?P<count>\d{1,3}|a|an|one|two|three|four|six)\s+(?P<unit>day|week|month)s?\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6}
_NUMBER = re.compile(r"\d")
_ME = ("me", "myself", "i", "mine", "ich", "tôi", "em")


@dataclass(frozen=True)
class PlanReading:
    """The parts of a plan found in a line; None where the line did not say."""

    countermeasure: str | None = None
    owner_named: bool = False
    """The line names an owner ("owner @bob", "owner me"); who it is comes from its mentions."""
    owner_is_me: bool = False
    prediction: str | None = None
    measure: str | None = None
    check_at: datetime | None = None
    fix_kind: str | None = None
    """ "containment" (stops the bleeding now) or "permanent" (removes the cause)."""
    unread: tuple[str, ...] = field(default_factory=tuple)
    """Parts with a lead word whose value could not be read (a check date)."""


def read_plan(text: str, now: datetime) -> PlanReading:
    """The plan in `text`; `now` anchors "check in 2 weeks" and "check friday"."""
    text = " ".join(text.split())
    parts = _split(text)
    found: dict[str, str] = {}
    kind: str | None = None
    unread: list[str] = []
    rest = parts.pop("", "")
    for lead, value in parts.items():
        low = lead.lower()
        if low.startswith(("containment", "temporar", "quick fix", "permanent", "for good")):
            kind = "permanent" if low.startswith(("permanent", "for good")) else "containment"
            rest = f"{rest} {value}".strip()
        else:
            found[_field(low)] = value.strip(" ,;.")
    if kind is None:
        kind = _kind_in(rest)
    check_at = None
    if "check" in found:
        check_at = check_date(found["check"], now)
        if check_at is None:
            unread.append(f"check {found['check']}")
    prediction = found.get("prediction") or None
    measure = found.get("measure") or (
        prediction if prediction and _NUMBER.search(prediction) else None
    )
    owner = found.get("owner")
    return PlanReading(
        countermeasure=rest.strip(" ,;.-") or None,
        owner_named=owner is not None,
        owner_is_me=owner is not None
        and owner.lower().strip(" .") in ("me", "myself", "i", "mine"),
        prediction=prediction,
        measure=measure,
        check_at=check_at,
        fix_kind=kind,
        unread=tuple(unread),
    )


def check_date(said: str, now: datetime) -> datetime | None:
    """ "in 2 weeks", "2027-01-10", "friday", "tomorrow", "next week": a time to check."""
    low = said.lower().strip(" .")
    start = now.replace(hour=9, minute=0, second=0, microsecond=0)
    if low.startswith("tomorrow"):
        return start + timedelta(days=1)
    if low.startswith("next week"):
        return start + timedelta(days=7)
    match = _IN.match(low)
    if match:
        count = _WORDS.get(match["count"]) or int(match["count"])
        days = {"day": 1, "week": 7, "month": 30}[match["unit"].lower()] * count
        return start + timedelta(days=days) if 0 < days <= 366 else None
    iso = _ISO.search(low)
    if iso:
        try:
            day = date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        except ValueError:
            return None
        at = start.replace(year=day.year, month=day.month, day=day.day)
        return at if now < at <= now + timedelta(days=366) else None
    for offset, name in enumerate(_WEEKDAYS):
        if low.startswith((name, name[:3])):
            ahead = (offset - now.weekday()) % 7 or 7
            return start + timedelta(days=ahead)
    return None


def _split(text: str) -> dict[str, str]:
    """{lead word: its value}, and "" for the words before any lead (the countermeasure)."""
    parts: dict[str, str] = {}
    last_lead, last_end = "", 0
    for match in _PARTS.finditer(text):
        parts[last_lead] = (parts.get(last_lead, "") + " " + text[last_end : match.start()]).strip()
        last_lead, last_end = match["lead"], match.end()
    parts[last_lead] = (parts.get(last_lead, "") + " " + text[last_end:]).strip()
    return parts


def _kind_in(text: str) -> str | None:
    low = f" {text.lower()} "
    if any(f" {w} " in low for w in ("for now", "temporary", "temporarily", "containment")):
        return "containment"
    if any(f" {w} " in low for w in ("permanent", "permanently", "for good")):
        return "permanent"
    return None


def _field(lead: str) -> str:
    if lead.startswith(("owner", "owned", "who")):
        return "owner"
    if lead.startswith(("expect", "predict", "we expect")):
        return "prediction"
    if lead.startswith("measure"):
        return "measure"
    return "check"
