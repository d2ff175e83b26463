"""The names of an idea's stages and of a check's results, as people read them: one set of
ids for cards, replies, reports and the board, so a stage reads the same everywhere."""

from __future__ import annotations

from bot.language.phrases import N_, Phrase
from bot.model.ideas import Result, Stage

STAGES = {
    Stage.NEW: N_("New"),
    Stage.CLARIFYING: N_("Clarifying"),
    Stage.PLAN: N_("Plan"),
    Stage.DO: N_("Do"),
    Stage.CHECK: N_("Check"),
    Stage.ACT: N_("Act"),
    Stage.DONE: N_("Done"),
    Stage.DROPPED: N_("Dropped"),
}
"""A stage's name (`Stage.label` in English)."""
RESULTS = {
    Result.HELD: N_("held"),
    Result.PARTLY: N_("partly held"),
    Result.NOT_HELD: N_("did not hold"),
}
"""What a check found against the prediction."""


def stage_name(stage: Stage) -> Phrase:
    """The stage as people read it, in their language."""
    return Phrase(STAGES[stage])


def result_name(result: Result) -> Phrase:
    return Phrase(RESULTS[result])
