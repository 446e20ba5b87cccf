"""The values a chain fills a prompt with, as text.

Everything that comes from the profile or the store is data: it is fenced with this call's code (``_fence``),
it only ever goes into the user message, and it is cut to what this stage and asset may use — the offers it
may name (a named allow-list), the guide sections that shape copy (never the KPI or the asset catalogue), and
the facts and profile sentences the stage rules find nothing wrong with, so an Aware prompt never carries the
core offer's name or price. Rules and angles come from ``common/shared.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from planner.assets import MERGE_TAGS, Asset, asset_model
from planner.knowledge import Chunk
from planner.llm._fence import Fence, draw_fence
from planner.llm._fields import field_guide
from planner.llm._prompts import SharedPrompt, load_shared
from planner.profile import Offer, Profile
from planner.rules import ROLE_LABEL, Checker, Draft, load_rulebook, sentences
from planner.stages import Stage

PROMPT_SECTIONS = ("What to offer", "Customer mindset")  # the guide sections that shape a draft
_OTHER_SECTIONS = re.compile(r"kpi|scorecard|typical|never|goal", re.I)  # said elsewhere, or shapes no copy
FACT_SECTIONS = ("fact:proof", "fact:different", "fact:objection", "fact:first-step")
MAX_FACTS, MAX_FACT_CHARS = 6, 700
SECTION_CHARS = 520  # a guide section's opening sentences carry its point; the rest costs ~90 tokens a call
# The rules about what a text says; contact-ask is about what a whole draft lacks, length-limits its size.
_NOT_ABOUT_CONTENT = frozenset({"contact-ask", "length-limits"})

# Which value is which block: the label a model sees on the fence's opening line.
LABELS = {
    "business": "business",
    "brand_voice": "brand voice",
    "avatar": "customer avatar",
    "offers": "allowed offers",
    "focus": "this variant's focus",
    "facts": "business facts",
    "guidance": "stage guide",
    "draft": "current draft",
    "failures": "what the stage checks found",
}


def describe_offer(offer: Offer) -> str:
    label = ROLE_LABEL[offer.role].removeprefix("the ")
    kind = f" ({offer.format})" if offer.format else ""
    return f"{label}: {offer.name}{kind} — {offer.price_label()} — {offer.description}"


def allowed_offers(profile: Profile, model: type[Asset]) -> list[Offer]:
    """The offers this asset may name: those its stage may pitch, and the one it presents (at Advocate, the
    offer the customer used, as context)."""
    presented = model.pitch_offer(profile)
    return [o for o in profile.offers if o.role in model.stage.info.may_pitch or o == presented]


def merge_tag_list(asset_type: str | None) -> str:
    tags = asset_model(asset_type).merge_tags if asset_type else tuple(sorted(MERGE_TAGS))
    return ", ".join(f"{{{{{tag}}}}}" for tag in tags) or "none"


def never_rules(stage: Stage, asset_type: str | None = None, shared: SharedPrompt | None = None) -> str:
    """The stage rules a model must follow here, one "Never …" line each, from ``common/shared.yaml``: only
    rules that apply to this stage (and asset), each said once, with no rule ids or fix texts."""
    shared = shared or load_shared()
    applies = {rule.id for rule in load_rulebook().rules if stage in rule.stages}
    lines = [
        "- " + line.never.strip().replace("{merge_tags}", merge_tag_list(asset_type))
        for line in shared.rules
        if line.rule in applies
        and (line.stages is None or stage.value in line.stages)
        and (line.assets is None or asset_type is None or asset_type in line.assets)
    ]
    return "\n".join(dict.fromkeys(lines))


def guide_sections(guidance: Sequence[Chunk]) -> list[Chunk]:
    """The retrieved guide sections a draft needs: what to offer and the reader's mindset (or, for a guide
    with other headings, the first two that are not its KPI, asset list, ban list or goal)."""
    wanted = [c for name in PROMPT_SECTIONS for c in guidance if c.section.lower() == name.lower()]
    return wanted or [c for c in guidance if not _OTHER_SECTIONS.search(c.section)][:2]


def _opening(text: str) -> str:
    """The section's heading line and as many whole sentences as fit ``SECTION_CHARS``."""
    heading, _, body = text.partition("\n")
    kept: list[str] = []
    for sentence in sentences(body):
        if kept and sum(len(s) + 1 for s in [*kept, sentence]) > SECTION_CHARS:
            break
        kept.append(sentence)
    return f"{heading}\n{' '.join(kept)}" if body else heading


