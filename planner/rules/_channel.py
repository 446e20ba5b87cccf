"""Channel checks: a way to act (a link), SMS that fits one message, subject lines that fit a phone's inbox.

Lengths count each link merge tag at a realistic URL length, not the length of the tag: ``{{referral_link}}``
is 17 characters in the draft and about 35 in the text message a friend receives.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from planner.assets import ASSET_MODELS, Asset
from planner.errors import UserError
from planner.rules._fields import SUBJECT_FIELDS, Part

MERGE_TAG = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.I)
_SUBJECT_LINE = re.compile(r"^[ \t]*(?:subject(?: line)?)[ \t]*:[ \t]*(?P<subject>\S.*)$", re.I | re.M)

# Setting name → environment variable that overrides rules.yaml's value.
ENVIRONMENT = {"link_length": "CVJ_LINK_LENGTH", "subject_length": "CVJ_SUBJECT_LENGTH"}
DEFAULTS = {"link_length": 35, "sms_length": 160, "subject_length": 50}


@dataclass(frozen=True)
class Settings:
    link_length: int  # characters a link merge tag stands for once filled in
    sms_length: int  # one SMS segment
    subject_length: int  # what a phone's inbox shows of a subject line


def load_settings(from_rules: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """rules.yaml ``settings:`` over the defaults, and the environment over both."""
    env = os.environ if environ is None else environ
    values = {**DEFAULTS, **from_rules}
    for name, var in ENVIRONMENT.items():
        if env.get(var, "").strip():
            values[name] = _positive(var, env[var])
    for name, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise UserError(f"rules.yaml settings.{name}: {value!r} — expected a whole number above 0")
    return Settings(**{k: values[k] for k in DEFAULTS})


def _positive(var: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise UserError(f"{var}={raw!r}: expected a whole number of characters above 0, e.g. {var}=35")
    return value


def counted_length(text: str, link_length: int) -> int:
    """The length once sent: every link merge tag (``{{…_link}}``) counts as ``link_length`` characters."""

    def filled(m: re.Match[str]) -> str:
        return "x" * link_length if m.group(1).endswith("_link") else m.group(0)

    return len(MERGE_TAG.sub(filled, text))


def has_link(text: str, tags: tuple[str, ...]) -> bool:
    """One of the asset's link tags, or a written-out URL."""
    return any(m.group(1) in tags for m in MERGE_TAG.finditer(text)) or bool(_URL.search(text))


def missing_links(
    asset_type: str | None, text: str, fields: dict[str, Any] | None, other_path: Callable[[], bool]
) -> Iterator[str]:
    """Where an asset that needs a link has none (``other_path``: the copy asks for a reply or a call)."""
    model = ASSET_MODELS.get(asset_type or "")
    if model is None or not model.link_tags:
        return
    tags = " or ".join(f"{{{{{t}}}}}" for t in model.link_tags)
    if fields is not None and model.link_fields:
        for name in model.link_fields:
            value = fields.get(name)
            if isinstance(value, str) and not has_link(value, model.link_tags):
                yield f"its {_title(model, name)} has no link ({tags})"
        return
    if not has_link(text, model.link_tags) and not other_path():
        yield f"has no link for the reader to act on ({tags}) and asks for no reply or call"


def long_sms(asset_type: str | None, parts: list[Part], settings: Settings) -> Iterator[str]:
    sms_fields = _sms_fields(asset_type or "")
    for part in parts:
        if part.name.lower() == "sms" or part.name in sms_fields:
            length = counted_length(part.text, settings.link_length)
            if length > settings.sms_length:
                yield (
                    f"the SMS is {length} characters with each link counted at {settings.link_length}; one "
                    f"text message holds {settings.sms_length}"
                )


def long_subjects(text: str, parts: list[Part] | None, settings: Settings) -> Iterator[str]:
    """Subject fields, or "Subject:" lines in plain text."""
    if parts is not None:
        subjects = [p.text for p in parts if p.name in SUBJECT_FIELDS]
    else:
        subjects = [m.group("subject").strip() for m in _SUBJECT_LINE.finditer(text)]
    for subject in subjects:
        length = counted_length(subject, settings.link_length)
        if length > settings.subject_length:
            shown = settings.subject_length
            yield f"the subject line is {length} characters; a phone's inbox shows about {shown}"


@cache
def _sms_fields(asset_type: str) -> frozenset[str]:
    """The asset type's fields titled SMS."""
    model = ASSET_MODELS.get(asset_type)
    return frozenset(n for n in model.model_fields if _title(model, n) == "SMS") if model else frozenset()


def _title(model: type[Asset], name: str) -> str:
    info = model.model_fields.get(name)
    return (info.title if info and info.title else name.replace("_", " ")) or name
