"""Ascend: an upgrade email for the core offer and a bundle page for the profit maximizer, at exact prices.

The reader is a customer: the copy starts from what they already bought, names the next offer with what it
includes and its price label, answers a worry with the business's own answer where it has one, and adds
proof. No saving, value or discount is ever computed or invented. The bundle falls back to the core offer
when the profile has no profit maximizer.
"""

from __future__ import annotations

import re

from planner.assets import BundleOffer, UpgradeEmail
from planner.compose._context import Ctx
from planner.compose._moves import (
    its_body,
    kind_of,
    lower_start,
    offer_parts,
    picture,
    proof_line,
    we_do,
    what_it_is,
    worry,
)
from planner.compose._phrase import cap
from planner.compose._registry import composes
from planner.compose._text import fit, pick, sentence, title_ref
from planner.profile import Offer, OfferRole

Data = dict[str, object]


def _since(ctx: Ctx) -> str:
    """What the reader already did with us: the entry offer when there is one."""
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
        return f"Now that you've tried {title_ref(ctx.entry.name)}"
    return f"Now that you know how {ctx.biz(60, 'we')} work{'s' if ctx.biz(60, 'we') != 'we' else ''}"


def _cost_answer(ctx: Ctx) -> str | None:
    """The business's own answer to a price or commitment worry, with the worry quoted."""
    for objection in ctx.objections():
        if kind_of(objection.raw) in ("cost", "status", "diy"):
            own = ctx.answer_to(objection)
            if own:
                return f"{worry(ctx, objection)} {own}"
    return None


def _includes(ctx: Ctx, offer: Offer) -> list[str]:
    parts = offer_parts(offer.description)
    return [p for p in parts if ctx.ok(p)]


def _described(ctx: Ctx, offer: Offer, parts: list[str]) -> str:
    """What the offer is, in one sentence that names its parts (no bullets repeating them). When the
    description as a whole cannot be said here (a percentage, another offer's price inside it), the parts
    that can are joined instead, so the email still says what the reader gets and not only its price."""
    whole = what_it_is(offer)
    if ctx.ok(whole):
        return whole
    parts = parts or _pieces(ctx, offer)
    if not parts:
        return whole  # the scrub drops it; the email still names the offer and its price
    name, main, rest = cap(title_ref(offer.name)), lower_start(parts[0]), [lower_start(p) for p in parts[1:]]
    extra = "" if not rest else rest[0] if len(rest) == 1 else f"{', '.join(rest[:-1])} and {rest[-1]}"
    return sentence(f"{name} includes {main}" + (f", with {extra}" if extra else ""))


def _pieces(ctx: Ctx, offer: Offer) -> list[str]:
    """The description cut at its colons, semicolons and list commas, asides in brackets left out ("two
    Tune-Ups (normally $89 each)"), keeping the pieces this stage may say."""
    text = re.sub(r"\s*\([^)]*\)", "", its_body(offer))
    pieces = [p.strip(" .") for p in re.split(r":\s+|;\s+|,\s+(?:and\s+)?", text)]
    return [p for p in pieces if len(p.split()) >= 2 and ctx.ok(p)]


@composes(UpgradeEmail)
def upgrade_email(ctx: Ctx) -> Data:
    core = ctx.profile.core()
    ctx.note(core.role)
    name, price = title_ref(core.name), core.price_label()
    parts = _includes(ctx, core)
    described = _described(ctx, core, parts)
    after = picture(ctx, ctx.v, "Picture")
    order = [
        [
            _since(ctx) + f", {name} keeps it going.",
            described,
            f"It's {price}.",
            proof_line(ctx),
        ],
        [after, described + f" It's {price}.", _cost_answer(ctx)],
        [
            _since(ctx) + f", here's the next step: {name}.",
            described,
            f"It's {price}.",
            we_do(ctx),
        ],
        [_cost_answer(ctx), described + f" It's {price}.", proof_line(ctx)],
        [described, f"{price}.", proof_line(ctx), after],
    ][ctx.v]
    link = ["Details and sign-up", "Join here", "Take a look", "Read the details", "Everything's here"]
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        *order,
        f"{link[ctx.v]}: {{{{offer_link}}}}",
        ctx.signature(),
    ]
    subjects = [
        f"Your next step: {title_ref(core.name)}",
        f"{core.name}, {price}",
        f"The next step: {core.name}",
        f"Ready for {core.name}?",
        f"What's in {core.name}",
    ]
    subject = pick([subjects[ctx.v], core.name], 80, ctx.ok) or fit(core.name, 80)
    previews = [fit(parts[0], 110) if parts else "", fit(described, 110), f"{core.name}, {price}"]
    return {
        "subject": subject,
        # The preview line shows beside the subject in the inbox: it says something the subject does not.
        "preview_text": pick([p for p in previews if p and p != subject], 110, ctx.ok) or price,
        "body": "\n\n".join(dict.fromkeys(p for p in paragraphs if p)),
        "offer_name": fit(core.name, 80),
        "price": price,
        "cta": ctx.voice.end(
            pick(
                [f"Join {title_ref(core.name)}", f"Join {core.name}", f"Start for {price}", "Join now"],
                39,
                ctx.ok,
            )
            or "Join"
        ),
    }


def _bundle_offer(ctx: Ctx) -> Offer:
    offer = ctx.profile.offer(OfferRole.profit_maximizer) or ctx.profile.core()
    ctx.note(offer.role)
    return offer


_SEE = ("See the details", "Get it here", "Take a look", "Read more", "Details")


@composes(BundleOffer)
def bundle_offer(ctx: Ctx) -> Data:
    offer = _bundle_offer(ctx)
    name, price = title_ref(offer.name), offer.price_label()
    parts = _includes(ctx, offer)
    if len(parts) < 2:  # its pieces, so the list does not repeat the body's description word for word
        parts = [cap(p) for p in _pieces(ctx, offer)]
    includes = (
        parts if len(parts) >= 2 else [cap(fit(offer.description.rstrip("."), 160)), f"One price: {price}"]
    )
    headlines = [
        f"{cap(name)}: everything in one",
        f"Meet {name}",
        f"{cap(name)}, {price}",
        f"What's in {name}",
        f"{cap(name)}",
    ]
    body = [
        what_it_is(offer),
        f"It's {price}.",
        [proof_line(ctx), _cost_answer(ctx), we_do(ctx), _cost_answer(ctx), proof_line(ctx)][ctx.v],
        f"{_SEE[ctx.v]}: {{{{offer_link}}}}",
    ]
    return {
        "headline": pick([headlines[ctx.v], f"Meet {name}"], 90, ctx.ok) or fit(offer.name, 90),
        "offer_name": fit(offer.name, 80),
        "includes": [fit(i, 160) for i in includes[:8]],
        "price": price,
        "body": "\n\n".join(p for p in body if p),
        "cta": pick(
            [f"Get {title_ref(offer.name)}", f"Get {offer.name}", f"Get it for {price}", "Get it now"],
            40,
            ctx.ok,
        )
        or "Get it now",
    }