def usable_facts(profile: Profile, stage: Stage, facts: Sequence[Chunk], shown: str) -> list[Chunk]:
    """Retrieved facts in rank order: only optional facts (the business, avatar and offers are given
    whole), none the stage rules object to here, no objection answer ``shown`` already has, within the
    facts budget."""
    kept: list[Chunk] = []
    for chunk in facts:
        answered = any(answer.strip() in shown for answer in chunk.text.split(" — answer: ")[1:])
        if chunk.section not in FACT_SECTIONS or answered or not safe(profile, stage, chunk.text):
            continue
        if len(kept) == MAX_FACTS or sum(len(c.text) for c in [*kept, chunk]) > MAX_FACT_CHARS:
            break
        kept.append(chunk)
    return kept


def safe(profile: Profile, stage: Stage, text: str) -> bool:
    """The stage rules find nothing wrong with this text at this stage (an offer it may not name, a price
    not on the ladder, a purchase or review ask out of place, an avoid word)."""
    return _safe(profile.model_dump_json(), stage, text)


@lru_cache(maxsize=8192)
def _safe(profile_json: str, stage: Stage, text: str) -> bool:
    failures = _checker(profile_json).check(Draft(stage, text))
    return all(f.check in _NOT_ABOUT_CONTENT for f in failures)


@lru_cache(maxsize=32)
def _checker(profile_json: str) -> Checker:
    return Checker(Profile.model_validate_json(profile_json))


def _safe_parts(profile: Profile, stage: Stage, text: str, split: str = "sentences") -> str:
    parts = sentences(text) if split == "sentences" else [p.strip() for p in text.split(",")]
    joiner = " " if split == "sentences" else ", "
    return joiner.join(p for p in parts if p and safe(profile, stage, p))


# After someone asks for a review or a referral, a buying objection is beside the point.
_NO_OBJECTION = (Stage.advocate, Stage.promote)


def focus(profile: Profile, stage: Stage, variant: int) -> str:
    """The pain, goal and objection this variant leads with (a different one per variant), in the reader's
    own words, and the business's own answer to that objection when the profile gives one."""
    avatar = profile.avatar

    def pick(items: list[str]) -> str:
        usable = [i for i in items if safe(profile, stage, i)] or ["(none given)"]
        return usable[(variant - 1) % len(usable)]

    lines = [
        f"Pain, in their words: {pick(avatar.challenges_and_pain_points)}",
        f"What they want: {pick(avatar.goals_and_values)}",
    ]
    if stage not in _NO_OBJECTION:
        objection = pick(avatar.objections)
        lines.append(f"Objection to answer: {objection}")
        answer = own_answer(profile, objection)
        if answer and safe(profile, stage, answer):
            lines.append(f"The business's answer to it: {answer}")
    return "\n".join(lines)


def own_answer(profile: Profile, objection: str) -> str | None:
    """The profile's answer to this objection, or to one worded closely enough (half the words shared)."""
    wanted = set(re.findall(r"[a-z']+", objection.lower()))
    best, score = None, 0.0
    for pair in profile.objection_answers:
        got = set(re.findall(r"[a-z']+", pair.objection.lower()))
        overlap = len(wanted & got) / max(1, len(wanted | got))
        if overlap > score:
            best, score = pair.answer, overlap
    return best if score >= 0.5 else None


