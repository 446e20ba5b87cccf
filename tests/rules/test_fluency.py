"""Fluency checks: framework scaffolding, repeated sentences, a capital after a colon — and what they leave
alone."""

from __future__ import annotations

from typing import Any

import pytest

from planner.rules import check_text

# (text, the check that must flag it) — the defects template-filled copy shows.
FLAGGED = [
    ("Before: Matted fur at home.\nAfter: A calm, clean dog.\n\nBook today.", "framework-labels"),
    ("Tired of mats? The bridge: A calm salon where dogs relax.", "framework-labels"),
    ("Bridge: our quiet room.", "framework-labels"),
    ("Problem: mats. Agitate: they hurt. Solution: a gentle brush-out.", "framework-labels"),
    ("From: matted fur at home\nTo: a dog that enjoys bath day", "framework-labels"),
    ("Where you are: a nervous dog. Where you want to be: a calm one.", "framework-labels"),
    ("Where it leads: a dog that loves bath day.", "framework-labels"),
    ("- Where you'd like to be: keeping an older dog comfortable", "framework-labels"),
    ("Before: rushed grooms.\nNow: a first calm bath.\nNext: a monthly routine.", "framework-labels"),
    ("We wrote this with the problem-agitate-solve formula.", "framework-labels"),
    ("A before-after-bridge email for dog owners.", "framework-labels"),
    ("Classic AIDA structure: attention first.", "framework-labels"),
    ("Our PAS framework copy for groomers.", "framework-labels"),
    ("Your dog deserves a calm groom. Book today. Your dog deserves a calm groom!", "repeated-sentence"),
    ("We read every review, twice.\nWE READ EVERY REVIEW TWICE", "repeated-sentence"),
    ("Dogs hate mats. Plus: Overwhelmed by choice. It adds up.", "colon-capital"),
    ("Here is why. The bridge: A calm salon where dogs relax. Book today.", "colon-capital"),
    ("You know the feeling: Matted fur that is painful to brush out at home.", "colon-capital"),
    ("And the goal is simple: Keeping an older dog comfortable and healthy.", "colon-capital"),
]

# Ordinary prose the checks must leave alone (none of them may fire).
CLEAN = [
    "Now you can book online in two taps.",
    "Next week we open late on Thursday.",
    "See our before and after photos on Instagram.",
    "Step 1: Brush before the bath.\nStep 2: Rinse with warm water.",
    "Next: set up your dog's profile so we know their quirks.",
    "From: Dana <dana@pawsandsuds.example>\nTo: the grooming team",
    "Aida, our head groomer, trained in Lyon.",
    "Before you book, read our quiet-room notes. After the bath, we towel-dry by hand.",
    "Tip: Brush Daily",
    "Meet the team: Sarah and Tom. They have groomed dogs for ten years.",
    "One more thing: I promise it takes two minutes.",
    "Here's the deal: You get a quiet room and a patient groomer.",
    "Subject: Your first groom\n\nHi {{first_name}}, see you Saturday.",
    "VO: Warm water. Quiet room. A dog that finally relaxes.",
    "Q: Do you take nervous dogs?\nA: Yes, most of ours are.",
    "Day 5: Rest day.\nDay 6: Short walk, then a brush-out.",
    "Quick question: No time to bathe a big dog? We can help.",
    "Start here: First Bath & Tidy, a 45-minute intro bath. Book when you like.",
    "Price: $29. Duration: 45 minutes.",
    "Book a slot. Brush daily. Book a slot.",  # repeats, but under five words
    "Our rule: Never rush a nervous dog. It takes the time it takes.",
]


@pytest.mark.parametrize(("text", "check"), FLAGGED, ids=[f"{c}-{i}" for i, (_, c) in enumerate(FLAGGED)])
def test_flags_template_defects(paws: Any, text: str, check: str) -> None:
    assert check in {f.check for f in check_text(paws, "excite", text)}


@pytest.mark.parametrize("text", CLEAN, ids=[f"clean-{i}" for i in range(len(CLEAN))])
def test_leaves_ordinary_prose_alone(paws: Any, text: str) -> None:
    found = {f.check for f in check_text(paws, "excite", text)}
    assert not found & {"framework-labels", "repeated-sentence", "colon-capital"}, found


def _welcome(body: str, **extra: str) -> dict[str, str]:
    return {
        "subject": extra.get("subject", "Welcome to Paws & Suds"),
        "preview_text": extra.get("preview_text", "What happens before your first bath"),
        "body": body,
        "cta": extra.get("cta", "Reply with a question"),
        "sign_off": "The Paws & Suds team",
    }


def test_label_fields_keep_title_case_but_prose_fields_do_not(paws: Any) -> None:
    """A subject or a CTA may read 'Tip: Brush Daily'; a body line 'Right now: Matted fur…' is a slip."""
    fields = _welcome("See you Saturday. Reply any time.", subject="Tip: Brush Daily", cta="Next: Book It")
    text = "\n".join(fields.values())
    assert not check_text(paws, "excite", text, "welcome_email", fields)
    fields = _welcome("Right now: Matted fur that is painful to brush out at home.\nReply any time.")
    text = "\n".join(fields.values())
    found = check_text(paws, "excite", text, "welcome_email", fields)
    assert [f.check for f in found] == ["colon-capital"] and "Right now: Matted fur" in found[0].message


def test_a_summary_field_may_repeat_the_body(paws: Any) -> None:
    """The inbox preview line restates the opening by design; two body sentences alike are a repeat."""
    opening = "Here is everything to know before your first calm bath."
    fields = _welcome(f"{opening}\nReply with any question.", preview_text=opening)
    assert not check_text(paws, "excite", "\n".join(fields.values()), "welcome_email", fields)
    fields = _welcome(f"{opening}\nReply with any question.\n{opening}")
    found = check_text(paws, "excite", "\n".join(fields.values()), "welcome_email", fields)
    assert [f.check for f in found] == ["repeated-sentence"] and "appears 2 times" in found[0].message


def test_framework_labels_are_one_finding_naming_each_label(paws: Any) -> None:
    text = "Before: mats.\nAfter: a calm dog.\nThe bridge: our quiet room.\nBefore: again."
    found = [f for f in check_text(paws, "excite", text) if f.check == "framework-labels"]
    assert len(found) == 1
    assert "Before:, After:, The bridge:" in found[0].message and "e.g. 'Before: mats.'" in found[0].message


def test_names_from_the_profile_keep_their_capitals(paws: Any) -> None:
    text = "Your next step is simple: Sudsy Club members get a reserved slot. Ask us at the desk."
    assert "colon-capital" not in {f.check for f in check_text(paws, "ascend", text)}
