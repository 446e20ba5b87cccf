"""Pressure aimed at strangers (issue 18): false scarcity, countdowns and shouting fail at Aware and Engage,
and the same words are left alone where the reader already knows the business."""

from __future__ import annotations

import pytest

from planner.profile import Profile
from planner.rules import check_text
from planner.stages import Stage


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("Only 3 slots left this week for a first groom.", "pressure-scarcity"),
        ("$29 intro groom, limited slots, book today", "pressure-scarcity"),
        ("Calm grooming for nervous dogs — don't miss out!", "pressure-scarcity"),
        ("Offer ends tonight: a calmer groom for anxious dogs.", "pressure-countdown"),
        ("Hurry, the spring groom is almost here.", "pressure-countdown"),
        ("48 hours left to see how we work.", "pressure-countdown"),
        ("THE CALMEST GROOMING IN RIVERSIDE", "shouting"),
        ("Your dog deserves better!!!", "shouting"),
        ("The best groomers in town, for anxious dogs.", "shouting"),
    ],
)
def test_pressure_fails_at_cold_stages(paws: Profile, text: str, check: str) -> None:
    for stage in (Stage.aware, Stage.engage):
        assert check in {f.check for f in check_text(paws, stage, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Calm, one-dog-at-a-time grooming in Riverside. See how we work.",
        "Is your dog nervous at the groomer? Here are five things that help at home.",
        "Rated 4.9 stars by Riverside dog owners. FREE checklist inside.",
        "We're open late on Thursdays, so you can come after work.",
        "Mrs Hale's last visitor was the man who reads the meter. He was in a hurry.",
        "No hurry: the checklist is yours to keep.",
    ],
)
def test_calm_copy_passes(paws: Profile, text: str) -> None:
    found = {f.check for f in check_text(paws, Stage.aware, text)}
    assert not found & {"pressure-scarcity", "pressure-countdown", "shouting"}, found


def test_a_real_deadline_is_fine_for_people_who_know_you(paws: Profile) -> None:
    text = "The members' spa week ends Sunday: book your slot today."
    found = {f.check for f in check_text(paws, Stage.ascend, text)}
    assert not found & {"pressure-scarcity", "pressure-countdown", "shouting"}


PRESSURE = {"pressure-scarcity", "pressure-countdown", "shouting"}


def test_few_false_alarms_on_the_exemplar_bank(paws: Profile) -> None:
    """Aware and Engage exemplars of varied real-world-style copy (274 when the rules were added, 388 now):
    the only flags are capitals, which the rule calls shouting by design — an all-caps gym ad, a reel
    script's SAVE, two all-caps print headlines. A story's "he was in a hurry" is not a countdown."""
    import json

    from tests.conftest import ROOT

    flagged = []
    for path in sorted((ROOT / "evals" / "data" / "exemplars").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if row and row["stage"] in ("aware", "engage"):
                found = {f.check for f in check_text(paws, Stage(row["stage"]), row["text"])} & PRESSURE
                if found:
                    flagged.append((row["id"], found))
    assert len(flagged) <= 4, flagged
    assert all(checks == {"shouting"} for _, checks in flagged), flagged
