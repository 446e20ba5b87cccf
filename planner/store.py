"""The retrieval store: Chroma collections of stage-guide sections and of each business's profile facts.

Embedded (``PersistentClient`` under ``$CVJ_HOME/chroma``, default ``~/.cvj``) unless ``CVJ_CHROMA_URL``
points at a shared Chroma server. Embeddings always come from the bundled MiniLM model: every collection is
opened with it explicitly, so Chroma's downloading default never runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from planner.errors import UserError
from planner.knowledge import Chunk
from planner.stages import Stage

PREFIX = "cvj_"
LEGACY_COLLECTION = "cvj_knowledge"
DIGEST_KEY = "cvj_ids_sha256"


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
    """A thin wrapper so callers never touch Chroma types directly.

    One collection per scope: a collection for each stage's guide sections and one for each business's facts.
    A Chroma ``where`` filter costs more than the search itself once the store is large (10k chunks: 15 ms
    filtered against 2 ms unfiltered), so a stage's guidance or a business's facts are found by choosing the
    collection, never by filtering — and one business's facts can never surface in another's drafts or chat.
    """

    def __init__(self, path: Path | None = None) -> None:
        from planner.chroma_embeddings import MiniLMEmbeddingFunction

        self.client = _client(path)
        url = os.environ.get("CVJ_CHROMA_URL")
        self.location = url if url and path is None else str(path or cvj_home() / "chroma")
        self._embedder = MiniLMEmbeddingFunction()
        self._open: dict[str, Any] = {}
        if LEGACY_COLLECTION in {c.name for c in self.client.list_collections()}:
            # earlier versions' single collection: derived data, rebuilt from knowledge/ and the profiles
            self.client.delete_collection(LEGACY_COLLECTION)

    def collection(self, name: str) -> Any:
        if name not in self._open:
            self._open[name] = self.client.get_or_create_collection(
                name, embedding_function=self._embedder, configuration={"hnsw": {"space": "cosine"}}
            )
        return self._open[name]

    def count(self) -> int:
        names = [c.name for c in self.client.list_collections() if c.name.startswith(PREFIX)]
        return sum(int(self.collection(name).count()) for name in names)

    def ingest_guides(self, chunks: list[Chunk]) -> IngestResult:
        """Make the guide collections hold exactly these sections (stages without any are emptied)."""
        results = [
            self._replace(guide_collection(stage), [c for c in chunks if c.stage is stage]) for stage in Stage
        ]
        return IngestResult(
            added=sum(r.added for r in results),
            unchanged=sum(r.unchanged for r in results),
            removed=sum(r.removed for r in results),
        )

    def ingest_business(self, business: str, chunks: list[Chunk]) -> IngestResult:
        """Make the business's collection hold exactly these facts."""
        return self._replace(business_collection(business), chunks)

    def _replace(self, name: str, chunks: list[Chunk]) -> IngestResult:
        # Ids are content hashes, so unchanged text is never re-embedded and a re-run changes nothing. The
        # collection's metadata keeps a digest of its ids: when it matches, even listing them is skipped
        # (8 guide collections x 7 ms on every command's start-up).
        collection = self.collection(name)
        wanted = {chunk.id: chunk for chunk in chunks}
        digest = hashlib.sha256("\n".join(sorted(wanted)).encode()).hexdigest()[:32]
        if (collection.metadata or {}).get(DIGEST_KEY) == digest:
            return IngestResult(added=0, unchanged=len(wanted), removed=0)
        current = set(collection.get(include=[])["ids"])
        new = [chunk for chunk_id, chunk in wanted.items() if chunk_id not in current]
        if new:
            ids, texts = [c.id for c in new], [c.text for c in new]
            collection.add(ids=ids, documents=texts, metadatas=[c.metadata() for c in new])
        stale = sorted(current - set(wanted))
        if stale:
            collection.delete(ids=stale)
        collection.modify(metadata={**(collection.metadata or {}), DIGEST_KEY: digest})
        return IngestResult(added=len(new), unchanged=len(wanted) - len(new), removed=len(stale))

    def guidance(self, stage: Stage, query: str, k: int = 4) -> list[Hit]:
        """Stage-guide sections for one stage, best match to ``query`` first."""
        return self.guidance_many([(stage, query)], k=k)[0]

    def guidance_many(self, requests: list[tuple[Stage, str]], k: int = 4) -> list[list[Hit]]:
        """Several guidance look-ups with one embedding batch (one model call instead of one per query)."""
        vectors = _embed_queries([query for _, query in requests])
        stages = [stage for stage, _ in requests]
        return [self._query(guide_collection(s), v, k) for s, v in zip(stages, vectors, strict=True)]

    def facts(self, business: str, query: str, k: int = 4) -> list[Hit]:
        """The business's own profile facts, best match first."""
        return self._query(business_collection(business), _embed([query])[0], k)

    def search(self, query: str, k: int = 4, business: str | None = None) -> list[Hit]:
        """The best ``k`` across every stage's guides (and the business's facts, when one is given)."""
        names = [guide_collection(stage) for stage in Stage]
        names += [business_collection(business)] if business else []
        vector = _embed([query])[0]
        hits = [hit for name in names for hit in self._query(name, vector, k)]
        return sorted(hits, key=lambda hit: hit.distance)[:k]

    def _query(self, name: str, vector: list[float], k: int) -> list[Hit]:
        # Chroma returns fewer than k (or none) when the collection is smaller: no count() round trip needed.
        result = self.collection(name).query(
            query_embeddings=[vector], n_results=k, include=["documents", "metadatas", "distances"]
        )
        return _hits(result)


