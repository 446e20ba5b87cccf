"""Answers to the avatar's objections, grounded only in profile facts (offer descriptions, prices, business).

An objection is sorted into a kind by its words (cost, time, trust, do-it-yourself, effort); each kind has an
answer per journey position: early stages point to the free thing, Convert to the entry-point offer,
Ascend to the core offer. No answer claims a guarantee, a refund or a number the profile does not state.
"""

from __future__ import annotations

import re
from typing import Literal

from planner.compose._context import Ctx
from planner.compose._text import clause, sentence, title_ref
from planner.profile import Billing, Offer

Mode = Literal["free", "entry", "core"]

_KINDS: tuple[tuple[str, str], ...] = (
    (
        "status",
        r"\b(?:works? (?:well |fine |ok )?enough|works? fine|current (?:process|setup|system|way)|"
        r"fine as (?:it is|is)|not broken)\b",
    ),
    ("diy", r"\b(?:myself|ourselves|do it|diy|in-house|spreadsheets?|already (?:use|have|do))\b"),
    ("cost", r"\b(?:expensive|cost\w*|price\w*|pricey|afford\w*|budget|money|worth|spend\w*|cheap\w*)\b"),
    (
        "time",
        r"\b(?:time|hours?|busy|schedule\w*|appointments?|wait\w*|minutes|calendar|days?|weeks?|months?|slots?|season)\b",
    ),
    (
        "trust",
        r"\b(?:anxious|nervous|strangers?|trust\w*|scared|safe\w*|risk\w*|worr\w*|afraid|gentle|"
        r"rough|hurt|secure|security|data|quality|reliab\w*|fresh\w*|stale)\b",
    ),
    (
        "effort",
        r"\b(?:switch\w*|migrat\w*|complicated|complex|hard|learn\w*|setup|set up|tech\w*|confus\w*)\b",
    ),
)


def kind_of(objection: str) -> str:
    for kind, pattern in _KINDS:
        if re.search(pattern, objection, re.I):
            return kind
    return "other"


def its(offer: Offer) -> str:
    """An offer description as a sentence about the offer: 'A one-page checklist…' → "It's a one-page…"."""
    text = clause(offer.description)
    if re.match(r"(?:an?|the)\s", text, re.I):
        return sentence("It's " + text[0].lower() + text[1:])
    return sentence(text)


def about(ctx: Ctx, person: str = "We're") -> str:
    """The business description as a sentence: 'A calm salon…' → "We're a calm salon…"."""
    text = clause(ctx.description)
    name = ctx.name
    if re.match(r"(?:an?)\s", text, re.I):
        return sentence(f"{person} {text[0].lower()}{text[1:]}")
    if text.lower().startswith(name.lower()) or re.match(r"(?:we|our|i|my)\b", text, re.I):
        return sentence(text)
    # "Cloud software that matches…" is a noun phrase without its subject.
    return sentence(
        f"{name} is {text[0].lower()}{text[1:]}"
        if text[:1].isupper() and text[1:2].islower()
        else f"{name} is {text}"
    )


def answer(ctx: Ctx, objection: str, mode: Mode) -> str:
    """The acknowledgement plus a fact-based reply; the first candidate that passes the stage's bans."""
    kind = kind_of(objection)
    candidates = {"free": _free, "entry": _entry, "core": _core}[mode](ctx, kind)
    for text in (*candidates, _fallback(ctx, mode)):
        if text and ctx.ok(text):
            return f"{ctx.voice.agree} {text}" if ctx.ok(ctx.voice.agree) else text
    return ""


