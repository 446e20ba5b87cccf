"""Convert: the entry-point offer page, and an invitation to the first small yes.

The invitation is for the consultation (a call, demo or review) when the profile offers one, and for the
entry-point offer when it does not: no call, demo or length of call is ever invented. Prices are the
profile's own labels; the risk reducer states only what the offer's terms say (one payment, nothing to
renew) or the business's own answers. The core and profit-maximizer offers are banned here (``Ctx``).
"""

from __future__ import annotations

from planner.assets import ConsultationInvite, EntryOffer
from planner.compose._context import Ctx
from planner.compose._moves import (
    answer,
    bullets_of,
    duration,
    its,
    its_body,
    kind_of,
    pain_clause,
    pain_question,
    pain_statement,
    picture,
    proof_line,
    want,
    we_do,
    what_it_is,
    worry,
)
from planner.compose._phrase import cap
from planner.compose._registry import composes
from planner.compose._taking import Taking, duration_label, how_taken
from planner.compose._text import fit, pick, title_ref, top_up, vary
from planner.profile import Billing, Offer, OfferRole

Data = dict[str, object]


def _first_yes(ctx: Ctx) -> Offer | None:
    """What the page sells: the entry-point offer (or, without one, the consultation)."""
    offer = ctx.entry or ctx.consultation
    if offer is not None:
        ctx.note(offer.role)
    return offer


@composes(EntryOffer)
def entry_offer(ctx: Ctx) -> Data:
    offer = _first_yes(ctx)
    if offer is None:  # no small first step on the ladder: the page points to the free thing instead
        return _no_entry(ctx)
    name, price = title_ref(offer.name), offer.price_label()
    priced = f"{name} for {price}" if offer.is_paid else name
    wish = want(ctx)
    # Each with the offer's name: without the price when the whole line would not fit.
    headlines = [
        [f"{q} Start with {o}." for q in [pain_question(ctx)] if q for o in (priced, name)],
        [f"{p} Start with {o}." for p in [picture(ctx)] if p for o in (priced, name)],
        [f"Want {wish}? Start with {o}." for o in (priced, name) if wish and wish.startswith("to ")],
        [f"Try {priced} first"],
        [f"{cap(name)}: {price}" + (f", {length}" if (length := duration(offer.description)) else "")],
    ][ctx.v]
    return {
        "headline": vary(headlines, _offer_lines(offer), ctx.v, 90, ctx.ok) or fit(name, 90),
        "offer_name": fit(offer.name, 80),
        "price": price if offer.is_paid else "Free",
        "body": _body(ctx, offer),
        "bullets": _bullets(ctx, offer),
        "risk_reversal": _reversal(ctx, offer),
        "cta": ctx.voice.end(pick(_ctas(offer), 39, ctx.ok) or "Start here"),
    }


def _body(ctx: Ctx, offer: Offer) -> str:
    """Problem, the offer as the small first step, proof, the top worry answered, what happens next."""
    what = _what(offer)
    once = " for the whole thing" if offer.billing == Billing.one_time else ""
    price = f" It's {offer.price_label()}{once}."
    lead = [pain_statement(ctx), picture(ctx), pain_question(ctx), None, pain_statement(ctx)][ctx.v]
    second = pain_clause(ctx, 1)
    worry_line = _top_worry(ctx, offer)
    proof = proof_line(ctx)
    if proof and worry_line and worry_line.endswith(proof):
        proof = we_do(ctx)  # the worry was answered with the proof: say something else beside it
    paragraphs = [
        " ".join(
            x
            for x in (
                lead,
                f"And when {second}, it's easy to keep putting off." if second and ctx.v == 0 else None,
            )
            if x
        ),
        f"{what}{price if offer.is_paid else ''}",
        worry_line if ctx.v in (0, 3) else proof or we_do(ctx),
        worry_line if ctx.v not in (0, 3) else proof,
        _next(ctx),
        f"{_link_word(ctx)}: {{{{offer_link}}}}",
    ]
    return "\n\n".join(dict.fromkeys(p for p in paragraphs if p))


def _offer_lines(offer: Offer) -> list[str]:
    """Short headline lines about the offer itself, one per variant."""
    name, price = title_ref(offer.name), offer.price_label()
    length = duration(offer.description)
    return [
        f"Start with {name} for {price}" if offer.is_paid else f"Start with {name}",
        f"Try {name}" + (f", {price}" if offer.is_paid else ""),
        f"{cap(name)}: {length}" if length else f"{cap(name)}: {price}",
        f"Your first step: {name}",
        f"{cap(name)}, {price}",
    ]


