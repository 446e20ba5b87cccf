"""``cvj check``: run the stage rules over drafts from a JSON Lines file (or in memory)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.assets import ASSET_MODELS
from planner.drafts import Failure, failures_to_json
from planner.errors import InputFileError
from planner.jsonl import parse_stage_field, read_objects
from planner.profile import Profile
from planner.rules._engine import Checker, Draft, Findings
from planner.stages import Stage


@dataclass(frozen=True)
class CheckResult:
    """One draft's verdict: ``passed`` depends on the failures only; warnings are reported beside them."""

    id: str
    passed: bool
    failures: list[Failure]
    warnings: list[Failure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "passed": self.passed,
            "failures": failures_to_json(self.failures),
            "warnings": failures_to_json(self.warnings),
        }


def check_text(
    profile: Profile,
    stage: Stage | str,
    text: str,
    asset_type: str | None = None,
    fields: dict[str, Any] | None = None,
    checker: Checker | None = None,
) -> list[Failure]:
    """Failures for one draft; an empty list means it fits its stage (warnings: ``check_text_all``)."""
    return check_text_all(profile, stage, text, asset_type, fields, checker).failures


def check_text_all(
    profile: Profile,
    stage: Stage | str,
    text: str,
    asset_type: str | None = None,
    fields: dict[str, Any] | None = None,
    checker: Checker | None = None,
) -> Findings:
    """Failures and warnings for one draft."""
    checker = checker or Checker(profile)
    return checker.check_all(Draft(Stage(stage), text, asset_type, fields))


@dataclass(frozen=True)
class InputDraft:
    id: str
    stage: Stage
    text: str
    asset_type: str | None
    fields: dict[str, Any] | None
    line: int


def read_drafts(path: Path) -> list[InputDraft]:
    """Parse and validate every line first, so bad input stops the run before anything is printed."""
    rows = read_objects(path, ("id", "stage", "text"), "drafts", unique_ids=True)
    return [_draft(f"{path}:{n}", obj, n) for n, obj in rows]


def _draft(where: str, obj: dict[str, Any], number: int) -> InputDraft:
    stage = parse_stage_field(where, obj["stage"])
    asset_type = obj.get("asset_type")
    if asset_type is not None and asset_type not in ASSET_MODELS:
        raise InputFileError(
            f"{where}: unknown asset_type {asset_type!r} — expected one of {', '.join(ASSET_MODELS)}"
        )
    fields = obj.get("fields")
    if fields is not None and not isinstance(fields, dict):
        raise InputFileError(f"{where}: 'fields' must be an object")
    return InputDraft(str(obj["id"]), stage, obj["text"], asset_type, fields, number)


def check_drafts(profile: Profile, drafts: list[InputDraft]) -> Iterator[CheckResult]:
    checker = Checker(profile)
    for d in drafts:
        failures, warnings = checker.check_all(Draft(d.stage, d.text, d.asset_type, d.fields))
        yield CheckResult(d.id, not failures, failures, warnings)
