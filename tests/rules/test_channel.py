"""Channel checks: a link to act on, an SMS that fits one message, a subject line a phone shows in full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.assets import ASSET_MODELS
from planner.errors import UserError
from planner.rules import Checker, Draft, check_text, check_text_all, load_rulebook
from planner.rules._engine import RULES_FILE
from planner.stages import Stage


def _share(sms: str, email_body: str = "Here's my link: {{referral_link}}") -> dict[str, str]:
    return {
        "sms": sms,
        "social_post": "Loved my groom at Paws & Suds: {{referral_link}}",
        "email_subject": "A groomer your dog will like",
        "email_body": email_body,
    }


def _share_checks(profile: Any, fields: dict[str, str], checker: Checker | None = None) -> list[str]:
    text = "\n".join(fields.values())
    return [f.message for f in check_text(profile, "promote", text, "referral_share", fields, checker)]


def test_link_needs_are_asset_facts() -> None:
    needs = {name: model.link_tags for name, model in ASSET_MODELS.items()}
    for name in ("search_ad", "social_ad", "opt_in_page", "blog_post", "lead_magnet", "quick_start_guide"):
        assert needs[name] == (), name
    for name in ("entry_offer", "consultation_invite", "upgrade_email", "bundle_offer", "welcome_email"):
        assert needs[name], name
    assert needs["review_request_email"] == ("review_link",)
    assert ASSET_MODELS["referral_share"].link_fields == ("sms", "email_body")


@pytest.mark.parametrize(
    ("asset_type", "text", "flagged"),
    [
        ("consultation_invite", "Let's talk about your dog's first groom. Pick a time that suits you.", True),
        ("consultation_invite", "Pick a time that suits you: {{booking_link}}", False),
        ("entry_offer", "First Bath & Tidy, $29. Book at https://pawsandsuds.example/first-bath", False),
        ("upgrade_email", "Want the Sudsy Club? Reply 'club' and we'll set it up.", False),
        ("review_request_email", "How did we do? Leave an honest review on {{booking_link}}", True),
        ("referral_invite", "Share Paws & Suds with a friend: your code is {{referral_code}}", False),
        ("search_ad", "Nervous dog? Calm grooming in Riverside", False),
        ("opt_in_page", "Get the free checklist. Enter your email.", False),
    ],
)
def test_missing_link(paws: Any, asset_type: str, text: str, flagged: bool) -> None:
    model = ASSET_MODELS[asset_type]
    found = check_text(paws, model.stage, text, asset_type)
    assert ("missing-link" in {f.check for f in found}) == flagged, found


def test_a_welcome_email_without_a_link_is_a_warning_only(paws: Any) -> None:
    """A welcome email may end with 'see you Saturday'; the check says so without failing the draft."""
    text = "Welcome! See you Saturday at 10. Bring your dog's favourite towel."
    assert check_text(paws, "excite", text, "welcome_email") == []
    warnings = check_text_all(paws, "excite", text, "welcome_email").warnings
    assert [w.check for w in warnings] == ["missing-link"] and all(w.warning for w in warnings)


def test_each_referral_share_channel_needs_its_own_link(paws: Any) -> None:
    messages = _share_checks(paws, _share("You'd like my groomer. Ask them about Give $15, Get $15."))
    assert any("SMS has no link" in m for m in messages), messages
    assert not _share_checks(paws, _share("You'd like my groomer: {{referral_link}}"))


def test_sms_counts_each_link_at_a_real_length(paws: Any) -> None:
    sms = "Hi! " + "calm " * 24 + "{{referral_link}}"  # 141 characters as written, 159 once sent
    assert len(sms) == 141
    assert not _share_checks(paws, _share(sms))
    longer = "Hey! " + sms  # 146 as written: 164 with the link at 35
    messages = _share_checks(paws, _share(longer))
    assert len(messages) == 1 and "the SMS is 164 characters with each link counted at 35" in messages[0]


def test_link_length_from_the_environment(paws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sms = "Hey! Hi! " + "calm " * 24 + "{{referral_link}}"  # 164 at 35 a link, 149 at 20
    monkeypatch.setenv("CVJ_LINK_LENGTH", "20")
    assert not _share_checks(paws, _share(sms), Checker(paws))
    monkeypatch.setenv("CVJ_LINK_LENGTH", "forty")
    with pytest.raises(UserError, match="CVJ_LINK_LENGTH"):
        Checker(paws)


def test_lengths_from_rules_yaml(paws: Any, tmp_path: Path) -> None:
    source = RULES_FILE.read_text()
    edited = tmp_path / "rules.yaml"
    edited.write_text(
        source.replace("  link_length: 35 ", "  link_length: 60 ").replace(
            "subject_length: 50", "subject_length: 20"
        )
    )
    checker = Checker(paws, load_rulebook(edited))
    sms = "Hi! " + "calm " * 24 + "{{referral_link}}"  # 159 with a 35-character link, 184 with 60
    assert _share_checks(paws, _share(sms), checker)
    subject = checker.check_all(Draft(Stage.excite, "Subject: Your first calm groom awaits\n\nHi!"))
    assert [w.check for w in subject.warnings] == ["subject-length"]


def test_long_subject_line_is_a_warning_never_a_failure(paws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    subject = "Your first calm groom at Paws & Suds is booked, {{first_name}}"  # 62 characters
    fields = {
        "subject": subject,
        "body": "See you Saturday. Reply with questions.",
        "cta": "Reply",
        "sign_off": "Dana",
    }
    fields["preview_text"] = "What to bring"
    text = "\n".join(fields.values())
    findings = check_text_all(paws, "excite", text, "welcome_email", fields)
    assert findings.failures == []
    assert [w.check for w in findings.warnings] == ["subject-length"]
    assert "62 characters" in findings.warnings[0].message
    plain = check_text_all(paws, "excite", f"Subject: {subject}\n\nHi there.")
    assert [w.check for w in plain.warnings] == ["subject-length"]
    monkeypatch.setenv("CVJ_SUBJECT_LENGTH", "70")
    assert not check_text_all(paws, "excite", text, "welcome_email", fields, Checker(paws)).warnings


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Hi {{first_name}}, grab it: {{download_link}}", False),
        ("Book here: {{landing_link}}", False),  # a merge tag since channel exports (social ads link to it)
        ("Hi {{ first_name }}, welcome.", True),
        ("Hi {{First_Name}}, welcome.", True),
        ("Hi {{first_name}, welcome.", True),
        ("Hi {first_name}}, welcome.", True),
        ("Hi {first_name}, welcome.", True),
    ],
)
def test_placeholders_catch_unknown_and_misspelt_merge_tags(paws: Any, text: str, flagged: bool) -> None:
    found = check_text(paws, "aware", text)
    assert ("placeholders" in {f.check for f in found}) == flagged, found


def test_spaced_merge_tag_says_how_to_write_it(paws: Any) -> None:
    [failure] = check_text(paws, "aware", "Hi {{ first_name }}, welcome.")
    assert "write it as {{first_name}}" in failure.message
