"""The app's chat, offline, on a real store: every reply is a real draft, refinement, explanation or check."""

from __future__ import annotations

from typing import Any

import pytest

from planner.chat._respond import ChatSession, respond
from planner.compose import OfflineWriter
from planner.guidance import StoreGuidance


@pytest.fixture()
def session(store: Any, paws: Any) -> ChatSession:
    return ChatSession(paws, StoreGuidance(store), OfflineWriter())


def test_draft_then_refine_then_another_variant(session: ChatSession) -> None:
    first = respond(session, "write a review request for customers who bought last month")
    assert first.record is not None and first.record.asset_type == "review_request_email"
    assert "✔ **Fits advocate**" in first.markdown and "Sources:" in first.markdown
    shorter = respond(session, "shorter")
    assert shorter.intent.kind == "refine" and shorter.record is not None
    assert len(shorter.record.text) < len(first.record.text)
    assert shorter.record.id.startswith(first.record.id + ".r")
    again = respond(session, "write a review request")
    assert again.record is not None and again.record.variant == 2  # asking again gives the next framework


def test_explain_answers_from_the_stage_guide_with_its_source(session: ChatSession) -> None:
    reply = respond(session, "what should I send at Excite?")
    assert reply.intent.kind == "explain"
    assert "Excite" in reply.markdown and "excite.md" in reply.markdown
    assert "Welcome email" in reply.markdown


def test_check_flags_a_bad_pasted_draft(session: ChatSession) -> None:
    reply = respond(
        session, "check this for subscribe: Get The Calm Grooming Checklist - just pay $4.99 shipping."
    )
    assert reply.intent.kind == "check"
    assert "✘ **Fails subscribe**" in reply.markdown and "payment-ask" in reply.markdown


def test_help_lists_examples(session: ChatSession) -> None:
    assert "write a review request" in respond(session, "hello").markdown
