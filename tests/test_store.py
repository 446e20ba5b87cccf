"""A real Chroma store on disk: idempotent ingest, stage-aware retrieval, LangChain on the same store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.guidance import ingest
from planner.knowledge import load_guides, profile_chunks
from planner.stages import Stage
from planner.store import Store
from tests.conftest import PAWS

QUERIES = {
    Stage.aware: "how do strangers first find out we exist? paid search and social ads",
    Stage.engage: "free blog content and social posts that build trust before any selling",
    Stage.subscribe: "get website visitors onto our email list with a free download",
    Stage.convert: "a low-priced first purchase or a demo call to win the first small commitment",
    Stage.excite: "onboarding new buyers so they get a quick win right after purchase",
    Stage.ascend: "upsell existing customers to the core offer, bundles and upgrades",
    Stage.advocate: "ask happy customers for reviews and testimonials",
    Stage.promote: "a referral programme where customers bring their friends",
}


def test_ingest_twice_changes_nothing(tmp_path: Path, paws) -> None:  # type: ignore[no-untyped-def]
    store = Store(tmp_path)
    first = ingest(store, paws)
    count = store.count()
    second = ingest(store, paws)
    assert first.profile is not None and second.profile is not None
    assert first.guides.added == len(load_guides()) and first.profile.added >= 6
    assert second.guides.added == 0 and second.profile.added == 0
    assert store.count() == count


def test_edited_guide_replaces_its_old_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guides = tmp_path / "knowledge"
    guides.mkdir()
    guide = guides / "aware.md"
    guide.write_text("---\nstage: aware\n---\n# Aware\n\n## Goal\nBe noticed.\n\n## Mindset\nBusy.\n")
    monkeypatch.setenv("CVJ_KNOWLEDGE_DIR", str(guides))
    store = Store(tmp_path / "store")
    ingest(store, None)
    guide.write_text(
        "---\nstage: aware\n---\n# Aware\n\n## Goal\nBe noticed by the right people.\n\n## Mindset\nBusy.\n"
    )
    result = ingest(store, None)
    assert (result.guides.added, result.guides.removed) == (1, 1)
    assert store.count() == 2


@pytest.mark.parametrize("stage", list(Stage))
def test_stage_query_ranks_that_guide_first(store, stage: Stage) -> None:  # type: ignore[no-untyped-def]
    hits = store.search(QUERIES[stage], k=3)
    assert hits[0].metadata["stage"] == stage.value, [h.metadata for h in hits]


def test_guidance_filters_by_stage(store) -> None:  # type: ignore[no-untyped-def]
    hits = store.guidance(Stage.promote, "what should we never do", k=6)
    assert len(hits) == 6 and {h.metadata["stage"] for h in hits} == {"promote"}
    chunk = hits[0].to_chunk()
    assert chunk.stage is Stage.promote and chunk.id == hits[0].chunk_id


def test_profile_facts_are_retrievable(store) -> None:  # type: ignore[no-untyped-def]
    hits = store.facts("paws-suds-grooming", "how much is the monthly membership?", k=1)
    assert "Sudsy Club Membership" in hits[0].text
    mixed = store.search("how much is the monthly membership?", k=3, business="paws-suds-grooming")
    assert "Sudsy Club Membership" in mixed[0].text


def test_one_business_never_sees_another(tmp_path: Path, paws) -> None:  # type: ignore[no-untyped-def]
    other = paws.model_copy(update={"business": paws.business.model_copy(update={"name": "Other Shop"})})
    store = Store(tmp_path)
    ingest(store, paws)
    ingest(store, other)
    facts = store.facts(other.slug, "membership price", k=10)
    assert {h.metadata["business"] for h in facts} == {"other-shop"}
    assert all(h.metadata.get("business") != paws.slug for h in store.search("membership", 20, other.slug))
    assert store.count() == len(load_guides()) + 2 * len(profile_chunks(paws))


def test_langchain_chroma_retriever_on_same_store(store) -> None:  # type: ignore[no-untyped-def]
    from langchain_chroma import Chroma

    from planner.lc_embeddings import MiniLMEmbeddings
    from planner.store import business_collection

    name = business_collection("paws-suds-grooming")
    vectorstore = Chroma(client=store.client, collection_name=name, embedding_function=MiniLMEmbeddings())
    docs = vectorstore.as_retriever(search_kwargs={"k": 1}).invoke("how much is the monthly membership?")
    assert "Sudsy Club Membership" in docs[0].page_content


def test_store_path_under_cvj_home(cvj_home: Path) -> None:
    Store()
    assert (cvj_home / "chroma").is_dir()
    assert PAWS.exists()


def test_earlier_single_collection_layout_is_dropped(tmp_path: Path) -> None:
    import chromadb

    chromadb.PersistentClient(path=str(tmp_path)).create_collection("cvj_knowledge")
    store = Store(tmp_path)
    assert "cvj_knowledge" not in {c.name for c in store.client.list_collections()}


def test_guide_lookups_reuse_their_vectors_from_disk(  # type: ignore[no-untyped-def]
    store, cvj_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests = list(QUERIES.items())
    first = [[hit.chunk_id for hit in hits] for hits in store.guidance_many(requests)]
    [cache] = (cvj_home / "cache").glob("queries-*.json")

    def no_model(texts: list[str]) -> list[list[float]]:
        raise AssertionError(f"the model was asked to embed {texts}")

    with monkeypatch.context() as patch:
        patch.setattr("planner.store._embed", no_model)
        assert [[hit.chunk_id for hit in hits] for hits in store.guidance_many(requests)] == first
    cache.write_text('{"damaged": [1, 2')  # a damaged cache is rebuilt, never trusted
    assert [[hit.chunk_id for hit in hits] for hits in store.guidance_many(requests)] == first
    assert len(json.loads(cache.read_text())) == len(QUERIES)
