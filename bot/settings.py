"""The validated shape of app.yaml: every key the bot understands, its default and its limits."""

from __future__ import annotations

import re
from datetime import date, timedelta
from ipaddress import ip_network
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from bot.spoken import SHIPPED, language_of

_DURATION = re.compile(r"(\d+)\s*(d|h|m|s)")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def parse_duration(value: Any) -> timedelta:
    """Read "90m", "1h30m", "2d" (or a number of seconds) as a duration."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    text = str(value).strip().lower().replace(" ", "")
    if not text or _DURATION.sub("", text):
        raise ValueError(f"{value!r} is not a duration; write it like 30m, 4h, 1h30m or 2d")
    return sum(
        (timedelta(**{_UNITS[unit]: int(n)}) for n, unit in _DURATION.findall(text)),
        timedelta(),
    )


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Channels(_Section):
    """Where things are posted. Empty means: in the conversation where the command was used."""

    ideas: str | None = None
    leadership: str | None = None
    """Where strategic ideas are posted for review by the leadership team."""
    languages: dict[str, str] = {}
    """The language of a channel's public posts where it is not `language` (C0123: vi)."""

    @field_validator("languages")
    @classmethod
    def _shipped(cls, languages: dict[str, str]) -> dict[str, str]:
        return {channel: shipped(language) for channel, language in languages.items()}

    @field_validator("ideas", "leadership")
    @classmethod
    def _empty_is_unset(cls, channel: str | None) -> str | None:
        return channel.strip() or None if channel else None


class Advisor(_Section):
    """An optional model the 5-Whys coach asks about what rules cannot judge. It only
    advises: the rules check its reading and go on alone when it is slow or wrong. The
    key, where the server wants one, comes from KAIZEN_ADVISOR_API_KEY, never from here."""

    kind: Literal["openai"]
    """The wire format: OpenAI's chat completions, which Ollama, vLLM, llama.cpp's server
    and hosted services speak."""
    url: str
    """The API's base address, ending before /chat/completions: http://127.0.0.1:11434/v1."""
    model: str
    timeout: Duration = Field(
        default=timedelta(seconds=3), gt=timedelta(0), le=timedelta(seconds=30)
    )
    """How long a person's answer may wait for the model before the rules go on alone."""
    send_names: bool = False
    """Off: people's names are replaced by "a colleague" before anything leaves the process."""

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        url = url.strip().rstrip("/")
        if not re.fullmatch(r"https?://[^\s/?#]+(/\S*)?", url):
            raise ValueError(
                f"{url!r} is not a web address; write it like http://127.0.0.1:11434/v1"
            )
        return url

    @field_validator("model")
    @classmethod
    def _named(cls, model: str) -> str:
        if not model.strip():
            raise ValueError("name the model, like llama3.1:8b")
        return model.strip()


