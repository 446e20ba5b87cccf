"""The bundled MiniLM model as a LangChain ``Embeddings``: ``langchain_chroma.Chroma`` works on our store."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from planner.embeddings import get_encoder


class MiniLMEmbeddings(Embeddings):
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [row.tolist() for row in get_encoder().encode(texts)]

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = get_encoder().encode([text])[0].tolist()
        return vector
