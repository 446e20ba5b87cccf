"""Excite: a welcome email and a quick-start guide that get the new buyer to a first win.

The substance is what the business says happens after a purchase (``first_steps``), what the purchase
includes, and the business's answers to worries about getting started. Every welcome email carries its next
step as a link: the booking for a visit or session, the order details for a product. The draft never sells
the next offer or asks for a review or a referral (``Ctx`` bans those words).
"""

from __future__ import annotations

import re

from planner.assets import QuickStartGuide, WelcomeEmail
from planner.compose._context import Ctx
from planner.compose._moves import answer, bullets_of, its, kind_of, lower_start, picture, what_it_is, worry
from planner.compose._phrase import Phrase, cap
from planner.compose._registry import composes
from planner.compose._taking import Taking, how_taken
from planner.compose._text import fit, pick, title_ref, vary
from planner.profile import Offer

Data = dict[str, object]

# After the purchase a worry about price or signing up would reopen the sale: onboarding answers worries
# about using what was bought.
_SALES_WORRY = re.compile(
    r"\b(?:subscri\w*|cancel\w*|pric\w*|expensive|cost\w*|contract\w*|renew\w*)\b", re.I
)


def _bought(ctx: Ctx) -> Offer | None:
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
    return ctx.entry


def _name(ctx: Ctx) -> str:
    offer = _bought(ctx)
    return title_ref(offer.name) if offer else ctx.biz(60, "us")


def _booked(ctx: Ctx) -> bool:
    offer = _bought(ctx)
    return offer is not None and how_taken(offer, ctx.profile.first_steps) is Taking.booked


def _verb(ctx: Ctx) -> str:
    return "booking" if _booked(ctx) else "ordering" if _bought(ctx) else "choosing"


def _link(ctx: Ctx) -> str:
    """The welcome email's next step as a link: the booking for a service, the order for a product."""
    if _booked(ctx):
        return ["See or change your booking", "Your booking", "Check your booking details", "Your booking",
                "Your booking details"][ctx.v] + ": {{booking_link}}"  # fmt: skip
    return ["Your order details", "See your order", "Your order", "Order details", "Your order"][ctx.v] + (
        ": {{offer_link}}"
    )


def _steps(ctx: Ctx) -> list[str]:
    """What happens next, in the business's words; else what the purchase includes."""
    steps = [cap(s.rstrip(".")) + "." for s in ctx.first_steps]
    if steps:
        return steps
    offer = _bought(ctx)
    parts = bullets_of(ctx, offer, extra=0) if offer else []
    return [f"{p}." for p in parts] or ([its(offer)] if offer else [])


def _worry(ctx: Ctx) -> Phrase | None:
    usable = [
        o
        for o in ctx.objections()
        if kind_of(o.raw) not in ("cost", "status") and not _SALES_WORRY.search(o.raw)
    ]
    return usable[0] if usable else None


def _reassure(ctx: Ctx) -> str | None:
    """A getting-started worry, answered by the business (or by a fact about what was bought)."""
    objection = _worry(ctx)
    if objection is None:
        return None
    reply, said = answer(ctx, objection, _bought(ctx)), worry(ctx, objection)
    # Only the customer's own words fit "if you're still thinking …"; a stock question ("Not sure it's for
    # you?") reads wrong after they have bought, so the line is left out.
    if not reply or not said.startswith("“"):
        return None
    said = said.replace(".”", "”")  # “…slip”: the colon ends the sentence the quote was part of
    return f"If you're still thinking {said}: {lower_start(reply)}"


