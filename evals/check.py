"""``cvj check``: run the stage rules over drafts from a JSON Lines file (or in memory)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.rules import Checker, Draft, Failure
from planner.assets import ASSET_MODELS
from planner.errors import InputFileError
from planner.profile import Profile
from planner.stages import Stage

MAX_LINE_BYTES = 1_000_000


@dataclass(frozen=True)
class CheckResult:
    id: str
    passed: bool
    failures: list[Failure]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "passed": self.passed,
            "failures": [{"check": f.check, "message": f.message} for f in self.failures],
        }


def check_text(
    profile: Profile,
    stage: Stage | str,
    text: str,
    asset_type: str | None = None,
    fields: dict[str, Any] | None = None,
    checker: Checker | None = None,
) -> list[Failure]:
    """Failures for one draft; an empty list means it fits its stage."""
    checker = checker or Checker(profile)
    return checker.check(Draft(Stage(stage), text, asset_type, fields))


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
    if not path.is_file():
        raise InputFileError(f"{path}: no such file — pass a JSON Lines file of drafts")
    drafts: list[InputDraft] = []
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            drafts.append(_parse_line(path, number, raw))
    return drafts


def _parse_line(path: Path, number: int, raw: bytes) -> InputDraft:
    where = f"{path}:{number}"
    if len(raw) > MAX_LINE_BYTES:
        raise InputFileError(f"{where}: line is {len(raw):,} bytes; keep each draft under {MAX_LINE_BYTES:,}")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputFileError(f"{where}: not UTF-8 — save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputFileError(f"{where}: each line must be a JSON object with id, stage and text")
    for key in ("id", "stage", "text"):
        if key not in obj:
            raise InputFileError(f"{where}: missing '{key}' — each line needs id, stage and text")
    if not isinstance(obj["id"], str | int) or isinstance(obj["id"], bool):
        raise InputFileError(f"{where}: 'id' must be a string")
    if not isinstance(obj["text"], str) or not obj["text"].strip():
        raise InputFileError(f"{where}: 'text' must be a non-empty string")
    try:
        stage = Stage(str(obj["stage"]).strip().lower())
    except ValueError:
        raise InputFileError(
            f"{where}: unknown stage {obj['stage']!r} — expected one of {', '.join(Stage)}"
        ) from None
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
        failures = checker.check(Draft(d.stage, d.text, d.asset_type, d.fields))
        yield CheckResult(d.id, not failures, failures)