def _what(offer: Offer) -> str:
    return what_it_is(offer)


def _brief(offer: Offer) -> str:
    return fit(its_body(offer).rstrip("."), 160)


def _also(second: str | None) -> str | None:
    return f"And when {second}, it's easy to keep putting off." if second else None


def _taking(ctx: Ctx, offer: Offer) -> Taking:
    return how_taken(offer, ctx.profile.first_steps)


def _book_line(ctx: Ctx, offer: Offer) -> str:
    taking = _taking(ctx, offer)
    if taking is Taking.booked:
        lead = ("Pick a time that suits you", "Choose a time", "Book here", "Find a time", "Book your place")
        return f"{lead[ctx.v]}: {{{{booking_link}}}}"
    if taking is Taking.started:
        lead = ("Start here", "Get started here", "Start here", "Here's the link", "Get started")
        return f"{lead[ctx.v]}: {{{{offer_link}}}}"
    lead = ("Order here", "Get yours here", "Order yours", "Here it is", "Order here")
    return f"{lead[ctx.v]}: {{{{offer_link}}}}"


def _invite_lead(ctx: Ctx, offer: Offer) -> str | None:
    if ctx.v == 3:
        return _top_worry(ctx, offer)
    return (pain_statement, picture, pain_question, pain_statement, pain_statement)[ctx.v](ctx)


def _top_worry(ctx: Ctx, offer: Offer) -> str | None:
    for objection in ctx.objections():
        reply = answer(ctx, objection, offer)
        if reply:
            return f"{worry(ctx, objection)} {reply}"
    return None


def _next(ctx: Ctx) -> str | None:
    steps = ctx.first_steps
    if not steps:
        return None
    return f"What happens next: {steps[0][0].lower()}{steps[0][1:].rstrip('.')}."


def _link_word(ctx: Ctx) -> str:
    return ["Book here", "Start here", "Here's the link", "See the details", "Get started"][ctx.v]


def _ctas(offer: Offer) -> list[str]:
    name, price = offer.name, offer.price_label()
    if offer.is_paid:
        return [
            f"Get {title_ref(name)} for {price}",
            f"Get {name} for {price}",
            f"Start for {price}",
            "Start here",
        ]
    return [f"Book your {name}", "Book your free spot", "Book here"]


def _bullets(ctx: Ctx, offer: Offer) -> list[str]:
    items = bullets_of(ctx, offer)
    items += [cap(s.rstrip(".")) for s in ctx.first_steps[:2]]
    # The description itself is a spare only: the body says it, and a bullet repeating it word for word
    # would win the repeat check and leave the body's price without the thing it is the price of.
    items += [f"Price: {offer.price_label()}" if offer.is_paid else ""]
    usable = [fit(i, 160) for i in dict.fromkeys(x for x in items if x) if ctx.ok(i)]
    length = duration(offer.description)
    spares = (
        f"About {length}" if length else "",
        "One payment, nothing to renew" if offer.billing == Billing.one_time and offer.is_paid else "",
        cap(_brief(offer)),
        f"One clear price: {offer.price_label()}",
        f"From {ctx.biz(60, 'us')}",
    )
    return top_up(usable, spares, 3, ctx.ok)[:6]


def _reversal(ctx: Ctx, offer: Offer) -> str:
    """Only what is true by the offer's own terms, or the business's own answer to a risk worry — not the
    worry the body already answers (its answer, cut from its quote, would read "That's why…")."""
    answered = next((o for o in ctx.objections() if answer(ctx, o, offer)), None)
    for objection in ctx.objections():
        if objection is answered:
            continue
        if kind_of(objection.raw) in ("cost", "trust", "other"):
            own = ctx.answer_to(objection)
            if own:
                return fit(own, 300)
    if not offer.is_paid:
        return f"{cap(title_ref(offer.name))} is free."
    if offer.billing == Billing.one_time:
        return f"It's one payment of {offer.price_label()}. There's nothing to renew and nothing else to buy."
    return f"It's {offer.price_label()}, and you'll see exactly what's included before you start."


