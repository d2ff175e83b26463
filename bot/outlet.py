"""The sending side of a chat surface, as the courier sees it: what an adapter implements,
and the one error it raises when the platform does not take a message."""

from __future__ import annotations

from typing import Protocol

from bot.actions import OpenForm
from bot.content import Card, Content
from bot.errors import KaizenError
from bot.model.messages import Posted
from bot.people import Person, Place


class DeliveryError(KaizenError):
    """The platform did not take a message.

    `retry_after` is how long the platform asked us to wait; `permanent` means trying again
    cannot help (the channel is gone, the bot was removed from it); `unsure` means the
    platform may have taken the message all the same (a timeout, a dropped connection, a 5xx).
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        unsure: bool = False,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.unsure = unsure


class LookupFailed(DeliveryError):
    """Looking for an earlier send failed; whether it arrived is still unknown."""


class Outlet(Protocol):
    """The sending side of a chat surface; adapters implement it and raise `DeliveryError`."""

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        """Post in a channel, or in the thread of `thread` when given; the post carries
        `tag` (invisibly) where the platform can keep it, for `find_post`."""
        ...

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        """The post carrying `tag`, when the platform has it; None when it has not, or when
        the platform cannot be asked (then the post is sent again)."""
        ...

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        """A message only `person` sees; it carries `tag` where the platform keeps it."""
        ...

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        """Whether the private message carrying `tag` arrived: None when the platform cannot
        be asked (an ephemeral message, a connector that lists nothing)."""
        ...

    async def update(self, workspace: str, posted: Posted, content: Content) -> None: ...

    async def delete(self, workspace: str, posted: Posted) -> None: ...

    async def show_home(self, workspace: str, person: Person, content: Card) -> None: ...

    knows_every_member: bool
    """Whether `members` lists everyone in a channel, as a platform's directory does; the
    terminal only knows who has spoken."""

    one_stream: bool
    """Whether every conversation shows in one stream (the terminal): then posts go out one
    at a time, in the order they were made. On a chat platform conversations are apart,
    and go out side by side."""

    async def members(self, workspace: str, channel: str) -> list[Person]:
        """The people in a channel (bots left out)."""
        ...

    async def open_form(self, workspace: str, action: OpenForm) -> None: ...
