"""Hypothesis strategies for hostile input: arbitrary JSON, and documented payloads mutated.

Starting from the real payload shapes and breaking them a little (a key gone, a string
where an object was, an object where a string was) reaches the translators' deep corners
far more often than random bytes do.
"""

from __future__ import annotations

import copy
import logging
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

Json = Any

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values: st.SearchStrategy[Json] = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400
) | st.sampled_from(["", " ", "\u0000", "<@U0BOB>", "<!channel>", "#42", "@here", "\u202e", "=1+1"])


def paths(value: Json, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value`."""
    found: list[tuple[Any, ...]] = []
    items: list[tuple[Any, Json]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, inner in items:
        found.append((*prefix, key))
        found += paths(inner, (*prefix, key))
    return found


@st.composite
def mutated(draw: st.DrawFn, original: Json, most: int = 3) -> Json:
    """`original` with up to `most` of its values deleted or replaced by arbitrary JSON."""
    value = copy.deepcopy(original)
    every = paths(value)
    for path in draw(st.lists(st.sampled_from(every), max_size=most)) if every else []:
        parent = value
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(json_values | words)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    return value


def fuzz(examples: int) -> settings:
    """Hypothesis settings for tests that drive a running bot: no deadline on a shared
    machine, and the bot's fixtures are reused across examples on purpose.

    `make test` runs the same examples every time (a red CI is reproducible);
    KAIZEN_FUZZ=random with KAIZEN_FUZZ_SCALE=N explores N times as many new ones.
    """
    explore = os.environ.get("KAIZEN_FUZZ") == "random"
    scale = int(os.environ.get("KAIZEN_FUZZ_SCALE", "1")) if explore else 1
    return settings(
        max_examples=examples * scale,
        derandomize=not explore,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors logged since the last call (a turn that failed, a listener that raised)."""
    found = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    caplog.clear()
    return found
