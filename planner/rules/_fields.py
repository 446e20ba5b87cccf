"""A draft's fields as parts a check can read: where each piece of text sits and whether it is a label.

Checks of running prose (a colon followed by a capital) skip label-like parts, where title case is normal:
headlines, subject lines, calls to action and every list item (bullets, outlines, steps).
"""

from __future__ import annotations

from typing import Any, NamedTuple

# Short fields people read as labels or titles, not as running text.
LABEL_FIELDS = frozenset(
    {
        "title",
        "headline",
        "headlines",
        "subheadline",
        "subject",
        "email_subject",
        "preview_text",
        "meta_description",
        "offer_name",
        "price",
        "cta",
        "button_text",
        "form_fields",
        "hashtags",
        "display_path",
        "duration",
        "sign_off",
        "format",
        "heading",
        "platform",
        "description",  # a social ad's 60-character description line
    }
)
# Fields that restate what the reader sees elsewhere by design (a search snippet, an inbox preview line).
# Fields that restate other text by design: a meta description, an inbox preview, a referral incentive's name.
SUMMARY_FIELDS = frozenset({"meta_description", "preview_text", "incentive"})
SUBJECT_FIELDS = frozenset({"subject", "email_subject"})


class Part(NamedTuple):  # a NamedTuple, not a dataclass: a draft has dozens and the checker must be fast
    path: str  # "sections[1].body"
    name: str  # the field's own name: "body"
    text: str
    label: bool  # a title, a short field, or a list item


def parts_of(fields: dict[str, Any], prefix: str = "") -> list[Part]:
    """Every text leaf of the fields, in order."""
    out: list[Part] = []
    for name, value in fields.items():
        path = f"{prefix}{name}"
        if isinstance(value, str):
            out.append(Part(path, name, value, name in LABEL_FIELDS))
        elif isinstance(value, dict):
            out.extend(parts_of(value, f"{path}."))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append(Part(f"{path}[{i}]", name, item, True))
                elif isinstance(item, dict):
                    out.extend(parts_of(item, f"{path}[{i}]."))
    return out
