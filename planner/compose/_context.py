"""What every stage writer needs for one draft: the profile's usable facts, the voice and the stage's bans.

The bans are built per stage from the stage rules (what it may never pitch or say) plus the brand's avoid
list. Avatar phrases that trip a ban are skipped rather than copied, and ``ok`` lets writers choose among
candidate sentences, so the stage rules hold by construction instead of by after-the-fact editing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.compose._person import you_form
from planner.compose._text import clause, rotate, title_ref, wordset
from planner.compose._voice import Voice, voice_for
from planner.profile import Offer, OfferRole, Profile
from planner.rules import looks_like_instruction, without_instructions
from planner.stages import Stage

VARIANTS = 5

_MONEY = r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars?|bucks|usd|eur|gbp)\b|\b(?:usd|eur|gbp)\s?\d"
_PERCENT = r"\d\s?(?:%|percent)"
# Purchase wording as calls to action: "shop now", "order today", "book your visit" — not the nouns in
# "repair shops take a week" or "client books".
_PURCHASE = (
    r"\b(?:buy\w*|bought|purchas\w*|order(?:s|ed|ing)?\s+(?:now|today|yours|online|your|one|a|the|our)|"
    r"place (?:an|your) order|pre-?order|shop(?:ping)?\s+(?:now|today|the|our|online)|"
    r"add to (?:cart|bag|basket)|cart|checkout|check out|"
    r"book(?:ing|ed)?\s+(?:now|today|online|yours|your|an?)|pricing|prices?|sale|discount\w*|deals?|upgrade\w*)\b"
)
_PAYMENT = r"pay|card|\bpaid\b|\bcost\w*|\bcharge\w*|\bbilling\b|\bbilled\b"
_REVIEW_ASK = (
    r"\b(?:reviews?|testimonials?|ratings?|rate|stars?|refer\w*|recommend\w*|upgrade\w*|tell a friend)\b"
)
_ADVOCATE = (
    r"\b(?:reward\w*|discount\w*|gifts?|prizes?|draw|giveaway|entry|entries|enter|coupons?|vouchers?|"
    r"credits?|free|5-star|five-star|stars?|loved|love it|happy customers?|privately|incentive\w*|points|"
    r"upgrade\w*|buy\w*|order\w*|shop\w*|book now|deals?|sale|pric\w*|save|saving\w*|bundle|package|"
    r"members?hip|only happy)\b|\bif you\b|\bif not\b"
)
# Words that name a paid tier: where an offer is off-limits, these words would paraphrase its name.
_TIER_WORDS = wordset(
    """membership memberships member club package packages bundle bundles plan plans subscription
    subscriptions program programme retainer premium pro suite vip tier mastermind coaching course kit box"""
)
# A paid tier described without its name: "another monthly subscription", "the full program".
_PREMIUM = (
    r"\b(?:weekly|monthly|quarterly|yearly|annual|recurring|full|complete|premium|pro|vip|unlimited|deluxe|"
    r"ultimate|ongoing|lifetime|comprehensive|paid|enterprise|signature)\s+(?:[a-z-]+\s+)?(?:subscriptions?|"
    r"plans?|members?hips?|box(?:es)?|packages?|bundles?|programmes?|programs?|clubs?|course|kit|tier|"
    r"coaching|retainer|pass|suite|license|seats?|contract|masterclass|bootcamp|intensive|retreat)\b"
)
_LEAD_WORDS = wordset("the a an your our my free ultimate complete")
_FORMAT_WORDS = wordset(
    """checklist guide kit quiz template templates ebook e-book webinar course cheat sheet workbook toolkit
    newsletter report playbook planner calculator list tips masterclass video series email challenge
    scorecard audit sampler handbook worksheet"""
)
_PAID = (OfferRole.entry_point, OfferRole.core, OfferRole.profit_maximizer)
_BIG = (OfferRole.core, OfferRole.profit_maximizer)
# Per stage: the offers it must not name, extra banned patterns, and whether any money amount is banned.
_RULES: dict[Stage, tuple[tuple[OfferRole, ...], tuple[str, ...], bool]] = {
    Stage.aware: (_PAID, (_PURCHASE,), True),
    Stage.engage: (_PAID, (_PURCHASE,), True),
    Stage.subscribe: (_PAID, (_PURCHASE, _PAYMENT), True),
    Stage.convert: (_BIG, (r"\bupgrade\w*",), False),
    Stage.excite: (_BIG, (_REVIEW_ASK,), True),
    Stage.ascend: ((), (), False),
    Stage.advocate: (_PAID, (_ADVOCATE,), True),
    Stage.promote: (_BIG, (r"\bupgrade\w*",), False),
}


@dataclass
class Ctx:
    profile: Profile
    stage: Stage
    v: int  # 0-based variant, already wrapped into range(VARIANTS)
    voice: Voice = field(init=False)
    bans: list[re.Pattern[str]] = field(init=False)
    used: set[str] = field(default_factory=set)  # profile facts the draft drew on, for ``sources``

    def __post_init__(self) -> None:
        self.voice = voice_for(self.profile)
        self.bans = _bans(self.profile, self.stage)

    # --- checks ---------------------------------------------------------------------------------------------

    def ok(self, text: str) -> bool:
        return not any(p.search(text) for p in self.bans)

    def offer(self, role: OfferRole) -> Offer | None:
        found = self.profile.offer(role)
        if found is not None and self.ok(found.name) and not self._banned_role(role):
            return found
        return None

    def _banned_role(self, role: OfferRole) -> bool:
        return role in _RULES[self.stage][0]

    @property
    def lm(self) -> Offer | None:
        offer = self.offer(OfferRole.lead_magnet)
        return offer if offer is not None and not offer.is_paid else None

    @property
    def entry(self) -> Offer | None:
        return self.offer(OfferRole.entry_point)

    @property
    def referral(self) -> Offer | None:
        return self.offer(OfferRole.referral)

    @property
    def description(self) -> str:
        """The business description, minus any sentence that reads like an instruction to a model."""
        return without_instructions(self.profile.business.description)

    # --- avatar facts, rotated so each variant leads with a different one ----------------------------------

    def _items(self, items: list[str], key: str) -> list[str]:
        self.used.add("avatar")
        usable = [
            clause(i)
            for i in items
            if self.ok(i) and not re.search(_MONEY, i, re.I) and not looks_like_instruction(i)
        ]
        return rotate(usable, self.v + {"pain": 0, "goal": 1, "objection": 2}[key])

    def pains(self) -> list[str]:
        return [you_form(p) for p in self._items(self.profile.avatar.challenges_and_pain_points, "pain")]

    def goals(self) -> list[str]:
        return [you_form(g) for g in self._items(self.profile.avatar.goals_and_values, "goal")]

    def objections(self) -> list[str]:
        """Objections in the customer's own (first-person) voice, to quote and answer."""
        return self._items(self.profile.avatar.objections, "objection")

    def pain(self, i: int = 0) -> str:
        return _nth(self.pains(), i, _SPARE_PAINS)

    def goal(self, i: int = 0) -> str:
        return _nth(self.goals(), i, _SPARE_GOALS)

    def objection(self, i: int = 0) -> str:
        return _nth(self.objections(), i, _SPARE_OBJECTIONS)

    # --- names ----------------------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        self.used.add("business")
        return self.profile.business.name

    def biz(self, limit: int, fallback: str = "us") -> str:
        """The business name when it fits ``limit`` characters, else a short stand-in."""
        return self.name if len(self.name) <= limit else fallback

    def signature(self, limit: int = 120) -> str:
        name = self.name if self.name.lower().startswith("the ") else f"The {self.name}"
        team = f"{name} team" if len(name) <= limit - 30 else "The team"
        return f"{self.voice.sign_off},\n{team}"

    def lm_ref(self) -> str:
        """How copy names the free thing: the lead magnet, or the newsletter when there is none."""
        if self.lm is not None:
            self.used.add("offer:lead_magnet")
            return title_ref(self.lm.name)
        return "our newsletter" if len(self.name) > 40 else f"the {self.name} newsletter"

    def lm_format(self) -> str:
        if self.lm is None:
            return "newsletter"
        fmt = self.lm.format or self.lm.name.split()[-1]
        return clause(fmt).lower() if len(fmt) <= 30 else "guide"

    def topic(self) -> str:
        """What the free thing is about, from its name: 'The Calm Grooming Checklist' → 'calm grooming'."""
        if self.lm is None:
            return ""
        words = re.findall(r"[\w'’-]+", self.lm.name.split(":")[0])
        while words and (words[0].lower() in _LEAD_WORDS or words[0].lower().endswith(("'s", "’s"))):
            words.pop(0)
        while words and words[-1].lower() in _FORMAT_WORDS:
            words.pop()
        keep = [w if any(c.isupper() for c in w[1:]) else w.lower() for w in words]
        return " ".join(keep) if 1 <= len(keep) <= 4 else ""

    def note(self, role: OfferRole) -> None:
        self.used.add(f"offer:{role.value}")


