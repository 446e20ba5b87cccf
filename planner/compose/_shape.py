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
from planner.rules import SUMMARY_FIELDS


def finish(ctx: Ctx, model: type[Asset], data: dict[str, Any]) -> Asset:
    shaped = _shape_model(ctx, model, data)
    for name, value in shaped.items():
        # "the Pilot Workshop: your first steps", or an answer typed in lower case ("most people's first pot
        # goes wonky…"); a path, a link or a hashtag is not a sentence.
        if isinstance(value, str) and name not in _NOT_SENTENCES and re.match(r"[a-z][a-z']*\b", value):
            shaped[name] = value[:1].upper() + value[1:]
    if not model.separate_messages:  # a referral share's SMS and email may say the same thing
        shaped = _drop_repeats(model, shaped)
    return model.model_validate(shaped)


_SPLIT = re.compile(r"(?<=[.!?])[ \t]+")
_NOT_SENTENCES = {"display_path", "destination", "hashtags", "url", "link"}


def _key(sentence: str) -> str | None:
    """A sentence as the repeated-sentence check compares it; None when too short to count (< 5 words)."""
    words = re.findall(r"\w+", sentence.lower().replace("'", "").replace("’", ""))
    return " ".join(words) if len(words) >= 5 else None


def _drop_repeats(model: type[Asset], data: dict[str, Any]) -> dict[str, Any]:
    """A sentence said in an earlier field is not said again in a later one (a subject the body opens with,
    a headline the description repeats), unless that would leave the field empty or a list too short."""
    seen: set[str] = set()
    out = dict(data)
    # One-line fields (headline, subject, title) keep their words; the longer fields give way to them.
    # Then the lists (steps, bullets, outline), which have a minimum length; running text gives way last.
    fields = sorted(model.model_fields.items(), key=lambda item: _order(item[1]))
    for name, info in fields:
        value = out.get(name)
        if name in SUMMARY_FIELDS or value is None:
            continue
        if isinstance(value, str):
            kept = _without(value, seen)
            out[name] = kept if kept.strip() else value
            seen.update(k for k in map(_key, _sentences(out[name])) if k)
        elif isinstance(value, list):
            least = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0) or 0
            mine, fresh = set(seen), []
            for v in value:
                item = _item_without(v, mine)
                if item:
                    fresh.append(item)
                    for text in item.values() if isinstance(item, dict) else [item]:
                        mine.update(k for k in map(_key, _sentences(str(text))) if k)
            if len(fresh) >= max(least, 1):
                out[name], seen = fresh, mine
            else:
                for item in value:
                    for text in item.values() if isinstance(item, dict) else [item]:
                        seen.update(k for k in map(_key, _sentences(str(text))) if k)
    return out


def _item_without(item: Any, seen: set[str]) -> Any:
    """A list item (text, or a section's heading and body) without what was said before; empty if nothing
    is left of its text."""
    if isinstance(item, str):
        return _without(item, seen)
    if isinstance(item, dict):  # a section whose heading was said already goes, when the list allows it
        mine, kept = set(seen), {}
        for k, v in item.items():
            kept[k] = _without(v, mine) if isinstance(v, str) else v
            mine.update(key for key in map(_key, _sentences(str(kept[k]))) if key)
        return kept if all(v for v in kept.values()) else None
    return item


def _order(info: FieldInfo) -> int:
    limit = _limit(info.metadata)
    if info.annotation is str:
        return 0 if limit is not None and limit <= 100 else 2
    return 1


def _sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in _SPLIT.split(line) if s.strip()]


def _without(text: str, seen: set[str]) -> str:
    mine = set(seen)  # a field does not repeat itself either
    lines = []
    for line in text.split("\n"):
        kept = []
        for part in _SPLIT.split(line):
            key = _key(part)
            if key is None or key not in mine:
                kept.append(part)
                mine.add(key or "")
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


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
    # "Pepper Co.." when a name that ends in a period ends a sentence.
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    text = sentence_case(text)
    if limit is not None and len(text) > limit:
        text = fit_sentences(text, limit)
    return text


# A sentence that starts in lower case inside a field: profile text typed fast ("…2.5hrs. keep your best 2
# pieces", "Will my clothes get wrecked? — we have aprons") or an answer quoted after its question. The
# field's own first letter is left alone: a display path or a hashtag list is not a sentence.
_LOWER_SENTENCE = re.compile(
    r"(?P<end>(?P<last>\S*)[.!?][\"”’)]?[ \t]+(?:[—–-][ \t]+)?|\n[ \t]*(?:[•*-][ \t]+)?)"
    r"(?P<word>[a-z][a-z']*)\b"
)
_ABBREVIATION = re.compile(r"(?:e\.g|i\.e|etc|vs|approx|incl|no|st|mr|mrs|ms|dr|cf|min|max)\.?$", re.I)


def sentence_case(text: str) -> str:
    def upper(match: re.Match[str]) -> str:
        if match["last"] is not None and _ABBREVIATION.search(match["last"] + "."):
            return match[0]
        return match["end"] + match["word"][:1].upper() + match["word"][1:]

    return _LOWER_SENTENCE.sub(upper, text)


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
