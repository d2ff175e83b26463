"""The advisor on any server of OpenAI's chat-completions format (Ollama, vLLM, llama.cpp's
server, hosted ones), through the `openai` package.

One call per answer, no retries: a person is waiting, and the rules answer on their own
when the model is late or wrong. Each failure is logged once, without what people wrote.
"""

from __future__ import annotations

import asyncio
import logging

from openai import APIConnectionError, APIStatusError, APITimeoutError, AsyncOpenAI, OpenAIError
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from adapters.advisor.reading import SCHEMA, SCHEMA_NAME, SYSTEM, NotAReading, parse, prompt
from bot.language.advice import Advice, AdviceRequest
from bot.settings import Advisor as AdvisorSettings

log = logging.getLogger(__name__)

NO_KEY = "none"
"""What is sent as the key when KAIZEN_ADVISOR_API_KEY is unset: Ollama and local servers
want none, and the client will not go without one."""
RESPONSE_FORMAT: ResponseFormatJSONSchema = {
    "type": "json_schema",
    "json_schema": {"name": SCHEMA_NAME, "schema": SCHEMA, "strict": True},
}


class OpenAIChatAdvisor:
    """Asks a chat-completions model for its reading of one answer at a time."""

    def __init__(self, settings: AdvisorSettings, api_key: str | None = None) -> None:
        self.settings = settings
        self._seconds = settings.timeout.total_seconds()
        self._client = AsyncOpenAI(
            base_url=settings.url,
            api_key=api_key or NO_KEY,
            timeout=self._seconds,
            max_retries=0,
        )

    async def advise(self, request: AdviceRequest) -> Advice | None:
        """The model's reading, or None (logged) when it is late, away, failing or off-schema."""
        try:
            async with asyncio.timeout(self._seconds):
                content = await self._ask(request)
        except (TimeoutError, APITimeoutError):
            return self._failed(f"gave no answer within {self._seconds:g}s")
        except APIStatusError as error:
            return self._failed(f"answered HTTP {error.status_code}")
        except APIConnectionError as error:
            return self._failed(f"could not be reached ({error.__cause__ or error})")
        except OpenAIError as error:
            return self._failed(f"failed ({type(error).__name__})")
        log.debug("advisor %s said: %s", self.settings.model, content)
        try:
            return parse(content)
        except NotAReading as error:
            return self._failed(f"replied with {error}")

    async def _ask(self, request: AdviceRequest) -> str | None:
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": prompt(request, self.settings.send_names)},
        ]
        completion = await self._client.chat.completions.create(
            model=self.settings.model,
            messages=messages,
            response_format=RESPONSE_FORMAT,
            temperature=0,
        )
        if not completion.choices:
            return None
        return completion.choices[0].message.content

    def _failed(self, what: str) -> Advice | None:
        """Say once what went wrong (never what people wrote); the rules go on alone."""
        log.warning(
            "advisor %s at %s %s; the rules go on alone",
            self.settings.model,
            self.settings.url,
            what,
        )
        return None

    async def close(self) -> None:
        await self._client.close()
