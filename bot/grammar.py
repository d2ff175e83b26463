"""The command grammar: every command's usage line, summary and mistyped-command hint, said once.

Each command states them where it registers its pattern (`Router.command`), so `kaizen help`,
the answer to a mistyped command and the README's tables read the same words as the router
matches, and cannot drift apart (errbot builds its help from the registered commands likewise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.phrases import Phrase

_ARGUMENT = re.compile(r"#?\d+|@\S+|<@\S+>")
_SHORT = 3
"""An idea is a sentence: a command word and three words or fewer is a command gone wrong."""


@dataclass(frozen=True)
class Syntax:
    """One command as people are told about it; no usage means a hidden alias."""

    name: str
    """The command word: "kaizen", "kudos"."""
    usage: str | None
    summary: str = ""
    hint: str | None = None
    """What to say when text starts with this command's verb but does not parse."""
    group: str = ""
    """Where help and the README list it: "Ideas", "Kudos", "Stand-ups"."""

    @property
    def verb(self) -> str:
        """The word after the command word ("show" of "kaizen show N"): a hint is keyed on it."""
        words = (self.usage or "").split()
        return words[1].lower() if len(words) > 1 else ""

    def line(self) -> str:
        """The help line: the command as typed (never translated), what it does (said in the
        reader's language when the summary is a Phrase)."""
        return Phrase("{usage}: {summary}", usage=self.usage or "", summary=self.summary)

    def markdown(self) -> str:
        """The README table row: `| usage | summary |`, pipes inside cells escaped."""
        usage, summary = ((words or "").replace("|", "\\|") for words in (self.usage, self.summary))
        return f"| `{usage}` | {summary} |"


class Grammar:
    """Every registered command's `Syntax`, in registration order."""

    def __init__(self) -> None:
        self._syntax: list[Syntax] = []
        self._hints: dict[tuple[str, str], str] = {}

    def add(self, syntax: Syntax) -> None:
        """Check a syntax is complete enough to be shown, and keep it."""
        if syntax.usage is None:
            if syntax.summary or syntax.hint or syntax.group:
                raise ValueError(f"a hidden {syntax.name} command has no summary, hint or group")
            return
        if not syntax.summary or not syntax.group:
            raise ValueError(f"`{syntax.usage}` needs a summary and a group")
        if syntax.hint is not None:
            where = (syntax.name, syntax.verb)
            if not syntax.verb or where in self._hints:
                raise ValueError(f"`{syntax.usage}`: one hint per command verb")
            self._hints[where] = syntax.hint
        self._syntax.append(syntax)

    def listed(self, group: str | None = None) -> list[Syntax]:
        """The commands shown to people, of one group or all, in registration order."""
        return [s for s in self._syntax if group is None or s.group == group]

    def groups(self) -> list[str]:
        """The groups in the order their first command registered."""
        return list(dict.fromkeys(s.group for s in self._syntax))

    def markdown(self, group: str) -> list[str]:
        """The README table rows of a group."""
        return [syntax.markdown() for syntax in self.listed(group)]

    def misused(self, name: str, text: str) -> str | None:
        """The hint for text after `name` that starts like a command but did not parse; None
        for text that only happens to start with a command word ("move the printer closer to
        the packing table" is an idea). Posting a mistyped command as a public idea would be
        worse than asking the person to say `kaizen idea: ...`."""
        words = text.split()
        if not words:
            return None
        verb, rest = words[0].lower(), words[1:]
        has_argument = any(_ARGUMENT.fullmatch(word) for word in rest)
        plural = verb.endswith("s") and (name, verb[:-1]) in self._hints
        if plural and (has_argument or not rest) and len(rest) <= _SHORT:
            verb = verb[:-1]
        sentence = len(rest) > _SHORT and not _ARGUMENT.fullmatch(rest[0])
        if sentence:
            return None
        hint = self._hints.get((name, verb))
        if hint is None:
            meant = self._near(name, verb)
            if meant is None or not (has_argument or not rest or self._takes(name, meant, rest)):
                return None
            hint = Phrase("Did you mean `{command}`?", command=" ".join([name, meant, *rest]))
        if not rest:
            return hint
        return Phrase(
            "{hint} If you meant it as an idea, say `{name} idea: {text}`.",
            hint=hint,
            name=name,
            text=text,
        )

    def _takes(self, name: str, verb: str, rest: list[str]) -> bool:
        """The words after the verb are ones its usage names ("mine" for `list`): a typo of a
        command, not an idea that happens to start like one ("shop floor too cold")."""
        usage = next((s.usage for s in self._syntax if s.name == name and s.verb == verb), "")
        named = set(re.findall(r"[a-z-]+", (usage or "").lower()))
        return all(word.lower() in named for word in rest)

    def _near(self, name: str, verb: str) -> str | None:
        """The one command verb a typo away from `verb` ("lsit", "shwo", "stast"), if any."""
        if len(verb) < 3:
            return None
        near = [v for (n, v) in self._hints if n == name and _one_typo(verb, v)]
        return near[0] if len(near) == 1 else None


def _one_typo(typed: str, word: str) -> bool:
    """One letter wrong, missing, extra, or two neighbours swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        wrong = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(wrong) == 1:
            return True
        first = wrong[0] if wrong else 0
        return (
            len(wrong) == 2
            and wrong[1] == first + 1
            and typed[first] == word[first + 1]
            and (typed[first + 1] == word[first])
        )
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
