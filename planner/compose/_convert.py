"""Convert: the entry-point offer page and a consultation/demo invite, asking for one small first yes.

The entry-point offer appears with its exact price label; the core and profit-maximizer offers are banned
(``Ctx``). Without an entry-point offer, the small yes is a free call: a time commitment with no price.
"""

from __future__ import annotations

import re

from planner.assets import ConsultationInvite, EntryOffer
from planner.compose._answers import about, answer, its
from planner.compose._context import Ctx
from planner.compose._person import said, you_form
from planner.compose._registry import composes
from planner.compose._text import cap, fit, pick, sentence, short, split_items, title_ref
from planner.profile import Billing

Data = dict[str, object]

_SOFTWARE = re.compile(r"\b(?:app|software|platform|saas|tool|dashboard|api)\b", re.I)


def _call(ctx: Ctx) -> str:
    """A call for a service, a demo for software: the free time commitment when there is no entry offer."""
    text = f"{ctx.description} {ctx.profile.core().description}"
    return "demo" if _SOFTWARE.search(text) else "consultation"


def _duration(ctx: Ctx) -> str:
    """The call length: short enough to say yes to, and the same wherever the draft mentions it."""
    return "20 minutes"


def _offer(ctx: Ctx) -> tuple[str, str, str]:
    """(name as used in a sentence, price label, description sentence) of the first small yes."""
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
        return title_ref(ctx.entry.name), ctx.entry.price_label(), its(ctx.entry)
    call = _call(ctx)
    return (
        f"a free 20-minute {call}",
        "Free",
        f"A one-to-one {call} about your situation, with a clear next step at the end.",
    )


@composes(EntryOffer)
def entry_offer(ctx: Ctx) -> Data:
    name, price, desc = _offer(ctx)
    pain, goal, objection = ctx.pain(), ctx.goal(), ctx.objection()
    display = ctx.entry.name if ctx.entry is not None else cap(name)
    priced = f"{name} for {price}" if ctx.entry is not None else name
    headlines = [
        [
            f"{sentence(pain, '?')} Start with {priced}.",
            f"{sentence(short(pain, 40), '?')} Start with {priced}.",
        ],
        [f"From {short(pain, 30)} to {short(goal, 30)}, starting with {priced}", f"Start with {priced}"],
        [f"Want to see if we're the right fit? Try {priced}.", f"Right fit? Find out with {priced}."],
        [
            f"Think {you_form(objection)}? Try {priced} and see.",
            f"Think {short(you_form(objection), 40)}? Try {priced} and see.",
            f"Think {short(you_form(objection), 40)}? Try {priced}.",
        ],
        [f"3 reasons to start with {priced}", f"Why start with {priced}"],
    ][ctx.v]
    bodies = [
        f"{sentence(pain)}\n\nPlus: {ctx.pain(1)}. It's a lot, and it's easy to keep putting off.\n\n"
        f"That's why your first step with {ctx.name} is small: a low-risk way to see how we work before you "
        f"commit to anything else. {desc}",
        f"Before: {sentence(pain)}\nAfter: {sentence(goal)}\n\nThe bridge is one small step: {name}, for "
        f"{price}. It's the easiest way to try us for the first time, and you'll see the difference for "
        "yourself before deciding anything else.",
        f"What would it take to know, for sure, that we're right for you? Not a promise from us: a first "
        f"experience you can judge for yourself.\n\n{about(ctx)}",
        f"“{said(objection)}”\n\n{answer(ctx, objection, 'entry')}",
        f"Three reasons new customers start with {name}:\n1. It's small and clearly defined.\n2. The price "
        f"is clear up front: {price}.\n3. It's the first step toward {goal}.",
    ]
    cta_options = (
        [f"Get {name} for {price}", f"Get {display} for {price}", f"Start for {price}", "Start here"][
            ctx.v % 2 :
        ]
        if ctx.entry
        else [f"Book your free {_call(ctx)}", "Pick a time"]
    )
    return {
        "headline": pick(headlines, 90, ctx.ok) or f"Start with {priced}",
        "offer_name": fit(display, 80),
        "price": price,
        "body": f"{bodies[ctx.v]}\n\n{_link_line(ctx)}",
        "bullets": _bullets(ctx, price, pain, goal),
        "risk_reversal": _reversal(ctx, price),
        "cta": ctx.voice.end(pick(cta_options, 39, ctx.ok)),
    }


def _link_line(ctx: Ctx) -> str:
    if ctx.entry is None:
        return "Pick a time that suits you: {{booking_link}}"
    line = [
        "Claim yours here",
        "Get started here",
        "Here's the link",
        "See the details and start here",
        "Start here",
    ][ctx.v]
    return f"{ctx.voice.nudge} {line}: {{{{offer_link}}}}"


