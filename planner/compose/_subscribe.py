"""Subscribe: the lead magnet and its opt-in page, trading something useful for an email address.

Everything the page promises comes from the lead magnet's own description (what it is, what is in it, how
many), the reader's pains and goals, and the business's proof; every draft asks for the email address in
plain words. Payment words are banned outright (``Ctx``).
"""

from __future__ import annotations

from planner.assets import LeadMagnet, OptInPage
from planner.compose._context import Ctx
from planner.compose._moves import its, offer_parts, pain_question, picture, proof_line, want
from planner.compose._phrase import cap
from planner.compose._registry import composes
from planner.compose._text import count_phrase, fit, pick, top_up, vary

Data = dict[str, object]


def _name(ctx: Ctx) -> str:
    return ctx.lm.name if ctx.lm is not None else cap(ctx.lm_ref())


def _what(ctx: Ctx) -> str:
    """What the reader gets, as a sentence; a newsletter when the profile has no lead magnet."""
    if ctx.lm is not None:
        return its(ctx.lm)
    return f"Short, practical notes from {ctx.biz(60, 'our team')} by email."


def _parts(ctx: Ctx) -> list[str]:
    """What is inside the lead magnet, from its description ("a quiz…, plus a printable guide…")."""
    if ctx.lm is None:
        return []
    return offer_parts(ctx.lm.description)


def _count(ctx: Ctx) -> str:
    """'10 at-home habits' when the description opens by counting what is inside ('a checklist of 10…')."""
    if ctx.lm is None:
        return ""
    found = count_phrase(ctx.lm.description)
    return found if found and ctx.lm.description.find(found) < 60 else ""


@composes(LeadMagnet)
def lead_magnet(ctx: Ctx) -> Data:
    name = _name(ctx)
    wish = want(ctx)
    subtitles = [
        f"for when {ctx.pains()[0].clause()}" if ctx.pains() and ctx.pains()[0].clause() else "",
        f"how {wish}" if wish and wish.startswith("to ") else "",
        _count(ctx),
        f"a {ctx.lm_format()} from {ctx.biz(40, 'us')}",
        "step by step",
    ]
    others = [f"{name}: {s}" for s in subtitles if s] + [name]
    title = vary([f"{name}: {subtitles[ctx.v]}" if subtitles[ctx.v] else ""], others, ctx.v, 80, ctx.ok)
    lead = [pain_question(ctx), picture(ctx), pain_question(ctx, 1), None, None][ctx.v]
    promise = pick([f"{lead} {_what(ctx)}" if lead else _what(ctx), _what(ctx)], 240, ctx.ok)
    return {
        "title": title,
        "format": cap(ctx.lm_format()),
        "promise": promise,
        "outline": _outline(ctx),
        "delivery": _delivery(ctx),
    }


def _outline(ctx: Ctx) -> list[str]:
    """Sections: what the lead magnet's description says is in it, then the questions and goals it meets."""
    items = [cap(p) for p in _parts(ctx)]
    count = _count(ctx)
    if count and not any(count in i for i in items):
        items.insert(0, cap(count))
    goals = [f"How {g}" for g in (p.goal_line() for p in ctx.goals()) if g and g.startswith("to ")]
    pains = [q for q in (p.question() for p in ctx.pains()) if q]
    # Each variant's outline leads with the lead magnet's own contents, then different reader questions.
    extra: list[list[str]] = [
        pains[:3],
        goals[:3],
        [*goals[1:2], *pains[1:2]],
        [*pains[:1], *goals[:1]],
        list(reversed(goals))[:3],
    ]
    items += [x for x in extra[ctx.v] if x]
    usable = [fit(i, 160) for i in dict.fromkeys(items) if ctx.ok(i)]
    if len(usable) < 3:
        usable = top_up(usable, (f"What's in {ctx.lm_ref()}", "Where to start", "What to do next"), 3, ctx.ok)
    spares = (f"Free, from {ctx.biz(60, 'us')}", "Sent to your inbox in minutes", "Unsubscribe anytime",
              f"A {ctx.lm_format()} you can keep")  # fmt: skip
    return top_up(usable, spares, 3, ctx.ok)[:6]


