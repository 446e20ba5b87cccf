"""Read a reply as an asset, and ask for a repair a model can act on.

A reply that is not a valid asset comes back with *every* problem, each with the text at fault and its
length ("headlines[2]: "Calm grooming for nervous dogs!" is 31 characters; the limit is 30: cut at least
1"), not just the first. A reply cut off at the token limit is answered with "write every field shorter",
never framed as a broken rule. Drafts that fail the stage checks get the checks' own messages, without ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.assets import Asset
from planner.profile import field_path

QUOTE_CHARS = 70  # how much of a too-long text is quoted back: enough to find it, not to re-send a blog post


@dataclass(frozen=True)
class Invalid:
    """Why a reply is not an asset: a one-line summary (the draft's error if the repair fails too) and every
    problem in full for the repair request."""

    summary: str
    details: tuple[str, ...]
    truncated: bool = False


def parse_reply(model_cls: type[Asset], content: str, truncated: bool = False) -> Asset | Invalid:
    if not content.strip():
        return Invalid("the model returned no content", ("Your reply was empty.",), truncated)
    try:
        return model_cls.model_validate_json(content)
    except ValidationError as exc:
        errors = exc.errors()
    if errors[0]["type"] == "json_invalid":
        if truncated:
            cut = "the reply was cut off at the token limit before its JSON closed"
            return Invalid(f"model output is not a valid {model_cls.asset_type}: {cut}", (), True)
        reason = errors[0]["msg"].removeprefix("Invalid JSON: ")
        summary = f"model output is not a valid {model_cls.asset_type}: output: {reason}"
        fields = ", ".join(model_cls.model_fields)
        return Invalid(summary, (f"it is not valid JSON ({reason}): send one JSON object with {fields}",))
    first = errors[0]
    where = field_path(tuple(first["loc"])) or "output"
    summary = f"model output is not a valid {model_cls.asset_type}: {where}: {first['msg']}"
    return Invalid(summary, tuple(describe_error(e) for e in errors), truncated)


def describe_error(err: Any) -> str:
    """One schema error as a model can fix it: where, the text and its length, the limit."""
    where = field_path(tuple(err["loc"])) or "the reply"
    kind, got, ctx = err["type"], err.get("input"), err.get("ctx", {})
    if kind == "string_too_long":
        limit, size = ctx["max_length"], len(got)
        cut = f"the limit is {limit}: cut at least {size - limit}"
        return f"{where}: {_quote(got)} is {size:,} characters; {cut}"
    if kind == "too_long":
        return f"{where} has {len(got)} items; at most {ctx['max_length']}"
    if kind == "too_short":
        return f"{where} has {len(got)} items; at least {ctx['min_length']}"
    if kind == "string_too_short":
        return f"{where} is empty: write it"
    if kind == "missing":
        return f"{where} is missing: add it"
    if kind == "extra_forbidden":
        return f"{where} is not one of the fields: leave it out"
    if kind == "value_error" and isinstance(got, str):
        return f"{where}: {_quote(got)} {err['msg'].removeprefix('Value error, ')}"
    return f"{where}: {err['msg']}" + (f" (got {_quote(got)})" if isinstance(got, str) else "")


def _quote(text: str) -> str:
    return f'"{text}"' if len(text) <= QUOTE_CHARS else f'"{text[: QUOTE_CHARS - 1].rstrip()}…"'


def repair_request(problem: Invalid | list[str]) -> str:
    """The user turn of the repair pass."""
    keep = "Keep what works, keep every field, and return only the fields."
    if isinstance(problem, list):
        return (
            "Your draft breaks these rules of its stage:\n"
            + "\n".join(f"- {p}" for p in problem)
            + f"\nRewrite it so every rule is met. {keep}"
        )
    if problem.truncated:
        return (
            "Your reply was cut off at the length limit before it was complete. Rewrite it and write "
            "every field shorter, about half as long, keeping the call to action, any offer name and price "
            f"exactly, and every merge tag. {keep}"
        )
    listed = "\n".join(f"- {d}" for d in problem.details)
    return f"Your reply is not a valid draft:\n{listed}\nRewrite it with every problem fixed. {keep}"
