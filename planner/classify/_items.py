"""``cvj classify``: read texts from JSON Lines, predict their stages, optionally score against labels."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.classify._metrics import Evaluation, evaluate
from planner.classify._model import Prediction, StageClassifier
from planner.jsonl import parse_stage_field, read_objects
from planner.stages import Stage

CHUNK = 256  # texts per featurise call: long enough to sort by length, short enough for a live progress bar


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    stage: Stage | None  # the label, when evaluating


def read_items(path: Path, labelled: bool) -> list[Item]:
    required = ("id", "text", "stage") if labelled else ("id", "text")
    items = []
    for number, obj in read_objects(path, required, "texts"):
        stage = parse_stage_field(f"{path}:{number}", obj["stage"]) if labelled else None
        items.append(Item(str(obj["id"]), obj["text"], stage))
    return items


def classify_items(
    classifier: StageClassifier, items: list[Item], on_chunk: Callable[[int], None] | None = None
) -> Iterator[tuple[Item, Prediction]]:
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        yield from zip(chunk, classifier.predict([i.text for i in chunk]), strict=True)
        if on_chunk:
            on_chunk(len(chunk))


def score(pairs: list[tuple[Item, Prediction]]) -> Evaluation:
    return evaluate([i.stage for i, _ in pairs if i.stage], [p.stage for i, p in pairs if i.stage])
