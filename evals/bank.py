"""The labelled exemplar bank the stage classifier learns from: ``evals/data/exemplars/<stage>.jsonl``.

Each line is ``{"id", "stage", "kind", "text"}``. About a quarter of each stage is held out, chosen by a hash
of the id rather than by hand, so nobody tunes on it by accident and new examples never reshuffle the split.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from planner.errors import InputFileError
from planner.stages import Stage

BANK_DIR = Path(__file__).parent / "data" / "exemplars"
HELD_OUT_SHARE = 4  # one in four examples, by id hash

Split = Literal["train", "heldout"]


@dataclass(frozen=True)
class Example:
    id: str
    stage: Stage
    text: str
    kind: str = ""

    @property
    def split(self) -> Split:
        digest = hashlib.sha256(self.id.encode("utf-8")).digest()
        return "heldout" if digest[0] % HELD_OUT_SHARE == 0 else "train"


def load_bank(folder: Path = BANK_DIR) -> list[Example]:
    """Every exemplar, in file then line order; a malformed line stops with its file and line number."""
    examples: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                examples.append(_parse(path, number, line))
    if not examples:
        raise InputFileError(f"{folder}: no exemplar files (*.jsonl) found")
    return examples


def _parse(path: Path, number: int, line: str) -> Example:
    where = f"{path}:{number}"
    try:
        obj = json.loads(line)
        return Example(str(obj["id"]), Stage(obj["stage"]), str(obj["text"]), str(obj.get("kind", "")))
    except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
        raise InputFileError(f"{where}: bad exemplar ({exc}) — each line needs id, stage and text") from None


def split(examples: list[Example], which: Split) -> list[Example]:
    return [e for e in examples if e.split == which]


def bank_digest(examples: list[Example]) -> str:
    """Content hash of the bank: the shipped classifier records it so a stale model is caught by a test."""
    h = hashlib.sha256()
    for e in examples:
        h.update(f"{e.id}\x1f{e.stage.value}\x1f{e.text}\x1e".encode())
    return h.hexdigest()[:16]
