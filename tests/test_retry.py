"""One reading of Retry-After for every adapter, and one policy for a read asked again."""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest

from adapters.retry import asked, retry_after
from bot.outlet import DeliveryError


def test_retry_after_is_read_in_any_case_as_seconds_or_a_date() -> None:
    assert retry_after({"Retry-After": "2"}) == 2.0
    assert retry_after({"retry-after": "0.5"}) == 0.5
    assert 25 < retry_after({"Retry-After": formatdate(time.time() + 30, usegmt=True)}) <= 30
    assert retry_after({"Retry-After": formatdate(time.time() - 30, usegmt=True)}) == 0.0


@pytest.mark.parametrize("headers", [None, {}, {"Retry-After": "soon"}, {"Retry-After": "-3"}])
def test_a_missing_or_unreadable_retry_after_means_a_second(
    headers: dict[str, str] | None,
) -> None:
    assert retry_after(headers) == 1.0
    assert retry_after({"Retry-After": "inf"}) == 1.0


async def test_a_read_is_asked_again_until_it_answers_but_not_past_a_permanent_failure() -> None:
    answers: list[object] = [DeliveryError("ratelimited", retry_after=0.01), "members"]

    async def read() -> str:
        answer = answers.pop(0)
        if isinstance(answer, DeliveryError):
            raise answer
        return str(answer)

    assert await asked(read) == "members"
    tried = 0

    async def gone() -> str:
        nonlocal tried
        tried += 1
        raise DeliveryError("channel_not_found", permanent=True)

    with pytest.raises(DeliveryError):
        await asked(gone)
    assert tried == 1
