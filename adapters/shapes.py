"""Checking the shape of a platform's JSON payload before any code reads it.

A signed or authenticated request whose fields have the wrong types (an id that is `false`,
an object that is a list) gets a 400 from the adapter, so no translator or SDK trips over it
after the request was taken. Each platform's payloads are pydantic models of only the fields
the bot (and its SDK) read; platforms add fields freely and those pass untouched. The models
only check: translators go on reading the payload's own dicts, as the SDKs do.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from bot.people import LONGEST_ID

LONGEST_WORKSPACE = 64


class Shape(BaseModel):
    """A payload or a part of one. Strict, because a translator's `str(...)` would turn a
    `false` id into a person called "False"; any field not named here is let through."""

    model_config = ConfigDict(extra="allow", strict=True)


def _not_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("null", "is null")
    return value


def _number(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("number", "is not a number") from None


NotNull = BeforeValidator(_not_null)
"""For a field that may be left out but not be null (some SDK code tests `key in payload`)."""
Text = str | None
Needed = Annotated[str, StringConstraints(min_length=1)]
"""Text that must be there and not be empty."""
Id = Annotated[str, StringConstraints(max_length=LONGEST_ID)]
"""A person's or a conversation's id, as long as the database keeps one."""
WorkspaceId = Annotated[str, StringConstraints(max_length=LONGEST_WORKSPACE)]
"""A workspace's (Slack team's, Teams tenant's) id."""
Number = Annotated[int | float, WrapValidator(_number)] | None
"""An int (of any size, as JSON allows) or a float; never `true`, never "1"."""
Flag = bool | None

_KINDS = {
    "string_type": "str",
    "bool_type": "bool",
    "list_type": "list",
    "dict_type": "object",
    "model_type": "object",
}


def problem(shape: type[Shape], payload: dict[str, Any]) -> str | None:
    """The first field of `payload` that does not fit `shape`, said plainly; None if all fit."""
    try:
        shape.model_validate(payload)
    except ValidationError as error:
        return said(error.errors(include_url=False)[0])
    return None


def said(error: ErrorDetails) -> str:
    """One pydantic error as the 400 says it: "event.user is not a str"."""
    where = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in error["loc"])
    where = where.removeprefix(".")
    kind = error["type"]
    if kind in ("null", "needed", "number"):
        what = error["msg"]  # our own errors, already said plainly
    elif kind in ("missing", "string_too_short") or error["input"] is None:
        what = "is missing"
    elif kind == "string_too_long":
        what = f"is longer than {(error.get('ctx') or {}).get('max_length')} characters"
    elif kind in _KINDS:
        what = f"is not {'an' if _KINDS[kind] == 'object' else 'a'} {_KINDS[kind]}"
    else:
        what = error["msg"].lower()
    return f"{where} {what}" if where else what
