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
