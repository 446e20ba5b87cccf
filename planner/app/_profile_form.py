"""The profile as a form: flat fields for the app's editor, and validation errors mapped to those fields.

A marketer edits text boxes (lists one item per line, tone and avoid words comma-separated, objection
answers one "objection → answer" per line) and an offers table; saving rebuilds the nested profile and
validates it with the same strict model as the CLI, so an error such as ``offers[2].price: must be a
number ≥ 0`` lands next to the offers table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from planner.profile import Profile, Promotion, describe_error

Kind = Literal["text", "long", "lines", "commas", "pairs", "promotions"]


@dataclass(frozen=True)
class FormField:
    path: str  # dotted path in the profile, e.g. "avatar.objections" (or a top-level key, "proof")
    label: str
    kind: Kind


FIELDS: tuple[FormField, ...] = (
    FormField("business.name", "Business name", "text"),
    FormField("business.description", "What the business does", "long"),
    FormField("business.website", "Website", "text"),
    FormField("brand_voice.tone", "Brand tone (comma-separated)", "commas"),
    FormField("brand_voice.avoid", "Words to avoid (comma-separated)", "commas"),
    FormField("avatar.name", "Customer avatar name", "text"),
    FormField("avatar.goals_and_values", "Goals & values (one per line)", "lines"),
    FormField("avatar.sources_of_information", "Sources of information (one per line)", "lines"),
    FormField("avatar.demographics", "Demographics", "long"),
    FormField("avatar.challenges_and_pain_points", "Challenges & pain points (one per line)", "lines"),
    FormField("avatar.objections", "Objections (one per line)", "lines"),
    FormField("avatar.role_in_purchase", "Role in the purchase", "long"),
    FormField("business.location", "Location (optional)", "text"),
    FormField("business.service_area", "Service area (optional)", "text"),
    FormField("business.currency", "Currency prices print in: $, £ or € (optional, $ if empty)", "text"),
    FormField(
        "business.review_sites", "Review sites, e.g. Google, Yelp (optional, comma-separated)", "commas"
    ),
    FormField("proof", "Proof you may state: reviews, numbers, awards (optional, one per line)", "lines"),
    FormField("differentiators", "What sets you apart (optional, one per line)", "lines"),
    FormField(
        "objection_answers",
        "Your answers to objections: objection → answer (optional, one per line)",
        "pairs",
    ),
    FormField("first_steps", "What happens right after someone buys (optional, one per line)", "lines"),
    FormField(
        "promotions",
        "Dated promotions: name | terms | starts | ends | stage, e.g. Holiday sale | 20% off gift sets | "
        "2026-12-01 | 2026-12-24 | convert (optional, one per line)",
        "promotions",
    ),
)
OPTIONAL = frozenset(
    {"business.website", "business.location", "business.service_area", "business.currency",
     "business.review_sites", "proof",
     "differentiators", "objection_answers", "first_steps", "promotions"}
)  # fmt: skip
ARROW = " → "
OFFER_COLUMNS = ("role", "name", "price", "billing", "format", "description")
OFFERS = "offers"
GENERAL = "general"


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def to_values(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Form values (in FIELDS order) and offer rows from profile data — valid or not."""
    values = []
    for f in FIELDS:
        value = _get(data, f.path)
        if f.kind == "pairs" and isinstance(value, list):
            value = "\n".join(
                f"{v.get('objection', '')}{ARROW}{v.get('answer', '')}" for v in value if isinstance(v, dict)
            )
        elif f.kind == "promotions" and isinstance(value, list):
            value = "\n".join(_promotion_line(v) for v in value if isinstance(v, dict))
        elif isinstance(value, list):
            value = (", " if f.kind == "commas" else "\n").join(str(v) for v in value)
        values.append("" if value is None else str(value))
    raw = data.get("offers")
    offers: list[Any] = raw if isinstance(raw, list) else []
    rows = [
        [o.get(c, "") if o.get(c) is not None else "" for c in OFFER_COLUMNS]
        for o in offers
        if isinstance(o, dict)
    ]
    return values, rows


def from_values(values: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f, raw in zip(FIELDS, values, strict=True):
        text = (raw or "").strip()
        value: Any
        if f.kind == "commas":
            value = [p.strip() for p in text.split(",") if p.strip()]
        elif f.kind == "lines":
            value = [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
        elif f.kind == "pairs":
            value = [_pair(line) for line in text.splitlines() if line.strip()]
        elif f.kind == "promotions":
            value = [Promotion.fields_from_line(line) for line in text.splitlines() if line.strip()]
        else:
            value = text or None
        if f.path in OPTIONAL and not value:
            continue
        *sections, key = f.path.split(".")
        target = data.setdefault(sections[0], {}) if sections else data
        target[key] = value if value is not None else ""
    data[OFFERS] = [_offer(row) for row in rows if any(str(cell).strip() for cell in row)]
    return data


def _promotion_line(data: dict[str, Any]) -> str:
    keys = ("name", "terms", "starts", "ends", "stage")
    return " | ".join(str(data.get(k, "")) for k in keys).rstrip(" |")


def _pair(line: str) -> dict[str, str]:
    """'too expensive → we price by the visit' (or '->'); without an arrow the answer is left empty."""
    for arrow in ("→", "->"):
        if arrow in line:
            objection, _, answer = line.partition(arrow)
            return {"objection": objection.strip(), "answer": answer.strip()}
    return {"objection": line.strip(), "answer": ""}


def _offer(row: list[Any]) -> dict[str, Any]:
    offer: dict[str, Any] = {}
    for column, cell in zip(OFFER_COLUMNS, row, strict=False):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        offer[column] = _number(text) if column == "price" else text
    return offer


def _number(text: str) -> Any:
    try:
        return float(text.lstrip("$€£")) if "." in text else int(text.lstrip("$€£"))
    except ValueError:
        return text  # left as text so validation names the field


def validate(data: dict[str, Any]) -> tuple[Profile | None, dict[str, list[str]]]:
    """The profile, or the errors keyed by the form field they belong to (offers, or general)."""
    try:
        return Profile.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            errors.setdefault(field_for(tuple(err["loc"])), []).append(describe_error(err))
        return None, errors


def field_for(loc: tuple[int | str, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    if names[:1] == [OFFERS] or not names:  # the ladder rule (one core offer) is an offers problem too
        return OFFERS
    for path in (".".join(names[:2]), names[0]):
        if any(f.path == path for f in FIELDS):
            return path
    return GENERAL


def to_yaml(profile: Profile) -> str:
    data = _drop_empty(profile.model_dump(mode="json", exclude_none=True))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def _drop_empty(data: Any) -> Any:
    """Leave optional empty lists out of the saved YAML, as a person writing it by hand would."""
    if isinstance(data, dict):
        return {k: _drop_empty(v) for k, v in data.items() if v != []}
    return data
