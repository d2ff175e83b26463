"""Loading app.yaml: `${VAR}` from the environment, then validation with a fix for every error."""

from __future__ import annotations

import difflib
import os
import re
import types
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError

from bot.errors import ConfigError
from bot.settings import Settings

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def config_path(explicit: str | None = None) -> Path | None:
    """The app.yaml to read: --config, else KAIZEN_CONFIG, else ./app.yaml if it exists."""
    chosen = explicit or os.environ.get("KAIZEN_CONFIG")
    if chosen:
        return Path(chosen)
    default = Path("app.yaml")
    return default if default.exists() else None


def load_settings(path: Path | None, env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate app.yaml; with no file, the defaults."""
    if path is None:
        return Settings()
    if not path.is_file():
        what = "is a directory" if path.is_dir() else "does not exist"
        raise ConfigError(f"{path} {what}. Fix: pass --config PATH or set KAIZEN_CONFIG to a file.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text. Fix: save it as UTF-8.") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML{_where(exc)}.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of keys such as 'five_whys:'.")
    expanded = _expand(data, os.environ if env is None else env, path, ())
    try:
        return Settings.model_validate(expanded)
    except ValidationError as exc:
        raise ConfigError("\n".join(_explain(path, exc))) from None


def _where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "syntax error"
    if mark is None:
        return f": {problem}"
    return f" at line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _expand(value: Any, env: Mapping[str, str], path: Path, where: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v, env, path, (*where, str(k))) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env, path, (*where, str(i))) for i, v in enumerate(value)]
    if isinstance(value, str):
        expanded = _VAR.sub(lambda m: _lookup(m, env, path, where), value)
        if "${" in _VAR.sub("", value):
            raise ConfigError(
                f"{path}: {'.'.join(where)} has an unfinished variable in {value!r}. "
                "Fix: write ${NAME} or ${NAME:-default}."
            )
        return expanded
    return value


def _lookup(
    match: re.Match[str], env: Mapping[str, str], path: Path, where: tuple[str, ...]
) -> str:
    name, default = match.group(1), match.group(2)
    if name in env:
        return env[name]
    if default is not None:
        return default
    raise ConfigError(
        f"{path}: {'.'.join(where)} reads ${{{name}}}, which is not set in the environment. "
        f"Fix: export {name}=... or give a default like ${{{name}:-value}}."
    )


def _explain(path: Path, exc: ValidationError) -> list[str]:
    lines = [f"{path}: {exc.error_count()} problem(s):"]
    for error in exc.errors():
        loc = tuple(str(p) for p in error["loc"])
        key = ".".join(loc) or "(top level)"
        if error["type"] == "extra_forbidden":
            lines.append(f"- unknown key '{key}'. Fix: {_suggest(loc)}")
        elif error["type"] == "missing":
            under = f" under {'.'.join(loc[:-1])}" if len(loc) > 1 else ""
            lines.append(f"- {key} is missing. Fix: add it{under}.")
        else:
            given = _shown(error.get("input"))
            reason = _REASONS.get(error["type"]) or _reason(error["msg"])
            lines.append(f"- {key}: {given} is not allowed: {reason}.")
    return lines


def _shown(value: Any) -> str:
    """A value as app.yaml would say it: a duration already read is shown in seconds."""
    if isinstance(value, timedelta):
        return f"{value.total_seconds():g}s"
    return repr(value)


_REASONS = {
    "tuple_type": "write a list, like [first, second]",
    "list_type": "write a list, like [first, second]",
    "model_type": "this is a section: put its keys indented under it",
    "dict_type": "this is a section: put its keys indented under it",
    "model_attributes_type": "this is a section: put its keys indented under it",
    "string_type": "give a text value, or leave the key out for the default",
}
_SECRET_WORDS = ("token", "secret", "password", "passwd", "api_key", "apikey")


def _suggest(loc: tuple[str, ...]) -> str:
    if any(word in loc[-1].lower() for word in _SECRET_WORDS):
        return (
            "remove it. Secrets are never read from app.yaml: set them in the environment "
            "(SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, MICROSOFT_APP_PASSWORD, "
            "KAIZEN_ADVISOR_API_KEY, ...)."
        )
    known = _known_keys(loc[:-1])
    close = difflib.get_close_matches(loc[-1], known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"remove it; the keys allowed here are {', '.join(sorted(known))}."


def _known_keys(parent: tuple[str, ...]) -> list[str]:
    model: type[BaseModel] = Settings
    for part in parent:
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        section = _section(annotation)
        if section is None:
            return []
        model = section
    return list(model.model_fields)


def _section(annotation: Any) -> type[BaseModel] | None:
    """The section a key holds: `Advisor` for `Advisor | None` too."""
    if isinstance(annotation, types.UnionType):
        sections = [s for s in map(_section, get_args(annotation)) if s is not None]
        return sections[0] if len(sections) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _reason(message: str) -> str:
    return message.removeprefix("Value error, ").rstrip(".")
