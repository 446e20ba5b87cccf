"""Defects found by reading a full campaign as a marketer, for a profile written after the composer work
(tests/data/read-profiles/harbour-piano.yaml): each test fails on the line as it used to read."""

from __future__ import annotations

import pytest

from planner.compose import compose
from planner.compose._text import title_ref
from planner.profile import Profile, load_profile
from tests.conftest import ROOT

PIANO = ROOT / "tests" / "data" / "read-profiles" / "harbour-piano.yaml"


@pytest.fixture(scope="module")
def piano() -> Profile:
    return load_profile(PIANO)


def _text(profile: Profile, asset_type: str) -> str:
    return compose(profile, asset_type, 1).asset.to_text()


def test_a_question_named_lead_magnet_reads_as_a_name() -> None:
    assert title_ref("Is It Safe to Ride? The 5-Minute Bike Check") == "the 5-Minute Bike Check"
    quoted = "the checklist “Is Your Piano Worth Keeping?”"
    assert title_ref("Is Your Piano Worth Keeping? A Checklist") == quoted
    assert title_ref("Month-End Close Benchmark Report") == "the Month-End Close Benchmark Report"


def test_no_draft_says_the_is_your_piano(piano: Profile) -> None:
    for asset_type in ("blog_post", "social_post", "opt_in_page", "lead_magnet"):
        assert "the Is Your Piano" not in _text(piano, asset_type)


def test_an_objection_is_answered_by_the_fact_that_meets_it(piano: Profile) -> None:
    text = _text(piano, "entry_offer")
    assert "“Can you come on a Saturday?” Yes — Saturday and evening appointments." in text
    assert "is a small first step" not in text  # the old non-answer


def test_a_promise_quoted_back_keeps_its_capital(piano: Profile) -> None:
    assert "live up to “Saturday and evening appointments”" in _text(piano, "testimonial_request")
