"""What an export reads: drafts.jsonl (every line parsed before anything is checked), the business's drafts
among them, the `--links` YAML, and web addresses."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from planner.assets import ASSET_MODELS, asset_model
from planner.drafts import DraftRecord, failures_from_json
from planner.errors import InputFileError, UserError
from planner.export._model import LINK_TAGS, Item, Problem
from planner.jsonl import parse_stage_field, read_objects
from planner.profile import Profile
from planner.yamlio import load_yaml

MAX_URL = 2048
MAX_LINKS_BYTES = 64 * 1024


def read_drafts_file(path: Path) -> tuple[list[DraftRecord], dict[str, str]]:
    """Records (the latest line of each id wins, as in a resumed batch) and where each came from."""
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, obj in read_objects(path, ("id", "stage", "asset_type"), "drafts"):
        where = f"{path}:{number}"
        if obj["asset_type"] not in ASSET_MODELS:
            raise InputFileError(
                f"{where}: unknown asset_type {obj['asset_type']!r} — expected one of "
                f"{', '.join(ASSET_MODELS)}"
            )
        if not isinstance(obj.get("fields", {}), dict):
            raise InputFileError(f"{where}: 'fields' must be an object")
        parse_stage_field(where, obj["stage"])
        latest.pop(str(obj["id"]), None)  # re-insert: the latest line also takes the latest place
        latest[str(obj["id"])] = (number, obj)
    records = [_record(obj) for _, obj in latest.values()]
    return records, {r.id: f"{path}:{latest[r.id][0]} ({r.id})" for r in records}


def _record(obj: dict[str, Any]) -> DraftRecord:
    # Not record_from_json: that validates the fields and stops at the first bad draft, and an export
    # lists every draft a channel would refuse.
    checks = obj.get("checks") or {}
    stage = parse_stage_field("", obj["stage"])
    return DraftRecord(
        id=str(obj["id"]),
        business=str(obj.get("business", "")),
        stage=stage,
        asset_type=obj["asset_type"],
        variant=int(obj.get("variant", 1)),
        fields=obj.get("fields") or {},
        text=str(obj.get("text", "")),
        markdown="",
        sources=[],
        failures=failures_from_json(checks.get("failures", [])),
        model=str(obj.get("model", "")),
        kpi=str(obj.get("kpi", stage.info.kpi)),
    )


def for_business(records: Sequence[DraftRecord], profile: Profile | None, source: str) -> list[DraftRecord]:
    """One business's drafts: the profile's, or the only business in the file."""
    businesses = list(dict.fromkeys(r.business for r in records))
    if profile is not None:
        mine = [r for r in records if r.business in (profile.slug, "")]
        if not mine:
            raise UserError(
                f"{source}: no drafts of {profile.slug} (the file holds {', '.join(businesses)}) — pass the "
                f"profile the drafts were written for"
            )
        return mine
    if len(businesses) > 1:
        raise UserError(
            f"{source}: drafts of {len(businesses)} businesses ({', '.join(businesses)}) — pass --business "
            f"PROFILE to export one"
        )
    return list(records)


def select(
    records: Sequence[DraftRecord], where: dict[str, str], asset_types: Collection[str] | None
) -> tuple[list[Item], list[Problem]]:
    """The drafts of the wanted asset types, validated; each draft that cannot be exported is a problem."""
    items: list[Item] = []
    problems: list[Problem] = []
    for record in records:
        if asset_types is not None and record.asset_type not in asset_types:
            continue
        at = where.get(record.id, f"draft {record.id}")
        if not record.generated:
            reason = next(f.message for f in record.failures if f.check == "generation")
            problems.append(
                Problem(
                    at,
                    f"was never written ({reason}) — draft it again (`cvj batch --resume` or "
                    f"`cvj campaign`) or delete the line",
                )
            )
            continue
        model = asset_model(record.asset_type)
        if model.stage != record.stage:
            problems.append(
                Problem(
                    at, f"stage {record.stage.value}, but {record.asset_type} belongs to {model.stage.value}"
                )
            )
            continue
        try:
            items.append(Item(record, model.model_validate(record.fields), at))
        except ValidationError as exc:
            problems.extend(Problem(at, _field_problem(err)) for err in exc.errors())
    return items, problems


def _field_problem(err: Any) -> str:
    where = _index_path(err["loc"])
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if err["type"] == "string_too_long" and isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        limit = ctx["max_length"]
        return f"{where} {shown!r} is {len(value)} characters, over the {limit} allowed — shorten it"
    if err["type"] == "too_short":
        return f"{where} has {ctx.get('actual_length')} items; at least {ctx.get('min_length')} are needed"
    if err["type"] == "too_long":
        return f"{where} has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed"
    return f"{where}: {err['msg']}"


def _index_path(loc: Sequence[Any]) -> str:
    """('headlines', 3) → fields.headlines[3]"""
    out = "fields"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def check_url(value: str, what: str) -> str:
    """A web address a channel accepts: http(s), a host, no spaces."""
    value = value.strip()
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in value)
        or len(value) > MAX_URL
    ):
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise UserError(
            f"{what}: {shown!r} is not a web address — write it in full, like https://example.com/page"
        )
    return value


def load_links(path: Path) -> dict[str, str]:
    """``--links``: a YAML mapping of link tags to URLs, e.g. ``review_link: https://g.page/r/…``."""
    if not path.is_file():
        raise UserError(f"{path}: no such file — pass a YAML file like `review_link: https://…`")
    raw = path.read_bytes()
    if len(raw) > MAX_LINKS_BYTES:
        raise UserError(f"{path}: {len(raw):,} bytes; a links file is a few lines — keep it under 64 KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 — save the file as UTF-8") from None
    data = load_yaml(text, str(path)) or {}  # no aliases, no deep nesting, no repeated keys
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a mapping of link tag to URL, like `review_link: https://…`")
    links: dict[str, str] = {}
    for key, value in data.items():
        tag = str(key).strip().strip("{}").strip()
        if tag not in LINK_TAGS:
            raise UserError(f"{path}: {key!r} is not a link tag — expected one of {', '.join(LINK_TAGS)}")
        if not isinstance(value, str):
            raise UserError(f"{path}: {tag}: expected a URL in quotes or plain, got {type(value).__name__}")
        links[tag] = check_url(value, f"{path}: {tag}")
    return links
