"""Refine offline: shorter, longer, another variant, a profile tone — same asset type, re-checked."""

from __future__ import annotations

import pytest

from planner.campaign import write_draft
from planner.compose import OfflineWriter
from planner.drafts import Job
from planner.errors import UserError
from planner.refine import offline_refinement, refine
from planner.rules._engine import Checker
from planner.stages import Stage
from tests.conftest import composer_passes


@pytest.fixture()
def entry(paws):  # type: ignore[no-untyped-def]
    return write_draft(paws, Job(Stage.convert, "entry_offer", 1), [], OfflineWriter(), Checker(paws))


def test_shorter_is_shorter_and_still_passes(paws, entry) -> None:  # type: ignore[no-untyped-def]
    shorter = refine(paws, entry, "make it shorter", OfflineWriter())
    assert shorter.asset_type == "entry_offer" and composer_passes(shorter), shorter.failures
    assert len(shorter.text) < len(entry.text) * 0.85
    assert "$29" in shorter.text  # the price survives the cut


def test_longer_is_longer(paws, entry) -> None:  # type: ignore[no-untyped-def]
    longer = refine(paws, entry, "longer please", OfflineWriter())
    assert len(longer.text) > len(entry.text) and composer_passes(longer)


def test_another_variant_differs(paws, entry) -> None:  # type: ignore[no-untyped-def]
    other = refine(paws, entry, "give me another version", OfflineWriter())
    assert other.fields["headline"] != entry.fields["headline"] and composer_passes(other)


def test_tone_from_the_profile(paws) -> None:  # type: ignore[no-untyped-def]
    email = write_draft(paws, Job(Stage.excite, "welcome_email", 1), [], OfflineWriter(), Checker(paws))
    toned = refine(paws, email, "more reassuring", OfflineWriter())
    assert toned.meta["refinement"] == "tone" and composer_passes(toned)


def test_refined_id_is_stable_and_linked(paws, entry) -> None:  # type: ignore[no-untyped-def]
    a = refine(paws, entry, "shorter", OfflineWriter())
    b = refine(paws, entry, "shorter", OfflineWriter())
    assert a.id == b.id and a.id.startswith(entry.id + ".r") and a.meta["refined_from"] == entry.id
    assert a.text == b.text


def test_unknown_instruction_offline_says_what_works(paws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=r"shorter.*longer.*another variant.*warm"):
        offline_refinement("rewrite it for LinkedIn", paws)