class FiveWhys(_Section):
    depth: int = Field(default=5, ge=3, le=7)
    stop_words: tuple[str, ...] = ("root cause", "done")
    remind_after: Duration = Field(default=timedelta(days=1), ge=timedelta(minutes=1))
    advisor: Advisor | None = None
    """Off unless configured: the rules alone read the answers."""

    @field_validator("stop_words")
    @classmethod
    def _lowercase(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(w.strip().lower() for w in words if w.strip())
        if not cleaned:
            raise ValueError("name at least one stop word, such as 'root cause'")
        return cleaned


class Ideas(_Section):
    min_length: int = Field(default=10, ge=1, le=200)
    max_length: int = Field(default=500, ge=40, le=3000)
    categories: tuple[str, ...] = ("safety", "quality", "delivery", "cost", "people")

    @model_validator(mode="after")
    def _room_between_limits(self) -> Ideas:
        if self.min_length * 2 > self.max_length:
            raise ValueError(
                f"min_length {self.min_length} leaves no room under max_length "
                f"{self.max_length}; make max_length at least twice min_length"
            )
        return self


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _clock_time(value: Any) -> str:
    match = _TIME.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(f"{value!r} is not a time of day; write it like 09:15")
    return f"{int(match[1]):02d}:{match[2]}"


ClockTime = Annotated[str, BeforeValidator(_clock_time)]


def _weekday(value: Any) -> str:
    short = str(value).strip().lower()[:3]
    if short not in _DAYS:
        raise ValueError(f"{value!r} is not a weekday; write mon, tue, wed, thu, fri, sat or sun")
    return short


Weekday = Annotated[str, BeforeValidator(_weekday)]


class Roundup(_Section):
    """The weekly recognition round-up: which day, at what local time."""

    day: Weekday = "fri"
    time: ClockTime = "15:00"

    @property
    def weekday(self) -> int:
        return _DAYS.index(self.day)


class Kudos(_Section):
    """Recognition: values, limits, the reaction that gives kudos, the weekly round-up."""

    channel: str | None = None
    values: tuple[str, ...] = ("teamwork", "customer first", "safety", "kaizen spirit")
    require_value: bool = False
    daily_limit: int = Field(default=5, ge=1, le=100)
    min_reason_length: int = Field(default=10, ge=1, le=200)
    max_reason_length: int = Field(default=500, ge=50, le=3000)
    """A kudos is a public post: what they did, in a sentence or two."""
    reaction: str | None = "clap"
    roundup: Roundup | None = None

    @field_validator("channel")
    @classmethod
    def _empty_is_unset(cls, channel: str | None) -> str | None:
        return channel.strip() or None if channel else None

    @field_validator("reaction")
    @classmethod
    def _emoji_name(cls, reaction: str | None) -> str | None:
        return reaction.strip().strip(":").lower() or None if reaction else None

    @model_validator(mode="after")
    def _consistent(self) -> Kudos:
        if self.require_value and not self.values:
            raise ValueError("require_value is on but no values are listed; list some values")
        if self.roundup is not None and self.channel is None:
            raise ValueError("the round-up needs a channel to be posted in; set kudos.channel")
        return self


class Digest(_Section):
    """The weekly improvement digest: the week's numbers and its done ideas."""

    channel: str
    day: Weekday = "mon"
    time: ClockTime = "09:00"

    @property
    def weekday(self) -> int:
        return _DAYS.index(self.day)


class Pdca(_Section):
    """How ideas are kept moving: the check nudge, the answer every author is owed, the digest."""

    check_after: Duration = Field(default=timedelta(days=7), ge=timedelta(minutes=1))
    """After this long in Do, the owner is asked whether the change held."""
    respond_within: Duration = Field(default=timedelta(days=3), ge=timedelta(minutes=1))
    """Every idea gets an answer from a person (a move, an owner) within this long."""
    currency: str = Field(default="EUR", min_length=1, max_length=8)
    """The unit of hard savings ("EUR", "USD", "VND", "€")."""
    digest: Digest | None = None


def _true_false_or_auto(value: Any) -> Any:
    """`true`, `false` or `auto`; a ${VAR} gives text, so "yes"/"off" are read too."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("auto", ""):
        return "auto"
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ValueError("write true, false or auto")


class Board(_Section):
    """Where people reach the board, and who may open it without KAIZEN_BOARD_TOKEN."""

    url: str | None = None
    """The board's public address (https://kaizen.example.com), as people's browsers reach
    it; links also need KAIZEN_BOARD_TOKEN, which signs them."""
    local_only: Annotated[bool | Literal["auto"], BeforeValidator(_true_false_or_auto)] = "auto"
    """Without a token, serve the board to this machine only. "auto": only when no chat
    platform is served over HTTP on the port (a tunnel forwards that port, and a TCP relay
    on this machine looks local). Never when HOST is not a loopback address."""
    trusted_proxies: tuple[str, ...] = ()
    """The proxies whose forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP) name
    the client: addresses or networks, like 127.0.0.1 or 10.0.0.0/8. Others' are ignored."""

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, proxies: tuple[str, ...]) -> tuple[str, ...]:
        for proxy in proxies:
            try:
                ip_network(proxy.strip())
            except ValueError:
                raise ValueError(
                    f"{proxy!r} is not an IP address or network; write it like 127.0.0.1, "
                    "10.0.0.0/8 or fd00::/8 (a network without host bits: 10.0.0.0/8, "
                    "not 10.0.0.1/8)"
                ) from None
        return tuple(proxy.strip() for proxy in proxies)

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str | None) -> str | None:
        if not url or not url.strip():
            return None
        url = url.strip().rstrip("/")
        if not url.startswith(("https://", "http://")):
            raise ValueError(
                f"{url!r} is not a web address; write it like https://kaizen.example.com"
            )
        return url


class Http(_Section):
    """How long a client may take to send a request to the port, and how many may be
    connected at once: a slow or silent client cannot hold the port for the others."""

    header_timeout: Duration = Field(default=timedelta(seconds=5), ge=timedelta(seconds=1))
    """From a connection opening (or its last answer) to its request's headers in full."""
    body_timeout: Duration = Field(default=timedelta(seconds=10), ge=timedelta(seconds=1))
    """From a request's headers to its body in full; Slack and Teams send theirs at once."""
    max_connections: int = Field(default=1000, ge=8, le=1_000_000)
    """Open connections at once, kept below the open-file limit; when all are taken, the one
    waiting longest without a request is closed to make room."""


class Delivery(_Section):
    """How the outbox takes posts to the platform: who holds a post, how often to retry."""

    lease: Duration = Field(default=timedelta(seconds=15), ge=timedelta(seconds=1))
    """How long a claim on a post lasts before another instance may take it over; renewed
    while the post is being sent, so a dead instance's posts go out again within about
    this long. A single send may take up to 60% of it."""
    first_retry: Duration = Field(default=timedelta(seconds=2), ge=timedelta(0))
    """The wait after the first failure; it doubles with each further one."""
    longest_retry: Duration = Field(default=timedelta(minutes=10), ge=timedelta(seconds=1))
    attempts: int = Field(default=10, ge=1, le=100)
    """Attempts before a post is parked (kept with its error, counted on /healthz)."""
    channel_interval: Duration = Field(default=timedelta(seconds=1), ge=timedelta(0))
    """The least time between two posts in one channel; Slack allows about one a second."""


