"""The summary of a 5-Whys dialogue: the chain read back from the root cause to the problem.

Read back with "and therefore", a chain shows whether each answer really explains the one
before it; naming the kind of cause says where a countermeasure will work. Names stay out:
the summary is posted in the thread.
"""

from __future__ import annotations

from bot.content import Card, Span, Text
from bot.ideas.asking import as_said, mid_sentence, spoken
from bot.language import frames
from bot.language.answers import cause_kind, padded
from bot.language.names import neutral
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.model.whys import Why


def summary(
    idea: Idea, answered: list[Why], known: frozenset[str], prefix: list[Span], honest: bool
) -> Card:
    """The summary card: problem, chain, read-back, root cause and its kind, the ask."""
    said = [neutral(w.answer or "", known).rstrip(" .!") for w in answered]
    before = [idea.text, *(w.answer or "" for w in answered[:-1])]
    chain = [
        Text.of(
            Phrase(
                frames.CHAIN_LINK,
                n=w.position,
                question=spoken(neutral(w.question, known), w.position, earlier, known),
                answer=as_said(answer),
            )
        )
        for w, answer, earlier in zip(answered, said, before, strict=True)
    ]
    problem = neutral(idea.text, known).rstrip(" .!")
    back: str | Text = as_said(said[-1][:1].upper() + said[-1][1:])
    for effect in [*reversed(said[:-1]), problem]:
        back = Phrase(frames.THEREFORE, cause=back, effect=as_said(mid_sentence(effect)))
    cause = cause_kind(padded(answered[-1].answer or ""))
    kind = (
        Phrase(frames.ROOT_KIND, cause=Phrase(frames.CAUSE_KIND[cause]))
        if cause
        else Phrase(frames.ROOT_NOT_SYSTEM)
    )
    body = [
        Text.of(Phrase(frames.PROBLEM, problem=as_said(problem))),
        Text.of(Phrase(frames.ROOT, root=as_said(mid_sentence(said[-1])))),
        Text.of(kind),
        *chain,
        Text.of(Phrase(frames.READ_BACK, chain=back)),
    ]
    if honest:
        body.append(Text.of(Phrase(frames.HONEST, count=len(answered))))
    body.append(Text.of(Phrase(frames.ASK_FOR_PLAN, n=idea.number)))
    return Card(
        title=Text.of(*prefix, Phrase(frames.SUMMARY_TITLE, n=idea.number)), body=tuple(body)
    )
