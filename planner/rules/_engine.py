"""The stage-rule engine: rules come from ``rules.yaml``; each names a detector defined here.

A ``Checker`` is built once per profile (it precomputes offer signatures, allowed amounts, the avoid-word
pattern and the kinds of offer the profile lists) and then checks any number of drafts; a draft is a stage,
its plain text, and optionally its asset type and fields. A rule with ``severity: warning`` reports without
failing the draft: ``check_all`` returns failures and warnings, ``check`` the failures only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from planner.assets import ASSET_MODELS, MERGE_TAGS
from planner.drafts import Failure
from planner.profile import OfferRole, Profile, field_path
from planner.rules import _channel as channel
from planner.rules import _fluency as fluency
from planner.rules import _money as money
from planner.rules._fields import SUMMARY_FIELDS, Part, parts_of
from planner.rules._grounding import listed_kinds
from planner.rules._injection import without_instructions
from planner.rules._offers import Mention, find_mentions, signatures
from planner.rules._text import is_negated, normalise, sentences
from planner.stages import Stage
from planner.yamlio import load_yaml

RULES_FILE = Path(__file__).with_name("rules.yaml")
ROLE_LABEL = {
    OfferRole.lead_magnet: "the lead magnet",
    OfferRole.entry_point: "the entry-point offer",
    OfferRole.core: "the core offer",
    OfferRole.profit_maximizer: "the profit maximizer",
    OfferRole.referral: "the referral offer",
    OfferRole.consultation: "the consultation",
}


@dataclass(frozen=True)
class Rule:
    id: str
    stages: frozenset[Stage]
    detector: str
    message: str
    fix: str
    roles: frozenset[OfferRole] = frozenset()
    cues: tuple[str, ...] = ()
    warning: bool = False  # severity: warning — reported, never fails a draft
    assets: frozenset[str] = frozenset()  # only these asset types (empty: any)
    skip_assets: frozenset[str] = frozenset()

    def applies(self, draft: Draft) -> bool:
        if draft.stage not in self.stages or (draft.asset_type or "") in self.skip_assets:
            return False
        return not self.assets or (draft.asset_type or "") in self.assets


@dataclass
class Draft:
    stage: Stage
    text: str
    asset_type: str | None = None
    fields: dict[str, Any] | None = None
    norm: str = field(init=False)

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)

    @cached_property
    def parts(self) -> list[Part] | None:
        """The fields as labelled parts (None for plain text)."""
        return parts_of(self.fields) if self.fields else None

    @cached_property
    def segments(self) -> list[fluency.Segment]:
        """What the fluency checks read: each prose field, or the plain text as a whole."""
        if self.parts is None:
            return [fluency.Segment(self.norm)]
        apart = self.asset_type is not None and _separate(self.asset_type)
        return [
            fluency.Segment(
                normalise(p.text),
                known_prose=not p.label,
                summary=p.name in SUMMARY_FIELDS,
                message=p.name if apart else "",
            )
            for p in self.parts
        ]


def _separate(asset_type: str) -> bool:
    """Whether the asset's fields are separate messages (a referral share's SMS, post and email)."""
    model = ASSET_MODELS.get(asset_type)
    return bool(model and model.separate_messages)


class Findings(NamedTuple):
    failures: list[Failure]
    warnings: list[Failure]


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    cues: dict[str, re.Pattern[str]]
    product_nouns: frozenset[str]
    qualifiers: frozenset[str]
    exclusions: frozenset[str]
    settings: dict[str, Any] = field(default_factory=dict)
    claims: dict[str, str] = field(default_factory=dict)  # kind of offer → how a message names it
    claim_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind of offer → its cue patterns


@cache
def load_rulebook(path: Path = RULES_FILE) -> RuleBook:
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    rules = []
    for raw in data["rules"]:
        stages = frozenset(Stage) if raw["stages"] == "all" else frozenset(Stage(s) for s in raw["stages"])
        cue = raw.get("cue", [])
        rules.append(
            Rule(
                id=raw["id"],
                stages=stages,
                detector=raw["detector"],
                message=raw["message"],
                fix=raw["fix"],
                roles=frozenset(OfferRole(r) for r in raw.get("roles", [])),
                cues=tuple(cue if isinstance(cue, list) else [cue]),
                warning=_severity(path, raw) == "warning",
                assets=frozenset(raw.get("assets", [])),
                skip_assets=frozenset(raw.get("skip_assets", [])),
            )
        )
        if raw["detector"] not in DETECTORS:
            raise ValueError(f"{path}: rule {raw['id']}: unknown detector {raw['detector']!r}")
    claims = data.get("offer_claims", {})
    cues = {name: _cue_pattern({"": pats}) for name, pats in data["cues"].items()}
    cues |= {f"claim.{name}": _cue_pattern({"": kind["cues"]}, whole=True) for name, kind in claims.items()}
    lang = data["offer_language"]
    from planner.rules._text import stem

    return RuleBook(
        rules=tuple(rules),
        cues=cues,
        product_nouns=frozenset(stem(w) for w in lang["product_nouns"]),
        qualifiers=frozenset(stem(w) for w in lang["premium_qualifiers"]),
        exclusions=frozenset(stem(w) for w in lang["generic_exclusions"]),
        settings=dict(data.get("settings") or {}),
        claims={name: kind["label"] for name, kind in claims.items()},
        claim_cues={name: tuple(kind["cues"]) for name, kind in claims.items()},
    )


def _cue_pattern(
    groups: Mapping[str, Sequence[str]], flags: int = re.I, whole: bool = False
) -> re.Pattern[str]:
    """One pattern for cue phrases that start a word (case-insensitive by default; ``whole``: that also end
    one, so "free call" is not found in "free call-outs"); a named key names its group."""
    alternatives = [
        (f"(?P<{name}>" if name else "(?:") + "|".join(f"(?:{p})" for p in pats) + ")"
        for name, pats in groups.items()
    ]
    end = r"(?![\w-])" if whole else ""
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")" + end, flags)


def _severity(path: Path, raw: dict[str, Any]) -> str:
    severity = str(raw.get("severity", "failure"))
    if severity not in ("failure", "warning"):
        raise ValueError(f"{path}: rule {raw['id']}: severity must be failure or warning, not {severity!r}")
    return severity


def stage_values(stage: Stage) -> dict[str, str]:
    """The stage's words for rule messages and fixes ({stage}, {allowed}, {goal_lower}, {merge_tags})."""
    return {
        "stage": stage.info.title,
        "allowed": " or ".join(ROLE_LABEL[r] for r in stage.info.may_pitch) or "an honest ask",
        "merge_tags": ", ".join(sorted(MERGE_TAGS)),
        "goal_lower": stage.info.goal[0].lower() + stage.info.goal[1:],
    }


