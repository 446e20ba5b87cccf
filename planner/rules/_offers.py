"""Find where copy refers to an offer from the profile — by name, by price, or by paraphrase.

"Sudsy Club Membership" is found as "the Sudsy Club", "our monthly membership" (product noun + billing),
"$89/month" or "eighty-nine dollars a month" (price), and "a full groom every four weeks with a reserved
slot" (three words only its description uses). A premium qualifier before a product noun ("the full
program", "our VIP package") counts as an unnamed core offer or profit maximizer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from planner.profile import Billing, Offer, OfferRole, Profile
from planner.rules._money import find_amounts, same_amount
from planner.rules._text import STOPWORDS, is_negated, stem, tokens

_BILLING_WORDS = {
    Billing.weekly: {"week", "weekly"},
    Billing.monthly: {"month", "monthly", "mo"},
    Billing.quarterly: {"quarter", "quarterly"},
    Billing.yearly: {"year", "yearly", "annual", "annually", "yr"},
}
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_FREE_WORDS = frozenset({"free", "complimentary", "no-cost", "gratis"})


@dataclass(frozen=True)
class Mention:
    offer: Offer | None  # None for an unnamed premium offer ("the full program")
    role: OfferRole
    evidence: str
    start: int  # character span in the text
    end: int

    @property
    def label(self) -> str:
        return f"'{self.offer.name}'" if self.offer else "(unnamed)"


@dataclass(frozen=True)
class Signature:
    offer: Offer
    name: tuple[str, ...]  # stems of the name's content words
    distinctive: frozenset[str]  # name stems no other offer or the business name uses
    strong: frozenset[str]  # distinctive stems that are not everyday words of this business's domain
    others: frozenset[str]  # stems of the other offers' names
    billing: frozenset[str]
    described: frozenset[str]  # description stems no other offer's text uses
    own_words: frozenset[str]  # every content stem of its description


class Token(NamedTuple):  # a NamedTuple, not a dataclass: tokenising is the checker's hot loop
    stem: str
    start: int
    end: int
    sentence: int


def _content(text: str) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and not t.isdigit()]


def signatures(profile: Profile) -> tuple[Signature, ...]:
    business = set(_content(profile.business.name))
    avatar = profile.avatar
    # "climb" in "Unlimited Climbing Membership" is weak evidence for a climbing gym: the domain uses it.
    domain = (
        set(
            _content(
                " ".join(
                    [
                        profile.business.description,
                        avatar.demographics,
                        *avatar.goals_and_values,
                        *avatar.challenges_and_pain_points,
                        *avatar.objections,
                    ]
                )
            )
        )
        | business
    )
    out = []
    for offer in profile.offers:
        others = [o for o in profile.offers if o is not offer]
        other_names = {s for o in others for s in _content(o.name)}
        other_text = other_names | {s for o in others for s in _content(o.description)}
        name = tuple(dict.fromkeys(_content(offer.name)))
        distinctive = frozenset(s for s in name if s not in other_names and s not in business)
        out.append(
            Signature(
                offer=offer,
                name=name,
                distinctive=distinctive,
                strong=frozenset(s for s in distinctive if s not in domain),
                others=frozenset(other_names),
                billing=frozenset(stem(w) for w in _BILLING_WORDS.get(offer.billing, set())),
                described=frozenset(
                    s for s in _content(offer.description) if len(s) >= 4 and s not in other_text
                )
                - set(name),
                own_words=frozenset(s for s in _content(offer.description) if len(s) >= 4),
            )
        )
    return tuple(out)


def tokenize(text: str) -> list[Token]:
    """Stemmed word tokens, each tagged with its sentence so evidence never spans two sentences."""
    lower = text.lower()
    ends = [m.start() for m in _SENTENCE_BREAK.finditer(lower)]
    return [
        Token(stem(m.group(0)), m.start(), m.end(), bisect_right(ends, m.start()))
        for m in _WORD.finditer(lower)
    ]


def find_mentions(
    sigs: tuple[Signature, ...],
    text: str,
    product_nouns: frozenset[str],
    qualifiers: frozenset[str],
    generic_exclusions: frozenset[str],
) -> list[Mention]:
    """Every reference to a profile offer (or an unnamed premium offer) in ``text``."""
    toks = tokenize(text)
    found: list[Mention] = []
    for sig in sigs:
        found.extend(_by_name(sig, toks, text, product_nouns, generic_exclusions))
        found.extend(_by_price(sig, text))
        found.extend(_by_description(sig, toks, text, product_nouns))
    named_spans = [(m.start, m.end) for m in found]
    found.extend(_unnamed_premium(toks, text, product_nouns, qualifiers, generic_exclusions, named_spans))
    return found


def _by_name(
    sig: Signature, toks: list[Token], text: str, nouns: frozenset[str], exclusions: frozenset[str]
) -> list[Mention]:
    """Full or partial name, or a product noun near a distinctive name word or the billing period."""
    out = []
    name = set(sig.name)
    for i, tok in enumerate(toks):
        if tok.stem not in name and tok.stem not in nouns:
            continue
        window = [t for t in toks[max(0, i - 3) : i + len(sig.name) + 3] if t.sentence == tok.sentence]
        wide = [t for t in toks[max(0, i - 5) : i + 6] if t.sentence == tok.sentence]
        if not (_names_offer(sig, tok, window, wide, nouns) or _billed_noun(sig, toks, i, nouns, exclusions)):
            continue
        if _free_or_negated(toks, i, text, tok) and sig.offer.is_paid:
            continue
        start, end = window[0].start, window[-1].end
        out.append(Mention(sig.offer, sig.offer.role, f"'{text[start:end].strip()}'", start, end))
    return _dedupe(out)


def _names_offer(
    sig: Signature, tok: Token, window: list[Token], wide: list[Token], nouns: frozenset[str]
) -> bool:
    name = set(sig.name)
    hits = {t.stem for t in window if t.stem in name}
    if name and hits == name:
        return True  # the full name
    distinctive = hits & sig.distinctive
    if len(distinctive) >= 2 and distinctive & sig.strong:
        return True  # "the Sudsy Club"
    if tok.stem not in nouns:
        return False
    others = hits - {tok.stem}
    if tok.stem in name:
        # "climbing membership": two words of its own name; "coached first-timer session": its own noun
        # with two words from its own description.
        described = {t.stem for t in wide if t.stem in sig.own_words} - {tok.stem}
        return bool(others & sig.distinctive) or len(described) >= 2
    if tok.stem in sig.others:
        return False  # "session" belongs to another offer's name
    return bool(others & sig.strong)  # "our unlimited plan"


def _billed_noun(
    sig: Signature, toks: list[Token], i: int, nouns: frozenset[str], exclusions: frozenset[str]
) -> bool:
    """'monthly plan', 'membership at 69 a month': the billing period right next to a product noun."""
    tok = toks[i]
    if not sig.billing or tok.stem not in nouns or tok.stem in exclusions or tok.stem in sig.others:
        return False
    near = [t for t in toks[max(0, i - 2) : i + 4] if t.sentence == tok.sentence]
    return any(t.stem in sig.billing for t in near)


def _by_price(sig: Signature, text: str) -> list[Mention]:
    if not sig.offer.is_paid:
        return []
    return [
        Mention(sig.offer, sig.offer.role, f"the price '{a.text}'", a.start, a.end)
        for a in find_amounts(text)
        if same_amount(a.value, sig.offer.price)
    ]


def _by_description(sig: Signature, toks: list[Token], text: str, nouns: frozenset[str]) -> list[Mention]:
    """Three words only this offer's description uses, near a product noun in one sentence: a paraphrase."""
    if len(sig.described) < 3:
        return []
    spots = [i for i, t in enumerate(toks) if t.stem in sig.described]
    for n, i in enumerate(spots):
        near = [j for j in spots[n:] if j < i + 12 and toks[j].sentence == toks[i].sentence]
        window = [j for j in range(i, min(i + 12, len(toks))) if toks[j].sentence == toks[i].sentence]
        nouns_here = [j for j in window if toks[j].stem in nouns]
        if len({toks[j].stem for j in near}) < 3 or not nouns_here:
            continue
        if sig.offer.is_paid and _free_or_negated(toks, nouns_here[0], text, toks[i]):
            continue
        start, end = toks[i].start, toks[near[-1]].end
        return [Mention(sig.offer, sig.offer.role, f"described as '{text[start:end].strip()}'", start, end)]
    return []


def _unnamed_premium(
    toks: list[Token],
    text: str,
    nouns: frozenset[str],
    qualifiers: frozenset[str],
    exclusions: frozenset[str],
    taken: list[tuple[int, int]],
) -> list[Mention]:
    out = []
    for i, tok in enumerate(toks):
        if tok.stem not in nouns or tok.stem in exclusions:
            continue
        before = toks[max(0, i - 2) : i]
        if not any(t.stem in qualifiers for t in before):
            continue
        start = before[0].start
        if any(start < e and s < tok.end for s, e in taken) or _free_or_negated(toks, i, text, before[0]):
            continue
        out.append(Mention(None, OfferRole.core, f"'{text[start : tok.end]}'", start, tok.end))
    return out


def _free_or_negated(toks: list[Token], i: int, text: str, anchor: Token) -> bool:
    """'free membership', 'no membership required', 'without a long-term plan' are not pitches."""
    near = toks[max(0, i - 3) : i + 1]
    if any(t.stem in _FREE_WORDS for t in near):
        return True
    return is_negated(text, anchor.start, toks[i].end)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if not any(m.start < o.end and o.start < m.end for o in out):
            out.append(m)
    return out
