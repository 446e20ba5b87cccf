"""Diagnostics on real-copy dev that explain round 3's choices (issue 14); dev only, never the final part.

    python bench/realcopy_sweep.py weights     # real-copy dev accuracy by the embedding block's weight
    python bench/realcopy_sweep.py real-train  # one collection held out: bank alone vs bank + the others
    python bench/realcopy_sweep.py tokens      # how many opening tokens the embedding reads: 32, 48, 64, 128

``weights`` is how the embedding weight in ``evals/train.py`` was chosen. ``real-train`` asks what training on
real copy would buy: each of sets c, d and e is held out in turn and scored by a model trained on the bank
alone, then by one trained on the bank plus every other dev collection. The shipped classifier never trains
on real copy: the texts are not ours to commit, and CI could not rebuild such a model. ``tokens`` shows that
a longer embedding window buys nothing on real copy (and it would cost ``cvj classify`` its speed). All three
need the texts (``python bench/realcopy.py build``); each fit takes a few seconds on 2 cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import realcopy  # noqa: E402
from evals import train  # noqa: E402
from evals.bank import load_bank, split  # noqa: E402
from planner.classify import STAGES, Weights, _features, build_vocabulary, featurise, load_cues  # noqa: E402
from planner.embeddings import DIMENSIONS, get_encoder  # noqa: E402

WEIGHTS = (0.25, 0.4, 0.5, 0.6, 0.65, 0.75, 0.8)
L2 = 0.01


def _dev() -> list[tuple[realcopy.Entry, str]]:
    entries = realcopy.load_index()
    texts = realcopy.load_texts(entries)
    if texts is None:
        raise SystemExit(realcopy.how_to_rebuild(entries))
    return [(e, texts[e.id]) for e in entries if e.split == "dev"]


def _accuracy(weights: Weights, x: np.ndarray, truth: list[str]) -> float:
    predicted = weights.probabilities(x).argmax(axis=1)
    return float(np.mean([STAGES[i].value == t for i, t in zip(predicted, truth, strict=True)]))


def _sweep(weights: tuple[float, ...], label: str) -> None:
    bank, dev, encoder, cues = split(load_bank(), "train"), _dev(), get_encoder(), load_cues()
    vocabulary = build_vocabulary([e.text for e in bank], train.MIN_DOCUMENTS)
    blocks = train.Blocks(DIMENSIONS, len(vocabulary.terms))
    x_bank = featurise([e.text for e in bank], encoder, cues, vocabulary)
    x_dev = featurise([t for _, t in dev], encoder, cues, vocabulary)
    fresh = [i for i, (e, _) in enumerate(dev) if realcopy.set_of(e.id) in ("d", "e")]
    truth = [e.label for e, _ in dev]
    for weight in weights:
        fitted = train.fit(x_bank, train.labels(bank), L2, blocks, weight)
        print(
            f"{label}embed weight {weight:.2f}: dev {_accuracy(fitted, x_dev, truth):.1%}, sets d+e "
            f"{_accuracy(fitted, x_dev[fresh], [truth[i] for i in fresh]):.1%}"
        )


def sweep_weights() -> None:
    _sweep(WEIGHTS, "")


def sweep_tokens() -> None:
    for tokens in (32, 48, 64, 128):
        _features.EMBED_TOKENS = tokens  # featurise reads it at call time
        _sweep((0.25, 0.65), f"{tokens} tokens, ")


def real_train() -> None:
    bank, dev, encoder, cues = split(load_bank(), "train"), _dev(), get_encoder(), load_cues()
    for held in ("c", "d", "e"):
        test = [(e, t) for e, t in dev if realcopy.set_of(e.id) == held]
        others = [(e, t) for e, t in dev if realcopy.set_of(e.id) != held]
        for extra in ([], others):
            texts = [e.text for e in bank] + [t for _, t in extra]
            labels = np.concatenate([train.labels(bank), [STAGES.index(e.label) for e, _ in extra]]).astype(
                int
            )
            vocabulary = build_vocabulary(texts, train.MIN_DOCUMENTS)
            fitted = train.fit(
                featurise(texts, encoder, cues, vocabulary),
                labels,
                L2,
                train.Blocks(DIMENSIONS, len(vocabulary.terms)),
                train.EMBED_WEIGHTS[0],
            )
            x_test = featurise([t for _, t in test], encoder, cues, vocabulary)
            source = f"bank + {len(extra)} real" if extra else "bank alone"
            accuracy = _accuracy(fitted, x_test, [e.label for e, _ in test])
            print(f"set {held} ({len(test)}) held out, trained on {source}: {accuracy:.1%}")


def main(argv: list[str]) -> int:
    commands = {"weights": sweep_weights, "real-train": real_train, "tokens": sweep_tokens}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
