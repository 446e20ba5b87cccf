"""``cvj eval compare A.json B.json``: two eval runs side by side (e.g. two prompt versions), per case."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import InputFileError


@dataclass(frozen=True)
class Row:
    key: str
    stage: str
    a: bool | None  # None: the case is not in that run
    b: bool | None
    a_failing: list[str]
    b_failing: list[str]

    @property
    def change(self) -> str:
        if self.a is None or self.b is None:
            return "added" if self.a is None else "removed"
        if self.a == self.b:
            return "same"
        return "fixed" if self.b else "broke"


def load_results(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(
            f"{path}: no such file — pass results.json files written by `cvj eval`"
        ) from None
    except RecursionError:
        raise InputFileError(f"{path}: nested too deeply — not a results.json from `cvj eval`") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: not a results.json ({exc}) — re-run `cvj eval`") from None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list) or "summary" not in data:
        raise InputFileError(f"{path}: not a results.json from `cvj eval` (no 'results' list or 'summary')")
    return data


def _failing(result: dict[str, Any] | None) -> list[str]:
    if result is None:
        return []
    return sorted({o["check"] for o in result.get("outcomes", []) if o.get("passed") is False})


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[Row]:
    first = {r["key"]: r for r in a["results"]}
    second = {r["key"]: r for r in b["results"]}
    rows = []
    for key in dict.fromkeys([*first, *second]):
        ra, rb = first.get(key), second.get(key)
        stage = (ra or rb or {}).get("stage", "")
        rows.append(
            Row(
                key,
                stage,
                ra["passed"] if ra else None,
                rb["passed"] if rb else None,
                _failing(ra),
                _failing(rb),
            )
        )
    return rows


def stage_rates(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    sa, sb = a["summary"]["by_stage"], b["summary"]["by_stage"]
    return [
        (stage, sa.get(stage, {}).get("pass_rate"), sb.get(stage, {}).get("pass_rate"))
        for stage in dict.fromkeys([*sa, *sb])
    ]