def business_block(profile: Profile, stage: Stage) -> str:
    b = profile.business
    lines = [
        f"Name: {b.name}",
        f"What it is: {_safe_parts(profile, stage, b.description)}",
        f"Website: {b.website}" if b.website else "",
        f"Location: {b.location}" if b.location else "",
        f"Serves: {b.service_area}" if b.service_area else "",
        f"Review sites: {', '.join(b.review_sites)}" if b.review_sites and stage is Stage.advocate else "",
    ]
    return "\n".join(line for line in lines if line)


def avatar_block(profile: Profile, stage: Stage) -> str:
    a = profile.avatar

    def listed(items: list[str]) -> str:
        return "; ".join(i for i in items if safe(profile, stage, i)) or "(none given)"

    lines = [
        f"Who: {a.name} — {_safe_parts(profile, stage, a.demographics, 'clauses')}",
        f"Goals: {listed(a.goals_and_values)}",
        f"Pains: {listed(a.challenges_and_pain_points)}",
        f"Objections: {listed(a.objections)}",
    ]
    if stage in (Stage.convert, Stage.ascend):  # who decides and pays matters when asking for money
        lines.insert(1, f"Role in the purchase: {_safe_parts(profile, stage, a.role_in_purchase)}")
    if stage in (Stage.aware, Stage.engage):  # where strangers can be reached: only first-touch copy needs it
        lines.append(f"Where they look: {listed(a.sources_of_information)}")
    return "\n".join(lines)


def offers_block(profile: Profile, model: type[Asset]) -> str:
    """The allow-list. An offer the stage may not pitch (what a customer used, at Advocate) is listed by name
    only: no price or description to be tempted by."""
    offers = allowed_offers(profile, model)
    if not offers:
        return "(none: this asset names no offer and states no price)"
    may_pitch = model.stage.info.may_pitch
    return "\n".join(
        f"- {describe_offer(o)}" if o.role in may_pitch else f"- what they used (name only): {o.name}"
        for o in offers
    )


def brand_voice_block(profile: Profile) -> str:
    voice = profile.brand_voice
    return f"Tone: {', '.join(voice.tone)}\nAvoid: {', '.join(voice.avoid) or '(nothing listed)'}"


def fenced(data: dict[str, str]) -> tuple[Fence, dict[str, str]]:
    """One fence drawn over all the data, and every value wrapped in its own labelled block."""
    fence = draw_fence(data.values())
    return fence, {key: fence.wrap(LABELS.get(key, key), text) for key, text in data.items()}


def prompt_values(
    profile: Profile,
    stage: Stage,
    asset_type: str,
    variant: int,
    guidance: Sequence[Chunk],
    facts: Sequence[Chunk],
    shared: SharedPrompt | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """Every value an asset prompt can use (a prompt declares the subset it uses). ``extra`` is more data to
    fence with the same code (a refine's draft and its failures)."""
    shared = shared or load_shared()
    model = asset_model(asset_type)
    presented = model.pitch_offer(profile)
    angles = shared.angles_for(stage.value)
    fence, data = fenced(
        {
            "business": business_block(profile, stage),
            "brand_voice": brand_voice_block(profile),
            "avatar": avatar_block(profile, stage),
            "offers": offers_block(profile, model),
            "focus": focus(profile, stage, variant),
            "facts": "\n".join(f"- {c.text}" for c in facts) or "(none)",
            "guidance": "\n\n".join(_opening(c.text) for c in guidance),
            **(extra or {}),
        }
    )
    return {
        **data,
        "fence": fence.code,
        "may_pitch": data["offers"],  # the names earlier prompt files used (an old folder still loads)
        "profile_facts": data["facts"],
        "pitch_offer": ROLE_LABEL[presented.role] if presented else "none",
        "stage": f"{stage.info.title} (stage {stage.number} of 8)",
        "stage_goal": stage.info.goal,
        "mindset": stage.info.mindset,
        "never": never_rules(stage, asset_type, shared),
        "asset_label": model.label,
        "asset_fields": field_guide(model),
        "variant": str(variant),
        "angle": angles[(variant - 1) % len(angles)],
        "merge_tags": merge_tag_list(asset_type),
    }