def _delivery(ctx: Ctx) -> str:
    thing = ctx.lm_ref() if ctx.lm is not None else "the first notes"
    options = [
        f"Enter your email address and we'll send {thing} straight to your inbox. Unsubscribe anytime.",
        f"Pop in your email and {thing} lands in your inbox in a minute or two.",
        f"Tell us where to send it: enter your email and {thing} arrives right away.",
        f"Add your email below and we'll send {thing} over. One click unsubscribes you, anytime.",
        f"Enter your email, then check your inbox: {thing} will be waiting.",
    ]
    return pick([options[ctx.v], "Enter your email address and we'll send it to your inbox."], 240, ctx.ok)


_FREE = ("It's free, by email.", "Free, by email.", "It's yours free.", "Free by email.", "Free.")


def _free(ctx: Ctx) -> str:
    """How it arrives, free: never "by email" twice when the newsletter line already says so."""
    free = _FREE[ctx.v]
    return ("It's free." if ctx.v % 2 == 0 else "Free.") if ctx.lm is None and "email" in free else free


@composes(OptInPage)
def opt_in_page(ctx: Ctx) -> Data:
    lm, fmt = ctx.lm_ref(), ctx.lm_format()
    count = _count(ctx)
    wish = want(ctx)
    headlines = [
        [f"{q} Get {lm}, free." for q in [pain_question(ctx)] if q],
        [f"{p} Start with {lm}." for p in [picture(ctx)] if p],
        [f"Want {wish}? Get {lm}, free." for _ in [0] if wish and wish.startswith("to ")],
        [f"Get {lm}, free"],
        [f"{cap(count)}, free in {lm}" for _ in [0] if count],
    ][ctx.v]
    name = _name(ctx)
    fallback = [
        f"Get {lm}, free",
        f"Free: {name}",
        f"{name}, free by email",
        f"Send me {lm}",
        f"Your free {fmt}",
    ]
    return {
        "headline": vary(headlines, fallback, ctx.v, 90, ctx.ok) or f"Get the free {fmt}",
        "subheadline": pick([f"{_what(ctx)} {_free(ctx)}", _what(ctx)], 220, ctx.ok),
        "bullets": _bullets(ctx),
        "form_fields": ["First name", "Email address"],
        "button_text": ctx.voice.end(
            pick(
                [[f"Send me the {fmt}", "Send it to me", "Email it to me"][ctx.v % 3], "Send it"],
                29,
                ctx.ok,
            )
        ),
        "privacy_note": pick(
            [
                f"We'll email you {lm}"
                + ("" if ctx.lm is None else f" and the occasional note from {ctx.biz(60, 'us')}")
                + "; unsubscribe in one click, anytime, and we never share your address.",
                f"We'll email you {lm}; unsubscribe in one click, anytime.",
            ],
            220,
            ctx.ok,
        ),
    }


def _bullets(ctx: Ctx) -> list[str]:
    """What the reader gets (the lead magnet's parts), then who it helps and why to trust it: 3 to 6 lines."""
    items = [cap(p) for p in _parts(ctx)]
    count = _count(ctx)
    if count and not items:
        items.append(cap(count))
    goals = [cap(g) for g in (p.gerund() for p in ctx.goals()) if g]
    facts = [cap(d.rstrip(".")) for d in ctx.differentiators]
    proof = proof_line(ctx)
    orders: list[list[str | None]] = [
        [*items, *goals[:2]],
        [*goals, *items[:1]],
        [*items, proof, *facts[:1]],
        [*items, *facts],
        [*items[:2], proof, *goals[:1]],
    ]
    usable = [fit(b.rstrip("."), 140) for b in dict.fromkeys(x for x in orders[ctx.v] if x) if ctx.ok(b)]
    if len(usable) < 3:
        spare = (*goals, *facts, f"Free, from {ctx.biz(60, 'us')}", "Sent to your inbox in minutes")
        usable += [fit(b, 140) for b in spare if ctx.ok(b) and fit(b, 140) not in usable]
    spares = (f"Free, from {ctx.biz(60, 'us')}", "Sent to your inbox in minutes", "Unsubscribe anytime",
              f"A {ctx.lm_format()} you can keep")  # fmt: skip
    return top_up(usable, spares, 3, ctx.ok)[:6]
