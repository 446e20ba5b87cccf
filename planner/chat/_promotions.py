"""Dated promotions in chat: draft one the profile has, or offer to add one it does not — never invent terms.

A promotion (``Profile.promotions``) is not a rung of the offer ladder. To check a draft for it, the checks
see it in place of the rung its stage pitches (Convert's entry-point offer, Ascend's profit maximizer…), so
the stage rules and price checks accept exactly its terms and nothing more.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from planner.assets import asset_model
from planner.campaign import write_draft
from planner.chat._words import words
from planner.compose import PROMOTION_ASSETS as ASSET_FOR
from planner.compose import compose_promotion
from planner.drafts import CheckFn, DraftRecord, Job, Written
from planner.profile import Offer, OfferRole, Profile, Promotion, describe_error, slugify
from planner.rules import Checker
from planner.stages import Stage

PITCHED = {
    "subscribe": OfferRole.lead_magnet,
    "convert": OfferRole.entry_point,
    "ascend": OfferRole.profit_maximizer,
    "promote": OfferRole.referral,
}
HOW_TO_ADD = "add promotion: Holiday sale | 20% off every gift set | 2026-12-01 | 2026-12-24 | convert"


def find(profile: Profile, name: str) -> Promotion | None:
    wanted = " ".join(words(name))
    return next((p for p in profile.promotions if " ".join(words(p.name)) == wanted), None)


def promoted(profile: Profile, promo: Promotion) -> Profile:
    """The profile with ``promo`` in the place of the rung its stage pitches (and nothing else pitched)."""
    role = PITCHED[promo.stage]
    base = next((o for o in profile.offers if promo.offer and o.name.lower() == promo.offer.lower()), None)
    base = base or profile.offer(role)
    price = promo.price if promo.price is not None else (base.price if base else 0.0)
    description = f"{promo.terms}, {promo.dates()}." + (f" {base.description}" if base else "")
    offer = Offer(role=role, name=promo.name, price=price, description=description)
    crowd = {role, OfferRole.consultation} if promo.stage == "convert" else {role}
    offers = [o for o in profile.offers if o.role not in crowd] + [offer]
    return profile.model_copy(update={"offers": offers})


def draft(profile: Profile, promo: Promotion, asked: str | None) -> DraftRecord:
    """The promotion written and checked, as the asset asked for when it can carry one, else the stage's."""
    fits = asked in ASSET_FOR.values() and asset_model(str(asked)).stage == Stage(promo.stage)
    asset = str(asked) if fits else ASSET_FOR[promo.stage]
    checked_as = promoted(profile, promo)
    job = Job(Stage(promo.stage), asset, 1)
    # Written and checked with the promotion on the ladder, so its terms count as the business's own.
    record = write_draft(checked_as, job, [], _Writer(promo), Checker(checked_as))
    return replace(record, id=f"{record.id}.{slugify(promo.name)}")


class _Writer:
    name = "offline composer"
    concurrent = False

    def __init__(self, promo: Promotion) -> None:
        self.promo = promo

    def __call__(self, profile: Profile, job: Job, guidance: Any, check: CheckFn) -> Written:
        asset = compose_promotion(profile, self.promo, job.asset_type)
        return Written(asset, [], {"writer": "offline composer", "promotion": self.promo.name})


def parse(line: str) -> tuple[Promotion | None, str]:
    """``add promotion: name | terms | starts | ends | stage`` → the promotion, or what is wrong with it."""
    _, _, rest = line.partition(":")
    fields = Promotion.fields_from_line(rest or line)
    if len(fields) < 4:
        return None, (
            "I need a name, the terms, a start date and an end date (and, if you like, the stage), separated "
            f"by |, for example:\n\n`{HOW_TO_ADD}`"
        )
    try:
        return Promotion.model_validate(fields), ""
    except ValidationError as exc:
        problems = "; ".join(describe_error(e) for e in exc.errors())
        return None, f"That promotion isn't valid yet: {problems}. For example:\n\n`{HOW_TO_ADD}`"


def with_promotion(profile: Profile, promo: Promotion) -> Profile:
    kept = [p for p in profile.promotions if p.name.lower() != promo.name.lower()]
    return profile.model_copy(update={"promotions": [*kept, promo]})


def unknown(named: str) -> str:
    what = f"a {named} promotion" if named else "that promotion"
    return (
        f"I don't have {what} in your profile, and I won't make up its terms. Tell me what it offers and "
        f"when it runs, like this:\n\n`{HOW_TO_ADD}`\n\n(the stage is who it's for: subscribe, convert, "
        "ascend or promote). I'll add it to your profile and write it from exactly those terms. You can "
        "also add it in the Profile tab under *Dated promotions*."
    )
