"""Classification metrics: accuracy, per-stage precision and recall, and the confusion matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.stages import Stage

STAGES: tuple[Stage, ...] = tuple(Stage)


@dataclass(frozen=True)
class Evaluation:
    total: int
    correct: int
    confusion: dict[Stage, dict[Stage, int]]  # true stage → predicted stage → count

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def precision(self, stage: Stage) -> float:
        predicted = sum(row[stage] for row in self.confusion.values())
        return self.confusion[stage][stage] / predicted if predicted else 0.0

    def recall(self, stage: Stage) -> float:
        actual = sum(self.confusion[stage].values())
        return self.confusion[stage][stage] / actual if actual else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "per_stage": {
                s.value: {
                    "precision": round(self.precision(s), 4),
                    "recall": round(self.recall(s), 4),
                    "support": sum(self.confusion[s].values()),
                }
                for s in STAGES
            },
            "confusion": {t.value: {p.value: n for p, n in row.items()} for t, row in self.confusion.items()},
        }

    def confusion_text(self) -> str:
        """The matrix as aligned text: rows are true stages, columns predicted (first four letters)."""
        head = "true \\ pred".ljust(11) + "".join(s.value[:4].rjust(6) for s in STAGES)
        rows = [
            s.value.ljust(11) + "".join(str(self.confusion[s][p]).rjust(6) for p in STAGES) for s in STAGES
        ]
        return "\n".join([head, *rows])


def evaluate(truth: list[Stage], predicted: list[Stage]) -> Evaluation:
    confusion = {t: dict.fromkeys(STAGES, 0) for t in STAGES}
    for t, p in zip(truth, predicted, strict=True):
        confusion[t][p] += 1
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    return Evaluation(len(truth), correct, confusion)
