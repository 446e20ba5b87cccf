"""Generate a campaign: for each stage and asset type, retrieve the stage guide, write, and check.

The writer and the store are passed in, never built here, so tests and the later LLM path can swap them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evals.check import check_text
from evals.rules import Checker
from planner.assets import assets_for
from planner.knowledge import Chunk, load_guides, profile_chunks
from planner.profile import Profile
from planner.stages import Stage


class Writer(Protocol):
    name: str

    def __call__(
        self, profile: Profile, asset_type: str, variant: int, guidance: Sequence[Chunk]
    ) -> tuple[Any, list[str]]: ...


class OfflineWriter:
    """The deterministic offline composer: the default writer, no API key needed."""

    name = "offline"

    def __call__(
        self, profile: Profile, asset_type: str, variant: int, guidance: Sequence[Chunk]
    ) -> tuple[Any, list[str]]:
        from planner.compose import compose

        composed = compose(profile, asset_type, variant, guidance)
        return composed.asset, composed.sources


class GuidanceSource(Protocol):
    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]: ...


@dataclass(frozen=True)
class DraftRecord:
    """One draft as written to drafts.jsonl (the file format is a contract)."""

    id: str
    business: str
    stage: Stage
    asset_type: str
    variant: int
    fields: dict[str, Any]
    text: str
    markdown: str
    sources: list[dict[str, str]]
    failures: list[dict[str, str]]
    model: str
    kpi: str

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "business": self.business,
            "stage": self.stage.value,
            "asset_type": self.asset_type,
            "variant": self.variant,
            "fields": self.fields,
            "text": self.text,
            "sources": self.sources,
            "checks": {"passed": self.passed, "failures": self.failures},
            "model": self.model,
            "kpi": self.kpi,
        }


def draft_id(profile: Profile, stage: Stage, asset_type: str, variant: int) -> str:
    """Stable across runs: later runs resume and compare by id."""
    return f"{profile.slug}.{stage.value}.{asset_type}.v{variant}"


@dataclass(frozen=True)
class Job:
    stage: Stage
    asset_type: str
    variant: int


def plan_jobs(stages: Iterable[Stage], variants: int, assets: set[str] | None = None) -> list[Job]:
    return [
        Job(stage, model.asset_type, variant)
        for stage in stages
        for model in assets_for(stage)
        if assets is None or model.asset_type in assets
        for variant in range(1, variants + 1)
    ]


def generate(
    profile: Profile,
    jobs: list[Job],
    source: GuidanceSource,
    writer: Writer,
    on_draft: Callable[[DraftRecord], None] | None = None,
) -> list[DraftRecord]:
    """Write and check every job; guidance is retrieved once per (stage, asset) and shared by variants."""
    checker = Checker(profile)
    keys = list(dict.fromkeys((job.stage, job.asset_type) for job in jobs))
    found = source.guidance_for([(stage, _query(stage, asset)) for stage, asset in keys]) if keys else []
    guidance = dict(zip(keys, found, strict=True))
    records = []
    for job in jobs:
        record = write_draft(profile, job, guidance[(job.stage, job.asset_type)], writer, checker)
        records.append(record)
        if on_draft is not None:
            on_draft(record)
    return records


def write_draft(
    profile: Profile, job: Job, chunks: Sequence[Chunk], writer: Writer, checker: Checker
) -> DraftRecord:
    asset, used = writer(profile, job.asset_type, job.variant, chunks)
    text = asset.to_text()
    fields = asset.model_dump(mode="json")
    failures = check_text(profile, job.stage, text, job.asset_type, fields, checker=checker)
    by_id = {chunk.id: chunk for chunk in chunks}
    return DraftRecord(
        id=draft_id(profile, job.stage, job.asset_type, job.variant),
        business=profile.slug,
        stage=job.stage,
        asset_type=job.asset_type,
        variant=job.variant,
        fields=fields,
        text=text,
        markdown=asset.to_markdown(),
        sources=[
            {"id": cid, "source": by_id[cid].source, "section": by_id[cid].section}
            for cid in used
            if cid in by_id
        ],
        failures=[{"check": f.check, "message": f.message} for f in failures],
        model=writer.name,
        kpi=job.stage.info.kpi,
    )


def _query(stage: Stage, asset_type: str) -> str:
    from planner.assets import asset_model

    return f"{asset_model(asset_type).label} for the {stage.info.title} stage: {stage.info.goal}"


class StoreGuidance:
    """Guidance from the Chroma store, ingesting the guides and profile first if they are missing."""

    def __init__(self, store: Any, profile: Profile | None = None) -> None:
        self.store = store
        ensure_ingested(store, profile)

    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]:
        return [[hit.to_chunk() for hit in hits] for hits in self.store.guidance_many(requests, k=6)]


def ensure_ingested(store: Any, profile: Profile | None) -> dict[str, Any]:
    """Load the stage guides (and the profile's facts) into the store; unchanged chunks are skipped."""
    guides = store.ingest(load_guides(), replace_where={"kind": "guide"})
    result = {"guides": guides}
    if profile is not None:
        result["profile"] = store.ingest(profile_chunks(profile), replace_where={"business": profile.slug})
    return result