def _no_entry(ctx: Ctx) -> Data:
    lm = ctx.lm_ref()
    return {
        "headline": pick([f"Start with {lm}, free", "Start here, free"], 90, ctx.ok),
        "offer_name": fit(ctx.lm.name if ctx.lm else "Newsletter", 80),
        "price": "Free",
        "body": "\n\n".join(
            x for x in (pain_statement(ctx), its(ctx.lm) if ctx.lm else None, _free_link(ctx)) if x
        ),
        "bullets": [b for b in bullets_of(ctx, ctx.lm) if b][:6] or ["Free", "By email", "Yours to keep"],
        "risk_reversal": "It's free.",
        "cta": "Get it free",
    }


@composes(ConsultationInvite)
def consultation_invite(ctx: Ctx) -> Data:
    """An invitation to the consultation when the profile offers one, else to the entry-point offer."""
    offer = ctx.consultation or ctx.entry
    if offer is None:
        return _no_entry_invite(ctx)
    ctx.note(offer.role)
    name = title_ref(offer.name)
    subjects = [
        pain_question(ctx),
        f"Your first step with {ctx.biz(50, 'us')}: {name}",
        f"Want {want(ctx)}?" if (want(ctx) or "").startswith("to ") else None,
        f"A question before you book {name}" if not offer.is_paid else None,
        offer.name,
    ]
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        _invite_lead(ctx, offer),
        _what(offer) + (f" It's {offer.price_label()}." if offer.is_paid else ""),
        proof_line(ctx),
        _next(ctx) if offer.role is not OfferRole.consultation else None,
        _book_line(ctx, offer),
        ctx.signature(),
    ]
    return {
        "subject": vary([s for s in subjects[ctx.v : ctx.v + 1] if s], _offer_lines(offer), ctx.v, 80, ctx.ok)
        or fit(offer.name, 80),
        "body": "\n\n".join(dict.fromkeys(p for p in paragraphs if p)),
        "what_to_expect": _expect(ctx, offer),
        "duration": fit(duration_label(offer, ctx.profile.first_steps), 30),
        "cta": pick(_invite_ctas(ctx, offer), 40, ctx.ok) or "Book now",
    }


def _invite_ctas(ctx: Ctx, offer: Offer) -> list[str]:
    taking = _taking(ctx, offer)
    if taking is Taking.booked:
        return [f"Book {title_ref(offer.name)}", f"Book {offer.name}", "Book my place", "Book now"]
    if taking is Taking.started:
        return [f"Start {title_ref(offer.name)}", f"Start {offer.name}", "Get started"]
    return [f"Order the {offer.name}", "Order yours"]


def _expect(ctx: Ctx, offer: Offer) -> list[str]:
    # First steps describe what follows a purchase, so they belong to an entry-offer invite, not a call.
    steps = ctx.first_steps if offer.role is not OfferRole.consultation else []
    items = [cap(_brief(offer)), *bullets_of(ctx, offer, extra=0), *(cap(s.rstrip(".")) for s in steps)]
    length = duration(offer.description)
    items.append(f"About {length}" if length else "")
    usable = [fit(i, 160) for i in dict.fromkeys(x for x in items if x) if ctx.ok(i)]
    if len(usable) < 3:
        spare = [
            f"Price: {offer.price_label()}" if offer.is_paid else "Free",
            f"Questions about {title_ref(offer.name)}",
        ]
        usable += [s for s in spare if ctx.ok(s) and s not in usable]
    spares = (f"About {length}" if length else "", f"Price: {offer.price_label()}", "Your questions answered")
    return top_up(usable, spares, 3, ctx.ok)[:5]


def _free_link(ctx: Ctx) -> str:
    """The free thing's link: the lead magnet's download, or the newsletter's sign-up page."""
    return "Get it here: {{download_link}}" if ctx.lm is not None else "Sign up here: {{landing_link}}"


def _no_entry_invite(ctx: Ctx) -> Data:
    lm = ctx.lm_ref()
    body = "\n\n".join(
        x
        for x in (
            f"{ctx.voice.hello} {{{{first_name}}}},",
            its(ctx.lm) if ctx.lm else None,
            _free_link(ctx),
            ctx.signature(),
        )
        if x
    )
    return {
        "subject": fit(f"{cap(lm)}, free", 80),
        "body": body,
        "what_to_expect": ["Free", "Sent by email", "Yours to keep"],
        "duration": "A few minutes",
        "cta": "Get it free",
    }
