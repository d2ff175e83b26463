"""The shapes of the Slack payloads the bot and Bolt read, checked before either sees them.

A signed request with a user that is `false` or an event that is a list is answered 400,
so no listener trips over it after the request was acknowledged.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, StringConstraints, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from adapters import shapes
from adapters.shapes import Flag, Id, Needed, NotNull, Number, Shape, Text, WorkspaceId

Ts = Annotated[str, StringConstraints(max_length=64)]
"""A message's timestamp, its id in Slack ("1712345678.123456"); kept by the database."""
Name = Annotated[str, NotNull]
"""A name Bolt matches listeners by: text, never null."""


class _Sent(Shape):
    """A kind of request, with what Slack always sends with it."""

    KIND: ClassVar[str]
    NEEDS: ClassVar[tuple[str, ...]] = ()
    """Fields Slack never leaves out or empty: without one, the request is not Slack's."""

    @model_validator(mode="before")
    @classmethod
    def _sent(cls, body: Any) -> Any:
        missing = [key for key in cls.NEEDS if isinstance(body, dict) and not body.get(key)]
        if missing:
            raise PydanticCustomError(
                "needed",
                "{kind} without {missing}",
                {"kind": cls.KIND, "missing": ", ".join(missing)},
            )
        return body


class Command(_Sent):
    """A slash command's form: every field is text, and the ids fit the database."""

    KIND = "command"
    NEEDS = ("team_id", "user_id", "channel_id", "command")
    __pydantic_extra__: dict[str, str] = Field(init=False)
    team_id: WorkspaceId
    user_id: Id
    channel_id: Id
    enterprise_id: Id = ""


class Message(Shape):
    text: Text = None
    ts: Ts | None = None
    thread_ts: Ts | None = None
    user: Text = None


class Option(Shape):
    value: Text = None


class Input(Shape):
    type: Text = None
    value: Text = None
    selected_option: Option | None = None
    selected_conversation: Text = None


class State(Shape):
    values: dict[str, dict[str, Input]] | None = None
    """Block id -> action id -> what was put in."""


class View(Shape):
    id: Text = None
    type: Needed
    callback_id: Name = ""
    private_metadata: Text = None
    team_id: Text = None
    app_installed_team_id: Text = None
    enterprise_id: Text = None
    state: State | None = None


class Item(Shape):
    type: Text = None
    channel: Id | None = None
    ts: Ts | None = None


class Event(Shape):
    type: Needed
    subtype: Text = None
    text: Text = None
    bot_id: Text = None
    channel_type: Text = None
    tab: Text = None
    client_msg_id: Text = None
    ts: Ts | None = None
    thread_ts: Ts | None = None
    event_ts: Ts | None = None
    reaction: Annotated[str, StringConstraints(max_length=100)] | None = None
    user: Id | None = None
    channel: Id | None = None
    item_user: Id | None = None
    item: Item | None = None
    message: Message | None = None
    previous_message: Message | None = None
    team: Text = None
    user_team: Text = None
    source_team: Text = None


class Authorization(Shape):
    enterprise_id: Text = None
    team_id: Text = None
    user_id: Text = None
    is_bot: Flag = None
    is_enterprise_install: Flag = None


class Enterprise(Shape):
    id: Text = None


class ResponseUrl(Shape):
    response_url: Text = None


class AssistantThread(Shape):
    channel_id: Text = None


class Payload(_Sent):
    """What Bolt itself reads from every typed payload to build its context."""

    token: Text = None
    api_app_id: Text = None
    enterprise_id: Text = None
    enterprise: Enterprise | None = None
    is_enterprise_install: Flag = None
    is_ext_shared_channel: Flag = None
    authorizations: list[Authorization] | None = None
    response_url: Text = None
    response_urls: Annotated[list[ResponseUrl], NotNull] = Field(default_factory=list)
    previous_message: Message | None = None
    assistant_thread: AssistantThread | None = None
    function_data: dict[str, Any] | None = None
    bot_access_token: Text = None


class EventCallback(Payload):
    """The Events API envelope around a message, reaction or app_home_opened event."""

    KIND = "event_callback"
    NEEDS = ("team_id", "event")
    team_id: WorkspaceId
    event_id: Annotated[str, StringConstraints(max_length=200)] | None = None
    event_time: Number = None
    event: Event


class UrlVerification(Payload):
    KIND = "url_verification"
    challenge: Needed


class AppRateLimited(Payload):
    KIND = "app_rate_limited"
    team_id: Text = None
    minute_rate_limited: Number = None


class User(Shape):
    id: Annotated[Id, StringConstraints(min_length=1)]
    name: Text = None
    username: Text = None
    team_id: WorkspaceId | None = None


class Team(Shape):
    id: WorkspaceId | None = None
    domain: Text = None


class Channel(Shape):
    id: Id | None = None
    name: Text = None


class Container(Shape):
    channel_id: Id | None = None
    message_ts: Ts | None = None
    thread_ts: Ts | None = None


class Action(Shape):
    action_id: Needed
    block_id: Text = None
    type: Text = None
    value: Text = None
    selected_option: Option | None = None


class Interaction(Payload):
    """A person's doing on a surface of ours: a button, a modal, a shortcut."""

    user: User
    team: Team | None = None
    channel: Channel | None = None
    container: Container | None = None
    message: Message | None = None
    trigger_id: Text = None
    callback_id: Name = ""
    view: View | None = None
    actions: list[Action] | None = None


class BlockActions(Interaction):
    KIND = "block_actions"
    NEEDS = ("team", "user", "actions")
    actions: list[Action]


class ViewSubmission(Interaction):
    KIND = "view_submission"
    NEEDS = ("team", "user", "view")
    view: View


class ViewClosed(Interaction):
    KIND = "view_closed"


class Shortcut(Interaction):
    KIND = "shortcut"


class MessageAction(Interaction):
    KIND = "message_action"
    NEEDS = ("team", "user", "callback_id")
    callback_id: str


SHAPES: dict[str, type[Payload]] = {
    shape.KIND: shape
    for shape in (
        EventCallback,
        UrlVerification,
        AppRateLimited,
        BlockActions,
        ViewSubmission,
        ViewClosed,
        MessageAction,
        Shortcut,
    )
}


def problem(body: dict[str, Any]) -> str | None:
    """What is wrong with a request's shape (a command's form, an event, an interaction);
    None when it looks like Slack's."""
    if "command" in body:
        return _command_problem(body)
    kind = body.get("type")
    if not isinstance(kind, str):
        return "type is not a string"
    shape = SHAPES.get(kind)
    if shape is None:
        return f"unknown payload type {kind[:40]!r}"
    return shapes.problem(shape, body)


def _command_problem(body: dict[str, Any]) -> str | None:
    """A form's fields are all text: a JSON body posing as a command is told which are not."""
    try:
        Command.model_validate(body)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        wrong = [str(e["loc"][0]) for e in errors if e["type"] == "string_type" and e["loc"]]
        if wrong:
            return f"command fields that are not text: {', '.join(wrong)}"
        return shapes.said(errors[0])
    return None
