"""Turn a writer's field dict into a valid asset: drop banned sentences, fit every field to its limit.

Writers already choose safe, short candidates; this is the backstop that makes the stage bans and the
channel limits hold whatever the profile contains (a 300-character business name, an avoid word inside an
offer description).
"""

from __future__ import annotations

import re
import typing
from typing import Any

from annotated_types import MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from planner.assets import Asset
from planner.compose._context import Ctx
from planner.compose._text import SENTENCE_GAP, fit_sentences


def finish(ctx: Ctx, model: type[Asset], data: dict[str, Any]) -> Asset:
    return model.model_validate(_shape_model(ctx, model, data))


def _shape_model(ctx: Ctx, model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            out[name] = _shape_field(ctx, info, data[name])
    return out


def _shape_field(ctx: Ctx, info: FieldInfo, value: Any) -> Any:
    if isinstance(value, str):
        return _shape_text(ctx, value, _limit(info.metadata)) if info.annotation is str else value
    if isinstance(value, list):
        item_type = typing.get_args(info.annotation)[0]
        items = [_shape_item(ctx, item_type, v) for v in value]
        items = [i for i in items if i]
        most = _limit(info.metadata)
        return items[:most] if most else items
    return value


def _shape_item(ctx: Ctx, item_type: Any, value: Any) -> Any:
    if isinstance(item_type, type) and issubclass(item_type, BaseModel):
        return _shape_model(ctx, item_type, value)
    metadata: list[Any] = []
    for extra in typing.get_args(item_type)[1:]:
        metadata += extra.metadata if isinstance(extra, FieldInfo) else [extra]
    return _shape_text(ctx, str(value), _limit(metadata))


def _limit(metadata: list[Any]) -> int | None:
    return next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)


def _shape_text(ctx: Ctx, text: str, limit: int | None) -> str:
    text = scrub(ctx, text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if limit is not None and len(text) > limit:
        text = fit_sentences(text, limit)
    return text


def scrub(ctx: Ctx, text: str) -> str:
    """Drop sentences that break a stage ban; if nothing is left, drop just the banned words."""
    if ctx.ok(text):
        return text
    lines = []
    for line in text.split("\n"):
        parts = SENTENCE_GAP.split(line)[::2]  # the odd items are the captured separators
        lines.append(" ".join(p for p in parts if ctx.ok(p)))
    kept = "\n".join(lines).strip()
    if kept:
        return kept
    for pattern in ctx.bans:
        text = pattern.sub("", text)
    return " ".join(text.split())
