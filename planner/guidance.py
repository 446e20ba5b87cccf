"""The store as writers read it: a stage's guide sections and a business's own facts (a ``GuidanceSource``).

Loading the guides and a profile into the store is an explicit step (``ingest``), taken by the composition
root (``planner.session``) before anything retrieves; opening a source never writes to the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.assets import asset_model
from planner.knowledge import Chunk, load_guides, profile_chunks
from planner.profile import Profile
from planner.stages import Stage
from planner.store import IngestResult, Store

__all__ = ["Ingested", "StoreGuidance", "guidance_query", "ingest"]

GUIDE_CHUNKS = 6  # sections per stage guide retrieved for a draft
FACT_CHUNKS = 12  # profile facts retrieved for a model's prompt (it keeps the ones its stage may use)


def guidance_query(stage: Stage, asset_type: str) -> str:
    """What a draft of this asset type at this stage looks for in the stage's guide."""
    return f"{asset_model(asset_type).label} for the {stage.info.title} stage: {stage.info.goal}"


class StoreGuidance:
    """Guidance from the Chroma store; the guides and the profiles must have been ingested."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]:
        return [[hit.to_chunk() for hit in hits] for hits in self.store.guidance_many(requests, GUIDE_CHUNKS)]

    def profile_facts(self, profile: Profile, query: str) -> list[Chunk]:
        return [hit.to_chunk() for hit in self.store.facts(profile.slug, query, FACT_CHUNKS)]


@dataclass(frozen=True)
class Ingested:
    guides: IngestResult
    profile: IngestResult | None = None

    def rows(self) -> list[tuple[str, IngestResult]]:
        return [("guides", self.guides), *([("profile", self.profile)] if self.profile else [])]


def ingest(store: Store, profile: Profile | None = None) -> Ingested:
    """Make the store hold the stage guides (and the profile's facts); unchanged chunks are skipped."""
    guides = store.ingest_guides(load_guides())
    facts = store.ingest_business(profile.slug, profile_chunks(profile)) if profile is not None else None
    return Ingested(guides, facts)
