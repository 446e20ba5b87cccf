"""Read JSON Lines input files strictly: every line is parsed before any result is printed, and the first
bad line stops the run with its file, line number and what to fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.errors import InputFileError
from planner.stages import Stage

MAX_LINE_BYTES = 1_000_000


def read_objects(path: Path, required: tuple[str, ...], what: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; ``id`` and ``text`` are checked when required."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such file — pass a JSON Lines file of {what}")
    rows: list[tuple[int, dict[str, Any]]] = []
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if raw.strip():
                rows.append((number, _parse(f"{path}:{number}", raw, required)))
    if not rows:
        raise InputFileError(f"{path}: the file is empty — expected one JSON object per line")
    return rows


def _parse(where: str, raw: bytes, required: tuple[str, ...]) -> dict[str, Any]:
    if len(raw) > MAX_LINE_BYTES:
        raise InputFileError(f"{where}: line is {len(raw):,} bytes; keep each line under {MAX_LINE_BYTES:,}")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputFileError(f"{where}: not UTF-8 — save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputFileError(f"{where}: each line must be a JSON object with {', '.join(required)}")
    for key in required:
        if key not in obj:
            raise InputFileError(f"{where}: missing '{key}' — each line needs {', '.join(required)}")
    if "id" in required and (not isinstance(obj["id"], str | int) or isinstance(obj["id"], bool)):
        raise InputFileError(f"{where}: 'id' must be a string")
    if "text" in required and (not isinstance(obj["text"], str) or not obj["text"].strip()):
        raise InputFileError(f"{where}: 'text' must be a non-empty string")
    return obj


def parse_stage_field(where: str, value: Any) -> Stage:
    try:
        return Stage(str(value).strip().lower())
    except ValueError:
        raise InputFileError(
            f"{where}: unknown stage {value!r} — expected one of {', '.join(Stage)}"
        ) from None
