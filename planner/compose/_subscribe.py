"""Subscribe: the lead magnet and its opt-in page, trading something useful for an email address.

Every draft asks for the email address in plain words; payment words are banned outright (``Ctx``), so a
profile phrase that mentions paying or cards is skipped rather than copied.
"""

from __future__ import annotations

from planner.assets import LeadMagnet, OptInPage
from planner.compose._answers import its
from planner.compose._context import Ctx
from planner.compose._person import said, you_form
from planner.compose._registry import composes
from planner.compose._text import at_least, cap, count_phrase, fit, pick, sentence, short, split_items

Data = dict[str, object]


def _name(ctx: Ctx) -> str:
    return ctx.lm.name if ctx.lm is not None else cap(ctx.lm_ref())


def _what(ctx: Ctx) -> str:
    """What the reader gets, as a sentence."""
    if ctx.lm is not None:
        return its(ctx.lm)
    return f"Short, practical tips from {ctx.biz(60, 'our team')}, sent to your inbox. Read them in minutes."


@composes(LeadMagnet)
def lead_magnet(ctx: Ctx) -> Data:
    name, fmt = _name(ctx), ctx.lm_format()
    count = count_phrase(ctx.lm.description) if ctx.lm is not None else ""
    pain, goal, objection = ctx.pain(), ctx.goal(), ctx.objection()
    subtitles = [
        [f"a simple path to {goal}", f"a simple path to {short(goal, 40)}", "a simple path forward"],
        [f"from {short(pain, 30)} to {short(goal, 30)}", "before and after"],
        ["the questions to ask first", "where to start"],
        [
            f"even if {you_form(objection)}",
            f"even if {short(you_form(objection), 40)}",
            "honest answers first",
        ],
        [count or "step by step", "step by step"],
    ][ctx.v]
    title = pick([*(f"{name}: {s}" for s in subtitles), name], 80, ctx.ok) or fit(name, 80)
    promises = [
        f"{sentence(pain, '?')} {_what(ctx)} Start with it this week.",
        f"Before: {sentence(fit(pain, 70))} After: {sentence(fit(goal, 70))} {_what(ctx)}",
        f"Not sure where to start? {_what(ctx)}",
        f"Even if you think {you_form(objection)}, this gives you a place to start. {_what(ctx)}",
        f"{_what(ctx)} Work through it at your own pace, one step at a time.",
    ]
    outline = _outline(ctx, pain, goal, objection)
    return {
        "title": title,
        "format": cap(fmt),
        "promise": pick([promises[ctx.v], _what(ctx)], 240, ctx.ok),
        "outline": at_least([fit(i, 160) for i in outline if ctx.ok(i)][:8], _SPARE_OUTLINE, 3, ctx.ok),
        "delivery": _delivery(ctx),
    }


_SPARE_OUTLINE = (
    "The first step to take this week",
    "Common mistakes, and how to avoid them",
    "A short recap to keep where you'll see it",
)


def _outline(ctx: Ctx, pain: str, goal: str, objection: str) -> list[str]:
    """Sections in the variant's framework: problems, before/after, questions, objections, steps."""
    pains = (ctx.pains() or [pain])[:3]
    parts = split_items(ctx.lm.description)[:3] if ctx.lm is not None else []
    objections = (ctx.objections() or [objection])[:3]
    return [
        [f"{cap(p)}: what to try first" for p in pains]
        + [f"What good looks like: {goal}", "A short recap to keep where you'll see it"],
        [
            f"Where you are now: {pain}",
            f"Where you want to be: {goal}",
            "The gap between the two, in small steps",
            "What to change first, this week",
            "How to tell it's working",
        ],
        [
            f"Is this you? {sentence(cap(pain))}",
            f"What would better look like? {sentence(cap(goal))}",
            "What's the first thing to change?",
            "What usually gets in the way, and how to handle it",
            "Where to go from here",
        ],
        [f"“{said(o)}” An honest answer" for o in objections] + ["The one habit that makes the rest easier"],
        [f"Step {i}: {p[0].lower()}{p[1:]}" for i, p in enumerate(parts, 1)]
        + [
            f"Step {len(parts) + 1}: pick one thing to try this week",
            f"Step {len(parts) + 2}: check what changed and keep what works",
        ],
    ][ctx.v]


