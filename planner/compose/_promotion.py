"""Drafts for a dated promotion (``Profile.promotions``): its name, terms and dates, said plainly, beside the
business's own facts. Nothing else is offered and no term is added: no extra discount, no "limited stock",
no deadline but its real end date.

A promotion is not a rung of the ladder, so it has no asset type of its own; it borrows the page or email of
the stage it serves (Convert → the offer page, Ascend → an email to customers, Promote → the referral email,
Subscribe → the sign-up page) and fills that asset's fields.
"""

from __future__ import annotations

from typing import Any

from planner.assets import Asset, asset_model
from planner.compose._context import _PERCENT, Ctx
from planner.compose._moves import pain_statement, proof_line
from planner.compose._shape import finish
from planner.profile import Profile, Promotion
from planner.stages import Stage

ASSET_FOR = {
    "subscribe": "opt_in_page",
    "convert": "entry_offer",
    "ascend": "upgrade_email",
    "promote": "referral_invite",
}


def compose_promotion(profile: Profile, promo: Promotion, asset_type: str | None = None) -> Asset:
    """The promotion as ``asset_type`` (default: the stage's page or email for it), fitted to its limits."""
    asset_type = asset_type if asset_type in WRITERS else ASSET_FOR[promo.stage]
    ctx = Ctx(profile=profile, stage=Stage(asset_model(asset_type).stage), v=0)
    # The one place a percentage may appear: the promotion's own terms, as the business wrote them.
    ctx.bans = [ban for ban in ctx.bans if ban.pattern != _PERCENT]
    return finish(ctx, asset_model(asset_type), WRITERS[asset_type](ctx, promo))


def _when(promo: Promotion) -> str:
    return f"{promo.name} runs {promo.dates()}: {promo.terms}."


def _price(ctx: Ctx, promo: Promotion) -> str:
    if promo.price is not None:
        return f"{ctx.profile.business.currency}{promo.price:,.2f}".removesuffix(".00")
    return promo.terms if len(promo.terms) <= 30 else promo.name


def _lines(*parts: str | None) -> str:
    return "\n\n".join(p for p in parts if p)


def _facts(ctx: Ctx, promo: Promotion, n: int) -> list[str]:
    """The terms, the dates, then what the business can say about itself (three bullets at least)."""
    own = [*ctx.differentiators, *ctx.proof] or [ctx.description]
    return [_cap(promo.terms), f"From {promo.dates()}", *(_cap(o) for o in own[:n])]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _offer_page(ctx: Ctx, promo: Promotion) -> dict[str, Any]:
    help_line = f"Questions? Reply and {ctx.name} will help."
    return {
        "headline": f"{promo.name}: {promo.terms}",
        "offer_name": promo.name,
        "price": _price(ctx, promo),
        "body": _lines(pain_statement(ctx), _when(promo), proof_line(ctx), "Book here: {{offer_link}}"),
        "bullets": _facts(ctx, promo, 3),
        "risk_reversal": _cap(ctx.first_steps[0]).rstrip(".") + "." if ctx.first_steps else help_line,
        "cta": f"Get the {promo.name} offer",
    }


def _customer_email(ctx: Ctx, promo: Promotion) -> dict[str, Any]:
    hello = f"{ctx.voice.hello} {{{{first_name}}}},"
    thanks = f"{ctx.voice.thanks} for being a customer of {ctx.name}."
    return {
        "subject": f"{promo.name}: {promo.terms}",
        "preview_text": f"For customers, {promo.dates()}.",
        "body": _lines(hello, thanks, _when(promo), "See the details: {{offer_link}}", ctx.signature()),
        "offer_name": promo.name,
        "price": _price(ctx, promo),
        "cta": f"See the {promo.name} offer",
    }


def _referral_email(ctx: Ctx, promo: Promotion) -> dict[str, Any]:
    hello = f"{ctx.voice.hello} {{{{first_name}}}},"
    return {
        "subject": f"{promo.name}: {promo.terms}",
        "body": _lines(hello, _when(promo), "Your link to share: {{referral_link}}", ctx.signature()),
        "incentive": promo.terms,
        "how_it_works": [
            "Share your link with a friend: {{referral_link}}",
            f"They use it between {promo.dates()}",
            f"You both get {promo.terms}" if "you" not in promo.terms.lower() else promo.terms,
        ],
        "cta": "Share your link",
    }


def _signup_page(ctx: Ctx, promo: Promotion) -> dict[str, Any]:
    return {
        "headline": f"{promo.name}: {promo.terms}",
        "subheadline": f"{_when(promo)} Enter your email and we'll send the details.",
        "bullets": _facts(ctx, promo, 2),
        "form_fields": ["Email"],
        "button_text": "Send me the details",
        "privacy_note": f"We only email you about {ctx.name}. Unsubscribe any time.",
    }


WRITERS = {
    "entry_offer": _offer_page,
    "upgrade_email": _customer_email,
    "referral_invite": _referral_email,
    "opt_in_page": _signup_page,
}
