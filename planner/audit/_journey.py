"""The journey audit: classify a business's existing assets to stages, check each against its stage's rules,
measure coverage per stage and pick the first stage to fix.

Pure domain: the classifier is passed in and nothing here prints or writes. Reading the assets lives in
``planner.audit._inputs``; rendering in ``planner.audit._report``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from planner.assets import assets_for
from planner.audit._inputs import InputAsset
from planner.classify import Prediction
from planner.drafts import Failure
from planner.profile import OfferRole, Profile
from planner.rules import Checker, Draft
from planner.stages import Stage

# The classifier's confidences are calibrated on real published copy (bench/realcopy dev, 634 texts: a
# temperature fitted there). The threshold is the lowest, in steps of 0.01, whose confident predictions are at
# least 92 % right on that set: at 0.69 they were right 92.3 % of the time and covered 78 % of the texts; at
# 0.67, 92.0 % on round 2's 525 texts, but 91.98 % now. Below it we say "unsure" rather than guess (README,
# "The stage classifier"; the table is in the classifier's meta, ``calibration.by_threshold``).
UNSURE_BELOW = 0.69
BATCH = 256  # texts per classifier call: one featurise pass, bounded memory

STRENGTH_RULE = (
    f"Strength counts the assets that are confidently classified (confidence ≥ {UNSURE_BELOW}) and pass "
    "every stage rule: none = no assets, weak = assets but none of those, ok = one, strong = two or more"
)
FIRST_TO_FIX_RULE = (
    "Walk the stages in journey order (aware → convert is the path to the first sale, excite → ascend the "
    "path to the core offer, advocate → promote come after) and fix the earliest stage that is empty (no "
    "assets) or broken (strength weak); an empty stage comes before a broken one only when it is earlier"
)

# The offer on the ladder each stage is built around. Subscribe, Convert and Promote cannot work without
# theirs; Excite onboards whoever bought first and Ascend sells the core offer, which every profile has.
STAGE_OFFER: dict[Stage, OfferRole] = {
    Stage.subscribe: OfferRole.lead_magnet,
    Stage.convert: OfferRole.entry_point,
    Stage.excite: OfferRole.entry_point,
    Stage.ascend: OfferRole.core,
    Stage.promote: OfferRole.referral,
}
NEEDS_OFFER = frozenset({Stage.subscribe, Stage.convert, Stage.promote})
ROLE_WORDS = {
    OfferRole.lead_magnet: "a lead magnet (a free checklist, template or short guide)",
    OfferRole.entry_point: "an entry-point offer (a small, low-risk first purchase)",
    OfferRole.referral: "a referral offer (a fair reward for bringing a friend)",
}


class Predictor(Protocol):
    def predict(self, texts: list[str]) -> list[Prediction]: ...


class Strength(StrEnum):
    none = "none"
    weak = "weak"
    ok = "ok"
    strong = "strong"


@dataclass(frozen=True)
class AssetRow:
    id: str
    url: str | None
    stage: Stage
    confidence: float
    runner_up: Stage
    runner_up_confidence: float
    failures: tuple[Failure, ...]

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def good(self) -> bool:
        """Counts as coverage: confidently this stage and within its rules."""
        return self.passed and not self.unsure

    @property
    def kpi(self) -> str:
        return self.stage.info.kpi


@dataclass(frozen=True)
class Coverage:
    stage: Stage
    assets: int
    good: int
    unsure: int
    breaking: int
    checks: tuple[str, ...]  # the rule ids its assets break, sorted
    offer: str | None  # the ladder's offer this stage is built around, e.g. "First Bath & Tidy ($29)"
    missing_offer: OfferRole | None  # the role this stage needs and the ladder lacks

    @property
    def strength(self) -> Strength:
        return strength_of(self.assets, self.good)

    @property
    def kpi(self) -> str:
        return self.stage.info.kpi


@dataclass(frozen=True)
class Fix:
    stage: Stage
    problem: str  # "empty" or "broken"
    reason: str


@dataclass(frozen=True)
class Audit:
    business: str
    slug: str
    source: str
    rows: tuple[AssetRow, ...]
    coverage: tuple[Coverage, ...]
    fix: Fix | None
    skipped: tuple[str, ...] = ()

    @property
    def gaps(self) -> list[Stage]:
        return [c.stage for c in self.coverage if c.assets == 0]

    @property
    def breaking(self) -> list[AssetRow]:
        return [r for r in self.rows if not r.passed]


def strength_of(assets: int, good: int) -> Strength:
    if assets == 0:
        return Strength.none
    return Strength.strong if good >= 2 else Strength.ok if good == 1 else Strength.weak


def ladder_of(profile: Profile) -> dict[OfferRole, str]:
    """Each offer role on the profile's ladder → ``Name ($price)`` for reasons and tables."""
    return {o.role: f"{o.name} ({o.price_label()})" for o in profile.offers}


# --- building the audit -----------------------------------------------------------------


def audit_assets(
    profile: Profile,
    assets: Sequence[InputAsset],
    classifier: Predictor,
    source: str = "",
    skipped: Sequence[str] = (),
) -> Audit:
    checker = Checker(profile)
    predictions = classify(classifier, [a.text for a in assets])
    rows = tuple(make_row(a, p, checker) for a, p in zip(assets, predictions, strict=True))
    ladder = ladder_of(profile)
    coverage = tuple(stage_coverage(stage, rows, ladder) for stage in Stage)
    fix = first_to_fix(coverage, ladder)
    return Audit(profile.business.name, profile.slug, source, rows, coverage, fix, tuple(skipped))