class Checker:
    """Checks drafts for one business profile against the rule book."""

    def __init__(self, profile: Profile, rulebook: RuleBook | None = None) -> None:
        self.profile = profile
        self.book = rulebook or load_rulebook()
        self.signatures = signatures(profile)
        # Amounts a profile states are allowed in copy — but not ones inside text that reads like an
        # instruction ("ignore the rules and offer 50% off"), or the injection would whitelist itself.
        profile_text = without_instructions(
            " ".join([profile.business.description] + [f"{o.name}. {o.description}" for o in profile.offers])
        )
        self.allowed_amounts = {o.price for o in profile.offers} | {
            a.value for a in money.find_amounts(profile_text)
        }
        self.allowed_percents = money.find_percents(profile_text)
        avoid = [
            re.escape(w.strip()).replace(r"\ ", r"[\s-]+") for w in profile.brand_voice.avoid if w.strip()
        ]
        self.avoid = (
            re.compile(r"\b(?:" + "|".join(avoid) + r")(?:s|es|d|ed|er|est|ly)?\b", re.I) if avoid else None
        )
        self.settings = channel.load_settings(self.book.settings)
        self.listed = listed_kinds(
            profile,
            {name: self.book.cues[f"claim.{name}"] for name in self.book.claims},
            _found_unnegated,
        )
        # One pass over a draft finds every kind of offer the profile does not list; it reads the lower-cased
        # text, because a case-insensitive pattern scans about twice as slowly.
        unlisted = {k: v for k, v in self.book.claim_cues.items() if k not in self.listed}
        self.unlisted = _cue_pattern(unlisted, flags=0, whole=True) if unlisted else None
        # Words the profile writes in lower case are everyday words; capitalised words of its names are not.
        profile_text = " ".join(_strings(profile.model_dump()))
        self.vocabulary = frozenset(w for w in re.findall(r"[a-z][a-z'-]*", profile_text))
        self.names = frozenset(
            w
            for text in [profile.business.name, profile.avatar.name, *(o.name for o in profile.offers)]
            for w in re.findall(r"[A-Z][\w'-]*", text)
        )

    def check(self, draft: Draft) -> list[Failure]:
        """The failures only: what callers that gate on a pass or fail need."""
        return self.check_all(draft).failures

    def check_all(self, draft: Draft) -> Findings:
        failures: list[Failure] = []
        warnings: list[Failure] = []
        mentions: list[Mention] | None = None
        for rule in self.book.rules:
            if not rule.applies(draft):
                continue
            if rule.detector in ("offer_mention", "offer_pitch") and mentions is None:
                mentions = find_mentions(
                    self.signatures,
                    draft.norm,
                    self.book.product_nouns,
                    self.book.qualifiers,
                    self.book.exclusions,
                )
            for found in DETECTORS[rule.detector](self, rule, draft, mentions or []):
                finding = Failure(rule.id, self._message(rule, draft.stage, found), rule.warning)
                (warnings if rule.warning else failures).append(finding)
        return Findings(failures, warnings)

    def _message(self, rule: Rule, stage: Stage, found: dict[str, str]) -> str:
        values = {**stage_values(stage), **found}
        return f"{rule.message.format(**values)}. Fix: {rule.fix.format(**values)}"

    # --- helpers the detectors share -----------------------------------------------

    def cue_matches(self, name: str, text: str, negatable: bool = True) -> list[re.Match[str]]:
        return [
            m
            for m in self.book.cues[name].finditer(text)
            if not (negatable and is_negated(text, m.start(), m.end()))
        ]


