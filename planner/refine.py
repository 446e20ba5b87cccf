"""Refine a draft ("shorter", "more playful", "for LinkedIn") keeping its asset type, then re-check it.

With a model, any instruction goes to the ``common/refine`` prompt. Offline, the composer does a useful
subset deterministically: shorter, longer, another variant, or a tone from the profile's own list.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from planner.assets import Asset, asset_model
from planner.campaign import write_draft
from planner.compose import VARIANTS, Ctx, OfflineWriter, compose, finish
from planner.drafts import CheckFn, DraftRecord, Job, Writer, Written
from planner.errors import UserError
from planner.profile import BrandVoice, Profile
from planner.rules import Checker

_SHORTER = re.compile(r"\b(short|shorter|shorten|trim|tighter|concise|brief|cut|less)\b", re.I)
_LONGER = re.compile(r"\b(long|longer|expand|more detail|elaborate|fuller|add more)\b", re.I)
_ANOTHER = re.compile(
    r"\b(another|different|new|other|alternative|fresh)\b.*\b(variant|version|take|angle|draft|one)\b|\bvariant\b|\bagain\b|\bretry\b",
    re.I,
)


@dataclass(frozen=True)
class Refinement:
    kind: str  # shorter | longer | variant | tone
    tone: str | None = None


def offline_refinement(instruction: str, profile: Profile) -> Refinement:
    """What the offline composer can do with this instruction, or a UserError saying what it understands."""
    for tone in profile.brand_voice.tone:
        if re.search(rf"\b{re.escape(tone.lower())}\b", instruction.lower()):
            return Refinement("tone", tone)
    if _SHORTER.search(instruction):
        return Refinement("shorter")
    if _LONGER.search(instruction):
        return Refinement("longer")
    if _ANOTHER.search(instruction):
        return Refinement("variant")
    tones = ", ".join(profile.brand_voice.tone)
    raise UserError(
        f"offline refine understands 'shorter', 'longer', 'another variant' or a tone from the profile "
        f"({tones}); for free-form instructions like {instruction!r}, use --model openai:<model>"
    )


def refine(profile: Profile, draft: DraftRecord, instruction: str, writer: Writer) -> DraftRecord:
    """A new draft of the same asset type, checked; its id is the old one plus the instruction's hash."""
    if not draft.fields:
        raise UserError(f"draft {draft.id} has no fields to refine (its generation failed) — draft it again")
    job = Job(draft.stage, draft.asset_type, draft.variant)
    current = asset_model(draft.asset_type).model_validate(draft.fields)
    refiner = (
        _OfflineRefiner(current, instruction)
        if isinstance(writer, OfflineWriter)
        else _ModelRefiner(writer, current, instruction)
    )
    record = write_draft(profile, job, [], refiner, Checker(profile))
    suffix = hashlib.sha256(instruction.encode()).hexdigest()[:6]
    meta = {**record.meta, "refined_from": draft.id, "instruction": instruction}
    return DraftRecord(
        **{**record.__dict__, "id": f"{draft.id}.r{suffix}", "meta": meta, "sources": draft.sources}
    )


class _OfflineRefiner:
    name = "offline"
    concurrent = False

    def __init__(self, current: Asset, instruction: str) -> None:
        self.current, self.instruction = current, instruction

    def __call__(self, profile: Profile, job: Job, guidance: Any, check: CheckFn) -> Written:
        how = offline_refinement(self.instruction, profile)
        model = type(self.current)
        ctx = Ctx(profile=profile, stage=job.stage, v=(job.variant - 1) % VARIANTS)
        if how.kind == "variant":
            asset = compose(profile, job.asset_type, job.variant % 5 + 1).asset
        elif how.kind == "tone":
            assert how.tone is not None
            tones = [how.tone, *(t for t in profile.brand_voice.tone if t != how.tone)]
            voiced = profile.model_copy(
                update={"brand_voice": BrandVoice(tone=tones, avoid=profile.brand_voice.avoid)}
            )
            asset = compose(voiced, job.asset_type, job.variant).asset
        elif how.kind == "shorter":
            asset = finish(ctx, model, _shorter(self.current.model_dump()))
        else:
            other = compose(profile, job.asset_type, job.variant % 5 + 1).asset
            asset = finish(ctx, model, _longer(self.current.model_dump(), other.model_dump()))
        return Written(asset, [], {"writer": "offline composer", "refinement": how.kind})


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _shorter(fields: dict[str, Any]) -> dict[str, Any]:
    """Keep about half of every multi-sentence text and drop list items past the first few."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            parts = _sentences(value)
            out[name] = " ".join(parts[: max(1, (len(parts) + 1) // 2)]) if len(parts) > 1 else value
        elif isinstance(value, list) and value and not isinstance(value[0], dict):
            out[name] = value[: max(3, len(value) // 2)] if len(value) > 3 else value
        else:
            out[name] = value
    return out


def _longer(fields: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Add the other variant's sentences to long texts and its extra items to lists (limits are fit later)."""
    out = dict(fields)
    for name, value in fields.items():
        extra = other.get(name)
        if isinstance(value, str) and isinstance(extra, str) and len(value) > 80 and extra not in value:
            out[name] = f"{value} {' '.join(_sentences(extra)[:2])}"
        elif isinstance(value, list) and isinstance(extra, list):
            out[name] = value + [item for item in extra if item not in value]
    return out


class _ModelRefiner:
    def __init__(self, writer: Writer, current: Asset, instruction: str) -> None:
        self.writer, self.current, self.instruction = writer, current, instruction
        self.name, self.concurrent = writer.name, False

    def __call__(self, profile: Profile, job: Job, guidance: Any, check: CheckFn) -> Written:
        refine_with = getattr(self.writer, "refine", None)
        if refine_with is None:
            raise UserError(f"the {self.writer.name} writer cannot refine drafts")
        result: Written = refine_with(profile, job, self.current, self.instruction, check)
        return result
