"""The stage classifier: which Customer Value Journey stage does a piece of marketing copy serve?

A multinomial logistic regression over ``_features`` (MiniLM embedding + tf-idf terms + cue-phrase counts +
shape), trained
on the exemplar bank's train split by ``python -m evals.train`` (the eval harness) and shipped as
``classifier.json`` beside this file (a few thousand numbers), so classifying needs no training at run time —
only the embedding of each input text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from planner.classify._features import EMBED_TOKENS, SHAPE_NAMES, Encoder, Vocabulary, featurise, load_cues
from planner.errors import UserError
from planner.stages import Stage

MODEL_FILE = Path(__file__).with_name("classifier.json")
STAGES: tuple[Stage, ...] = tuple(Stage)
# A text this short with no cue phrase at all ("Thank you.", "Click here.", a bare business name) carries too
# little evidence to name a stage, yet short slogans in the training data pull it towards Aware with high
# confidence. Its logits are divided by this much more, so it comes out unsure; which stage wins is unchanged.
SPARSE_WORDS = 8
SPARSE_SOFTENING = 3.0


@dataclass(frozen=True)
class Prediction:
    stage: Stage
    confidence: float
    scores: dict[Stage, float]

    def to_json(self, id_: str) -> dict[str, Any]:
        return {
            "id": id_,
            "stage": self.stage.value,
            "confidence": round(self.confidence, 4),
            "scores": {s.value: round(p, 4) for s, p in self.scores.items()},
        }


@dataclass(frozen=True)
class Weights:
    """Everything needed to score a feature matrix, plus where it came from."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # features × stages
    bias: np.ndarray
    meta: dict[str, Any]
    vocabulary: Vocabulary | None = None  # the tf-idf block's terms; None for a model trained without it

    @property
    def temperature(self) -> float:
        """Divides the logits: fitted on real published copy so a confidence of 0.8 is right about 80 % of
        the time (``bench/realcopy.py calibrate``). It never changes which stage wins, only how sure it is."""
        return float(self.meta.get("temperature", 1.0))

    def logits(self, features: np.ndarray) -> np.ndarray:
        result: np.ndarray = ((features - self.mean) / self.scale) @ self.coef + self.bias
        return result

    def probabilities(self, features: np.ndarray, softer: np.ndarray | None = None) -> np.ndarray:
        """Stage probabilities; ``softer`` (a factor ≥ 1 per row) flattens rows with little evidence."""
        temperature = self.temperature if softer is None else self.temperature * softer[:, None]
        return softmax(self.logits(features) / temperature)

    def to_json(self) -> dict[str, Any]:
        data = {
            "meta": self.meta,
            "stages": [s.value for s in STAGES],
            "mean": _rounded(self.mean),
            "scale": _rounded(self.scale),
            "coef": _rounded(self.coef),
            "bias": _rounded(self.bias),
        }
        if self.vocabulary is not None:
            data["vocabulary"] = {"terms": list(self.vocabulary.terms), "idf": _rounded(self.vocabulary.idf)}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Weights:
        if data.get("stages") != [s.value for s in STAGES]:
            raise UserError("classifier file lists different stages — retrain with `make train-classifier`")
        arrays = {k: np.asarray(data[k], dtype=np.float32) for k in ("mean", "scale", "coef", "bias")}
        vocabulary = None
        if "vocabulary" in data:
            block = data["vocabulary"]
            vocabulary = Vocabulary(tuple(block["terms"]), np.asarray(block["idf"], dtype=np.float32))
        return cls(meta=data["meta"], vocabulary=vocabulary, **arrays)


def _rounded(array: np.ndarray) -> Any:
    return np.round(array.astype(np.float64), 6).tolist()


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: np.ndarray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


class StageClassifier:
    """Predict stages for texts. The encoder is passed in (tests may share one); weights come from a file."""

    def __init__(self, weights: Weights, encoder: Encoder) -> None:
        self.weights = weights
        self.encoder = encoder
        self.cues = load_cues()
        if weights.meta.get("cues") not in (None, self.cues.digest):
            raise UserError(
                "planner/classify/cues.yaml changed since the classifier was trained — "
                "run `make train-classifier`"
            )
        if weights.meta.get("embed_tokens") not in (None, EMBED_TOKENS):
            raise UserError("the classifier was trained on other features — run `make train-classifier`")

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        features = featurise(texts, self.encoder, self.cues, self.weights.vocabulary)
        probs = self.weights.probabilities(features, self.softening(features))
        return [_prediction(row) for row in probs]

    def softening(self, features: np.ndarray) -> np.ndarray:
        """SPARSE_SOFTENING for rows under SPARSE_WORDS words with no cue match, 1 elsewhere."""
        start = features.shape[1] - len(self.cues.names) - len(SHAPE_NAMES)
        no_cues = features[:, start : start + len(self.cues.names)].sum(axis=1) == 0
        words = np.expm1(features[:, start + len(self.cues.names)])  # shape:words is log1p(word count)
        return np.where(no_cues & (words < SPARSE_WORDS - 0.5), SPARSE_SOFTENING, 1.0)

    def predict_one(self, text: str) -> Prediction:
        return self.predict([text])[0]


def _prediction(row: np.ndarray) -> Prediction:
    best = int(row.argmax())
    return Prediction(STAGES[best], float(row[best]), {s: float(p) for s, p in zip(STAGES, row, strict=True)})


def load_weights(path: Path = MODEL_FILE) -> Weights:
    if not path.is_file():
        raise UserError(f"{path}: no trained classifier — run `make train-classifier`")
    return Weights.from_json(json.loads(path.read_text(encoding="utf-8")))


@cache
def get_classifier() -> StageClassifier:
    """One classifier per process, on the shared offline encoder."""
    from planner.embeddings import get_encoder

    return StageClassifier(load_weights(), get_encoder())
