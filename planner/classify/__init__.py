"""The stage classifier: which Customer Value Journey stage does a piece of marketing copy serve?

Inference only — the weights ship as ``classifier.json`` beside this file and the cue phrases as
``cues.yaml``. Training lives in the eval harness (``python -m evals.train``, ``make train-classifier``).
"""

from planner.classify._features import (
    EMBED_TOKENS,
    CueSet,
    Encoder,
    Vocabulary,
    build_vocabulary,
    featurise,
    load_cues,
)
from planner.classify._items import Item, classify_items, read_items, score
from planner.classify._metrics import STAGES, Evaluation, evaluate
from planner.classify._model import (
    MODEL_FILE,
    Prediction,
    StageClassifier,
    Weights,
    get_classifier,
    load_weights,
    softmax,
)

__all__ = [
    "EMBED_TOKENS",
    "MODEL_FILE",
    "STAGES",
    "CueSet",
    "Encoder",
    "Evaluation",
    "Item",
    "Prediction",
    "StageClassifier",
    "Vocabulary",
    "Weights",
    "build_vocabulary",
    "classify_items",
    "evaluate",
    "featurise",
    "get_classifier",
    "load_cues",
    "load_weights",
    "read_items",
    "score",
    "softmax",
]