def _delivery(ctx: Ctx) -> str:
    thing = ctx.lm_ref() if ctx.lm is not None else "the first tips"
    options = [
        f"Enter your email address and we'll send {thing} straight to your inbox. Unsubscribe anytime.",
        f"Pop in your email and {thing} lands in your inbox in a minute or two.",
        f"Tell us where to send it: enter your email and {thing} arrives in your inbox right away.",
        f"Add your email below and we'll send {thing} over. One click unsubscribes you, anytime.",
        f"Enter your email, then check your inbox: {thing} will be waiting.",
    ]
    return pick(
        [options[ctx.v], "Enter your email address and we'll send it straight to your inbox."], 240, ctx.ok
    )


_INBOX = (
    "Free, straight to your inbox.",
    "Yours free: just tell us where to send it.",
    "Enter your email and it's yours.",
    "Free, no strings, sent to your inbox.",
    "Free by email.",
)
_PRIVACY = (
    "We'll email you {lm} and occasional tips. Unsubscribe in one click, anytime. We never share your email "
    "address.",
    "Your email stays with us: no sharing, no daily blasts. Every message has a one-click unsubscribe.",
    "We'll email you occasional tips. Unsubscribe in one click, anytime.",
)


def _bullets(ctx: Ctx, pain: str, goal: str) -> list[str]:
    """What the reader gets, in the variant's framework; always at least three usable lines."""
    parts = split_items(ctx.lm.description)[:3] if ctx.lm is not None else []
    options = [
        [f"{sentence(cap(p), '?')} Start here." for p in (ctx.pains() or [pain])[:2]]
        + ["Free, and yours to keep"],
        [f"From: {pain}", f"To: {goal}", "Small, practical steps in between"],
        ["What to try first, and why", f"What better looks like: {goal}", "Where to go next"],
        [f"An honest answer to “{said(o)}”" for o in (ctx.objections() or [ctx.objection()])[:2]]
        + ["No jargon and no hard sell"],
        [*parts, "Yours to keep, free"],
    ][ctx.v]
    usable = [fit(b, 140) for b in options if ctx.ok(b)]
    spare = ["Practical steps you can use this week", "Free, and yours to keep", "Plain language, no jargon"]
    usable += [b for b in spare if ctx.ok(b) and b not in usable]
    return usable[: max(3, len(options))][:6]


@composes(OptInPage)
def opt_in_page(ctx: Ctx) -> Data:
    lm, fmt = ctx.lm_ref(), ctx.lm_format()
    pain, goal = ctx.pain(), ctx.goal()
    count = count_phrase(ctx.lm.description) if ctx.lm is not None else ""
    headlines = [
        [f"{sentence(pain, '?')} Get {lm}, free.", f"{sentence(short(pain, 50), '?')} Get the free {fmt}."],
        [f"Imagine {goal}. Start with {lm}.", f"Imagine {short(goal, 50)}. Start here."],
        [f"Not sure where to start? Get {lm}, free.", f"Not sure where to start? Get the free {fmt}."],
        [
            f"Think {you_form(ctx.objection())}? Start here.",
            f"Think {short(you_form(ctx.objection()), 60)}? Start here.",
        ],
        [
            f"Get {count}, free, in {lm}" if count else "",
            f"Get {lm}, free, step by step",
            f"Get the free {fmt}, step by step",
        ],
    ][ctx.v]
    bullets = _bullets(ctx, pain, goal)
    return {
        "headline": pick(headlines, 90, ctx.ok) or f"Get the free {fmt}",
        "subheadline": pick([f"{_what(ctx)} {_INBOX[ctx.v]}", _what(ctx)], 220, ctx.ok),
        "bullets": bullets,
        "form_fields": ["First name", "Email address"],
        "button_text": ctx.voice.end(
            pick(
                [
                    [f"Send me the {fmt}", "Send it to my inbox", "Email it to me"][ctx.v % 3],
                    "Send it to my inbox",
                ],
                29,
                ctx.ok,
            )
        ),
        "privacy_note": pick([_PRIVACY[ctx.v % 2 if ctx.lm else 2].format(lm=lm), _PRIVACY[2]], 220, ctx.ok),
    }
