"""Read JSON Lines input files strictly: every line is parsed before any result is printed, and the first
bad line stops the run with its file, line number and what to fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.errors import InputFileError
from planner.stages import Stage

MAX_LINE_BYTES = 1_000_000
MAX_DEPTH = 32  # a draft line is 3 levels deep; deeper data would reach code that walks it recursively
BOM = b"\xef\xbb\xbf"


def read_objects(
    path: Path, required: tuple[str, ...], what: str, unique_ids: bool = False
) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; ``id`` and ``text`` are checked when required, and
    with ``unique_ids`` an id given twice stops the run naming both lines."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such file — pass a JSON Lines file of {what}")
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1:
                raw = raw.removeprefix(BOM)  # Windows editors save one; audit's folder reader accepts it too
            if not raw.strip():
                continue
            obj = _parse(f"{path}:{number}", raw, required)
            if unique_ids:
                key = str(obj["id"])
                if key in seen:
                    raise InputFileError(
                        f"{path}:{number}: id {key!r} is also on line {seen[key]} — ids must be unique"
                    )
                seen[key] = number
            rows.append((number, obj))
    if not rows:
        raise InputFileError(f"{path}: the file is empty — expected one JSON object per line")
    return rows


def loads(where: str, raw: bytes | str) -> Any:
    """``json.loads`` with every failure as a clear ``InputFileError`` naming ``where`` (file:line)."""
    try:
        obj = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError:
        raise InputFileError(f"{where}: not UTF-8 — save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputFileError(_too_deep(where)) from None
    if _depth(obj) > MAX_DEPTH:
        raise InputFileError(_too_deep(where))
    return obj


def _too_deep(where: str) -> str:
    return f"{where}: nested too deeply — keep objects and lists {MAX_DEPTH} levels deep or less"


def _depth(obj: Any) -> int:
    """Nesting depth, walked with a stack (not recursion: the point is to refuse deep data safely)."""
    deepest, stack = 0, [(obj, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                break
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _parse(where: str, raw: bytes, required: tuple[str, ...]) -> dict[str, Any]:
    if len(raw) > MAX_LINE_BYTES:
        raise InputFileError(f"{where}: line is {len(raw):,} bytes; keep each line under {MAX_LINE_BYTES:,}")
    obj = loads(where, raw)
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
