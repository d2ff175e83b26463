"""The languages the bot speaks, and which of them a platform's locale names. Kept apart
from the catalogs so that settings (which checks `language:`) needs none of them."""

from __future__ import annotations

ENGLISH = "en"
SHIPPED = (ENGLISH, "de", "vi")
"""English, German, Vietnamese: each has complete catalogs in bot/locales."""


def language_of(locale: str | None) -> str | None:
    """The shipped language for a platform's locale ("de-AT", "vi_VN", "en-GB"), if any."""
    if not locale:
        return None
    base = locale.replace("_", "-").split("-")[0].lower()
    return base if base in SHIPPED else None
