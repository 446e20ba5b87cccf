"""Where ``cvj batch`` runs its drafts — one engine per way of scaling, the same guarantees for each:

- ``local`` (default): this machine, ``--concurrency`` drafts in flight (``planner.batch.run_batch``).
- ``openai-batch``: every model call through OpenAI's Batch API — half price, results within 24 hours.
- ``celery``: one task per draft on ``cvj worker`` processes on any number of machines (your own models).

Every engine gets validated profiles and the planned jobs, appends each finished draft as one whole line to
drafts.jsonl (the only writer of it), raises ``BatchInterrupted`` on Ctrl-C, and leaves what ``--resume``
needs to finish without paying twice. Celery and the OpenAI SDK are imported only by the engine using them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from planner.batch import Tally, run_batch
from planner.drafts import Job
from planner.engines._common import BatchApiSettings, Events
from planner.profile import Profile
from planner.session import RunOptions, open_session

__all__ = ["BatchApiSettings", "Engine", "Events", "run_engine", "run_worker"]


class Engine(StrEnum):
    local = "local"
    openai_batch = "openai-batch"
    celery = "celery"


def run_engine(
    engine: Engine,
    profiles: list[Profile],
    todo: dict[str, list[Job]],
    out: Path,
    options: RunOptions,
    events: Events,
    batch_api: BatchApiSettings | None = None,
) -> Tally:
    """Write every planned draft with the chosen engine (profiles are validated, ``todo`` planned)."""
    if engine is Engine.celery:
        from planner.engines._celery_engine import run_celery

        return run_celery(profiles, todo, out, options, events)
    if engine is Engine.openai_batch and options.model_spec().is_offline:
        from planner.errors import UserError

        raise UserError("--engine openai-batch needs a model: pass --model openai:<model> (e.g. gpt-4o-mini)")
    session = open_session(options, [p for p in profiles if todo[p.slug]])
    if engine is Engine.openai_batch:
        from planner.engines._openai_batch import run_openai_batch

        return run_openai_batch(profiles, todo, out, session, batch_api or BatchApiSettings(), events)
    return run_batch(profiles, todo, out, session, events.drafts)


def run_worker(concurrency: int | None, pool: str, name: str | None, loglevel: str) -> None:
    """A Celery worker for ``cvj batch --engine celery`` (blocks until stopped)."""
    from planner.engines._celery_worker import start_worker

    start_worker(concurrency, pool, name, loglevel)
