"""Defects found by reading a full campaign as a marketer, for a profile written after the composer work
(tests/data/read-profiles/harbour-piano.yaml): each test fails on the line as it used to read."""

from __future__ import annotations

import pytest

from planner.assets import ASSET_MODELS
from planner.compose import compose
from planner.compose._taking import Taking, duration_label, how_taken
from planner.compose._text import title_ref
from planner.profile import Billing, Offer, OfferRole, Profile, load_profile
from planner.rules import check_text
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


def _invite(profile: Profile) -> dict[str, object]:
    return compose(profile, "consultation_invite", 1).asset.model_dump()


def test_a_visit_is_booked_and_its_length_comes_from_the_first_steps(piano: Profile) -> None:
    # The tuning's description names no visit: "before we arrive" and "about 90 minutes" in the steps do.
    invite = _invite(piano)
    assert invite["duration"] == "90 minutes"
    assert str(invite["cta"]).startswith("Book")
    assert "{{booking_link}}" in str(invite["body"]) and "Order" not in str(invite["body"])


def test_a_parcel_is_ordered_and_never_lasts_one_order() -> None:
    invite = _invite(load_profile(ROOT / "examples" / "profiles" / "fernwood-tea.yaml"))
    assert invite["duration"] == "A one-time purchase"
    assert str(invite["cta"]).startswith("Order")


@pytest.mark.parametrize(
    ("description", "fmt", "steps", "taking"),
    [
        ("A 45-minute intro bath, brush-out and nail trim", None, [], Taking.booked),
        ("Six 10-gram pouches of tea with tasting cards, shipped free", None, [], Taking.ordered),
        ("A 60-minute class with a take-home kit", None, [], Taking.booked),
        ("A one-off evening deep clean for offices", None, [], Taking.booked),
        (
            "A full tuning plus a written condition report",
            None,
            ["clear the top before we arrive"],
            Taking.booked,
        ),
        ("14 days of the full software, no card needed", None, [], Taking.started),
        ("A hand-stitched leather wallet", None, [], Taking.ordered),
        ("Our starter bundle", "online course", [], Taking.started),
    ],
)
def test_how_an_offer_is_taken(description: str, fmt: str | None, steps: list[str], taking: Taking) -> None:
    offer = Offer(
        role=OfferRole.entry_point, name="First step", price=20, description=description, format=fmt
    )
    assert how_taken(offer, steps) is taking


def test_duration_says_what_kind_of_commitment_without_a_stated_length() -> None:
    def offer(description: str, price: float = 20, billing: Billing = Billing.one_time) -> Offer:
        return Offer(
            role=OfferRole.entry_point, name="X", price=price, description=description, billing=billing
        )

    assert duration_label(offer("A review call with an accountant"), []) == "One call"
    assert duration_label(offer("A beginners' pottery class"), []) == "One session"
    assert duration_label(offer("A gutter inspection at your door"), []) == "One visit"
    assert duration_label(offer("A jar of honey, posted"), []) == "A one-time purchase"
    assert duration_label(offer("Monthly access to the software", 9, Billing.monthly), []) == "Billed monthly"
    assert duration_label(offer("A 2-week trial of the software"), ["ships within 2 days"]) == "2 weeks"
    # A delivery time in the first steps is not the offer's length.
    assert (
        duration_label(offer("A jar of honey, posted"), ["it ships within 2 days"]) == "A one-time purchase"
    )


# Two more profiles, written blind by a helper in phrasing unlike the examples (a pottery owner's lower-case
# shorthand; a contractor's jargon) and read whole before any fix. Each test fails on the line as it read.
KILN = ROOT / "tests" / "data" / "read-profiles" / "kiln-and-co.yaml"
NORTHLINE = ROOT / "tests" / "data" / "read-profiles" / "northline-hvac.yaml"


@pytest.fixture(scope="module")
def kiln() -> Profile:
    return load_profile(KILN)


@pytest.fixture(scope="module")
def northline() -> Profile:
    return load_profile(NORTHLINE)


def _campaign(profile: Profile) -> dict[str, str]:
    return {a: _text(profile, a) for a in sorted(ASSET_MODELS)}


def test_a_feeling_without_a_subject_is_said_as_a_feeling(kiln: Profile) -> None:
    texts = _campaign(kiln)
    assert not [a for a, t in texts.items() if "You worried" in t or "you worried" in t]
    assert "You're worried you'll be rubbish" in texts["blog_post"]


def test_adjectives_before_a_noun_make_a_noun_phrase(northline: Profile) -> None:
    texts = _campaign(northline)
    assert not [a for a, t in texts.items() if "you're reactive" in t.lower()]
    assert "You're dealing with reactive, unplanned emergency repair spend" in texts["blog_post"]


def test_profile_text_typed_in_lower_case_reads_as_sentences(kiln: Profile) -> None:
    page = compose(kiln, "entry_offer", 1).asset.model_dump()
    assert "you have a go. Keep your best 2 pieces" in str(page["body"])
    assert str(page["risk_reversal"]).startswith("Most people's first pot goes wonky")


def test_an_offer_named_in_lower_case_takes_the(kiln: Profile) -> None:
    assert "Thank you for booking the taster evening." in _text(kiln, "welcome_email")
    assert title_ref("taster evening") == "the taster evening"
    assert title_ref("First Bath & Tidy") == "First Bath & Tidy"  # a brand name stays bare


def test_a_question_cut_to_fit_is_still_a_question(northline: Profile) -> None:
    title = compose(northline, "blog_post", 1).asset.model_dump()["title"]
    assert title == "Is a maintenance contract an unnecessary fixed cost?"


def test_a_list_is_never_cut_to_its_first_item(northline: Profile) -> None:
    ad = compose(northline, "search_ad", 1).asset.model_dump()
    assert not [d for d in ad["descriptions"] if d.endswith("commercial heating.")]
    share = compose(northline, "referral_share", 1).asset.model_dump()
    assert "looking for a full-service commercial heating" not in str(share["social_post"])


def test_the_blind_profiles_pass_their_checks_but_one_known_case(kiln: Profile, northline: Profile) -> None:
    for profile in (kiln, northline):
        for asset_type, model in ASSET_MODELS.items():
            asset = compose(profile, asset_type, 1).asset
            dump = asset.model_dump(mode="json")
            failures = [f.check for f in check_text(profile, model.stage, asset.to_text(), asset_type, dump)]
            # Kiln's referral reward is "£20 off a month of membership": the rule reads the profit maximizer
            # in the business's own referral terms (README, known limits).
            known = profile is kiln and asset_type == "referral_invite"
            assert failures == (["premium-offer"] if known else []), (profile.business.name, asset_type)
