"""The eight Customer Value Journey stages, in order, and what each may and may not pitch.

Stage ids are a contract: they appear in every file format and flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.errors import UserError
from planner.profile import OfferRole


class Stage(StrEnum):
    aware = "aware"
    engage = "engage"
    subscribe = "subscribe"
    convert = "convert"
    excite = "excite"
    ascend = "ascend"
    advocate = "advocate"
    promote = "promote"

    @property
    def number(self) -> int:
        return list(Stage).index(self) + 1

    @property
    def info(self) -> StageInfo:
        return STAGE_INFO[self]


@dataclass(frozen=True)
class StageInfo:
    stage: Stage
    title: str
    goal: str
    mindset: str
    may_pitch: tuple[OfferRole, ...]
    never: str
    kpi: str


_FREE = (OfferRole.lead_magnet,)

STAGE_INFO: dict[Stage, StageInfo] = {
    info.stage: info
    for info in (
        StageInfo(
            Stage.aware,
            "Aware",
            "Get a stranger who has the problem to notice you and click.",
            "Has a pain or a wish, does not know you, scrolls past anything that is not about them.",
            _FREE,
            "Pitching the core offer or a profit maximizer to people who have never heard of you.",
            "Reach and click-through rate of first-touch ads and posts",
        ),
        StageInfo(
            Stage.engage,
            "Engage",
            "Earn attention and trust with useful, free content.",
            "Curious and cautious: judging whether you know their world before giving anything.",
            _FREE,
            "Any paid offer or purchase call to action.",
            "Engagement with free content (time on page, saves, replies)",
        ),
        StageInfo(
            Stage.subscribe,
            "Subscribe",
            "Trade something valuable for an email address or other contact details.",
            "Willing to hear more, not ready to pay; guards their inbox.",
            _FREE,
            "Any paid offer or request for payment; forgetting to ask for the email.",
            "Opt-in rate of the lead magnet page",
        ),
        StageInfo(
            Stage.convert,
            "Convert",
            "Win a first small commitment of money or time with the entry-point offer.",
            "Likes what they have seen, wary of a big commitment; wants low risk.",
            (OfferRole.entry_point, OfferRole.consultation, OfferRole.lead_magnet),
            "Pushing the core offer or a profit maximizer before the first small yes.",
            "Entry-point offer conversion rate",
        ),
        StageInfo(
            Stage.excite,
            "Excite",
            "Make the first purchase feel like a great decision: quick wins and help.",
            "Just bought; hopeful and a little anxious about whether it was worth it.",
            (OfferRole.entry_point,),
            "Hard-selling the core offer or profit maximizer; asking for reviews or referrals too early.",
            "Activation: share of new buyers who reach their first quick win",
        ),
        StageInfo(
            Stage.ascend,
            "Ascend",
            "Turn a one-time buyer into a repeat buyer of the core offer and beyond.",
            "Has had a win and trusts you; open to the next step if it is clearly worth it.",
            (OfferRole.core, OfferRole.profit_maximizer),
            "Nothing is off limits, but every offer must be real and priced as in the profile.",
            "Ascension rate: share of buyers who take the core offer or a profit maximizer",
        ),
        StageInfo(
            Stage.advocate,
            "Advocate",
            "Collect honest reviews, testimonials and case studies.",
            "Happy with the results and willing to say so when asked.",
            (),
            "Sales pitches; rewards for (positive) reviews; sending only happy customers to public reviews.",
            "Reviews and testimonials collected per month",
        ),
        StageInfo(
            Stage.promote,
            "Promote",
            "Turn fans into promoters who refer new customers.",
            "A fan who would gladly bring friends, especially with a fair reason to.",
            (OfferRole.referral,),
            "Pitching the core offer or profit maximizer instead of the referral programme.",
            "Referrals sent and referred customers won",
        ),
    )
}


def parse_stage(value: str) -> Stage:
    """Parse a stage id, with an error listing the valid ids."""
    try:
        return Stage(value.strip().lower())
    except ValueError:
        raise UserError(f"unknown stage {value!r} — expected one of {', '.join(Stage)}") from None


def parse_stages(value: str | None) -> list[Stage]:
    """Parse ``a,b`` into stages in journey order; None or empty means all stages."""
    if not value:
        return list(Stage)
    chosen = {parse_stage(part) for part in value.split(",") if part.strip()}
    return [stage for stage in Stage if stage in chosen]