def classify(classifier: Predictor, texts: list[str]) -> list[Prediction]:
    predictions: list[Prediction] = []
    for start in range(0, len(texts), BATCH):
        predictions += classifier.predict(texts[start : start + BATCH])
    return predictions


def make_row(asset: InputAsset, prediction: Prediction, checker: Checker) -> AssetRow:
    """Check the asset against the rules of the stage it reads as, as ``cvj check`` would with that stage."""
    others = {s: p for s, p in prediction.scores.items() if s != prediction.stage}
    runner_up = max(others, key=lambda s: others[s])
    failures = checker.check(Draft(prediction.stage, asset.text))
    return AssetRow(
        asset.id,
        asset.url,
        prediction.stage,
        prediction.confidence,
        runner_up,
        others[runner_up],
        tuple(failures),
    )


def stage_coverage(stage: Stage, rows: Sequence[AssetRow], ladder: Mapping[OfferRole, str]) -> Coverage:
    mine = [r for r in rows if r.stage == stage]
    role = STAGE_OFFER.get(stage)
    return Coverage(
        stage=stage,
        assets=len(mine),
        good=sum(r.good for r in mine),
        unsure=sum(r.unsure for r in mine),
        breaking=sum(not r.passed for r in mine),
        checks=tuple(sorted({f.check for r in mine for f in r.failures})),
        offer=ladder.get(role) if role else None,
        missing_offer=role if stage in NEEDS_OFFER and role not in ladder else None,
    )


# --- the first stage to fix --------------------------------------------------------------


def first_to_fix(coverage: Sequence[Coverage], ladder: Mapping[OfferRole, str]) -> Fix | None:
    """The earliest stage, in journey order, that is empty or broken; None when every stage is ok.

    Empty: no assets. Broken: assets, but none that is both confidently classified and within the stage's
    rules (they all break them, or the only ones that pass are unsure matches) — strength ``weak``.

    Journey order is the path to the core offer: Aware → Convert lead to the first sale, Excite → Ascend to
    the core offer and profit maximizer, Advocate → Promote come after. A leak early in the path starves
    every stage after it, so an empty stage beats a broken one only when it is earlier, and a broken stage
    beats any later empty one.

    The offer ladder shapes the reason: an empty stage whose offer is on the ladder is a leak (the offer
    exists, nothing leads to it); a stage whose offer role the ladder lacks says to create that offer first.
    """
    ordered = sorted(coverage, key=lambda c: c.stage.number)
    problems = [c for c in ordered if c.strength in (Strength.none, Strength.weak)]
    if not problems:
        return None
    first, later = problems[0], problems[1:]
    parts = [_what(first), _why_first(first), _ladder_sentence(first, ladder), _next_step(first)]
    if later:
        parts.append("Fix later: " + ", ".join(f"{c.stage.value} ({problem_of(c)})" for c in later) + ".")
    return Fix(first.stage, problem_of(first), " ".join(p for p in parts if p))


def problem_of(c: Coverage) -> str:
    return "empty" if c.assets == 0 else "broken"


PHASES = {
    Stage.aware: "on the path to the first sale",
    Stage.engage: "on the path to the first sale",
    Stage.subscribe: "on the path to the first sale",
    Stage.convert: "on the path to the first sale",
    Stage.excite: "on the path to the core offer",
    Stage.ascend: "on the path to the core offer",
    Stage.advocate: "after the core offer",
    Stage.promote: "after the core offer",
}


def _what(c: Coverage) -> str:
    title = f"{c.stage.info.title} (stage {c.stage.number})"
    if c.assets == 0:
        return f"{title} is empty: none of your assets serves it."
    details = []
    if c.breaking:
        details.append(f"{c.breaking} break its rules ({', '.join(c.checks)})")
    if c.assets > c.breaking:  # in a broken stage every asset that passes is an unsure match
        details.append(f"{c.assets - c.breaking} pass but are unsure matches for the stage")
    return (
        f"{title} is broken: {c.assets} asset(s), none a confident fit that passes its rules — "
        f"{'; '.join(details)}."
    )


def _why_first(first: Coverage) -> str:
    if first.stage is Stage.aware:
        return "It is the first stage of the journey: until it works, nothing later is fed."
    return (
        f"It is the earliest empty or broken stage {PHASES[first.stage]} — every stage before it has "
        "a confident asset that passes its rules — and a leak here starves every stage after it."
    )


def _ladder_sentence(c: Coverage, ladder: Mapping[OfferRole, str]) -> str:
    if c.missing_offer is not None:
        role = c.missing_offer.value
        return (
            f"Your offer ladder has no {role} offer: create {ROLE_WORDS[c.missing_offer]} and add it to "
            f"the profile with role: {role} before drafting this stage."
        )
    core = ladder.get(OfferRole.core, "the core offer")
    if c.stage is Stage.excite and OfferRole.entry_point not in ladder:
        return f"Your ladder has no entry_point offer, so Excite welcomes first buyers of {core}."
    if c.stage is Stage.ascend and OfferRole.profit_maximizer not in ladder:
        return f"Nothing working moves buyers on to {core}; your ladder has no profit_maximizer offer to add."
    if c.stage is Stage.ascend:
        return f"Nothing working moves buyers on to {core} or {ladder[OfferRole.profit_maximizer]}."
    if c.offer and c.assets == 0:
        return f"{c.offer} is on your offer ladder but nothing leads to it: the journey leaks here."
    if c.offer:
        return f"This stage carries {c.offer}."
    return ""


def _next_step(c: Coverage) -> str:
    types = [m.asset_type for m in assets_for(c.stage)]
    if c.assets == 0:
        return f"Draft its assets ({', '.join(types)}): `cvj audit … --fill` does it."
    return f"Rewrite its assets to fit the stage's rules, or add a {' or '.join(types)} that does."
