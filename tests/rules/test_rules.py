"""Stage rules: each rule passes clean copy and flags bad copy, including paraphrased offer mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.profile import load_profile
from planner.rules._check import check_text
from planner.rules._engine import RULES_FILE, Checker, load_rulebook, stage_values
from planner.stages import Stage

DATA = Path(__file__).parent.parent / "data"

# (stage, text, expected failing checks) for the Paws & Suds profile; [] means the draft must pass.
CASES = [
    ("aware", "Nervous pup? Grab The Calm Grooming Checklist, free: 10 habits for calmer baths.", []),
    ("aware", "Join our monthly membership today and get a full groom every four weeks!", ["premium-offer"]),
    ("aware", "A groom every month for eighty-nine dollars a month. Tap to learn more.", ["premium-offer"]),
    ("aware", "Treat your senior dog to our spa package: warm hydro baths and paw balm.", ["premium-offer"]),
    ("aware", "Meet the groomer in a quiet private room: First Bath & Tidy, just $29.", []),
    ("engage", "5 ways to calm a nervous dog before bath time. No purchase needed, just read on.", []),
    (
        "engage",
        "Loved these tips? Book your appointment now for our First Bath & Tidy.",
        ["paid-offer", "purchase-cta"],
    ),
    ("engage", "Brushing tips for matted coats. Shop now for our detangling kit!", ["purchase-cta"]),
    ("engage", "Our monthly club members never deal with mats.", ["premium-offer", "paid-offer"]),
    ("subscribe", "Enter your email and we'll send the free checklist. No credit card required.", []),
    ("subscribe", "Get the free checklist today. No credit card required.", ["contact-ask"]),
    ("subscribe", "Enter your email and card details to get the checklist.", ["payment-ask"]),
    ("subscribe", "Join the list with your email, and grab the intro bath for 29 bucks.", ["paid-offer"]),
    ("convert", "Try the First Bath & Tidy for $29. Not happy? We'll redo it free.", []),
    ("convert", "Start with a $29 intro bath, then upgrade to our monthly membership.", ["premium-offer"]),
    ("convert", "Book a 10-minute call to talk through your dog's needs: {{booking_link}}", []),
    # Paws & Suds lists no consultation: a free call is an offer the business never made.
    ("convert", "Book a free 10-minute call about your dog's needs: {{booking_link}}", ["unlisted-offer"]),
    ("excite", "Welcome! Here's how to get the most from your first bath: brush for 2 minutes a day.", []),
    ("excite", "Welcome! While it's fresh, would you mind leaving us a review?", ["early-asks"]),
    ("excite", "Thanks for coming in! Refer a friend and you both get $15.", ["early-asks"]),
    (
        "excite",
        "Loved the bath? Upgrade today to the Sudsy Club Membership for $89/month.",
        ["premium-offer"],
    ),
    ("ascend", "Ready for more? Join the Sudsy Club Membership for $89/month.", []),
    ("ascend", "Add the Senior Comfort Spa Package for $240 — three spa visits.", []),
    ("ascend", "Join the Sudsy Club for just $79/month this week only.", ["known-prices"]),
    ("advocate", "How was your visit? Please leave an honest review: {{review_link}}", []),
    ("advocate", "Leave us a review and get 20% off your next groom!", ["review-incentive", "known-prices"]),
    (
        "advocate",
        "Review us on Google this week to be entered into our drawing for a free groom.",
        ["review-incentive"],
    ),
    (
        "advocate",
        "If you loved your groom, leave a 5-star review. If not, reply to us privately first.",
        ["review-gating"],
    ),
    ("advocate", "Good or bad, we want to hear it: {{review_link}}. Questions? Just reply.", []),
    (
        "advocate",
        "Thanks for the kind words! Also, our spa package is $240 — book yours today.",
        ["sales-pitch"],
    ),
    ("promote", "Give $15, Get $15: share your link {{referral_link}} with a friend.", []),
    (
        "promote",
        "Refer a friend, then upgrade to our Senior Comfort Spa Package for just $240.",
        ["premium-offer"],
    ),
    ("promote", "Refer a friend and you'll both get $25 off.", ["known-prices"]),
    ("aware", "Hi [FIRST NAME], click [LINK] to see our miracle detangler.", ["placeholders", "brand-voice"]),
    ("aware", "Hi {{first_name}}, grab the free checklist: {{download_link}}", []),
    ("aware", "Hi {{ customer.name }}, this is a free checklist.", ["placeholders"]),
    ("aware", "Cheaper than a vet visit: the free checklist.", ["brand-voice"]),
]


@pytest.mark.parametrize(
    ("stage", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_cases(paws, stage: str, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = {f.check for f in check_text(paws, stage, text)}
    if expected:
        assert set(expected) <= found, found
    else:
        assert not found, found


def test_messages_say_what_and_how_to_fix(paws) -> None:  # type: ignore[no-untyped-def]
    failures = check_text(paws, "aware", "Join the Sudsy Club Membership for $89/month.")
    assert failures and all(". Fix: " in f.message for f in failures)
    assert "Sudsy Club Membership" in failures[0].message


def test_length_limits_from_fields(paws) -> None:  # type: ignore[no-untyped-def]
    fields = {
        "headlines": ["A headline that is far too long for search", "Ok", "Fine"],
        "descriptions": ["a", "b"],
    }
    failures = check_text(paws, "aware", "free checklist", "search_ad", fields)
    assert any(f.check == "length-limits" and "headlines[0]" in f.message for f in failures)


def test_length_limit_on_plain_text(paws) -> None:  # type: ignore[no-untyped-def]
    failures = check_text(paws, "promote", "Share the word: {{referral_link}} " * 100, "referral_share")
    assert [f.check for f in failures] == ["length-limits"]


def test_rules_are_data() -> None:
    book = load_rulebook()
    ids = {rule.id for rule in book.rules}
    assert {"premium-offer", "contact-ask", "review-gating", "known-prices", "placeholders"} <= ids
    assert {"framework-labels", "colon-capital", "missing-link", "subject-length", "unlisted-offer"} <= ids
    assert all(rule.message and rule.fix for rule in book.rules)
    assert {rule.id for rule in book.rules if rule.warning} == {"missing-link", "subject-length"}


def test_every_fix_reads_without_a_draft() -> None:
    """LLM prompts list each rule's fix as a 'never' line, filled from the stage alone."""
    for stage in Stage:
        for rule in load_rulebook().rules:
            assert "{" not in rule.fix.format(**stage_values(stage)), rule.id


