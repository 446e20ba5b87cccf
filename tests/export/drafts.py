"""Hand-written drafts for the export tests: one of every asset type (two search and two social ads), written
as drafts.jsonl lines, so the golden files never depend on what the composer writes today.

The text is ordinary copy with the characters exports must survive: ampersands, quotes, commas, line breaks,
a pasted ``<script>``, merge tags and a bare web address.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.assets import asset_model

BUSINESS = "paws-suds-grooming"
SIGN = "Warmly,\nThe Paws & Suds team"

FIELDS: dict[tuple[str, int], dict[str, Any]] = {
    ("search_ad", 1): {
        "headlines": [
            "Calm Dog Grooming",
            "Anxious Dog? We Go Slow",
            "Quiet Private Grooming Rooms",
            "Senior Dogs Welcome",
            "Free Calm Grooming Checklist",
            "Paws & Suds Grooming",
        ],
        "descriptions": [
            "Appointment-only grooming in Riverside, made for nervous and senior dogs.",
            'Get the free "Calm Grooming" checklist: 10 habits, one page.',
        ],
        "display_path": ["calm-grooming", "checklist"],
    },
    ("search_ad", 2): {
        "headlines": ["Matted Fur, Gently Fixed", "Grooming Without the Fight", "Calm, Patient Groomers"],
        "descriptions": ["No rush, no cages, no fuss.", "See how a calm groom works, step by step."],
        "display_path": ["how-it-works"],
    },
    ("social_ad", 1): {
        "primary_text": "Does your dog shake at the groomer's?\n\nWe're an appointment-only salon in "
        "Riverside, and we go at your dog's pace.",
        "headline": "Grooming, minus the shaking",
        "description": "Free checklist: calmer baths",
        "cta": "Learn More",
    },
    ("social_ad", 2): {
        "primary_text": "Senior dog? Joints, nails & nerves: we take our time.",
        "headline": "Gentle care for older dogs",
        "description": "Quiet rooms, warm water",
        "cta": "Sign Up",
        "destination": "https://pawsandsuds.example/seniors",
    },
    ("blog_post", 1): {
        "title": "Why your dog hides at the groomer (and what helps)",
        "meta_description": "Five small changes that make grooming calmer for anxious dogs.",
        "intro": "Shaking, hiding, refusing the table: it is common, and it is fixable.",
        "sections": [
            {"heading": "Go slower than you think", "body": "Short visits first; no full groom on day one."},
            {"heading": "Quiet beats fancy", "body": "A private room matters more than a long menu."},
        ],
        "takeaway": "Calm is built a visit at a time.",
        "cta": "Get the free Calm Grooming Checklist.",
    },
    ("social_post", 1): {
        "platform": "Instagram",
        "hook": "Brushing battles? Try this tonight.",
        "body": "Two minutes, one treat, one paw at a time.",
        "cta": "Save this for bath night.",
        "hashtags": ["#DogGrooming", "#AnxiousDog"],
    },
    ("lead_magnet", 1): {
        "title": "The Calm Grooming Checklist",
        "format": "Checklist",
        "promise": "Ten at-home habits that make brushing and baths calmer.",
        "outline": ["Start with the paws", "Short sessions", "Reward the stillness"],
        "delivery": "Sent to your inbox the moment you sign up.",
    },
    ("opt_in_page", 1): {
        "headline": "Calmer baths start at home",
        "subheadline": "Get the free one-page checklist by email.",
        "bullets": ["Ten habits", "One page", "Free, and yours to keep"],
        "form_fields": ["First name", "Email address"],
        "button_text": "Send me the checklist",
        "privacy_note": "One email with the checklist, then tips you can unsubscribe from in one click.",
    },
    ("entry_offer", 1): {
        "headline": "First Bath & Tidy: meet us for $29",
        "offer_name": "First Bath & Tidy",
        "price": "$29",
        "body": "A 45-minute intro bath in a quiet private room, so your dog can meet the groomer.",
        "bullets": ["Bath and brush-out", "Nail trim", "A quiet room"],
        "risk_reversal": "If your dog is too stressed, we stop and you pay nothing.",
        "cta": "Book First Bath & Tidy",
    },
    ("consultation_invite", 1): {
        "subject": "A 15-minute chat about your dog?",
        "body": "Hi {{first_name}},\n\nTell us about your dog before the first visit, and we'll plan it "
        "around them.\n\nPick a time: {{booking_link}}\n\n" + SIGN,
        "what_to_expect": ["Questions about your dog", "How a calm first visit works", "No sales pitch"],
        "duration": "15 minutes",
        "cta": "Book my chat",
    },
    ("welcome_email", 1): {
        "subject": "You're booked, {{first_name}}: here's what happens next",
        "preview_text": "Three things to do before your first visit",
        "body": "Hi {{first_name}},\n\nThank you for choosing First Bath & Tidy.\n\n1. Bring your dog's "
        "favourite treat.\n2. Arrive five minutes early.\n3. Tell us what worries you.\n\nOur notes are "
        "online at https://pawsandsuds.example/first-visit. <script>alert('x')</script> stays text.",
        "cta": "Reply with your questions",
        "sign_off": SIGN,
    },
    ("quick_start_guide", 1): {
        "title": "Your first week with Paws & Suds",
        "intro": "Three steps to a calm first groom.",
        "steps": ["Book a time that suits you", "Bring a treat", "Stay for the first five minutes"],
        "quick_win": "A calm nail trim in week one.",
        "help": "Reply to any email and a person answers.",
    },
    ("upgrade_email", 1): {
        "subject": "Keep it going: the Sudsy Club",
        "preview_text": "A full groom every four weeks, $89/month",
        "body": "Hi {{first_name}},\n\nOne calm groom is a start. The Sudsy Club keeps it going: a full "
        "groom every four weeks, for $89/month.\n\nSee the details: {{offer_link}}\n\n" + SIGN,
        "offer_name": "Sudsy Club Membership",
        "price": "$89/month",
        "cta": "Join the Sudsy Club",
    },
    ("bundle_offer", 1): {
        "headline": "The Senior Comfort Spa Package",
        "offer_name": "Senior Comfort Spa Package",
        "includes": ["Three spa visits", "A warm hydro bath", "A take-home coat kit"],
        "price": "$240",
        "body": "Made for older dogs & their joints.\n\nSee what's inside: {{offer_link}}",
        "cta": "Get the Spa Package",
    },
    ("review_request_email", 1): {
        "subject": "How did we do?",
        "body": "Hi {{first_name}},\n\nAn honest review, good or bad, helps other dog owners decide.\n\n"
        "Write yours here: {{review_link}}",
        "cta": "Leave an honest review",
        "sign_off": SIGN,
    },
    ("testimonial_request", 1): {
        "subject": "Would you tell your story?",
        "body": "Hi {{first_name}},\n\nA few sentences in your own words help people like you.\n\n"
        "Reply, or use this link: {{review_link}}",
        "questions": ["What was grooming like before?", "What changed?", "Who would you tell?"],
        "permission_note": "We only publish it with your OK, and with your first name only.",
    },
    ("referral_invite", 1): {
        "subject": "Know a nervous dog?",
        "body": "Hi {{first_name}},\n\nGive $15, get $15 when a friend books.\n\nYour link: {{referral_link}}"
        "\n\n" + SIGN,
        "incentive": "Give $15, get $15 when a friend books.",
        "how_it_works": ["Send your link", "Your friend books", "You both get $15"],
        "cta": "Share your link",
    },
    ("referral_share", 1): {
        "sms": "Paws & Suds were so calm with my dog. $15 off your first visit: {{referral_link}}",
        "social_post": "Finally, a groomer my dog doesn't hide from. {{referral_link}}",
        "email_subject": "A groomer I think you'd like",
        "email_body": "Hi,\n\nPaws & Suds were so patient with my dog. Here's $15 off your first visit: "
        "{{referral_link}}",
    },
}


def record(asset_type: str, variant: int = 1, **overrides: Any) -> dict[str, Any]:
    """One drafts.jsonl line; ``fields`` from FIELDS unless overridden."""
    model = asset_model(asset_type)
    fields = overrides.pop("fields", FIELDS.get((asset_type, variant)) or FIELDS[(asset_type, 1)])
    line: dict[str, Any] = {
        "id": f"{BUSINESS}.{model.stage.value}.{asset_type}.v{variant}",
        "business": BUSINESS,
        "stage": model.stage.value,
        "asset_type": asset_type,
        "variant": variant,
        "fields": fields,
        "text": "\n".join(str(v) for v in fields.values()),
        "sources": [],
        "checks": {"passed": True, "failures": []},
        "model": "test",
        "kpi": model.stage.info.kpi,
    }
    line.update(overrides)
    return line


def all_records() -> list[dict[str, Any]]:
    """Every fixture draft, shuffled out of journey order (promote first) so ordering is really tested."""
    lines = [record(asset_type, variant) for asset_type, variant in FIELDS]
    return lines[::-1]


def write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path