DEFAULT_QUESTIONS = (
    "What did you get done yesterday?",
    "What will you do today?",
    "Is anything blocking you?",
    "Any improvement idea?",
)


class Holidays(_Section):
    """Days without a stand-up: a country's public holidays (and region), and/or dates."""

    country: str | None = None
    region: str | None = None
    dates: tuple[date, ...] = ()

    @model_validator(mode="after")
    def _known_country(self) -> Holidays:
        if self.country is None:
            if self.region:
                raise ValueError("a region needs its country, e.g. {country: DE, region: BY}")
            return self
        try:
            import holidays  # a large package; loaded only when a stand-up names a country

            holidays.country_holidays(self.country.upper(), subdiv=self.region)
        except NotImplementedError:
            raise ValueError(
                f"no public holidays are known for country {self.country!r}; use an ISO code "
                "such as DE, US or GB"
            ) from None
        except Exception as error:
            raise ValueError(f"region {self.region!r} of {self.country}: {error}") from None
        return self


def _holidays(value: Any) -> Any:
    """`holidays: DE`, `holidays: DE-BY` and `holidays: [DE, 2026-12-24]` are shorthands."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        spec: dict[str, Any] = {"dates": []}
        for item in value:
            text = str(item)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                spec["dates"].append(text)
            else:
                country, _, region = text.partition("-")
                spec.update(country=country, region=region or None)
        return spec
    return value


class Standup(_Section):
    """One channel's daily stand-up."""

    channel: str
    time: ClockTime = "09:15"
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    timezone: str | None = None
    questions: tuple[str, ...] = DEFAULT_QUESTIONS
    remind_after: Duration = Field(default=timedelta(hours=2), ge=timedelta(minutes=1))
    close_after: Duration = Field(default=timedelta(hours=4), ge=timedelta(minutes=2))
    grace: Duration = Field(default=timedelta(minutes=15), ge=timedelta(0))
    holidays: Annotated[Holidays, BeforeValidator(_holidays)] = Holidays()
    name: str | None = None
    platform: Literal["slack", "teams"] | None = None
    """Which chat platform the channel is on; needed only when both are served."""

    @field_validator("days")
    @classmethod
    def _weekdays(cls, days: tuple[str, ...]) -> tuple[str, ...]:
        short = tuple(day.strip().lower()[:3] for day in days)
        wrong = [day for day, s in zip(days, short, strict=True) if s not in _DAYS]
        if wrong or not short:
            raise ValueError(f"{', '.join(wrong) or 'no days'}: list weekdays like [mon, tue, wed]")
        return tuple(sorted(set(short), key=_DAYS.index))

    @field_validator("timezone")
    @classmethod
    def _zone(cls, name: str | None) -> str | None:
        return None if name is None else _known_zone(name)

    @field_validator("questions")
    @classmethod
    def _some_questions(cls, questions: tuple[str, ...]) -> tuple[str, ...]:
        if not questions:
            raise ValueError("ask at least one question")
        return questions

    @model_validator(mode="after")
    def _remind_before_close(self) -> Standup:
        if self.remind_after >= self.close_after:
            raise ValueError("remind_after must come before close_after")
        return self

    @property
    def id(self) -> str:
        """A stable name: the configured one, else channel and time."""
        return self.name or f"{self.channel.lstrip('#')}@{self.time}"


class Settings(_Section):
    """Everything app.yaml can say. Secrets never live here: they come from the environment."""

    timezone: str = "UTC"
    language: str = "en"
    """The language of public posts and of people whose platform names none of ours."""
    channels: Channels = Channels()
    five_whys: FiveWhys = FiveWhys()
    ideas: Ideas = Ideas()
    kudos: Kudos = Kudos()
    pdca: Pdca = Pdca()
    delivery: Delivery = Delivery()
    http: Http = Http()
    board: Board = Board()
    standups: tuple[Standup, ...] = ()
    strategic_goals: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _zone(cls, name: str) -> str:
        return _known_zone(name)

    @field_validator("language")
    @classmethod
    def _language(cls, name: str) -> str:
        return shipped(name)

    @model_validator(mode="after")
    def _distinct_standups(self) -> Settings:
        ids = [standup.id for standup in self.standups]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"two stand-ups are called {twice[0]!r}; give one a `name`")
        return self

    def standup_zone(self, standup: Standup) -> str:
        return standup.timezone or self.timezone


def shipped(name: str) -> str:
    """One of the languages the bot speaks, by its code ("vi", or a locale like "de-AT")."""
    found = language_of(name)
    if found is None:
        raise ValueError(f"{name!r} is not a language Kaizen Bot speaks: {', '.join(SHIPPED)}")
    return found


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not an IANA timezone; use a name like Europe/Berlin or UTC"
        ) from None
    return name
