"""The summary of a 5-Whys dialogue: the chain read back from the root cause to the problem.

Read back with "and therefore", a chain shows whether each answer really explains the one
before it; naming the kind of cause says where a countermeasure will work. Names stay out:
the summary is posted in the thread.
"""

from __future__ import annotations

from bot.content import Card, Span, Text
from bot.language import frames
from bot.language.answers import cause_kind, padded
from bot.language.names import neutral
from bot.model.ideas import Idea
from bot.model.whys import Why
from bot.wording import lower_first


def summary(
    idea: Idea, answered: list[Why], known: frozenset[str], prefix: list[Span], honest: bool
) -> Card:
    """The summary card: problem, chain, read-back, root cause and its kind, the ask."""
    said = [neutral(w.answer or "", known).rstrip(" .!") for w in answered]
    chain = [
        Text.of(f"Why #{w.position}: {neutral(w.question, known)} \u2192 {answer}")
        for w, answer in zip(answered, said, strict=True)
    ]
    problem = neutral(idea.text, known).rstrip(" .!")
    back = frames.THEREFORE.join(lower_first(s) for s in [*reversed(said), problem])
    root = lower_first(said[-1])
    cause = cause_kind(padded(answered[-1].answer or ""))
    kind = frames.ROOT_KIND.format(cause=cause) if cause else frames.ROOT_NOT_SYSTEM
    body = [
        Text.of(f"Problem: {problem}"),
        Text.of(frames.ROOT.format(root=root)),
        Text.of(kind),
        *chain,
        Text.of(frames.READ_BACK.format(chain=back[:1].upper() + back[1:])),
    ]
    if honest:
        body.append(Text.of(frames.HONEST.format(count=len(answered))))
    body.append(Text.of(frames.ASK_FOR_PLAN.format(n=idea.number)))
    return Card(
        title=Text.of(*prefix, frames.SUMMARY_TITLE.format(n=idea.number)), body=tuple(body)
    )
