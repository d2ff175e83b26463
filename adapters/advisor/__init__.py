"""An advisor model for the 5-Whys coach, behind the engine's `Advisor` port.

The `openai` package is an optional extra (`kaizen-bot[advisor]`): it is imported only when
app.yaml configures an advisor, and its absence then stops start-up with one clear line.
"""

from __future__ import annotations

from typing import Protocol

from bot.errors import ConfigError
from bot.language.advice import Advice, AdviceRequest
from bot.settings import Advisor as AdvisorSettings

EXTRA = "pip install 'kaizen-bot[advisor]'"


class ModelAdvisor(Protocol):
    """An `Advisor` that holds a connection pool, closed when the app closes."""

    async def advise(self, request: AdviceRequest) -> Advice | None: ...

    async def close(self) -> None: ...


def model_advisor(settings: AdvisorSettings, api_key: str | None = None) -> ModelAdvisor:
    """The advisor app.yaml describes; `api_key` comes from the environment, if at all."""
    try:
        from adapters.advisor.openai_chat import OpenAIChatAdvisor
    except ModuleNotFoundError as missing:
        if (missing.name or "").partition(".")[0] != "openai":
            raise
        raise ConfigError(
            "five_whys.advisor needs the openai package, which is not installed. "
            f"Fix: {EXTRA}, or remove five_whys.advisor from app.yaml."
        ) from None
    return OpenAIChatAdvisor(settings, api_key)
