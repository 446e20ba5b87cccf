"""Generate a campaign: for each stage and asset type, retrieve the stage guide, write, and check.

The writer and the store are passed in, never built here, so tests and the later LLM path can swap them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from evals.check import check_text
from evals.rules import Checker, Failure
from planner.assets import Asset, assets_for
from planner.errors import UserError
from planner.knowledge import Chunk, load_guides, profile_chunks
from planner.profile import Profile
from planner.stages import Stage
from planner.writers import Job, OfflineWriter, Writer, Written

__all__ = ["DraftRecord", "Job", "OfflineWriter", "StoreGuidance", "generate", "plan_jobs"]


class GuidanceSource(Protocol):
    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]: ...

    def profile_facts(self, profile: Profile, query: str) -> list[Chunk]: ...


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
    meta: dict[str, Any] = field(default_factory=dict)

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
            "meta": self.meta,
        }


def record_from_json(obj: dict[str, Any]) -> DraftRecord:
    """A drafts.jsonl line back into a record (markdown is re-rendered from the fields)."""
    from planner.assets import asset_model

    fields = obj.get("fields") or {}
    markdown = asset_model(obj["asset_type"]).model_validate(fields).to_markdown() if fields else ""
    checks = obj.get("checks") or {}
    return DraftRecord(
        id=obj["id"],
        business=obj.get("business", ""),
        stage=Stage(obj["stage"]),
        asset_type=obj["asset_type"],
        variant=int(obj.get("variant", 1)),
        fields=fields,
        text=obj.get("text", ""),
        markdown=markdown,
        sources=obj.get("sources", []),
        failures=checks.get("failures", []),
        model=obj.get("model", ""),
        kpi=obj.get("kpi", Stage(obj["stage"]).info.kpi),
        meta=obj.get("meta", {}),
    )


def draft_id(profile: Profile, stage: Stage, asset_type: str, variant: int) -> str:
    """Stable across runs: later runs resume and compare by id."""
    return f"{profile.slug}.{stage.value}.{asset_type}.v{variant}"


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
    concurrency: int = 8,
) -> list[DraftRecord]:
    """Write and check every job, in job order; a failed job fails that draft only.

    Guidance is retrieved once per (stage, asset) and shared by its variants. Writers that wait on the
    network run ``concurrency`` jobs at a time.
    """
    checker = Checker(profile)
    keys = list(dict.fromkeys((job.stage, job.asset_type) for job in jobs))
    found = (
        source.guidance_for([(stage, guidance_query(stage, asset)) for stage, asset in keys]) if keys else []
    )
    guidance = dict(zip(keys, found, strict=True))
    lock = threading.Lock()

    def run(job: Job) -> DraftRecord:
        record = write_draft(profile, job, guidance[(job.stage, job.asset_type)], writer, checker)
        if on_draft is not None:
            with lock:
                on_draft(record)
        return record

    if not writer.concurrent or concurrency <= 1:
        return [run(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(run, jobs))


def write_draft(
    profile: Profile, job: Job, chunks: Sequence[Chunk], writer: Writer, checker: Checker
) -> DraftRecord:
    def check(asset: Asset) -> list[Failure]:
        return check_text(
            profile, job.stage, asset.to_text(), job.asset_type, asset.model_dump(mode="json"), checker
        )

    try:
        written = writer(profile, job, chunks, check)
    except UserError:
        raise
    except Exception as exc:  # one draft's failure must not sink the campaign
        written = Written(None, [], {}, f"{type(exc).__name__}: {exc}")
    by_id = {chunk.id: chunk for chunk in chunks}
    sources = [
        {"id": cid, "source": by_id[cid].source, "section": by_id[cid].section}
        for cid in written.sources
        if cid in by_id
    ]
    base: dict[str, Any] = {
        "id": draft_id(profile, job.stage, job.asset_type, job.variant),
        "business": profile.slug,
        "stage": job.stage,
        "asset_type": job.asset_type,
        "variant": job.variant,
        "sources": sources,
        "model": writer.name,
        "kpi": job.stage.info.kpi,
        "meta": written.meta,
    }
    if written.asset is None:
        failure = {
            "check": "generation",
            "message": f"no draft: {written.error}. Fix: re-run; --no-cache re-asks",
        }
        return DraftRecord(fields={}, text="", markdown="", failures=[failure], **base)
    failures = check(written.asset)
    return DraftRecord(
        fields=written.asset.model_dump(mode="json"),
        text=written.asset.to_text(),
        markdown=written.asset.to_markdown(),
        failures=[{"check": f.check, "message": f.message} for f in failures],
        **base,
    )


def guidance_query(stage: Stage, asset_type: str) -> str:
    from planner.assets import asset_model

    return f"{asset_model(asset_type).label} for the {stage.info.title} stage: {stage.info.goal}"


class StoreGuidance:
    """Guidance from the Chroma store, ingesting the guides and profile first if they are missing."""

    def __init__(self, store: Any, profile: Profile | None = None) -> None:
        self.store = store
        ensure_ingested(store, profile)

    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]:
        return [[hit.to_chunk() for hit in hits] for hits in self.store.guidance_many(requests, k=6)]

    def profile_facts(self, profile: Profile, query: str) -> list[Chunk]:
        return [hit.to_chunk() for hit in self.store.facts(profile.slug, query, k=4)]


def ensure_ingested(store: Any, profile: Profile | None) -> dict[str, Any]:
    """Load the stage guides (and the profile's facts) into the store; unchanged chunks are skipped."""
    result = {"guides": store.ingest_guides(load_guides())}
    if profile is not None:
        result["profile"] = store.ingest_business(profile.slug, profile_chunks(profile))
    return result