# Stand-ins when the profile has too few usable phrases (or the stage bans them), so a draft that needs a
# second pain never repeats the first one.
_SPARE_PAINS = ("finding the time to deal with it properly", "not knowing where to start")
_SPARE_GOALS = ("feeling on top of it again", "getting it right the first time")
_SPARE_OBJECTIONS = ("I'm not sure this is for me", "I don't have time for this right now")


def _nth(items: list[str], i: int, spare: tuple[str, ...]) -> str:
    if i < len(items) or len(items) >= 2:
        return items[i % len(items)]
    return spare[max(0, i - len(items)) % len(spare)]


def _bans(profile: Profile, stage: Stage) -> list[re.Pattern[str]]:
    banned_roles, extra, no_money = _RULES[stage]
    patterns = [_phrase(a) for a in profile.brand_voice.avoid]
    patterns += [re.compile(p, re.I) for p in extra]
    patterns.append(re.compile(_PERCENT, re.I))  # percentages only ever come from copied profile text
    if no_money:
        patterns.append(re.compile(_MONEY, re.I))
    # Promote quotes the referral offer word for word, and its terms may name the core offer's tier
    # ("starts the Firm Plan"): there only exact names and prices are off limits, not paraphrase words.
    paraphrase = stage != Stage.promote
    if OfferRole.core in banned_roles and paraphrase:
        patterns.append(re.compile(_PREMIUM, re.I))
    allowed = {w for o in profile.offers if o.role not in banned_roles for w in _words(o.name)}
    for role in banned_roles:
        offer = profile.offer(role)
        if offer is None:
            continue
        patterns.append(_phrase(offer.name))
        if offer.is_paid:
            amount = f"{offer.price:,.2f}".removesuffix(".00")
            patterns.append(re.compile(rf"[$€£]\s?{re.escape(amount)}(?![\d,]*\d)"))
        if paraphrase:
            tiers = (_words(offer.name) & _TIER_WORDS) - allowed - _words(profile.business.name)
            patterns += [re.compile(rf"\b{w}\b", re.I) for w in sorted(tiers)]
    return patterns


def _phrase(text: str) -> re.Pattern[str]:
    """Case-insensitive match at a word start ('cheap' also catches 'cheaper')."""
    words = [re.escape(w) for w in text.lower().split()]
    return re.compile(r"(?<![a-z0-9])" + r"\s+".join(words), re.I)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))
