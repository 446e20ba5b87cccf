"""What a ``cvj worker`` process does with one draft: the same retrieve → write → check as a local batch.

The task message carries the profile, the job and the coordinator's model options (never an API key: each
worker reads ``OPENAI_API_KEY`` from its own environment). Each worker process opens one session per set of
model options — the shared Chroma server (``CVJ_CHROMA_URL``) and the writer — and indexes each business once.
The record goes back as the task's result; the coordinator alone writes drafts.jsonl.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from planner.campaign import retrieve, write_draft
from planner.drafts import Job
from planner.engines._common import failure_record
from planner.errors import UserError
from planner.llm import OFFLINE
from planner.profile import Profile
from planner.rules import Checker
from planner.session import RunOptions, Session, open_session
from planner.stages import Stage
from planner.store import Store

MAX_DELIVERIES = 3  # a draft that stops its worker this often is recorded as failed, not redelivered forever
_store: list[Store] = []  # the one store (Chroma client) of this process, opened by warm_up
_sessions: dict[RunOptions, Session] = {}
_indexed: set[tuple[RunOptions, str]] = set()
_lock = threading.Lock()


def payload_of(profile: Profile, job: Job, options: RunOptions) -> dict[str, Any]:
    return {
        "profile": profile.model_dump(mode="json"),
        "job": {
            "stage": job.stage.value,
            "asset_type": job.asset_type,
            "variant": job.variant,
            "sample": job.sample,
        },
        "options": {**options.__dict__, "prompts": str(options.prompts) if options.prompts else None},
    }


def draft_task(task: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """One draft's record as JSON; a problem on this worker becomes that draft's recorded failure."""
    profile = Profile.model_validate(payload["profile"])
    spec = payload["job"]
    job = Job(Stage(spec["stage"]), spec["asset_type"], int(spec["variant"]), int(spec["sample"]))
    model = str(payload["options"].get("model") or "offline")
    if _deliveries(task) > MAX_DELIVERIES:
        error = "this draft stopped a worker every time it ran — look at the worker logs"
        return failure_record(profile, job, error, model).to_json()
    try:
        session = _session(_options(payload["options"]), profile)
        chunks = retrieve(session.guidance(), [job])[(job.stage, job.asset_type)]
        record = write_draft(profile, job, chunks, session.writer, Checker(profile))
    except (
        UserError
    ) as exc:  # this worker's setup (model server, store, prompts): the draft fails, not the task
        record = failure_record(profile, job, f"worker {task.request.hostname}: {exc}", model)
    return record.to_json()


def _options(raw: dict[str, Any]) -> RunOptions:
    prompts = raw.get("prompts")
    return RunOptions(**{**raw, "prompts": Path(prompts) if prompts else None})


def warm_up() -> None:
    """Open the store, index the guides and load the embedding model before the first task arrives: a
    task's visibility timeout runs from the moment its worker takes it, so the first must not take long."""
    with _lock:
        if not _store:
            session = open_session(RunOptions(model=OFFLINE))
            assert session.store is not None
            _store.append(session.store)


def _session(options: RunOptions, profile: Profile) -> Session:
    warm_up()
    with _lock:  # a threads pool shares these; prefork processes each have their own
        if options not in _sessions:
            _sessions[options] = open_session(options, store=_store[0])
        session = _sessions[options]
        # Only a model's prompt reads the business's facts from the store (the offline composer reads the
        # profile itself), so offline drafts skip indexing them: ~0.4 s of embedding per business per process.
        if not session.spec.is_offline and (options, profile.slug) not in _indexed:
            session.add_profile(profile)  # idempotent: unchanged facts are not embedded again
            _indexed.add((options, profile.slug))
    return session


def _deliveries(task: Any) -> int:
    """How often this task has been handed to a worker (counted in Redis, kept a day)."""
    client = getattr(task.backend, "client", None)
    if client is None or not task.request.id:
        return 1
    key = f"cvj-deliveries-{task.request.id}"
    count = int(client.incr(key))
    client.expire(key, 24 * 3600)
    return count
