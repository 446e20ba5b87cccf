"""The retrieval store: a Chroma collection of stage-guide sections and profile facts.

Embedded (``PersistentClient`` under ``$CVJ_HOME/chroma``, default ``~/.cvj``) unless ``CVJ_CHROMA_URL``
points at a shared Chroma server. Embeddings always come from the bundled MiniLM model: the collection is
opened with it explicitly, so Chroma's downloading default never runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from planner.errors import UserError
from planner.knowledge import Chunk
from planner.stages import Stage

COLLECTION = "cvj_knowledge"


def cvj_home() -> Path:
    return Path(os.environ.get("CVJ_HOME") or Path.home() / ".cvj")


def _client(path: Path | None) -> Any:
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    url = os.environ.get("CVJ_CHROMA_URL")
    if url and path is None:
        parsed = urlparse(url)
        if not parsed.hostname or parsed.scheme not in ("http", "https"):
            raise UserError(f"CVJ_CHROMA_URL={url!r}: expected a URL like http://127.0.0.1:8000")
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        try:
            return chromadb.HttpClient(
                host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=settings
            )
        except Exception as exc:  # chromadb raises ValueError/ConnectionError variants without the address
            raise UserError(
                f"CVJ_CHROMA_URL={url}: cannot reach a Chroma server there ({type(exc).__name__}) — "
                f"start one (`chroma run --path DIR --host 127.0.0.1 --port {port}`) or unset "
                "CVJ_CHROMA_URL to use the local store"
            ) from None
    root = path or cvj_home() / "chroma"
    root.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(root), settings=settings)


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    text: str
    metadata: dict[str, Any]
    distance: float

    def to_chunk(self) -> Chunk:
        meta = self.metadata
        stage = Stage(meta["stage"]) if meta.get("stage") else None
        return Chunk(
            text=self.text,
            kind=str(meta.get("kind", "guide")),
            section=str(meta.get("section", "")),
            source=str(meta.get("source", "")),
            stage=stage,
            business=meta.get("business"),
            id=self.chunk_id,
        )


class Store:
    """A thin wrapper so callers never touch Chroma types directly."""

    def __init__(self, path: Path | None = None) -> None:
        from planner.chroma_embeddings import MiniLMEmbeddingFunction

        self.client = _client(path)
        self.collection = self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=MiniLMEmbeddingFunction(),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def count(self) -> int:
        return int(self.collection.count())

    def ingest(self, chunks: list[Chunk], replace_where: dict[str, Any] | None = None) -> IngestResult:
        """Add chunks whose ids are new; with ``replace_where``, drop stale chunks matching it.

        Ids are content hashes, so unchanged text is never re-embedded and a re-run changes nothing.
        """
        wanted = {chunk.id: chunk for chunk in chunks}
        existing = set(self.collection.get(ids=list(wanted), include=[])["ids"]) if wanted else set()
        new = [chunk for chunk_id, chunk in wanted.items() if chunk_id not in existing]
        if new:
            self.collection.add(
                ids=[c.id for c in new],
                documents=[c.text for c in new],
                metadatas=[c.metadata() for c in new],
            )
        removed = 0
        if replace_where is not None:
            current = self.collection.get(where=replace_where, include=[])["ids"]
            stale = [chunk_id for chunk_id in current if chunk_id not in wanted]
            if stale:
                self.collection.delete(ids=stale)
            removed = len(stale)
        return IngestResult(added=len(new), unchanged=len(wanted) - len(new), removed=removed)

    def search(self, query: str, k: int = 4, where: dict[str, Any] | None = None) -> list[Hit]:
        result = self.collection.query(
            query_texts=[query], n_results=k, where=where, include=["documents", "metadatas", "distances"]
        )
        return _hits(result)

    def guidance(self, stage: Stage, query: str, k: int = 4) -> list[Hit]:
        """Stage-guide sections for one stage, best match to ``query`` first."""
        return self.guidance_many([(stage, query)], k=k)[0]

    def guidance_many(self, requests: list[tuple[Stage, str]], k: int = 4) -> list[list[Hit]]:
        """Several guidance look-ups with one embedding batch (one model call instead of one per query)."""
        from planner.embeddings import get_encoder

        vectors = get_encoder().encode([query for _, query in requests])
        out = []
        for (stage, _), vector in zip(requests, vectors, strict=True):
            where = {"$and": [{"kind": "guide"}, {"stage": stage.value}]}
            result = self.collection.query(
                query_embeddings=[vector.tolist()],
                n_results=k,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
            out.append(_hits(result))
        return out


@dataclass(frozen=True)
class IngestResult:
    added: int
    unchanged: int
    removed: int


def _hits(result: Any) -> list[Hit]:
    ids = result["ids"][0]
    docs = (result["documents"] or [[]])[0]
    metas = (result["metadatas"] or [[]])[0]
    dists = (result["distances"] or [[]])[0]
    return [
        Hit(chunk_id=i, text=d, metadata=dict(m or {}), distance=float(x))
        for i, d, m, x in zip(ids, docs, metas, dists, strict=True)
    ]
