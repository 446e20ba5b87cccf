"""The bundled MiniLM model: real embeddings, verified files, a Chroma function that survives reopening."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planner import embeddings
from planner.chroma_embeddings import MiniLMEmbeddingFunction
from planner.embeddings import cosine, get_encoder
from planner.errors import EmbeddingModelError

SIMILAR = [
    (
        "Enter your email to get the free checklist",
        "Sign up with your email address and we'll send the guide",
    ),
    ("Please leave us a review on Google", "Would you write a quick review of your visit?"),
    ("Refer a friend and you both get $15", "Give your friends $15 off and earn a $15 credit"),
]
DISSIMILAR = [
    ("Enter your email to get the free checklist", "The ferry timetable changes in winter"),
    ("Please leave us a review on Google", "Quarterly tax filing deadlines for contractors"),
    ("Refer a friend and you both get $15", "How to repot a cactus without gloves"),
]


def test_vectors_are_unit_length() -> None:
    vectors = get_encoder().encode(["one", "two words", ""])
    assert vectors.shape == (3, embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize(("similar", "dissimilar"), list(zip(SIMILAR, DISSIMILAR, strict=True)))
def test_similar_pairs_score_higher(similar: tuple[str, str], dissimilar: tuple[str, str]) -> None:
    assert cosine(*similar) > 0.35
    assert cosine(*dissimilar) < 0.2
    assert cosine(*similar) > cosine(*dissimilar) + 0.3


def test_batching_keeps_order() -> None:
    texts = ["short", "a much longer sentence about grooming nervous dogs " * 5, "medium length text here"]
    together = get_encoder().encode(texts)
    alone = np.vstack([get_encoder().encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_checksum_mismatch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    package, relative, _ = embeddings._FILES["tokenizer"]
    monkeypatch.setitem(embeddings._FILES, "tokenizer", (package, relative, "0" * 64))
    with pytest.raises(EmbeddingModelError, match="does not match the pinned"):
        embeddings.locate("tokenizer")


def test_missing_package_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embeddings._FILES, "model", ("no_such_package_xyz", "model.onnx", "0" * 64))
    with pytest.raises(EmbeddingModelError, match="not installed"):
        embeddings.locate("model")


def test_reopened_collection_uses_registered_function(tmp_path: Path) -> None:
    """A second client that passes no embedding function still embeds queries with ours, not Chroma's."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    first = chromadb.PersistentClient(path=str(tmp_path), settings=settings)
    col = first.create_collection("reopen-test", embedding_function=MiniLMEmbeddingFunction())  # type: ignore[arg-type]
    col.add(ids=["a", "b"], documents=["leave us a review", "the ferry timetable"])
    del first
    second = chromadb.PersistentClient(path=str(tmp_path), settings=settings)
    reopened = second.get_collection("reopen-test")
    assert reopened.configuration_json["embedding_function"]["name"] == "cvj-minilm-int8"
    hits = reopened.query(query_texts=["would you write a review?"], n_results=1)
    assert hits["ids"][0] == ["a"]
