"""What a chat message asks for: cue words and the nearest request examples on the shipped embeddings.

The blind request sets (tests/data/blind-chat/, scored by `make bench-chat`) measure the whole model; these
pin the behaviours each part is responsible for, on wording of our own."""

from __future__ import annotations

import pytest

from planner.chat import understand
from planner.stages import Stage


@pytest.mark.parametrize(
    ("message", "asset"),
    [
        ("write a review request for customers who bought last month", "review_request_email"),
        ("Can you draft a welcome email?", "welcome_email"),
        ("I need a facebook ad for dog owners", "social_ad"),
        ("make me a tripwire page", "entry_offer"),
        ("draft a refer-a-friend sms", "referral_share"),
        ("pls write a reveiw request", "review_request_email"),  # typo
        ("google ads headlines for our florist", "search_ad"),
        ("an email to subscribers who never bought, inviting them to a free call", "consultation_invite"),
        ("something for people who just bought from us", "welcome_email"),
        ("a package deal for our existing clients", "bundle_offer"),
    ],
)
def test_draft_requests_find_their_asset(message: str, asset: str) -> None:
    intent = understand(message)
    assert (intent.action, intent.asset) == ("draft", asset), intent.summary()


def test_counts_and_parts_are_read() -> None:
    three = understand("3 subject lines for the welcome email")
    assert (three.action, three.asset, three.count, three.part) == ("draft", "welcome_email", 3, "subject")
    few = understand("a few instagram post ideas for our followers")
    assert (few.asset, few.count) == ("social_post", 3)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("shorter", "shorter"),
        ("cut it down a bit, it's too long", "shorter"),
        ("flesh it out", "longer"),
        ("give me another version", "variant"),
        ("make it friendlier", "tone"),
        ("now for LinkedIn", "channel"),
        ("same thing as a google search ad", "channel"),
    ],
)
def test_refinements_need_a_draft_on_screen(message: str, kind: str) -> None:
    intent = understand(message, last_asset="blog_post")
    assert (intent.action, intent.kind) == ("refine", kind), intent.summary()
    assert understand(message).action != "refine"


def test_a_new_asset_after_a_draft_is_a_new_draft_not_an_edit() -> None:
    intent = understand("great, now the email they get right after booking", last_asset="social_ad")
    assert (intent.action, intent.asset) == ("draft", "welcome_email")


def test_a_platform_after_a_draft_moves_it_to_the_sibling_asset() -> None:
    assert understand("as a Facebook ad please", last_asset="search_ad").asset == "social_ad"
    assert understand("now make it an instagram post", last_asset="blog_post").asset == "social_post"


def test_tones_from_the_profile_are_understood() -> None:
    intent = understand("more reassuring please", last_asset="welcome_email", tones=["reassuring"])
    assert (intent.kind, intent.tone) == ("tone", "reassuring")


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("chek this pls:\nBook now, only 2 spots left this week!", "check"),
        ('is this ok to post? "Our new autumn menu is here, come and taste it this weekend"', "check"),
        ("what's the difference between excite and ascend?", "compare"),
        ("lead magnet vs tripwire", "compare"),
        ("where should I start with all this?", "start"),
        ("what should I post this week?", "plan"),
        ("a content calendar for next month", "plan"),
        ("black friday email to our customers", "promotion"),
        ("thanks!", "smalltalk"),
        ("hello", "smalltalk"),
        ("what's a tripwire?", "explain"),
        ("explain the customer value journey like I'm new", "explain"),
        ("how do I file my tax return?", "offtopic"),
        ("write me a poem about my cat", "offtopic"),
    ],
)
def test_other_actions(message: str, action: str) -> None:
    assert understand(message).action == action, understand(message).summary()


def test_check_takes_the_pasted_text_and_the_stage_from_the_users_words() -> None:
    intent = understand("check this cold ad: BEST prices in town, book today!!")
    assert intent.action == "check" and intent.stage == Stage.aware
    assert intent.text == "BEST prices in town, book today!!"


def test_a_named_promotion_from_the_profile_is_recognised() -> None:
    intent = understand("write the spring open day email", promotions=["Spring Open Day"])
    assert (intent.action, intent.text) == ("promotion", "Spring Open Day")
    assert understand("add promotion: X | y | 2026-01-01 | 2026-01-02").kind == "add"


def test_the_plans_buttons_ask_for_an_exact_version() -> None:
    intent = understand("write a blog post, version 3", last_asset="social_post")
    assert (intent.action, intent.asset, intent.variant) == ("draft", "blog_post", 3)
