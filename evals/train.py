"""Train the stage classifier on the bank's train split and write ``planner/classify/classifier.json``.

``make train-classifier`` (``python -m evals.train``). The regularisation strength is picked by 5-fold
cross-validation inside the train split; the held-out split is scored once, at the end, and its accuracy and
confusion matrix are stored beside the weights (the README and a test quote them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from evals.bank import Example, bank_digest, load_bank, split
from planner.classify import (
    EMBED_TOKENS,
    MODEL_FILE,
    STAGES,
    Encoder,
    Evaluation,
    Weights,
    evaluate,
    featurise,
    load_cues,
    softmax,
)
from planner.embeddings import DIMENSIONS

L2_GRID = (0.01, 0.03, 0.1, 0.3)
EMBED_WEIGHTS = (0.25, 0.5, 1.0)
GRID = tuple((l2, w) for l2 in L2_GRID for w in EMBED_WEIGHTS)
FOLDS = 5


def fit(
    features: np.ndarray,
    labels: np.ndarray,
    l2: float,
    embed_dims: int = 0,
    embed_weight: float = 1.0,
    steps: int = 600,
) -> Weights:
    """Softmax regression by full-batch Adam: deterministic, and a second on a few hundred examples.

    Hand-made features are standardised one by one. The embedding block shares one scale instead, divided
    by ``embed_weight``: standardising 384 dimensions separately on a few hundred examples lets noise
    dimensions look as loud as meaningful ones, and the model then memorises the bank's wording.
    """
    mean = features.mean(axis=0)
    scale = features.std(axis=0) + 1e-3
    if embed_dims:
        scale[:embed_dims] = features[:, :embed_dims].std() / embed_weight
    x = (features - mean) / scale
    target = np.eye(len(STAGES), dtype=np.float32)[labels]
    coef = np.zeros((x.shape[1], len(STAGES)), dtype=np.float32)
    bias = np.zeros(len(STAGES), dtype=np.float32)
    state = [np.zeros_like(coef), np.zeros_like(coef), np.zeros_like(bias), np.zeros_like(bias)]
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        error = (softmax(x @ coef + bias) - target) / len(x)
        grads = (x.T @ error + l2 * coef, error.sum(axis=0))
        for i, (param, grad) in enumerate(zip((coef, bias), grads, strict=True)):
            m, v = state[2 * i], state[2 * i + 1]
            m[:] = beta1 * m + (1 - beta1) * grad
            v[:] = beta2 * v + (1 - beta2) * grad**2
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return Weights(mean, scale, coef, bias, {"l2": l2, "embed_weight": embed_weight, "steps": steps})


def labels(examples: list[Example]) -> np.ndarray:
    return np.array([STAGES.index(e.stage) for e in examples])


def cross_validate(x: np.ndarray, y: np.ndarray, l2: float, embed_weight: float) -> float:
    fold = np.arange(len(y)) % FOLDS
    correct = 0
    for k in range(FOLDS):
        weights = fit(x[fold != k], y[fold != k], l2, DIMENSIONS, embed_weight)
        correct += int((weights.probabilities(x[fold == k]).argmax(axis=1) == y[fold == k]).sum())
    return correct / len(y)


def train(examples: list[Example], encoder: Encoder, log: bool = False) -> tuple[Weights, Evaluation]:
    cues = load_cues()
    train_set, held_out = split(examples, "train"), split(examples, "heldout")
    x_train, y_train = featurise([e.text for e in train_set], encoder, cues), labels(train_set)
    scores = {point: cross_validate(x_train, y_train, *point) for point in GRID}
    if log:
        print("cross-validation accuracy by (l2, embed weight):", file=sys.stderr)
        print({k: round(v, 3) for k, v in scores.items()}, file=sys.stderr)
    best = max(GRID, key=lambda p: (scores[p], p[0], -p[1]))  # ties → the stronger regulariser
    weights = fit(x_train, y_train, best[0], DIMENSIONS, best[1])
    predicted = weights.probabilities(featurise([e.text for e in held_out], encoder, cues)).argmax(axis=1)
    evaluation = evaluate([e.stage for e in held_out], [STAGES[i] for i in predicted])
    weights.meta.update(
        {
            "bank": bank_digest(examples),
            "cues": cues.digest,
            "embed_tokens": EMBED_TOKENS,
            "train_examples": len(train_set),
            "cv_accuracy": round(scores[best], 4),
            "heldout": evaluation.to_json(),
        }
    )
    return weights, evaluation


def main(out: Path = MODEL_FILE) -> None:
    from planner.embeddings import get_encoder

    weights, evaluation = train(load_bank(), get_encoder(), log=True)
    out.write_text(json.dumps(weights.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out}: held-out accuracy {evaluation.accuracy:.1%} on {evaluation.total} examples")
    print(evaluation.confusion_text())


if __name__ == "__main__":
    main()