def guide_collection(stage: Stage) -> str:
    return f"{PREFIX}guide_{stage.value}"


def business_collection(business: str) -> str:
    """Chroma names allow 3–512 of ``[a-zA-Z0-9._-]``; slugs already fit, long ones are cut and hashed."""
    if len(business) > 100:
        business = f"{business[:80]}-{hashlib.sha256(business.encode()).hexdigest()[:12]}"
    return f"{PREFIX}business_{business}"


def _embed(texts: list[str]) -> list[list[float]]:
    from planner.embeddings import get_encoder

    return [vector.tolist() for vector in get_encoder().encode(texts)]


QUERY_CACHE_LIMIT = 2_000


def _embed_queries(texts: list[str]) -> list[list[float]]:
    """Vectors for the stage guides' look-ups. Those queries are the same few dozen on every run, so their
    vectors are kept on disk ($CVJ_HOME/cache) and an offline campaign never loads the embedding model."""
    from planner.embeddings import DIMENSIONS, MODEL_NAME

    path = cvj_home() / "cache" / f"queries-{MODEL_NAME}.json"
    known = _read_vectors(path, DIMENSIONS)
    keys = [hashlib.sha256(text.encode()).hexdigest()[:32] for text in texts]
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
    if missing:
        if len(known) > QUERY_CACHE_LIMIT:
            known = {}  # queries that change every run (free text) would grow it without end
        known.update(zip(missing, _embed(list(missing.values())), strict=True))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(known))
            tmp.replace(path)
        except OSError:
            pass  # a read-only home only costs the encoding again next run
    return [known[key] for key in keys]


# What each cache file held when last read, by its size and modification time: a long-running app or batch
# asks for guidance per business, and need not parse the same file every time.
_READ: dict[Path, tuple[tuple[int, int], dict[str, list[float]]]] = {}


def _read_vectors(path: Path, size: int) -> dict[str, list[float]]:
    try:
        stat = path.stat()
        signature = (stat.st_size, stat.st_mtime_ns)
        if (seen := _READ.get(path)) is not None and seen[0] == signature:
            return dict(seen[1])
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}  # none yet, or damaged: rebuilt from the model
    if not isinstance(data, dict):
        return {}
    vectors = {
        k: v
        for k, v in data.items()
        if isinstance(v, list) and len(v) == size and all(isinstance(x, float) for x in v)
    }
    _READ[path] = (signature, vectors)
    return dict(vectors)


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
