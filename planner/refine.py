"""Refine a draft ("shorter", "more playful", "for LinkedIn") keeping its asset type, then re-check it.

With a model, any instruction goes to the ``common/refine`` prompt. Offline, the composer does a useful
subset deterministically: shorter (keeping every link, the call to action, the offer's name and price),
longer (adding the business's own facts), another variant not shown yet, or a tone from the profile.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from planner.assets import Asset, asset_model
from planner.campaign import write_draft
from planner.compose import VARIANTS, Ctx, OfflineWriter, compose, finish, longer, reregister, shorter
from planner.drafts import CheckFn, DraftRecord, Job, Writer, Written
from planner.errors import CannotRefine, UserError
from planner.profile import BrandVoice, Profile
from planner.rules import Checker

_SHORTER = re.compile(r"\b(short|shorter|shorten|trim|tighter|concise|brief|cut|less)\b", re.I)
_LONGER = re.compile(r"\b(long|longer|expand|more detail|elaborate|fuller|add more)\b", re.I)
_ANOTHER = re.compile(
    r"\b(another|different|new|other|alternative|fresh)\b.*\b(variant|version|take|angle|draft|one)\b"
    r"|\bvariant\b|\bagain\b|\bretry\b",
    re.I,
)


@dataclass(frozen=True)
class Refinement:
    kind: str  # shorter | longer | variant | tone
    tone: str | None = None  # a tone word the voice table knows: the profile's own, or one of TONE_VOICES
    register: str | None = None  # formal | casual


# Tones people ask for in chat → the voice that carries them, and whether the wording gets more formal or
# more casual too. "more urgent" is a bolder voice, never a countdown (cold audiences are never pressured).
TONE_VOICES: dict[str, tuple[str, str | None]] = {
    "friendlier": ("warm", "casual"),
    "more fun": ("playful", "casual"),
    "more formal": ("professional", "formal"),
    "more casual": ("plain-spoken", "casual"),
    "more urgent": ("bold", None),
    "calmer": ("reassuring", None),
    "simpler": ("plain-spoken", None),
}


def tone_refinement(tone: str) -> Refinement:
    """A chat tone ("friendlier") or a tone word from the profile ("reassuring") as a refinement."""
    voice, register = TONE_VOICES.get(tone, (tone, None))
    return Refinement("tone", voice, register)


def understood(profile: Profile) -> str:
    tones = ", ".join(profile.brand_voice.tone)
    asks = ", ".join(f"'{t}'" for t in TONE_VOICES)
    return f"'shorter', 'longer', 'another variant', {asks}, or a tone from the profile ({tones})"


def offline_refinement(instruction: str, profile: Profile) -> Refinement:
    """What the offline composer can do with this instruction; ``CannotRefine`` when it cannot."""
    for tone in profile.brand_voice.tone:
        if re.search(rf"\b{re.escape(tone.lower())}\b", instruction.lower()):
            return Refinement("tone", tone)
    for tone in TONE_VOICES:
        if re.search(rf"\b{re.escape(tone)}\b", instruction.lower()):
            return tone_refinement(tone)
    if _SHORTER.search(instruction):
        return Refinement("shorter")
    if _LONGER.search(instruction):
        return Refinement("longer")
    if _ANOTHER.search(instruction):
        return Refinement("variant")
    raise CannotRefine(
        f"Without a model I can't follow {instruction!r}. I can make a draft {understood(profile)}."
    )


def refine(
    profile: Profile,
    draft: DraftRecord,
    instruction: str,
    writer: Writer,
    seen: Collection[int] = (),
    how: Refinement | None = None,
) -> DraftRecord:
    """A new draft of the same asset type, checked; its id is the old one plus the instruction's hash.

    ``seen`` lists variants already shown, so "another variant" offers one that is new. ``how`` is what the
    chat understood (else the instruction is read here). Offline, an instruction that cannot be followed, or
    that would change nothing, raises ``CannotRefine``.
    """
    if not draft.fields:
        raise UserError(f"draft {draft.id} has no fields to refine (its generation failed) — draft it again")
    job = Job(draft.stage, draft.asset_type, draft.variant)
    current = asset_model(draft.asset_type).model_validate(draft.fields)
    refiner = (
        _OfflineRefiner(current, instruction, {draft.variant, *seen}, how)
        if isinstance(writer, OfflineWriter)
        else _ModelRefiner(writer, current, instruction)
    )
    record = write_draft(profile, job, [], refiner, Checker(profile))
    if isinstance(writer, OfflineWriter) and record.text == draft.text:
        raise CannotRefine(
            f"{instruction!r} would not change this draft. I can make it {understood(profile)}."
        )
    suffix = hashlib.sha256(instruction.encode()).hexdigest()[:6]
    meta = {**record.meta, "refined_from": draft.id, "instruction": instruction}
    variant = record.meta.get("variant", draft.variant)
    return DraftRecord(
        **{
            **record.__dict__,
            "id": f"{draft.id}.r{suffix}",
            "meta": meta,
            "sources": draft.sources,
            "variant": variant,
        }
    )


class _OfflineRefiner:
    name = "offline"
    concurrent = False

    def __init__(self, current: Asset, instruction: str, seen: set[int], how: Refinement | None) -> None:
        self.current, self.instruction, self.seen, self.how = current, instruction, seen, how

    def __call__(self, profile: Profile, job: Job, guidance: Any, check: CheckFn) -> Written:
        how = self.how or offline_refinement(self.instruction, profile)
        model = type(self.current)
        ctx = Ctx(profile=profile, stage=job.stage, v=(job.variant - 1) % VARIANTS)
        meta: dict[str, Any] = {"writer": "offline composer", "refinement": how.kind}
        if how.kind == "variant":
            fresh = [v for v in range(1, VARIANTS + 1) if v not in self.seen]
            variant = fresh[0] if fresh else job.variant % VARIANTS + 1
            asset = compose(profile, job.asset_type, variant).asset
            meta["variant"] = variant
        elif how.kind == "tone":
            assert how.tone is not None
            tones = [how.tone, *(t for t in profile.brand_voice.tone if t != how.tone)]
            voiced = profile.model_copy(
                update={"brand_voice": BrandVoice(tone=tones, avoid=profile.brand_voice.avoid)}
            )
            asset = compose(voiced, job.asset_type, job.variant).asset
            if how.register:
                asset = finish(ctx, model, reregister(asset, how.register))
        elif how.kind == "shorter":
            asset = finish(ctx, model, shorter(ctx, self.current))
        else:
            asset = finish(ctx, model, longer(ctx, self.current))
        return Written(asset, [], meta)


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
