"""Ascend: an upgrade email for the core offer and a bundle page for the profit maximizer, at exact prices.

The bundle falls back to the core offer when the profile has no profit maximizer. Prices come only from
``Offer.price_label()``; no saving or value amount is ever computed or invented.
"""

from __future__ import annotations

from planner.assets import BundleOffer, UpgradeEmail
from planner.compose._answers import answer, its
from planner.compose._context import Ctx
from planner.compose._person import said, you_form
from planner.compose._registry import composes
from planner.compose._text import cap, clause, fit, pick, sentence, short, split_items, title_ref
from planner.profile import Offer, OfferRole

Data = dict[str, object]


def _since(ctx: Ctx) -> str:
    """What the reader already did with us: the entry offer when there is one."""
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
        return f"since {title_ref(ctx.entry.name)}"
    return "so far"


def _started(ctx: Ctx) -> str:
    """How the reader began with us, for copy that speaks to an existing customer: 'with the Sampler'."""
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
        return f"with {title_ref(ctx.entry.name)}"
    return "with us"


@composes(UpgradeEmail)
def upgrade_email(ctx: Ctx) -> Data:
    core = ctx.profile.core()
    ctx.note(core.role)
    name, price = title_ref(core.name), core.price_label()
    pain, goal, objection = ctx.pain(), ctx.goal(), ctx.objection()
    subjects = [
        f"Don't let the progress fade: {core.name}",
        f"Ready for the next step? {core.name}, {price}",
        "A question about what comes next",
        f"“{said(short(objection, 50))}” Let's talk",
        f"4 reasons to make it a habit with {core.name}",
    ]
    openers = [
        f"Remember this? {sentence(pain)} You've already seen it get better {_since(ctx)}. The trouble is, "
        "one good experience fades if nothing keeps it going.",
        f"Before: {sentence(pain)}\nNow: a first win {_since(ctx)}.\nNext: {sentence(goal)}",
        f"What would it take to keep the progress you've made {_since(ctx)}? For most people, the answer "
        "is a routine they don't have to think about.",
        f"“{said(objection)}” {answer(ctx, objection, 'core')}",
        f"Reasons people make it a habit with {name}:\n1. It keeps the progress going {_since(ctx)}.\n"
        f"2. It's built around {goal}.\n3. The price is simple: {price}.",
    ]
    offer = [
        f"That's what {name} is for. {its(core)} It's {price}.",
        f"The routine that keeps it going: {name}, at {price}. {its(core)}",
        f"That's the idea behind {name}, at {price}. {its(core)}",
        f"{its(core)} It's {price}, and you can see every detail before you decide.",
        f"4. What you get: {clause(core.description)[0].lower()}{clause(core.description)[1:]}.",
    ][ctx.v]
    link = [
        "See the details and join here",
        "Join here",
        "Take a look",
        "Read the details",
        "Everything's here",
    ][ctx.v]
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{openers[ctx.v]}\n\n{offer}\n\n"
        f"{link}: {{{{offer_link}}}}\n\n"
        f"{ctx.signature()}"
    )
    previews = [
        f"Keep the progress going for {price}",
        "Before, now, and what comes next",
        "The answer most people give",
        "A fair question, and a straight answer",
        f"{core.name}, in four reasons",
    ]
    return {
        "subject": pick([subjects[ctx.v], f"{core.name}: the next step"], 80, ctx.ok) or "The next step",
        "preview_text": pick([previews[ctx.v], f"{core.name}, {price}"], 110, ctx.ok) or price,
        "body": body,
        "offer_name": fit(core.name, 80),
        "price": price,
        "cta": ctx.voice.end(
            pick(
                [f"Join {title_ref(core.name)}", f"Join {core.name}", f"Start for {price}", "Count me in"],
                39,
                ctx.ok,
            )
        ),
    }


def _bundle_offer(ctx: Ctx) -> Offer:
    offer = ctx.profile.offer(OfferRole.profit_maximizer) or ctx.profile.core()
    ctx.note(offer.role)
    return offer


@composes(BundleOffer)
def bundle_offer(ctx: Ctx) -> Data:
    offer = _bundle_offer(ctx)
    name, price = title_ref(offer.name), offer.price_label()
    pain, goal = ctx.pain(), ctx.goal()
    includes = [i for i in split_items(offer.description) if ctx.ok(i)]
    if len(includes) < 2:
        includes = [cap(fit(offer.description, 160)), f"One price for all of it: {price}"]
    started = _started(ctx)
    after = f"after {title_ref(ctx.entry.name)}" if ctx.entry is not None else "with us"
    headlines = [
        [
            f"{sentence(short(pain, 45), '?')} Your next step {after}: {name}.",
            f"Your next step {after}: {name}",
            f"{sentence(short(pain, 45), '?')} Meet {name}.",
        ],
        [f"From {short(pain, 30)} to {short(goal, 30)}: {offer.name}"],
        [f"Want the complete version? Meet {name}."],
        [f"Think {short(you_form(ctx.objection()), 40)}? Here's everything in one place."],
        [f"Everything in {name}, at a glance"],
    ]
    bodies = [
        f"{sentence(pain)} You've already made a start. Piecing together the rest bit by bit is slow and "
        f"easy to drop. {cap(name)} brings it together.",
        f"Before: {sentence(pain)}\nNow: a first win {started}.\nNext: {sentence(goal)}\nThe bridge: {name}, "
        "all in one.",
        f"You've had a taste of how we work {started}. What would it look like to have everything in one "
        f"place? That's the idea behind {name}.",
        f"“{said(ctx.objection())}” {ctx.voice.agree} You already know how we work {started}. Here's "
        "exactly what you get, so you can judge for yourself.",
        f"Since you started {started}, here's the next step. This is what {name} includes, and why each "
        f"part is there: every item below points at {fit(goal, 120)}.",
    ]
    tail = [
        f"{its(offer)} It's {price}.",
        f"All of it for {price}.",
        f"{its(offer)} {price} in total.",
        f"The price: {price}, with every item listed above.",
        f"Total: {price}.",
    ][ctx.v]
    link = ["See the details", "Get it here", "Take a look", "Read more", "Details"][ctx.v]
    body = f"{bodies[ctx.v]}\n\n{tail}\n\n{link}: {{{{offer_link}}}}"
    return {
        "headline": pick(
            [
                *headlines[ctx.v],
                [
                    f"{offer.name}, all in one",
                    f"Before and after: {offer.name}",
                    f"Meet {name}",
                    f"Everything in {name}",
                    f"Meet {name}",
                ][ctx.v],
                f"Everything in {name}",
            ],
            90,
            ctx.ok,
        )
        or "Everything in one",
        "offer_name": fit(offer.name, 80),
        "includes": [fit(i, 160) for i in includes[:8]],
        "price": price,
        "body": body,
        "cta": pick(
            [f"Get {title_ref(offer.name)}", f"Get {offer.name}", f"Get it for {price}", "Get it now"],
            40,
            ctx.ok,
        ),
    }
