"""When each draft goes out: a trigger and a day offset per asset type, from ``schedule.yaml`` (shipped in
this package) with an optional user file merged over it. Dates must keep the journey's order."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.assets import ASSET_MODELS
from planner.errors import UserError
from planner.stages import Stage
from planner.yamlio import load_yaml

DEFAULT_SCHEDULE = Path(__file__).with_name("schedule.yaml")
MAX_BYTES = 64 * 1024

Days = Annotated[int, Field(ge=0, le=365, strict=True)]


class Trigger(StrEnum):
    first_touch = "first_touch"
    opt_in = "opt_in"
    first_purchase = "first_purchase"
    core_purchase = "core_purchase"


class Slot(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    trigger: Trigger
    day: Days


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    triggers: dict[Trigger, Days] = Field(default_factory=dict)
    assets: dict[str, Slot] = Field(default_factory=dict)


class Schedule(BaseModel):
    """Every trigger's day after the start and every asset type's slot; see ``schedule.yaml``."""

    model_config = ConfigDict(frozen=True)
    triggers: dict[Trigger, int]
    assets: dict[str, Slot]
    source: str = str(DEFAULT_SCHEDULE.name)

    def slot(self, asset_type: str) -> Slot:
        return self.assets[asset_type]

    def day(self, asset_type: str) -> int:
        """Days after the calendar's start: the trigger's day plus the asset's offset."""
        slot = self.assets[asset_type]
        return self.triggers[slot.trigger] + slot.day


def load_schedule(path: Path | None = None) -> Schedule:
    """The shipped schedule, with ``path`` (a YAML file of the same shape) merged over it."""
    base = _parse(DEFAULT_SCHEDULE)
    if path is None:
        return _complete(base, DEFAULT_SCHEDULE.name)
    override = _parse(path)
    merged = _File(triggers={**base.triggers, **override.triggers}, assets={**base.assets, **override.assets})
    return _complete(merged, str(path))


def _parse(path: Path) -> _File:
    if not path.is_file():
        raise UserError(f"{path}: no such file — pass a schedule YAML (see planner/export/schedule.yaml)")
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise UserError(f"{path}: {len(raw):,} bytes; a schedule is a few lines — keep it under 64 KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 — save the file as UTF-8") from None
    data: Any = load_yaml(text, str(path)) or {}  # no aliases, no deep nesting, no repeated keys
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a mapping with `triggers` and `assets`")
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UserError(
            f"{path}: {where}: {first['msg']} — triggers are {', '.join(Trigger)}; days are whole "
            f"numbers 0-365"
        ) from None
    unknown = sorted(set(parsed.assets) - set(ASSET_MODELS))
    if unknown:
        raise UserError(
            f"{path}: assets.{unknown[0]}: unknown asset type — expected one of {', '.join(ASSET_MODELS)}"
        )
    return parsed


def _complete(parsed: _File, source: str) -> Schedule:
    missing = [t.value for t in Trigger if t not in parsed.triggers]
    missing += [a for a in ASSET_MODELS if a not in parsed.assets]
    if missing:
        raise UserError(f"{source}: no entry for {', '.join(missing)} — add it")
    schedule = Schedule(triggers=dict(parsed.triggers), assets=dict(parsed.assets), source=source)
    _check_journey_order(schedule)
    return schedule


def _check_journey_order(schedule: Schedule) -> None:
    """Each stage's first draft may not come before the previous stage's last one."""
    latest = ("", -1)  # (asset type, day) of the latest draft of the stages so far
    for stage in Stage:
        days = {a: schedule.day(a) for a, model in ASSET_MODELS.items() if model.stage == stage}
        first = min(days, key=lambda a: days[a])
        if days[first] < latest[1]:
            raise UserError(
                f"{schedule.source}: {first} ({stage.value}) falls on day {days[first]}, before "
                f"{latest[0]} on day {latest[1]} — the calendar follows the journey; move {first} to day "
                f"{latest[1]} or later"
            )
        last = max(days, key=lambda a: days[a])
        latest = (last, days[last])