def _bullets(ctx: Ctx, price: str, pain: str, goal: str) -> list[str]:
    """What the small yes includes, in the variant's framework; at least three usable lines."""
    name = title_ref(ctx.entry.name) if ctx.entry is not None else "the call"
    items = split_items(ctx.entry.description) if ctx.entry is not None else []
    # A description that does not split into parts would only repeat the body, so it is left out.
    items = [i for i in items if len(i.split()) >= 2][:3] if len(items) > 1 else []
    minutes = re.search(r"\b(\d{1,3})[- ]minute", ctx.entry.description) if ctx.entry is not None else None
    if minutes and not any(minutes.group(1) in i for i in items):
        items.append(f"About {minutes.group(1)} minutes of focused, one-to-one time")
    options = [
        [
            *items,
            f"One clear price, up front: {price}" if ctx.entry else "No cost and no obligation",
            "Made for first-timers: try us before you commit to anything else",
        ],
        [f"Where you start: {pain}", f"Where it leads: {goal}", f"Your first step with us: {cap(name)}"],
        [
            f"What it costs: {price if ctx.entry else 'nothing'}",
            "What happens next: you decide, with no pressure either way",
            "What to bring: your questions",
        ],
        [
            "Made for first-timers: one step, then you decide",
            f"A clear price: {price}" if ctx.entry else "",
            "Questions welcome before, during and after",
        ],
        [*items, f"Price: {price}" if ctx.entry else "Free, with no obligation"],
    ][ctx.v]
    spare = [f"A first step toward {goal}", "Time to ask every question you have"]
    usable = [fit(i, 160) for i in options if i and ctx.ok(i)]
    return (usable + [fit(i, 160) for i in spare if ctx.ok(i) and fit(i, 160) not in usable])[
        : max(3, len(usable))
    ]


def _reversal(ctx: Ctx, price: str) -> str:
    if ctx.entry is None:
        return [
            "The call is free and there's nothing to sign. If we're not the right fit, we'll say so.",
            "No cost, no obligation, no follow-up barrage. Just a useful conversation.",
        ][ctx.v % 2]
    if ctx.entry.billing == Billing.one_time:
        return [
            f"It's a one-time {price} to try us for the first time: no contract and no ongoing commitment.",
            f"One payment of {price}, and that's it: a low-risk way to find out whether we're the right fit.",
            f"{price}, once, for your first experience with us. No follow-up pressure and no contract.",
        ][ctx.v % 3]
    return f"It's {price}, and you'll know exactly what's included before you start. Stop whenever you like."


@composes(ConsultationInvite)
def consultation_invite(ctx: Ctx) -> Data:
    call, pain, goal = _call(ctx), ctx.pain(), ctx.goal()
    subjects = [
        f"{sentence(short(pain, 50), '?')} Let's talk",
        f"From {short(pain, 28)} to {short(goal, 28)}",
        f"Quick question about {short(goal, 50)}",
        f"“{said(short(ctx.objection(), 60))}” Let's talk about it",
        f"3 things we'll cover in {_duration(ctx)}",
    ]
    openers = [
        f"{sentence(pain)} If that's where things are, a short {call} is the quickest way to sort out what "
        "to do next.",
        f"Right now: {sentence(pain)} Where you'd like to be: {sentence(goal)} A short {call} is how we "
        "map the way between the two.",
        f"What's the one thing standing between you and {goal}? That's the question we'd start with.",
        f"“{said(ctx.objection())}” {answer(ctx, ctx.objection(), 'entry')}",
        f"In one short {call}, we'll cover three things: where you are, where you want to be, and the first "
        "step between them.",
    ]
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{openers[ctx.v]}\n\n{_next_step(ctx, call)}\n\n"
        f"{_BOOK[ctx.v]}: {{{{booking_link}}}}\n\n{ctx.signature()}"
    )
    expect = _expect(ctx, pain, goal)
    return {
        "subject": pick(
            [
                subjects[ctx.v],
                [
                    f"Where you are, where you want to be: a short {call}",
                    f"A short {call}: where you are and where you're headed",
                ][ctx.v % 2],
                f"A {_duration(ctx).replace(' minutes', '-minute')} {call}?",
            ],
            80,
            ctx.ok,
        ),
        "body": body,
        "what_to_expect": expect,
        "duration": _duration(ctx),
        "cta": pick([f"Book my free {call}", "Pick a time"], 40, ctx.ok),
    }


_BOOK = (
    "Pick a time that suits you",
    "Choose a slot here",
    "Grab a time",
    "Find a time that works",
    "Book here",
)


def _next_step(ctx: Ctx, call: str) -> str:
    name, price, desc = _offer(ctx)
    if ctx.entry is None:
        return desc
    return [
        f"If it suits you, the natural first step afterwards is {name} ({price}). {desc}",
        f"After the {call}, the bridge is usually {name}, at {price}.",
        f"Many people follow the {call} with {name} ({price}), but that's entirely up to you.",
        f"No obligation: {name} ({price}) is there when you're ready.",
        f"Step three might be {name} ({price}). {desc}",
    ][ctx.v]


def _expect(ctx: Ctx, pain: str, goal: str) -> list[str]:
    name, price, _ = _offer(ctx)
    fit_line = f"Whether {name} ({price}) makes sense for you" if ctx.entry else "Whether we're the right fit"
    options = [
        [
            f"A short conversation about where you are now (for many people: {fit(pain, 90)})",
            f"Straight answers to questions like “{said(fit(ctx.objection(1), 100))}”",
            f"A clear next step toward {fit(goal, 110)}",
            fit_line,
        ],
        [
            f"Where you are: {fit(pain, 140)}",
            f"Where you want to be: {fit(goal, 130)}",
            "The first step between the two",
            fit_line,
        ],
        ["Your questions first, ours second", "What's working now, and what isn't", fit_line],
        [
            f"An honest answer to “{said(fit(ctx.objection(), 120))}”",
            "What the first step involves, in plain terms",
            "No pressure and no obligation",
        ],
        ["1. Where you are now", "2. Where you want to be", "3. The first step between them", fit_line],
    ][ctx.v]
    usable = [fit(e, 160) for e in options if ctx.ok(e)]
    spare = [e for e in ("Time for every question you have", "No pressure and no obligation") if ctx.ok(e)]
    return (usable + [e for e in spare if e not in usable])[: max(3, len(usable))][:5]
