"""What an email is made of, whatever the asset type: subject, preview text and blocks (paragraphs, lists,
a call-to-action button, small print) in reading order. Platform syntax comes later (``_email_html``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from planner.assets import (
    Asset,
    BundleOffer,
    ConsultationInvite,
    ReferralInvite,
    ReferralShare,
    ReviewRequestEmail,
    TestimonialRequest,
    UpgradeEmail,
    WelcomeEmail,
)
from planner.export._cells import template_syntax
from planner.export._model import LINK_TAGS, Item, Problem

EMAIL_TYPES = (
    "consultation_invite",
    "welcome_email",
    "upgrade_email",
    "bundle_offer",
    "review_request_email",
    "testimonial_request",
    "referral_invite",
    "referral_share",
)
MERGE_TAG = re.compile(r"\{\{\s*(\w+)\s*\}\}")
KNOWN_TAGS = ("first_name", "business_name", "referral_code", "unsubscribe_link", *LINK_TAGS)
PREVIEW_CHARS = 110
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_BULLET = re.compile(r"^[•\-*]\s+")

Kind = Literal["p", "ol", "ul", "button", "small"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    lines: tuple[str, ...]  # a paragraph's lines, a list's items, or the button's label
    tag: str = ""  # a button's link tag ("" when the draft has no link: the label is shown as bold text)


@dataclass(frozen=True)
class Email:
    item: Item
    subject: str
    preview: str
    blocks: tuple[Block, ...]

    @property
    def tags(self) -> set[str]:
        """Every merge tag the email uses (subject, preview and blocks)."""
        texts = [self.subject, self.preview, *(line for b in self.blocks for line in b.lines)]
        return {m.group(1) for t in texts for m in MERGE_TAG.finditer(t)} | {
            b.tag for b in self.blocks if b.tag
        }

    @property
    def greets_by_name(self) -> bool:
        return "first_name" in self.tags


def email_of(item: Item) -> tuple[Email | None, list[Problem]]:
    """The email in a draft, or the problems that keep it from any email platform."""
    subject, preview, blocks = _parts(item.asset)
    email = Email(item, subject, preview or _preview(blocks), tuple(blocks))
    texts = {"subject": email.subject, "preview text": email.preview}
    texts.update({f"text {n}": line for n, b in enumerate(blocks, 1) for line in b.lines})
    problems = []
    for label, text in texts.items():
        unknown = sorted({m.group(1) for m in MERGE_TAG.finditer(text)} - set(KNOWN_TAGS))
        if unknown:
            problems.append(
                Problem(item.where, f"{label} has {{{{{unknown[0]}}}}}, which no platform fills in")
            )
        elif marker := template_syntax(MERGE_TAG.sub("", text)):
            problems.append(
                Problem(
                    item.where,
                    f"{label} has {marker!r}, which an email platform would run as a template — remove it",
                )
            )
    return (None if problems else email), problems


def _parts(a: Asset) -> tuple[str, str, list[Block]]:
    """(subject, preview text, blocks) of each email-like asset type."""
    if isinstance(a, WelcomeEmail):
        return a.subject, a.preview_text, _body(a.body, _cta(a.cta, a.body), _p(a.sign_off))
    if isinstance(a, UpgradeEmail):
        return a.subject, a.preview_text, _body(a.body, _cta(a.cta, a.body))
    if isinstance(a, BundleOffer):
        included = [_p("What's included:"), Block("ul", tuple(a.includes)), _p(f"{a.offer_name}: {a.price}")]
        return a.headline, "", _body(a.body, *included, _cta(a.cta, a.body))
    if isinstance(a, ReviewRequestEmail):
        return a.subject, "", _body(a.body, _cta(a.cta, a.body), _p(a.sign_off))
    if isinstance(a, TestimonialRequest):
        questions = [_p("A few questions to start from:"), Block("ul", tuple(a.questions))]
        return a.subject, "", [*_body(a.body, *questions), Block("small", (a.permission_note,))]
    if isinstance(a, ReferralInvite):
        incentive = [] if a.incentive in a.body else [_p(a.incentive)]
        steps = [_p("How it works:"), Block("ol", tuple(a.how_it_works))]
        return a.subject, "", _body(a.body, *incentive, *steps, _cta(a.cta, a.body))
    if isinstance(a, ConsultationInvite):
        expect = [_p("What to expect:"), Block("ul", tuple(a.what_to_expect)), _p(f"How long: {a.duration}")]
        return a.subject, "", _body(a.body, *expect, _cta(a.cta, a.body))
    if isinstance(a, ReferralShare):
        return a.email_subject, "", _body(a.email_body)
    raise TypeError(f"{a.asset_type} is not an email")  # the format lists only the types above


def _p(text: str) -> Block:
    return Block("p", tuple(text.splitlines()))


def _body(text: str, *extras: Block) -> list[Block]:
    """The body's blocks with ``extras`` (lists, the button) after it, but before its sign-off if it ends
    with one ("Warmly,\nThe team"): a letter is signed last."""
    blocks = _paragraphs(text)
    if len(blocks) > 1 and _is_sign_off(blocks[-1]):
        return [*blocks[:-1], *extras, blocks[-1]]
    return [*blocks, *extras]


def _is_sign_off(block: Block) -> bool:
    first = block.lines[0]
    return block.kind == "p" and len(block.lines) <= 3 and first.endswith(",") and len(first) <= 40


def _paragraphs(text: str) -> list[Block]:
    """Paragraphs at blank lines; a paragraph whose every line is numbered or bulleted becomes a list."""
    blocks = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in para.splitlines() if line.strip()]
        if lines and all(_NUMBERED.match(line) for line in lines):
            blocks.append(Block("ol", tuple(_NUMBERED.sub("", line) for line in lines)))
        elif lines and all(_BULLET.match(line) for line in lines):
            blocks.append(Block("ul", tuple(_BULLET.sub("", line) for line in lines)))
        elif lines:
            blocks.append(Block("p", tuple(lines)))
    return blocks


def _cta(label: str, body: str) -> Block:
    """The button goes where the body's first link goes; without a link it is a bold line ("Reply…")."""
    links = [m.group(1) for m in MERGE_TAG.finditer(body) if m.group(1) in LINK_TAGS]
    return Block("button", (label,), links[0] if links else "")


def _preview(blocks: list[Block]) -> str:
    """The opening sentence after the greeting, for drafts without preview text of their own."""
    for block in blocks:
        text = " ".join(block.lines)
        if block.kind != "p" or MERGE_TAG.search(text) or re.match(r"^(hi|hello|hey|dear)\b", text, re.I):
            continue
        sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        if len(sentence) <= PREVIEW_CHARS:
            return sentence
        return sentence[: PREVIEW_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return ""