def _free(ctx: Ctx, kind: str) -> list[str]:
    lm = ctx.lm_ref()
    desc = its(ctx.lm) if ctx.lm is not None else ""
    return {
        "status": [f"It might. {cap_first(lm)} is a quick, free way to check. {desc}"],
        "cost": [f"That's why the first step here costs nothing: {lm} is free, and it's yours to keep."],
        "time": [f"{cap_first(lm)} is built to fit into a normal week. {desc}"],
        "trust": [f"{about(ctx)} Start with {lm} and see how we think before anything else."],
        "diy": [f"Plenty of people do it themselves, and {lm} is made to help with exactly that. {desc}"],
        "effort": [f"Start small: {lm} breaks it into steps you can take one at a time. {desc}"],
    }.get(kind, [])


def _entry(ctx: Ctx, kind: str) -> list[str]:
    offer = ctx.entry
    if offer is None:
        return _consult(ctx, kind)
    ctx.note(offer.role)
    name, price = title_ref(offer.name), offer.price_label()
    once = " one time" if offer.billing == Billing.one_time else ""
    return {
        "status": [f"It might. {cap_first(name)} is a low-stakes way to compare, for {price}. {its(offer)}"],
        "cost": [
            f"That's why the first step is small: {name} is {price}{once}, so you can try us before "
            "committing to anything bigger."
        ],
        "time": [f"{cap_first(name)} is one small, defined step. {its(offer)}"],
        "trust": [f"That's exactly what {name} is for. {its(offer)}"],
        "diy": [
            f"You can, and plenty of people do. {cap_first(name)} lets you compare for {price}. {its(offer)}"
        ],
        "effort": [
            f"{cap_first(name)} is where we start, so you're never figuring it out alone. {its(offer)}"
        ],
    }.get(kind, [])


def _consult(ctx: Ctx, kind: str) -> list[str]:
    return {
        "cost": [
            "That's why the first step is a free conversation: you'll know exactly what makes sense "
            "before spending anything."
        ],
        "time": ["The call is short and you pick the time that suits you."],
        "trust": [f"{about(ctx)} A short call is the easiest way to see whether we're the right fit."],
    }.get(kind, [])


def _core(ctx: Ctx, kind: str) -> list[str]:
    """Short replies: the Ascend writers follow them with the offer's description and price."""
    price = ctx.profile.core().price_label()
    return {
        "cost": [f"Here's exactly what {price} covers, so you can judge it for yourself."],
        "time": ["That's the point: the routine is set up for you, so it takes less of your time, not more."],
        "status": ["If it does, good. Here's what would change, so you can weigh it up."],
        "diy": ["You've seen what the first step did. This makes it a habit instead of a one-off."],
        "trust": [
            "You already know how we work from your first experience. This is more of the same, on a "
            "steady schedule."
        ],
    }.get(kind, [])


def _fallback(ctx: Ctx, mode: Mode) -> str:
    if mode == "free":
        return f"Start with {ctx.lm_ref()}, see if it helps, and decide from there."
    if mode == "entry" and ctx.entry is not None:
        return f"Try {title_ref(ctx.entry.name)} first, for {ctx.entry.price_label()}, and decide from there."
    if mode == "core":
        return "Here's what's included, so you can decide for yourself."
    return "A short, free call is the easiest way to find out, with no obligation either way."


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Practical, offer-free advice per objection kind: what Engage content says instead of pitching.
_ADVICE = {
    "status": "If it works, keep it. Just check it now and then: time one routine task this month and again "
    "next month. Numbers settle the question faster than opinions.",
    "cost": "Before spending anything, list what you already do yourself and what it takes out of your week. "
    "Seeing it written down makes every later decision clearer.",
    "time": "Look for the smallest version that fits your week. Ten minutes done regularly beats an hour "
    "you never find.",
    "trust": "Go slowly. Start with something small and low-stakes, watch how it goes, and only then take "
    "the next step.",
    "diy": "You can do a lot of it yourself. The trick is knowing which parts are worth your time and which "
    "are better handed to someone who does them every day.",
    "effort": "Break it into steps small enough to finish in one sitting, and take them in order.",
    "other": "Start with the one thing that bothers you most and leave the rest for later.",
}


def advice(objection: str) -> str:
    return _ADVICE[kind_of(objection)]
