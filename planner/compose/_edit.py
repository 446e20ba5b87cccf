"""Offline edits of a finished draft: shorter and longer, keeping what a marketer cannot lose.

Every link merge tag, the call to action, the offer's name and its price survive ``shorter``; ``longer`` adds
substance from the business's own facts (proof, what sets it apart, an answered worry, what happens next)
rather than pasting in another variant. Either returns the fields unchanged when there is nothing it can
do, and the caller says so.
"""

from __future__ import annotations

import re
from typing import Any

from planner.assets import Asset
from planner.compose._context import Ctx
from planner.compose._moves import answer, picture, proof_line, we_do, worry
from planner.compose._text import SENTENCE_GAP

_TAG = re.compile(r"\{\{\s*\w+\s*\}\}")
# Fields that are already one short line, or that carry the ask itself: never shortened.
_KEEP = {"cta", "price", "offer_name", "subject", "headline", "title", "button_text", "duration", "sign_off",
         "platform", "format", "email_subject", "preview_text", "destination"}  # fmt: skip


def _protected(ctx: Ctx, text: str) -> bool:
    """A sentence that must survive: a link, a price, an offer's name."""
    if _TAG.search(text) or re.search(r"[$€£]\s?\d", text):
        return True
    return any(o.name.lower() in text.lower() for o in ctx.profile.offers)


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_GAP.split(text.strip())[::2] if s.strip()]


def _shorter_text(ctx: Ctx, text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 2:
        # Keep the greeting, the paragraphs with a link, price or offer, and the last (usually the sign-off).
        first, *middle, last = paragraphs
        kept = [p for p in middle if _protected(ctx, p)] or middle[:1]
        return "\n\n".join([first, *kept, last])
    parts = _sentences(text)
    if len(parts) < 2:
        return text
    kept = [s for i, s in enumerate(parts) if i == 0 or _protected(ctx, s)]
    return " ".join(kept)


def shorter(ctx: Ctx, asset: Asset) -> dict[str, Any]:
    fields = asset.model_dump()
    out: dict[str, Any] = {}
    for name, value in fields.items():
        info = type(asset).model_fields[name]
        if name in _KEEP:
            out[name] = value
        elif isinstance(value, str) and len(value) > 120:
            out[name] = _shorter_text(ctx, value)
        elif isinstance(value, list) and value and not isinstance(value[0], dict):
            least = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 1) or 1
            keep = [v for v in value if _protected(ctx, str(v))]
            rest = [v for v in value if v not in keep]
            target = max(least, (len(value) + 1) // 2)
            out[name] = (keep + rest)[: max(target, len(keep))] if len(value) > least else value
            out[name] = [v for v in value if v in out[name]]  # original order
        else:
            out[name] = value
    return out


_BODY = (
    "body",
    "primary_text",
    "intro",
    "promise",
    "email_body",
    "subheadline",
    "risk_reversal",
    "quick_win",
)


def longer(ctx: Ctx, asset: Asset) -> dict[str, Any]:
    """Add up to two sentences of the business's own facts that the draft does not say yet."""
    fields = asset.model_dump()
    target = next((f for f in _BODY if isinstance(fields.get(f), str)), None)
    if target is None:
        return fields
    current = asset.to_text()
    extra = [line for line in _facts(ctx) if line and line not in current and ctx.ok(line)][:2]
    if not extra:
        return fields
    text = fields[target]
    addition = " ".join(extra)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 2 and re.search(r"\{\{\w+\}\}|^\w+,\n", paragraphs[-1] + paragraphs[-2]):
        # Before the link line and sign-off, not after them.
        at = len(paragraphs) - 2 if "\n" in paragraphs[-1] else len(paragraphs) - 1
        paragraphs.insert(at, addition)
        fields[target] = "\n\n".join(paragraphs)
    else:
        fields[target] = f"{text}\n\n{addition}" if "\n" in text else f"{text} {addition}"
    return fields


def _facts(ctx: Ctx) -> list[str | None]:
    lines: list[str | None] = [proof_line(ctx), we_do(ctx), we_do(ctx, 1)]
    for objection in ctx.objections():
        reply = answer(ctx, objection, ctx.entry)
        if reply:
            lines.append(f"{worry(ctx, objection)} {reply}")
            break
    lines.append(picture(ctx))
    return lines


# Register: the same words said more formally (no contractions, no exclamation marks) or more casually.
_CONTRACTIONS = {
    "you are": "you're", "we are": "we're", "they are": "they're", "it is": "it's", "that is": "that's",
    "we will": "we'll", "you will": "you'll", "I am": "I'm", "do not": "don't", "does not": "doesn't",
    "cannot": "can't", "will not": "won't", "is not": "isn't", "are not": "aren't", "we have": "we've",
    "you have": "you've", "there is": "there's", "let us": "let's", "I will": "I'll", "would not": "wouldn't",
}  # fmt: skip
_EXPANSIONS = {short: long for long, short in _CONTRACTIONS.items()} | {
    "won't": "will not",
    "can't": "cannot",
}


def _swap(text: str, table: dict[str, str], contracting: bool = False) -> str:
    # "that's what it is" cannot become "what it's": contract only when a word follows.
    tail = r"(?=\s+[\w{])" if contracting else r"\b"
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"\b({alternatives}){tail}", re.I)

    def one(m: re.Match[str]) -> str:
        found = m.group(0)
        new = table.get(found) or table.get(found.lower()) or found
        return new[:1].upper() + new[1:] if found[:1].isupper() else new

    return pattern.sub(one, text.replace("’", "'"))


def reregister(asset: Asset, register: str) -> dict[str, Any]:
    """``formal``: contractions spelled out, exclamation marks calmed; ``casual``: everyday contractions.
    Merge tags, prices and names are untouched (the table only holds common function words)."""

    def edit(value: Any) -> Any:
        if isinstance(value, str):
            if register == "formal":
                return re.sub(r"!+", ".", _swap(value, _EXPANSIONS)).replace("..", ".")
            return _swap(value, _CONTRACTIONS, contracting=True)
        if isinstance(value, list):
            return [edit(v) for v in value]
        if isinstance(value, dict):
            return {k: edit(v) for k, v in value.items()}
        return value

    fields = asset.model_dump()
    return {
        name: (value if name in ("destination", "price", "platform") else edit(value))
        for name, value in fields.items()
    }
