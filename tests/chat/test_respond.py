"""The app's chat, offline, on a real store: each reply is a real draft, refinement, answer, plan or check."""

from __future__ import annotations

import re
from typing import Any

import pytest

from planner.chat import ChatSession, respond
from planner.compose import OfflineWriter
from planner.guidance import StoreGuidance
from planner.profile import Profile

CLI = re.compile(r"(?<![\w-])--[a-z]|\bcvj [a-z]")  # a flag or a command: the app's chat never says one


@pytest.fixture()
def session(store: Any, paws: Profile) -> ChatSession:
    return ChatSession(paws, StoreGuidance(store), OfflineWriter())


def test_draft_then_refine_then_another_version(session: ChatSession) -> None:
    first = respond(session, "write a review request for customers who bought last month")
    assert first.record is not None and first.record.asset_type == "review_request_email"
    assert "✔ **Fits advocate**" in first.markdown and "Sources:" in first.markdown
    shorter = respond(session, "shorter")
    assert shorter.intent.action == "refine" and shorter.record is not None
    assert len(shorter.record.text) < len(first.record.text)
    assert shorter.record.id.startswith(first.record.id + ".r")
    again = respond(session, "write a review request")
    assert again.record is not None and again.record.variant == 2  # asking again gives the next framework


def test_a_count_gives_that_many_options(session: ChatSession) -> None:
    reply = respond(session, "3 subject lines for a welcome email")
    assert reply.markdown.startswith("**3 options** for the subject of a welcome email")
    subjects = re.findall(r"^\d\. (.+?) — \*", reply.markdown, re.M)
    assert len(subjects) == 3 and len(set(subjects)) == 3


def test_tone_and_channel_follow_ups(session: ChatSession) -> None:
    first = respond(session, "write a blog post about nervous dogs")
    assert first.record is not None
    formal = respond(session, "more formal please")
    assert formal.record is not None and "Refined (more formal)" in formal.markdown
    assert "'re " not in formal.record.text and "!" not in formal.record.text
    moved = respond(session, "now for Instagram")
    assert moved.record is not None and moved.record.asset_type == "social_post"
    ad = respond(session, "write a facebook ad")
    assert ad.record is not None
    same = respond(session, "now for instagram")
    assert same.record is None and "Meta Ads Manager" in same.markdown and len(same.choices) == 2


def test_an_edit_it_cannot_make_says_so_without_a_command_line(session: ChatSession) -> None:
    respond(session, "write a welcome email")
    reply = respond(session, "translate it into Klingon")
    assert not CLI.search(reply.markdown)


def test_explain_a_stage_a_term_and_compare_two(session: ChatSession) -> None:
    stage = respond(session, "what should I send at Excite?")
    assert stage.intent.action == "explain" and "excite.md" in stage.markdown
    assert "Welcome email" in stage.markdown
    term = respond(session, "what's a tripwire?")
    assert "Entry-point offer" in term.markdown and "Convert" in term.markdown
    both = respond(session, "what's the difference between Excite and Ascend?")
    assert "| **Goal** |" in both.markdown and "Excite" in both.markdown and "Ascend" in both.markdown


def test_where_to_start_offers_the_audit(session: ChatSession) -> None:
    reply = respond(session, "which stage should I focus on first?")
    assert "Audit" in reply.markdown and "earliest stage that is empty or weak" in reply.markdown


def test_a_week_plan_walks_the_journey_and_each_item_drafts_in_one_click(session: ChatSession) -> None:
    plan = respond(session, "what should I post this week?")
    assert plan.intent.action == "plan" and len(plan.choices) == 5
    stages = re.findall(
        r"\| (aware|engage|subscribe|convert|excite|ascend|advocate|promote) \|", plan.markdown
    )
    assert len(set(stages)) >= 4
    assert "Consultation" not in plan.markdown + str(plan.choices)  # Paws & Suds offers no consultation
    _, message = plan.choices[0]
    drafted = respond(session, message)
    assert drafted.record is not None and drafted.record.asset_type == "blog_post"
    title = drafted.record.fields["title"]
    assert title.rstrip(".") in plan.markdown  # the plan described exactly this draft


def test_a_promotion_is_added_then_drafted_from_its_own_terms(session: ChatSession) -> None:
    unknown = respond(session, "holiday sale email to our list")
    assert unknown.intent.action == "promotion" and "won't make up its terms" in unknown.markdown
    added = respond(
        session, "add promotion: Holiday sale | 20% off every gift card | 2026-12-01 | 2026-12-24"
    )
    assert added.profile is not None and added.profile.promotions[0].name == "Holiday sale"
    assert session.profile is added.profile
    drafted = respond(session, added.choices[0][1])
    assert drafted.record is not None and not drafted.record.failures
    assert "20% off every gift card" in drafted.record.text and "1–24 December" in drafted.record.text
    bad = respond(session, "add promotion: Flash | 10% off | 2026-12-05 | 2026-12-01")
    assert bad.profile is None and "ends" in bad.markdown


def test_check_reads_the_pasted_copy_and_offers_a_fixed_version(session: ChatSession) -> None:
    reply = respond(
        session, "check this for subscribe: Get The Calm Grooming Checklist - just pay $4.99 shipping."
    )
    assert reply.intent.action == "check"
    assert "✘ **Fails subscribe**" in reply.markdown and "payment-ask" in reply.markdown


@pytest.mark.parametrize("message", ["hello", "thanks!", "what's the capital of France?"])
def test_small_talk_and_off_topic_get_a_short_polite_reply(session: ChatSession, message: str) -> None:
    reply = respond(session, message)
    assert len(reply.markdown) < 500 and reply.choices and not CLI.search(reply.markdown)
