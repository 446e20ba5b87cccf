"""Chat intent recognition: varied phrasings, synonyms and typos map to the right action."""

from __future__ import annotations

import pytest

from planner.chat._intents import recognise
from planner.stages import Stage


def classify(text: str) -> Stage:  # a stand-in for the stage classifier: unit tests of one function
    return Stage.excite


@pytest.mark.parametrize(
    ("message", "stage", "asset"),
    [
        (
            "write a review request for customers who bought last month",
            Stage.advocate,
            "review_request_email",
        ),
        ("Can you draft a welcome email?", Stage.excite, "welcome_email"),
        ("I need a facebook ad for dog owners", Stage.aware, "social_ad"),
        ("make me a tripwire page", Stage.convert, "entry_offer"),
        ("give me something for referrals", Stage.promote, "referral_invite"),
        ("draft a refer-a-friend sms", Stage.promote, "referral_share"),
        ("write an upsell email for members", Stage.ascend, "upgrade_email"),
        ("create a lead magnet", Stage.subscribe, "lead_magnet"),
        ("write a blog article about nervous dogs", Stage.engage, "blog_post"),
        ("pls write a reveiw request", Stage.advocate, "review_request_email"),  # typo
        ("write something for the exite stage", Stage.excite, "welcome_email"),  # typo, stage only
        ("write a testimonial ask", Stage.advocate, "testimonial_request"),
        ("we need a google ads headline set", Stage.aware, "search_ad"),
    ],
)
def test_draft_requests(message: str, stage: Stage, asset: str) -> None:
    intent = recognise(message, has_draft=False, classify=classify)
    assert (intent.kind, intent.stage, intent.asset) == ("draft", stage, asset)


def test_unnamed_stage_falls_back_to_the_classifier() -> None:
    intent = recognise("write something to thank people who just ordered", has_draft=False, classify=classify)
    assert intent.kind == "draft" and intent.stage == Stage.excite


@pytest.mark.parametrize(
    "message", ["shorter", "make it more playful", "another one", "for LinkedIn", "less formal"]
)
def test_refinements_need_a_previous_draft(message: str) -> None:
    assert recognise(message, has_draft=True).kind == "refine"
    assert recognise(message, has_draft=True).text == message
    assert recognise(message, has_draft=False).kind != "refine"


@pytest.mark.parametrize(
    ("message", "stage"),
    [
        ("what should I send at Excite?", Stage.excite),
        ("How does the ascend stage work", Stage.ascend),
        ("why do reviews matter?", Stage.advocate),
        ("explain promote", Stage.promote),
    ],
)
def test_questions_explain_a_stage(message: str, stage: Stage) -> None:
    intent = recognise(message, has_draft=True)
    assert (intent.kind, intent.stage) == ("explain", stage)


def test_check_takes_the_pasted_text_and_an_optional_stage() -> None:
    intent = recognise(
        'check this for subscribe: "Get the free checklist, just pay $4.99 shipping"', has_draft=False
    )
    assert intent.kind == "check" and intent.stage == Stage.subscribe
    assert intent.text == "Get the free checklist, just pay $4.99 shipping"
    plain = recognise("check this:\nLeave us 5 stars and get 10% off", has_draft=True)
    assert plain.kind == "check" and plain.stage is None and plain.text.startswith("Leave us 5 stars")


@pytest.mark.parametrize("message", ["", "hello", "thanks!"])
def test_anything_else_gets_help(message: str) -> None:
    assert recognise(message, has_draft=False).kind == "help"
