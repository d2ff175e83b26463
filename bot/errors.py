"""One error hierarchy. A `UserError` becomes a private answer; anything else is a bug."""


class KaizenError(Exception):
    """Base of every error the bot raises on purpose."""


class UserError(KaizenError):
    """The person asked for something we cannot do; the message tells them why and what to do.

    Raising it rolls back the turn, so nothing is half-applied.
    """


class ConfigError(KaizenError):
    """app.yaml or the environment is wrong; the message names the key and the fix."""


class TurnFailed(KaizenError):
    """Scheduled work whose turn failed on our side (the database away, say): nothing was
    changed, and whoever scheduled it should try again rather than count it done."""


class StorageError(KaizenError):
    """The database did not do what was asked; the transaction changed nothing."""


class Conflict(StorageError):
    """Another transaction got in the way (a deadlock, two inserts of one key): the same
    work, run again, will do."""


class StorageUnavailable(StorageError):
    """The database cannot be reached or written just now (down, full, read-only): the work
    waits and is tried again, rather than being answered with an apology."""


class NotStored(KaizenError):
    """A request could not be stored, so it must not be acked: the platform is answered
    with a 5xx and sends it again."""
