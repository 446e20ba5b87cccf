"""The chat's intent model: a message is compared with request examples (``requests.yaml``) on the MiniLM
embeddings the store already ships, and each label (``draft:welcome_email``, ``refine:tone``, ``plan``…)
scores the mean similarity of its two closest examples.

Nearest examples rather than a trained classifier: a marketer (or we) can add one line to the YAML and the
chat understands a new way of asking, with no training step. The examples' vectors are cached on disk under
$CVJ_HOME/cache, keyed by the file's content, so a start after the first costs one file read.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from planner.embeddings import MODEL_NAME, get_encoder
from planner.yamlio import load_yaml

EXAMPLES_FILE = Path(__file__).with_name("requests.yaml")
TOP = 2  # closest examples averaged per label: one odd example cannot decide alone


@dataclass(frozen=True)
class Ranked:
    """Labels by score, best first."""

    scores: tuple[tuple[str, float], ...]

    @property
    def label(self) -> str:
        return self.scores[0][0]

    @property
    def score(self) -> float:
        return self.scores[0][1]

    def of(self, label: str) -> float:
        return dict(self.scores).get(label, 0.0)

    def best_of(self, prefix: str) -> tuple[str, float, float]:
        """The best label starting with ``prefix``: (its name without the prefix, its score, the next's)."""
        inside = [(label, s) for label, s in self.scores if label.startswith(prefix)]
        runner_up = inside[1][1] if len(inside) > 1 else 0.0
        return inside[0][0].removeprefix(prefix), inside[0][1], runner_up


def load_examples(path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    """(label, request) pairs; nested YAML keys join with ':' (draft → search_ad → ``draft:search_ad``)."""
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    pairs: list[tuple[str, str]] = []

    def walk(node: object, label: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{label}:{key}" if label else str(key))
        elif isinstance(node, list):
            pairs.extend((label, str(text)) for text in node)

    walk(data, "")
    return pairs


class Nearest:
    def __init__(self, pairs: list[tuple[str, str]], vectors: np.ndarray) -> None:
        self.labels = sorted({label for label, _ in pairs})
        index = {label: i for i, label in enumerate(self.labels)}
        self._label_of = np.array([index[label] for label, _ in pairs])
        self._vectors = vectors

    def rank(self, text: str) -> Ranked:
        vector = get_encoder().encode([text.strip()[:600] or " "])[0]
        sims = self._vectors @ vector
        scores = []
        for i, label in enumerate(self.labels):
            mine = np.sort(sims[self._label_of == i])[-TOP:]
            scores.append((label, float(mine.mean())))
        scores.sort(key=lambda pair: -pair[1])
        return Ranked(tuple(scores))


_lock = threading.Lock()


@cache
def nearest() -> Nearest:
    """The model, built once per process (vectors from the disk cache when the examples are unchanged)."""
    with _lock:
        pairs = load_examples()
        return Nearest(pairs, _vectors([text for _, text in pairs]))


def _vectors(texts: list[str]) -> np.ndarray:
    from planner.store import cvj_home

    key = hashlib.sha256("\n".join([MODEL_NAME, *texts]).encode()).hexdigest()[:16]
    path = cvj_home() / "cache" / f"chat-requests-{key}.npy"
    if path.is_file():
        try:
            cached: np.ndarray = np.load(path)
            if cached.shape[0] == len(texts):
                return cached
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    vectors = get_encoder().encode(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the encoding again next start
    return vectors
