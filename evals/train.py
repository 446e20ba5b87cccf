"""Train the stage classifier on the bank's train split and write ``planner/classify/classifier.json``.

``make train-classifier`` (``python -m evals.train``). The vocabulary of the tf-idf block comes from the train
split alone; the regularisation strength is picked by 5-fold cross-validation inside the train split (the two
dense blocks' weights were chosen on real published copy, see below); the held-out split is scored once, at
the end, and its accuracy and confusion matrix are stored beside the weights (the README and a test quote
them).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
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
    build_vocabulary,
    evaluate,
    featurise,
    load_cues,
    softmax,
)
from planner.embeddings import DIMENSIONS

L2_GRID = (0.01, 0.03, 0.1)
# The embedding block's weight, like the tf-idf block's below, is chosen on copy real businesses published
# (bench/realcopy dev, 634 texts, round 3; `python bench/realcopy_sweep.py weights`), not by the bank's
# cross-validation: inside the bank, where train and test share one set of writers, the louder the bag of the
# bank's own words the better (0.25 won there), but on real copy the embedding is what carries over. Real-copy
# dev by weight (l2 0.01): 0.25 83.6 %, 0.4 84.5 %, 0.5 83.9 %, 0.6 84.5 %, 0.65 84.9 %, 0.75 84.4 %, 0.8
# 83.8 %; on sets d and e, the two gathered last, 73.8 % at 0.25 and 77.8 % at 0.65. On set f, round 3's final
# part, scored once, it did not carry over: 68.3 % against round 2's 72.3 % (bench/realcopy/SET-F.md).
EMBED_WEIGHTS = (0.65,)
GRID = tuple((l2, w) for l2 in L2_GRID for w in EMBED_WEIGHTS)
FOLDS = 5
# A term must appear in this many bank texts to enter the vocabulary (about 5,000 words and word pairs).
MIN_DOCUMENTS = 3
# The tf-idf block's weight, like the embedding's, sets how loud the block is against the hand-made features.
# Chosen on the real-copy dev part (bench/realcopy, 409 texts): 0.1 gave 85.8 %, 0.25 88.0 %, 0.5 85.8 %, 1.0
# 81.2 %. The bank's own cross-validation and blind sets lean a little to 0.5 (90.7 against 90.5 % in
# cross-validation), but on copy real businesses published 0.5 loses more than it gains there.
TERMS_WEIGHT = 0.25


@dataclass(frozen=True)
class Blocks:
    """Where the two dense blocks sit in a feature row: the embedding first, the tf-idf terms after it."""

    embed: int
    terms: int = 0


def block_scale(features: np.ndarray, blocks: Blocks, embed_weight: float) -> np.ndarray:
    """Per-column scale: hand-made features one by one; each dense block shares one scale.

    Standardising 384 embedding dimensions (or thousands of terms) separately on a few hundred examples lets
    noise columns look as loud as meaningful ones, and the model then memorises the bank's wording; a block
    divided by its weight keeps the block as a whole at the loudness that weight asks for.
    """
    scale: np.ndarray = features.std(axis=0) + 1e-3
    end = blocks.embed + blocks.terms
    if blocks.embed:
        scale[: blocks.embed] = features[:, : blocks.embed].std() / embed_weight
    if blocks.terms:
        scale[blocks.embed : end] = features[:, blocks.embed : end].std() / TERMS_WEIGHT
    return scale


def fit(
    features: np.ndarray,
    labels: np.ndarray,
    l2: float,
    blocks: Blocks | None = None,
    embed_weight: float = 1.0,
    steps: int = 600,
) -> Weights:
    """Softmax regression by full-batch Adam: deterministic, and a few seconds on a thousand examples."""
    mean = features.mean(axis=0)
    scale = block_scale(features, blocks or Blocks(0), embed_weight)
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


def cross_validate(x: np.ndarray, y: np.ndarray, blocks: Blocks, l2: float, embed_weight: float) -> float:
    fold = np.arange(len(y)) % FOLDS
    correct = 0
    for k in range(FOLDS):
        weights = fit(x[fold != k], y[fold != k], l2, blocks, embed_weight)
        correct += int((weights.probabilities(x[fold == k]).argmax(axis=1) == y[fold == k]).sum())
    return correct / len(y)


def train(examples: list[Example], encoder: Encoder, log: bool = False) -> tuple[Weights, Evaluation]:
    cues = load_cues()
    train_set, held_out = split(examples, "train"), split(examples, "heldout")
    vocabulary = build_vocabulary([e.text for e in train_set], MIN_DOCUMENTS)
    blocks = Blocks(DIMENSIONS, len(vocabulary.terms))
    x_train = featurise([e.text for e in train_set], encoder, cues, vocabulary)
    y_train = labels(train_set)
    scores = {point: cross_validate(x_train, y_train, blocks, *point) for point in GRID}
    if log:
        print("cross-validation accuracy by (l2, embed weight):", file=sys.stderr)
        print({k: round(v, 3) for k, v in scores.items()}, file=sys.stderr)
    best = max(GRID, key=lambda p: (scores[p], p[0], -p[1]))  # ties → the stronger regulariser
    weights = replace(fit(x_train, y_train, best[0], blocks, best[1]), vocabulary=vocabulary)
    held_features = featurise([e.text for e in held_out], encoder, cues, vocabulary)
    predicted = weights.probabilities(held_features).argmax(axis=1)
    evaluation = evaluate([e.stage for e in held_out], [STAGES[i] for i in predicted])
    weights.meta.update(
        {
            "bank": bank_digest(examples),
            "cues": cues.digest,
            "embed_tokens": EMBED_TOKENS,
            "terms": {"count": len(vocabulary.terms), "min_documents": MIN_DOCUMENTS, "weight": TERMS_WEIGHT},
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