@composes(WelcomeEmail)
def welcome_email(ctx: Ctx) -> Data:
    name = _name(ctx)
    mark = "!" if ctx.voice.bang else "."
    steps = _steps(ctx)
    listed = "\n".join(f"{i}. {s}" for i, s in enumerate(steps[:4], 1))
    opener = [
        f"{ctx.voice.thanks} for booking {name}{mark}"
        if _bought(ctx)
        else f"{ctx.voice.thanks} for choosing {name}{mark}",
        f"Welcome to {ctx.biz(60, 'us')}{mark}",
        f"You're all set for {name}{mark}",
        f"{ctx.voice.thanks} for choosing {ctx.biz(60, 'us')}{mark}",
        f"Here's what happens with {name}{mark}",
    ][ctx.v]
    after = picture(ctx, ctx.v, "Here's to")
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        opener,
        (f"Here's what happens next:\n{listed}" if ctx.first_steps else f"What you get:\n{listed}")
        if listed
        else None,
        _reassure(ctx) if ctx.v in (0, 3) else after,
        _link(ctx),
        "Questions? Reply to this email.",
    ]
    subjects = [
        f"You're {'booked' if _booked(ctx) else 'all set'}: {name}",
        f"Welcome to {ctx.biz(60, 'us')}",
        f"What happens next with {name}",
        f"Before {name}: what to expect",
        f"{name}: your first steps",
    ]
    return {
        "subject": pick([subjects[ctx.v], f"Welcome to {ctx.biz(60, 'us')}", "Welcome"], 80, ctx.ok),
        "preview_text": pick([fit(steps[0], 110) if steps else "", "What happens next"], 110, ctx.ok),
        "body": "\n\n".join(p for p in paragraphs if p),
        "cta": ctx.voice.end(pick(["See what's next", "Reply with a question"][ctx.v % 2 :], 39, ctx.ok)),
        "sign_off": ctx.signature(),
    }


@composes(QuickStartGuide)
def quick_start_guide(ctx: Ctx) -> Data:
    name = _name(ctx)
    steps = _steps(ctx)
    offer = _bought(ctx)
    extra = []
    if ctx.lm is not None:
        extra.append(f"Keep {ctx.lm_ref()} to hand: {its(ctx.lm)[0].lower()}{its(ctx.lm)[1:]}")
    reassure = _reassure(ctx)
    orders: list[list[str | None]] = [
        [*steps, *extra],
        [*extra, *steps],
        [reassure, *steps],
        [*steps, reassure],
        [*steps, *extra, reassure],
    ]
    all_steps = [fit(s, 300) for s in dict.fromkeys(x for x in orders[ctx.v] if x) if ctx.ok(s)]
    if len(all_steps) < 3:
        all_steps += [
            s for s in (*steps, *extra, reassure) if s and ctx.ok(s) and fit(s, 300) not in all_steps
        ]
    if len(all_steps) < 3 and offer is None:  # the profile says nothing about a first purchase
        all_steps += [s for s in _BASICS if ctx.ok(s)]
    if len(all_steps) < 3 and offer is not None:
        all_steps += [
            fit(its(offer), 300),
            f"Questions about {offer.name}? Reply to your confirmation email.",
        ]
    intro = " ".join(
        x
        for x in (
            f"{ctx.voice.thanks} for choosing {ctx.biz(60, 'us')}.",
            what_it_is(offer) if offer else None,
            picture(ctx, ctx.v, "Here's to"),
        )
        if x
    )
    return {
        "title": vary([], _titles(name), ctx.v, 80, ctx.ok),
        "intro": fit(intro, 500),
        "steps": all_steps[:6] if len(all_steps) >= 3 else [*all_steps, "Reply to us with any question."][:3],
        "quick_win": _quick_win(ctx),
        "help": _help(ctx),
    }


# Only for a profile with no entry offer and no first steps: plain, true steps rather than invented ones.
_BASICS = (
    "Check your confirmation email for the details.",
    "Tell us what you'd most like help with, so we can focus there.",
    "Reply with any question, big or small.",
)


def _titles(name: str) -> list[str]:
    return [
        f"Getting started with {name}",
        f"Your first week with {name}",
        f"{cap(name)}: what happens next",
        f"Before {name}: what to expect",
        f"{cap(name)}, step by step",
    ]


def _quick_win(ctx: Ctx) -> str:
    goal = picture(ctx, 1, "Aim first for")
    last = ctx.first_steps[-1] if ctx.first_steps else ""
    return pick(
        [
            goal or "",
            f"A first win to look for: {last[0].lower()}{last[1:]}" if last else "",
            "A first win to look for: getting started.",
        ],
        300,
        ctx.ok,
    )


def _help(ctx: Ctx) -> str:
    site = ctx.profile.business.website
    where = f" or visit {site}" if site and len(site) <= 80 else ""
    return f"Questions? Reply to your confirmation email{where}."