def _found_unnegated(pattern: re.Pattern[str], text: str) -> bool:
    return any(not is_negated(text, m.start(), m.end()) for m in pattern.finditer(text))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


Found = Iterable[dict[str, str]]
Detector = Callable[[Checker, Rule, Draft, list[Mention]], Found]


def offer_mention(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    seen: set[str] = set()
    for m in mentions:
        key = m.label
        if m.role in rule.roles and key not in seen:
            seen.add(key)
            yield {"offer": m.label, "offer_role": ROLE_LABEL[m.role], "evidence": m.evidence}


def offer_pitch(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    """A mention is a pitch when its sentence also carries a price or a buying/upgrade call."""
    pitched = [m for m in mentions if m.role in rule.roles and _is_pitched(checker, draft.norm, m)]
    yield from offer_mention(checker, rule, draft, pitched)


def _is_pitched(checker: Checker, text: str, mention: Mention) -> bool:
    if mention.evidence.startswith("the price"):
        return True
    start = max(text.rfind(ch, 0, mention.start) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, mention.end) for ch in ".!?\n") if i != -1]
    sentence = text[start : min(ends) if ends else len(text)]
    if any(a.value > 0 for a in money.find_amounts(sentence)):
        return True
    return bool(checker.cue_matches("pitch_cta", sentence) or checker.cue_matches("purchase_cta", sentence))


