"""What a model is told about an asset's fields, read from its JSON schema: the field guide in the prompt, the
descriptions inside the schema it is sent, and the reply budget (``max_tokens``) the schema implies.

Limits are in characters, which a model cannot count as it writes; each field therefore also gets a word
budget (about six characters a word, space included), and short fields carry a counted example in their
description. A field whose links are counted as sent (the SMS) states the limit as written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from planner.assets import Asset, link_length

CHARS_PER_WORD = 6
# The Gemma-3 tokenizer gives 3.9-4.1 characters a token on these prompts (digits are single tokens), so 3.8
# over-counts a little; tokenizers with smaller vocabularies split English no finer (bench/prompts.py).
CHARS_PER_TOKEN = 3.8
REPLY_CHARS_PER_TOKEN = 4  # copy alone (no fence codes, few digits) tokenizes at 4.2-4.5
JSON_SLACK = 1.1  # escapes (\n, \") and the odd long token make a reply's JSON longer than its text
TOKENS_PER_FIELD = 8  # "name": "…", plus the braces and commas around it
TOKENS_PER_ITEM = 3
LINK_TAG = "{{referral_link}}"


def estimate_tokens(text: str) -> int:
    """A tokenizer-free count that errs high (characters / 3.8): a prompt estimated within budget is."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    description: str
    limit: int | None  # characters, per item for a list
    items: tuple[int, int] | None  # (min, max) for a list
    choices: list[str] | None
    sent: bool  # counted with its links at real length
    children: tuple[FieldSpec, ...] = ()

    def budget(self) -> str:
        """'≤ 30 characters (about 5 words)', stated as written for a sent field."""
        if self.limit is None:
            return ""
        limit, note = self.limit, ""
        if self.sent:
            limit = self.limit - (link_length() - len(LINK_TAG))
            note = f" as written ({LINK_TAG} counts as {link_length()} once sent; {self.limit} in all)"
        return f"≤ {limit} characters{note} (about {max(1, limit // CHARS_PER_WORD)} words)"

    def summary(self) -> str:
        """Counts, choices, limit and word budget, then the description: one field's whole instruction."""
        parts = []
        if self.items:
            low, high = self.items
            parts.append(f"{low}–{high} items" + (", each" if self.limit else ""))
        if self.choices:
            parts.append("one of " + ", ".join(f'"{c}"' for c in self.choices))
        if budget := self.budget():
            parts.append(budget)
        text = " ".join(parts)
        text = f"{text}. {self.description}" if parts else self.description
        return f"{text} Each has:" if self.children else text

    def line(self, indent: str = "") -> list[str]:
        head = f"{indent}- {self.name}: {self.summary()}".rstrip()
        return [head, *(line for child in self.children for line in child.line(indent + "  "))]


def field_specs(model_cls: type[Asset]) -> list[FieldSpec]:
    schema = model_cls.model_json_schema()
    return _specs(schema, schema, model_cls.sent_fields)


def _specs(node: dict[str, Any], root: dict[str, Any], sent: frozenset[str]) -> list[FieldSpec]:
    out = []
    for name, prop in node["properties"].items():
        items = prop.get("items", {})
        target = _resolve(items or prop, root)
        is_list = prop.get("type") == "array"
        children = tuple(_specs(target, root, frozenset())) if "properties" in target else ()
        out.append(
            FieldSpec(
                name=name,
                description=prop.get("description", ""),
                limit=(items if is_list else prop).get("maxLength"),
                items=(prop.get("minItems", 0), prop["maxItems"]) if is_list and "maxItems" in prop else None,
                choices=_resolve(prop, root).get("enum"),
                sent=name in sent,
                children=children,
            )
        )
    return out


def _resolve(prop: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref") or next((p["$ref"] for p in prop.get("allOf", []) if "$ref" in p), None)
    if ref is None:
        return prop
    return dict(root["$defs"][ref.rsplit("/", 1)[-1]])


def field_guide(model_cls: type[Asset]) -> str:
    """One line per field (nested fields indented), in the order the reply must give them."""
    return "\n".join(line for spec in field_specs(model_cls) for line in spec.line())


def reply_budget(model_cls: type[Asset]) -> int:
    """``max_tokens`` for one reply: room for every field at its limit (the whole text capped by the
    asset's own maximum), so a valid reply is never cut off and a runaway one stops near its size."""
    specs = field_specs(model_cls)
    chars = min(sum(_capacity(s) for s in specs), model_cls.max_text_chars)
    structure = sum(_structure(s) for s in specs)
    return math.ceil(chars * JSON_SLACK / REPLY_CHARS_PER_TOKEN) + structure + 16


def _capacity(spec: FieldSpec) -> int:
    each = (spec.limit or 0) + sum(_capacity(c) for c in spec.children) or 20  # an enum or a bare value
    return each * (spec.items[1] if spec.items else 1)


def _structure(spec: FieldSpec) -> int:
    count = spec.items[1] if spec.items else 1
    inner = sum(_structure(c) for c in spec.children)
    return TOKENS_PER_FIELD + count * (TOKENS_PER_ITEM + inner)
