"""The bundled MiniLM model as a Chroma embedding function, registered by name.

Registration stores the function's name in the collection's configuration, so a client that reopens the
collection without passing an embedding function rebuilds this one instead of falling back to Chroma's
default (which downloads a model at run time and fails on machines without that access).
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from planner.embeddings import MODEL_NAME, get_encoder


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over the bundled model; never Chroma's downloading default."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(get_encoder().encode(list(input)))

    @staticmethod
    def name() -> str:
        return "cvj-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        return MiniLMEmbeddingFunction()

    def default_space(self) -> Any:
        return "cosine"

    def is_legacy(self) -> bool:
        return False
