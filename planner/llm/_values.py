"""The values a chain supplies to a prompt file, formatted as text.

Retrieved text (stage guidance, profile facts) is fenced between ``<<<DATA`` and ``DATA>>>`` lines so the
prompt can tell the model it is reference material, never instructions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from planner.assets import MERGE_TAGS, asset_model
from planner.knowledge import Chunk
from planner.profile import Offer, Profile
from planner.rules import ROLE_LABEL, load_rulebook, stage_values
from planner.stages import Stage

ANGLES = {
    1: "problem-agitate-solve: name the pain, show what it costs, then offer the step",
    2: "before-after-bridge: life now, life after, and the step that bridges them",
    3: "question hook: open with a question the customer is already asking themselves",
    4: "objection first: answer the customer's biggest doubt before anything else",
    5: "how-to list: practical, numbered, useful even if they never buy",
}


def fence(text: str) -> str:
    return f"<<<DATA\n{text.strip()}\nDATA>>>"


def describe_offer(offer: Offer) -> str:
    label = ROLE_LABEL[offer.role].removeprefix("the ")
    return f"{label}: {offer.name} ({offer.price_label()}) — {offer.description}"


def prompt_values(
    profile: Profile,
    stage: Stage,
    asset_type: str,
    variant: int,
    guidance: Sequence[Chunk],
    facts: Sequence[Chunk],
) -> dict[str, str]:
    info = stage.info
    model = asset_model(asset_type)
    avatar, business = profile.avatar, profile.business
    offer = model.pitch_offer(profile)
    allowed = [describe_offer(o) for o in profile.offers if o.role in info.may_pitch]
    return {
        # Everything from the profile is fenced as data: a profile may carry text that reads like an order.
        "business": fence(f"{business.name} — {business.description} ({business.website or 'no website'})"),
        "brand_voice": f"Tone: {', '.join(profile.brand_voice.tone)}. "
        f"Never use these words or phrases: {', '.join(profile.brand_voice.avoid) or 'none listed'}.",
        "avatar": fence(
            "\n".join(
                [
                    f"Name: {avatar.name}",
                    f"Goals and values: {'; '.join(avatar.goals_and_values)}",
                    f"Sources of information: {'; '.join(avatar.sources_of_information)}",
                    f"Demographics: {avatar.demographics}",
                    f"Challenges and pain points: {'; '.join(avatar.challenges_and_pain_points)}",
                    f"Objections: {'; '.join(avatar.objections)}",
                    f"Role in purchase: {avatar.role_in_purchase}",
                ]
            )
        ),
        "offers": fence("\n".join(f"- {describe_offer(o)}" for o in profile.offers)),
        "pitch_offer": describe_offer(offer) if offer else "none",
        "stage": f"{info.title} (stage {stage.number} of 8)",
        "stage_goal": info.goal,
        "mindset": info.mindset,
        "may_pitch": "\n".join(f"- {line}" for line in allowed)
        or "- no offer: this stage asks, it does not sell",
        "never": never_rules(stage),
        "guidance": fence("\n\n".join(chunk.text for chunk in guidance)),
        "profile_facts": fence("\n\n".join(chunk.text for chunk in facts)),
        "asset_label": model.label,
        "asset_fields": asset_fields(asset_type),
        "variant": str(variant),
        "angle": ANGLES[(variant - 1) % len(ANGLES) + 1],
        "merge_tags": ", ".join(f"{{{{{tag}}}}}" for tag in sorted(MERGE_TAGS)),
    }


def never_rules(stage: Stage) -> str:
    """The rule book's messages for this stage, as plain 'never' lines the model can follow."""
    lines = [f"- {stage.info.never}"]
    values = stage_values(stage)
    for rule in load_rulebook().rules:
        if stage in rule.stages and rule.detector != "length_limits":
            lines.append(f"- {rule.id}: {rule.fix.format(**values)}")
    lines.append("- Every money amount must be a price or incentive from the offer ladder, written exactly.")
    return "\n".join(dict.fromkeys(lines))


def asset_fields(asset_type: str) -> str:
    """Field names with their limits, from the asset's JSON schema."""
    schema = asset_model(asset_type).model_json_schema()
    lines = []
    for name, prop in schema["properties"].items():
        limit = prop.get("maxLength") or prop.get("items", {}).get("maxLength")
        count = (
            f", {prop.get('minItems', 0)}–{prop.get('maxItems')} items" if prop.get("type") == "array" else ""
        )
        choices = f", one of {json.dumps(prop['enum'])}" if "enum" in prop else ""
        lines.append(f"- {name}{f' (≤ {limit} characters)' if limit else ''}{count}{choices}")
    return "\n".join(lines)
