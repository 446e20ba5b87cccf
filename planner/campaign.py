"""Generate a campaign: for each stage and asset type, retrieve the stage guide, write, and check.

The writer and the guidance source are passed in, never built here (``planner.session`` builds them), so
tests, the batch, the evals and the app can all hand in their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from planner.assets import Asset, assets_for
from planner.drafts import DraftRecord, Failure, GuidanceSource, Job, Writer, Written, draft_id
from planner.errors import UserError
from planner.guidance import guidance_query
from planner.knowledge import Chunk
from planner.profile import Profile
from planner.rules import Checker, Draft, Findings
from planner.stages import Stage

__all__ = ["generate", "plan_jobs", "retrieve", "write_draft"]


def plan_jobs(stages: Iterable[Stage], variants: int, assets: set[str] | None = None) -> list[Job]:
    return [
        Job(stage, model.asset_type, variant)
        for stage in stages
        for model in assets_for(stage)
        if assets is None or model.asset_type in assets
        for variant in range(1, variants + 1)
    ]


def retrieve(source: GuidanceSource, jobs: Iterable[Job]) -> dict[tuple[Stage, str], list[Chunk]]:
    """Guidance for every (stage, asset type) of the jobs, in one batch; variants share theirs."""
    keys = list(dict.fromkeys((job.stage, job.asset_type) for job in jobs))
    if not keys:
        return {}
    found = source.guidance_for([(stage, guidance_query(stage, asset)) for stage, asset in keys])
    return dict(zip(keys, found, strict=True))


def generate(
    profile: Profile,
    jobs: list[Job],
    source: GuidanceSource,
    writer: Writer,
    on_draft: Callable[[DraftRecord], None] | None = None,
    concurrency: int = 8,
) -> list[DraftRecord]:
    """Write and check every job, in job order; a failed job fails that draft only.

    Writers that wait on the network run ``concurrency`` jobs at a time.
    """
    checker = Checker(profile)
    guidance = retrieve(source, jobs)
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
    """One job through the writer, then the stage checks; a writer's crash becomes that draft's failure."""

    def check_all(asset: Asset) -> Findings:
        fields = asset.model_dump(mode="json")
        return checker.check_all(Draft(job.stage, asset.to_text(), job.asset_type, fields))

    def check(asset: Asset) -> list[Failure]:  # writers that repair a draft look at the failures only
        return check_all(asset).failures

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
        failure = Failure("generation", f"no draft: {written.error}. Fix: re-run; --no-cache re-asks")
        return DraftRecord(fields={}, text="", markdown="", failures=[failure], **base)
    failures, warnings = check_all(written.asset)
    return DraftRecord(
        fields=written.asset.model_dump(mode="json"),
        text=written.asset.to_text(),
        markdown=written.asset.to_markdown(),
        failures=failures,
        warnings=warnings,
        **base,
    )