def test_extended_rulebook(tmp_path: Path, paws) -> None:  # type: ignore[no-untyped-def]
    """A marketer adds a cue phrase to rules.yaml and the checker enforces it."""
    source = RULES_FILE.read_text()
    extended = tmp_path / "rules.yaml"
    extended.write_text(source.replace("  purchase_cta:\n", "  purchase_cta:\n    - 'grab a bargain'\n"))
    checker = Checker(paws, load_rulebook(extended))
    from planner.rules._engine import Draft

    assert [f.check for f in checker.check(Draft(Stage.engage, "Grab a bargain while it lasts."))] == [
        "purchase-cta"
    ]


def _labelled(folder: str) -> list[dict]:  # type: ignore[type-arg]
    return [
        json.loads(line) for line in (DATA / folder / "drafts.jsonl").read_text().splitlines() if line.strip()
    ]


# The one known miss: a paid offer paraphrased only as "coached first-timer session", which only the
# purchase-cta rule catches. Any other miss is a regression; fixing this one should update the list.
KNOWN_MISSES = {"unseen": set(), "unseen2": {"cc-en-05"}}


@pytest.mark.parametrize("folder", ["unseen", "unseen2"])
def test_labelled_drafts_for_unseen_businesses(folder: str) -> None:
    """Drafts written by someone else, for businesses the rules were not written for.

    Measured: unseen 101/101, unseen2 79/80. The test names the misses, so none can creep in.
    """
    profile = load_profile(DATA / folder / "profile.yaml")
    checker = Checker(profile)
    wrong = {}
    for row in _labelled(folder):
        found = {
            f.check
            for f in check_text(profile, row["stage"], row["text"], row.get("asset_type"), checker=checker)
        }
        if (not found) != row["expect_pass"] or not set(row["expect_checks"]) <= found:
            wrong[row["id"]] = sorted(found)
    assert set(wrong) == KNOWN_MISSES[folder], wrong


# --- failures and warnings -------------------------------------------------------------------------------


def test_a_warning_rule_reports_without_failing(tmp_path: Path, paws) -> None:  # type: ignore[no-untyped-def]
    """severity: warning in rules.yaml turns a rule into a report: check() never returns it."""
    source = RULES_FILE.read_text()
    rule = "  - id: purchase-cta\n    stages: [engage, subscribe]\n"
    assert rule in source
    edited = tmp_path / "rules.yaml"
    edited.write_text(source.replace(rule, rule + "    severity: warning\n"))
    checker = Checker(paws, load_rulebook(edited))
    from planner.rules._engine import Draft

    draft = Draft(Stage.engage, "Brushing tips. Shop now for our detangling kit!")
    assert checker.check(draft) == []
    findings = checker.check_all(draft)
    assert findings.failures == [] and [w.check for w in findings.warnings] == ["purchase-cta"]
    assert findings.warnings[0].warning


def test_severity_must_be_failure_or_warning(tmp_path: Path) -> None:
    detector = "    detector: cue_absent\n"
    source = RULES_FILE.read_text().replace(detector, detector + "    severity: info\n")
    edited = tmp_path / "rules.yaml"
    edited.write_text(source)
    with pytest.raises(ValueError, match="severity must be failure or warning"):
        load_rulebook(edited)


def test_check_results_carry_warnings_apart(paws) -> None:  # type: ignore[no-untyped-def]
    from planner.rules import InputDraft, check_drafts

    subject = "Subject: Your first calm groom at Paws & Suds is booked for Saturday\n\nSee you then!"
    [result] = check_drafts(paws, [InputDraft("a", Stage.excite, subject, None, None, 1)])
    assert result.passed and result.failures == []
    assert result.to_json() == {
        "id": "a",
        "passed": True,
        "failures": [],
        "warnings": [{"check": "subject-length", "message": result.warnings[0].message}],
    }


# The rules written for the offline composer's defects, tried on copy nobody tuned them on. known-prices and
# unlisted-offer are left out: the bank's prices and offers belong to other businesses, not to the profile.
NEW_RULES = {"framework-labels", "repeated-sentence", "colon-capital", "missing-link", "sms-length"}


def test_new_rules_raise_no_failure_on_the_exemplar_bank(paws) -> None:  # type: ignore[no-untyped-def]
    """936 texts of varied real-world-style copy: not one failure from the fluency or channel rules."""
    checker = Checker(paws)
    from planner.rules._engine import Draft

    flagged = {}
    rows = [
        json.loads(line)
        for path in sorted((DATA.parent.parent / "evals" / "data" / "exemplars").glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    assert len(rows) >= 936  # the bank only grows
    for row in rows:
        found = {f.check for f in checker.check(Draft(Stage(row["stage"]), row["text"]))} & NEW_RULES
        if found:
            flagged[row["id"]] = sorted(found)
    assert flagged == {}
