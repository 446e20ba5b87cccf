"""The verdict every draft and every checked text shows: the stage rules, then how the classifier reads it."""

from __future__ import annotations

from collections.abc import Sequence

from planner.classify import get_classifier
from planner.drafts import Failure
from planner.stages import Stage


def stage_fit(stage: Stage, text: str, failures: Sequence[Failure]) -> tuple[bool, str]:
    """The verdict every draft shows: the stage rules, and which stage the classifier reads it as."""
    prediction = get_classifier().predict_one(text)
    reads = f"reads as **{prediction.stage.value}** ({prediction.scores[stage]:.0%} {stage.value})"
    problems = [f for f in failures if not getattr(f, "warning", False)]
    if problems:
        listed = "; ".join(f"`{f.check}`: {f.message}" for f in problems)
        return False, f"✘ **Fails {stage.value}** — {len(problems)} issue(s): {listed} · {reads}"
    if prediction.stage != stage and prediction.scores[stage] < 0.35:
        return False, f"⚠ **Passes the {stage.value} rules** but {reads}"
    return True, f"✔ **Fits {stage.value}** — passes every stage rule · {reads}"
