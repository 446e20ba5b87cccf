"""Refine offline: shorter, longer, another variant, a profile tone — same asset type, re-checked, and what
a marketer cannot lose (links, the call to action, the offer's name and price) always kept."""

from __future__ import annotations

import re

import pytest

from planner.campaign import write_draft
from planner.compose import OfflineWriter
from planner.drafts import DraftRecord, Job
from planner.errors import CannotRefine
from planner.profile import Profile
from planner.refine import offline_refinement, refine
from planner.rules import Checker
from planner.stages import Stage
from tests.conftest import EXAMPLES

TAG = re.compile(r"\{\{\s*\w+\s*\}\}")


@pytest.fixture()
def entry(paws: Profile) -> DraftRecord:
    return write_draft(paws, Job(Stage.convert, "entry_offer", 1), [], OfflineWriter(), Checker(paws))


def test_shorter_is_shorter_and_still_passes(paws: Profile, entry: DraftRecord) -> None:
    shorter = refine(paws, entry, "make it shorter", OfflineWriter())
    assert shorter.asset_type == "entry_offer" and shorter.passed, shorter.failures
    assert len(shorter.text) < len(entry.text) * 0.9
    assert "$29" in shorter.text and "First Bath & Tidy" in shorter.text  # the offer and its price survive


def test_longer_adds_the_business_s_own_facts(paws: Profile) -> None:
    ad = write_draft(paws, Job(Stage.aware, "social_ad", 3), [], OfflineWriter(), Checker(paws))
    longer = refine(paws, ad, "longer please", OfflineWriter())
    assert len(longer.text) > len(ad.text) and longer.passed
    added = set(longer.text.split("\n")) - set(ad.text.split("\n"))
    facts = [*paws.proof, *paws.differentiators]
    assert any(f.lower()[:20] in longer.text.lower() for f in facts), added


def test_another_variant_is_one_not_shown_yet(paws: Profile, entry: DraftRecord) -> None:
    other = refine(paws, entry, "give me another version", OfflineWriter(), seen={1, 2})
    assert other.variant == 3 and other.fields["headline"] != entry.fields["headline"] and other.passed


def test_tone_from_the_profile(paws: Profile) -> None:
    email = write_draft(paws, Job(Stage.excite, "welcome_email", 1), [], OfflineWriter(), Checker(paws))
    toned = refine(paws, email, "more reassuring", OfflineWriter())
    assert toned.meta["refinement"] == "tone" and toned.passed


def test_refined_id_is_stable_and_linked(paws: Profile, entry: DraftRecord) -> None:
    a = refine(paws, entry, "shorter", OfflineWriter())
    b = refine(paws, entry, "shorter", OfflineWriter())
    assert a.id == b.id and a.id.startswith(entry.id + ".r") and a.meta["refined_from"] == entry.id
    assert a.text == b.text


def test_unknown_instruction_offline_says_what_works(paws: Profile) -> None:
    with pytest.raises(CannotRefine, match=r"shorter.*longer.*another variant.*warm") as info:
        offline_refinement("rewrite it for LinkedIn", paws)
    assert "--model" not in str(info.value)  # the app shows this too: no command-line flags


def test_an_edit_that_changes_nothing_says_so(paws: Profile) -> None:
    draft = write_draft(paws, Job(Stage.aware, "search_ad", 1), [], OfflineWriter(), Checker(paws))
    with pytest.raises(CannotRefine, match="would not change"):
        for _ in range(6):  # "shorter" again and again: once nothing is left to cut, it says so
            draft = refine(paws, draft, "shorter", OfflineWriter())


@pytest.mark.parametrize("instruction", ["shorter", "longer", "another variant"])
def test_every_draft_of_a_campaign_keeps_its_links_and_call_to_action(instruction: str) -> None:
    """All 48 drafts (16 types × the three examples): no link tag, call to action, offer name or price is
    lost."""
    from planner.profile import load_profile

    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        checker = Checker(profile)
        for model in __import__("planner.assets", fromlist=["ASSET_MODELS"]).ASSET_MODELS.values():
            draft = write_draft(profile, Job(model.stage, model.asset_type, 1), [], OfflineWriter(), checker)
            try:
                new = refine(profile, draft, instruction, OfflineWriter())
            except CannotRefine:
                continue  # said plainly; the draft stays as it was
            assert new.passed, (path.stem, model.asset_type, new.failures)
            assert set(TAG.findall(draft.text)) <= set(TAG.findall(new.text)), (model.asset_type, instruction)
            if instruction != "another variant":
                for key in ("cta", "offer_name", "price"):
                    if key in draft.fields:
                        assert new.fields[key] == draft.fields[key], (model.asset_type, key)