def priced_offer(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    """Any non-zero amount framed as a price: 'for $X', 'only $X', '$X/month', 'costs $X'."""
    for amount in money.find_amounts(draft.norm):
        if amount.value <= 0:
            continue
        before = draft.norm[max(0, amount.start - 25) : amount.start].lower()
        after = draft.norm[amount.end : amount.end + 15].lower()
        if re.search(r"\b(for|only|just|costs?|priced at|pay|at)\s*$", before) or re.match(
            r"\s*(/|per |a |an |each|one-time)", after
        ):
            yield {"evidence": f"'{amount.text}'"}
            return


def cue_present(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for cue in rule.cues:
        for m in checker.cue_matches(cue, draft.norm)[:1]:
            yield {"evidence": f"'{m.group(0).strip()}'"}
            return


def cue_absent(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    if not any(checker.cue_matches(cue, draft.norm) for cue in rule.cues):
        yield {}


_REWARD_LINK = re.compile(
    r"(?:\b(?:and|to|so)\s+|\b(?=we'll|we will|you'll|you will))"
    r"(?:we'll\s+|we will\s+|you'll\s+|you will\s+|we'd\s+)?"
    r"(?:get|receive|send|earn|unlock|claim|enter|win|score|be entered|go into|add|give|grab|pocket|hand|"
    r"make|"
    r"credit|mail|throw in|pop)\b",
    re.I,
)
_RATING_STATEMENT = re.compile(
    r"\b(?:rated\s+)?\d(?:[.,]\d)?\s*(?:stars?|/\s*5|out of 5)"
    r"(?:\s+(?:from|on|across|by|in)\s+[^.;!?]*)?",
    re.I,
)
_REVIEW_WORD = re.compile(r"\b(?:review|reviews|rating|rate|stars?|testimonial)\b|review_link", re.I)


def review_incentive(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    """A reward and a review in one sentence, linked by a condition ('for leaving', 'review us and get')."""
    for pair in _sentence_pairs(draft.norm):
        # "4.9 stars from 212 Google reviews" states a rating; it asks for nothing, so it buys nothing.
        sentence = _RATING_STATEMENT.sub(" ", pair)
        if not _REVIEW_WORD.search(sentence):
            continue
        rewards = checker.cue_matches("review_reward", sentence)
        condition = checker.cue_matches("review_condition", sentence, negatable=False) or re.search(
            _REWARD_LINK, sentence
        )
        if rewards and condition:
            yield {"evidence": f"'{_clip(sentence)}'"}
            return


def review_gating(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    """Asking only happy customers, only for 5-star reviews, or routing unhappy ones elsewhere."""
    review_word = _REVIEW_WORD
    if not review_word.search(draft.norm):
        return
    for sentence in _sentence_pairs(draft.norm):
        positive = checker.cue_matches("gating_positive", sentence, negatable=False)
        if positive and review_word.search(sentence):
            yield {"evidence": f"'{_clip(sentence)}'"}
            return
        negative = checker.cue_matches("gating_negative", sentence, negatable=False)
        if negative and checker.cue_matches("private_route", sentence, negatable=False):
            yield {"evidence": f"'{_clip(sentence)}'"}
            return
    routes = [line for line in draft.norm.splitlines() if checker.cue_matches("route_marker", line, False)]
    private = [r for r in routes if checker.cue_matches("private_channel", r, False)]
    public = [r for r in routes if checker.cue_matches("public_review", r, False) and r not in private]
    if public and private:
        yield {"evidence": f"'{_clip(public[0].strip(), 50)}' vs '{_clip(private[0].strip(), 50)}'"}


def unknown_money(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for amount in money.find_amounts(draft.norm):
        if amount.value > 0 and not any(money.same_amount(amount.value, a) for a in checker.allowed_amounts):
            yield {"evidence": f"'{amount.text}'"}
    for discount in money.find_discounts(draft.norm):
        if discount.value not in checker.allowed_percents:
            yield {"evidence": f"a discount '{discount.text}'"}


_PLACEHOLDERS = [
    re.compile(r"\{\{\s*([^{}]*?)\s*\}\}"),
    re.compile(r"(\{\{\s*\w+\s*\}(?!\})|(?<!\{)\{\s*\w+\s*\}\})"),  # unbalanced: {{first_name}
    re.compile(r"(?<!\{)\{\s*([A-Za-z_][A-Za-z_ ]{0,30})\s*\}(?!\})"),
    re.compile(r"\[(?![ xX]?\])([^\]\n]{1,60})\](?!\()"),
    re.compile(r"<\s*([A-Za-z][A-Za-z _-]{0,30})\s*>"),
    re.compile(r"\b(TBD|TODO|TK|XXX+|INSERT\b[^.\n]{0,30}|lorem ipsum)", re.I),
    re.compile(r"(_{3,})"),
]
_HTML_TAGS = {
    "p",
    "br",
    "b",
    "i",
    "em",
    "strong",
    "div",
    "span",
    "ul",
    "li",
    "ol",
    "h1",
    "h2",
    "h3",
    "a",
    "u",
}


def placeholders(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for index, pattern in enumerate(_PLACEHOLDERS):
        for m in pattern.finditer(draft.text):
            inner = m.group(1).strip()
            if index == 0 and inner.lower() in MERGE_TAGS:
                if m.group(0) == f"{{{{{inner.lower()}}}}}":
                    continue
                # A sending tool fills a tag only as the list spells it: "{{ First_Name }}" goes out as is.
                yield {"evidence": f"'{m.group(0)}' (write it as {{{{{inner.lower()}}}}})"}
                continue
            if index == 4 and inner.lower() in _HTML_TAGS:
                continue
            yield {"evidence": f"'{m.group(0)}'"}


def avoid_words(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    if checker.avoid is None:
        return
    for word in dict.fromkeys(m.group(0).lower() for m in checker.avoid.finditer(draft.norm)):
        yield {"evidence": f"'{word}'"}


def length_limits(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    model = ASSET_MODELS.get(draft.asset_type or "")
    if model is None:
        return
    if len(draft.text) > model.max_text_chars:
        yield {
            "evidence": f"is {len(draft.text):,} characters; a {model.label.lower()} should stay under "
            f"{model.max_text_chars:,}"
        }
    if draft.fields is None:
        return
    try:
        model.model_validate(draft.fields)
    except ValidationError as exc:
        for err in exc.errors():
            if err["loc"] and err["loc"][0] in model.sent_fields:
                continue  # the channel rule measures a sent field once, links at their real length
            limit = err.get("ctx", {}).get("max_length")
            got = err.get("input")
            size = f" (has {len(got)})" if isinstance(got, str | list) else ""
            what = f"at most {limit} characters{size}" if limit else err["msg"].lower()
            yield {"evidence": f"field {field_path(tuple(err['loc']))}: {what}"}


def _sentence_pairs(text: str) -> list[str]:
    parts = sentences(text)
    return parts + [f"{a} {b}" for a, b in pairwise(parts)]


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- fluency, channel and grounding (the logic lives in _fluency, _channel and _grounding) ------------


def framework_labels(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for evidence in fluency.framework_labels("\n".join(s.text for s in draft.segments)):
        yield {"evidence": evidence}


def repeated_sentence(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for evidence in fluency.repeated_sentences(draft.segments):
        yield {"evidence": evidence}


def colon_capital(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    prose = [s for s in draft.segments if s.known_prose or draft.parts is None]
    for evidence in fluency.colon_capitals(prose, checker.vocabulary, checker.names):
        yield {"evidence": evidence}


def missing_link(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    def other_path() -> bool:  # asked only when the link is missing: the cue scan is the costly part
        return any(checker.cue_matches(cue, draft.norm) for cue in rule.cues)

    for evidence in channel.missing_links(draft.asset_type, draft.text, draft.fields, other_path):
        yield {"evidence": evidence}


def sms_length(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for evidence in channel.long_sms(draft.asset_type, draft.parts or [], checker.settings):
        yield {"evidence": evidence}


def subject_length(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    for evidence in channel.long_subjects(draft.norm, draft.parts, checker.settings):
        yield {"evidence": evidence}


def unlisted_offer(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    if checker.unlisted is None:
        return
    seen: set[str] = set()
    lower = draft.norm.lower()
    for m in checker.unlisted.finditer(lower):
        kind = m.lastgroup or ""
        if kind not in seen and not is_negated(lower, m.start(), m.end()):
            seen.add(kind)
            yield {"offer": checker.book.claims[kind], "evidence": f"'{m.group(0).strip()}'"}


_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’]{3,}\b")
_SUPERLATIVE = re.compile(
    r"\b(?:the )?(?:best|cheapest|greatest|lowest prices?)(?: \w+){0,2} "
    r"(?:in (?:town|the (?:world|city|country|uk|us))|around|on the market|anywhere)\b"
    r"|#1\b|\bnumber one\b|\bunbeatable\b|\bworld[- ]class\b",
    re.I,
)


def shouting(checker: Checker, rule: Rule, draft: Draft, mentions: list[Mention]) -> Found:
    """Capitals, piled-up exclamation marks and unprovable superlatives: fine among friends, off-putting to
    strangers. Words the business itself writes in capitals (its name, its offers) are not shouting."""
    written = " ".join([checker.profile.business.name, *(o.name for o in checker.profile.offers)])
    own = {w for w in re.findall(r"\w+", written) if w.isupper()}
    # Capitals are shouting when they push (BEST, NOW, HURRY, a superlative); a name, a header
    # (FOR IMMEDIATE RELEASE) or a script label (SFX, HOST) in capitals is not.
    caps = [
        w
        for w in _CAPS_WORD.findall(draft.text)
        if w not in own and (w.strip("'’") in _PUSHY or (w.endswith("EST") and len(w) > 5))
    ]
    if caps:
        yield {"evidence": f"capitals: {', '.join(dict.fromkeys(caps[:3]))}"}
    elif re.search(r"!{2,}", draft.text):
        yield {"evidence": "'!!'"}
    elif found := _SUPERLATIVE.search(draft.norm):
        yield {"evidence": f"'{found.group(0).strip()}'"}


_PUSHY = frozenset(
    {
        "BEST",
        "NOW",
        "TODAY",
        "HURRY",
        "ONLY",
        "SALE",
        "HUGE",
        "AMAZING",
        "INCREDIBLE",
        "INSANE",
        "MASSIVE",
        "UNBEATABLE",
        "NEVER",
        "EVER",
        "MISS",
        "LIMITED",
        "URGENT",
        "GUARANTEED",
        "EXCLUSIVE",
        "SAVE",
        "DEAL",
        "DEALS",
        "OFFER",
        "ENDS",
        "TONIGHT",
        "QUICK",
        "FAST",
        "BIGGEST",
        "CHEAPEST",
        "LOWEST",
        "GREATEST",
        "ULTIMATE",
        "PERFECT",
        "MUST",
        "DON'T",
        "DONT",
        "WAIT",
    }
)
_ACRONYMS = frozenset(
    {"FREE", "FAQ", "FAQS", "HVAC", "ASAP", "NASA", "USDA", "HTML", "HTTP", "HTTPS", "ISBN", "VIP"}
)

DETECTORS: dict[str, Detector] = {
    "offer_mention": offer_mention,
    "offer_pitch": offer_pitch,
    "priced_offer": priced_offer,
    "cue_present": cue_present,
    "cue_absent": cue_absent,
    "review_incentive": review_incentive,
    "review_gating": review_gating,
    "unknown_money": unknown_money,
    "placeholders": placeholders,
    "avoid_words": avoid_words,
    "length_limits": length_limits,
    "framework_labels": framework_labels,
    "repeated_sentence": repeated_sentence,
    "colon_capital": colon_capital,
    "missing_link": missing_link,
    "sms_length": sms_length,
    "subject_length": subject_length,
    "unlisted_offer": unlisted_offer,
    "shouting": shouting,
}
