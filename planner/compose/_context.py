"""What every stage writer needs for one draft: the profile's usable facts, the voice and the stage's bans.

The bans are built per stage from the stage rules (what it may never pitch or say) plus the brand's avoid
list. Avatar phrases that trip a ban are skipped rather than copied, and ``ok`` lets writers choose among
candidate sentences, so the stage rules hold by construction instead of by after-the-fact editing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.compose._grammar import analyse
from planner.compose._phrase import Phrase, tidy
from planner.compose._text import clause, rotate, sentence, title_ref, wordset
from planner.compose._voice import Voice, voice_for
from planner.profile import ObjectionAnswer, Offer, OfferRole, Profile
from planner.rules import Checker, Draft, looks_like_instruction, without_instructions
from planner.stages import Stage

VARIANTS = 5
Render = Callable[[Phrase], "str | None"]

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
    spent: set[str] = field(default_factory=set)  # avatar phrases this draft has already used
    key: str = field(init=False, repr=False)
    _rules: Checker | None = field(default=None, init=False, repr=False)
    _lists: dict[str, list[Phrase]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.key = self.profile.fingerprint()
        self.voice = voice_for(self.profile)
        self.bans = _bans(self.profile, self.stage)
        prepare(self.profile)

    # --- checks ---------------------------------------------------------------------------------------------

    def ok(self, text: str) -> bool:
        """Safe to say at this stage: no ban matches and the stage rules find no offer, price or ask in it
        that the stage forbids (the rules also catch paraphrases, "the sampler" for the sampler offer)."""
        key = (self.key, self.stage, text)
        verdict = _SAFE.get(key)
        if verdict is None:
            if len(_SAFE) > 50_000:
                _SAFE.clear()
            banned = any(p.search(text) for p in self.bans)
            found = [] if banned else self._checker().check(Draft(self.stage, text))
            verdict = _SAFE[key] = not banned and not any(f.check in _OFFER_RULES for f in found)
        return verdict

    def _checker(self) -> Checker:
        if self._rules is None:
            self._rules = _checker_for(self.profile)
        return self._rules

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

    # --- avatar phrases, rotated so each variant leads with a different one -----------------------------

    def _phrases(self, items: list[str], key: str) -> list[Phrase]:
        """Usable phrases: not banned at this stage, no money, nothing that reads like an instruction."""
        self.used.add("avatar")
        if key not in self._lists:
            usable = [
                Phrase(i)
                for i in items
                if self.ok(i) and not re.search(_MONEY, i, re.I) and not looks_like_instruction(i)
            ]
            self._lists[key] = rotate(usable, self.v + {"pain": 0, "goal": 1, "objection": 2}[key])
        return list(self._lists[key])

    def pains(self) -> list[Phrase]:
        return self._phrases(self.profile.avatar.challenges_and_pain_points, "pain")

    def goals(self) -> list[Phrase]:
        return self._phrases(self.profile.avatar.goals_and_values, "goal")

    def objections(self) -> list[Phrase]:
        return self._phrases(self.profile.avatar.objections, "objection")

    def pick_phrase(self, phrases: list[Phrase], render: Render, start: int = 0) -> str | None:
        """The first phrase (from ``start``, wrapping) that renders in the wanted form and that this draft
        has not used yet; None if none does. A draft never says the same pain twice."""
        for phrase in rotate(phrases, start):
            if self.is_spent(phrase):
                continue
            out = render(phrase)
            if out and self.ok(out):
                self.spend(phrase)
                return out
        return None

    # A phrase is spent by its words, not its punctuation: profiles often list one worry as a pain ("i never
    # get a fixed quote.") and an objection ("i never get a fixed quote!").
    def spend(self, phrase: Phrase) -> None:
        self.spent.add(_words_key(phrase.raw))

    def is_spent(self, phrase: Phrase) -> bool:
        return _words_key(phrase.raw) in self.spent

    # --- business facts: used when present, and the copy is shorter when they are not --------------------

    def facts(self, items: list[str], key: str) -> list[str]:
        usable = [" ".join(i.split()) for i in items if self.ok(i) and not looks_like_instruction(i)]
        if usable:
            self.used.add(key)
        return rotate(usable, self.v)

    @property
    def proof(self) -> list[str]:
        return self.facts(self.profile.proof, "facts")

    @property
    def differentiators(self) -> list[str]:
        return self.facts(self.profile.differentiators, "facts")

    @property
    def first_steps(self) -> list[str]:
        return [s for s in self.profile.first_steps if self.ok(s) and not looks_like_instruction(s)]

    def _own_answer(self, objection: Phrase) -> ObjectionAnswer | None:
        wanted = _tokens(objection.raw)
        best, score = None, 0.0
        for pair in self.profile.objection_answers:
            got = _tokens(pair.objection)
            overlap = len(wanted & got) / max(1, len(wanted | got))
            if overlap > score:
                best, score = pair, overlap
        return best if best is not None and score >= 0.5 and best.answer.strip() else None

    def has_answer(self, objection: Phrase) -> bool:
        return self._own_answer(objection) is not None

    def answer_to(self, objection: Phrase) -> str | None:
        """The business's own answer to this objection (or to one close to it), if the profile gives one and
        this stage may say it (an answer that names the paid offer is held back at Engage)."""
        best = self._own_answer(objection)
        if best is None or not self.ok(best.answer) or looks_like_instruction(best.answer):
            return None
        self.used.add("facts")
        return " ".join(best.answer.split())

    @property
    def location(self) -> str:
        return self.profile.business.location or ""

    @property
    def consultation(self) -> Offer | None:
        return self.offer(OfferRole.consultation)

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


# The rules whose findings a single sentence can trigger on its own (not "asks for no email", a whole-draft
# property): a candidate sentence that trips one is never used at this stage.
_OFFER_RULES = frozenset({"premium-offer", "paid-offer", "purchase-cta", "payment-ask", "early-asks",
                          "sales-pitch", "review-incentive", "review-gating", "known-prices"})  # fmt: skip
_CHECKERS: dict[str, Checker] = {}
_SAFE: dict[tuple[str, Stage, str], bool] = {}  # sentence verdicts, shared by a campaign's drafts


def _checker_for(profile: Profile) -> Checker:
    """One rule checker per profile object (building one precomputes offer signatures)."""
    key = profile.fingerprint()
    if key not in _CHECKERS:
        if len(_CHECKERS) > 64:
            _CHECKERS.clear()
        _CHECKERS[key] = Checker(profile)
    return _CHECKERS[key]


_PREPARED: set[str] = set()


def prepare(profile: Profile) -> None:
    """Parse every phrase of the profile in one batch (one tagger pass, one cache write)."""
    if profile.fingerprint() in _PREPARED:
        return
    a, b = profile.avatar, profile.business
    texts = [*a.goals_and_values, *a.challenges_and_pain_points, *a.objections, *profile.differentiators]
    texts += [*profile.proof, *profile.first_steps, b.description]
    texts += [o.description for o in profile.offers]
    analyse(
        [tidy(t) for t in texts]
        + [sentence(clause(o.description)) for o in profile.offers]
        + [clause(b.description), sentence(clause(without_instructions(b.description)))]
    )
    if len(_PREPARED) > 1000:
        _PREPARED.clear()
    _PREPARED.add(profile.fingerprint())


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2}


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


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
