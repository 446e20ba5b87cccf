"""``cvj batch --engine openai-batch``: every model call of the batch through OpenAI's Batch API (half the
price of online calls, results within 24 hours).

Rounds: run every unfinished draft through the chains with the replay model (``_replay``); the calls it
cannot answer yet are collected, split into batches within the per-batch limits, submitted, and their ids
saved in ``DIR/batches.json``; then the batches are polled until done and their results loaded, and the
waiting drafts run again. A draft is finished — one line in drafts.jsonl — once its chain needs no further
call; drafts whose first reply fails validation or the stage checks send their repair pass as a follow-up
batch, so every call stays at batch price. At most two rounds, plus resumes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.batch import LOG_NAME, BatchInterrupted, DraftLog, Tally, Work, plan_work
from planner.campaign import write_draft
from planner.drafts import GuidanceSource, Job
from planner.engines._batch_api import BatchApi
from planner.engines._batch_state import BatchEntry, BatchState
from planner.engines._common import BatchApiSettings, Events, work_id
from planner.engines._replay import Deferred, ReplayModel, estimate_tokens
from planner.errors import UserError
from planner.knowledge import Chunk
from planner.llm import ChainWriter
from planner.profile import Profile
from planner.session import Session
from planner.stages import Stage


@dataclass
class _Run:
    """One run's bookkeeping: what was sent this time, for the summary."""

    requests: int = 0
    batches: int = 0
    estimated_tokens: int = 0
    reattached: int = 0


def run_openai_batch(
    profiles: list[Profile],
    todo: dict[str, list[Job]],
    out: Path,
    session: Session,
    settings: BatchApiSettings,
    events: Events,
) -> Tally:
    if not isinstance(session.writer, ChainWriter):
        raise UserError("--engine openai-batch needs a model: pass --model openai:<model> (e.g. gpt-4o-mini)")
    state, api, run = BatchState.load(out), BatchApi(session.spec), _Run()
    model = ReplayModel(spec=session.spec, answers=state.answers())
    writer = session.writer.rebind(model)
    writer.source = _Remembered(writer.source)  # each round re-runs the chains: retrieve the facts once
    tally, log = Tally(), DraftLog(out / LOG_NAME)
    events.totals = {slug: len(jobs) for slug, jobs in todo.items()}
    try:
        planned = plan_work(profiles, todo, session)
        work = [Work(w.profile, w.job, w.chunks, writer, w.checker) for w in planned]
        while work:
            work, requests = _round(work, model, log, tally, events)
            if not requests:
                break
            fresh = {cid: body for cid, body in requests.items() if not state.knows(cid)}
            run.reattached += len(state.waiting_for(set(requests) - set(fresh)))
            if fresh:
                _submit(api, state, fresh, settings, events, run, out)
            _wait(api, state, set(requests), settings, events)
            model.answers = state.answers()
    except KeyboardInterrupt:
        running = sum(not e.downloaded for e in state.entries)
        note = f"{running} Batch API batches keep running; --resume collects them without asking twice"
        raise BatchInterrupted(tally.new, note if running else "") from None
    finally:
        log.close()
    tally.notes.append(_summary(run))
    return tally


class _Remembered:
    """A guidance source that answers a repeated look-up from memory (~30 ms of embedding and search)."""

    def __init__(self, source: GuidanceSource) -> None:
        self.source = source
        self._facts: dict[tuple[str, str], list[Chunk]] = {}

    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]:
        return self.source.guidance_for(requests)

    def profile_facts(self, profile: Profile, query: str) -> list[Chunk]:
        key = (profile.slug, query)
        if key not in self._facts:
            self._facts[key] = self.source.profile_facts(profile, query)
        return self._facts[key]


def _round(
    work: list[Work], model: ReplayModel, log: DraftLog, tally: Tally, events: Events
) -> tuple[list[Work], dict[str, dict[str, Any]]]:
    """Run every waiting draft as far as the results allow: finished ones are logged, the rest wait on the
    requests returned (custom_id → request body)."""
    waiting: list[Work] = []
    requests: dict[str, dict[str, Any]] = {}
    for w in work:
        model.begin(work_id(w.profile, w.job))
        try:
            record = write_draft(w.profile, w.job, w.chunks, w.writer, w.checker)
        except Deferred as call:
            waiting.append(w)
            requests[call.custom_id] = call.body
            continue
        log.append(record)
        events.written(tally, record)
    return waiting, requests


def split(bodies: dict[str, dict[str, Any]], max_requests: int, max_bytes: int) -> list[dict[str, Any]]:
    """Chunks within the per-batch limits (request count and input file size), in order."""
    import json

    chunks: list[dict[str, Any]] = [{}]
    size = 0
    for cid, body in bodies.items():
        line = len(json.dumps({"custom_id": cid, "body": body}, ensure_ascii=False).encode()) + 80
        if chunks[-1] and (len(chunks[-1]) >= max_requests or size + line > max_bytes):
            chunks.append({})
            size = 0
        chunks[-1][cid] = body
        size += line
    return chunks


def _submit(
    api: BatchApi,
    state: BatchState,
    fresh: dict[str, dict[str, Any]],
    settings: BatchApiSettings,
    events: Events,
    run: _Run,
    out: Path,
) -> None:
    import openai

    chunks = split(fresh, settings.max_requests, settings.max_bytes)
    tokens = sum(estimate_tokens(b) for b in fresh.values())
    ceiling = sum(int(b.get("max_completion_tokens", 0)) for b in fresh.values())
    events.say(
        f"Batch API: submitting {len(fresh)} requests in {len(chunks)} batch(es) — about {tokens:,} prompt "
        f"tokens (estimated at 4 characters a token), at most {ceiling:,} completion tokens"
    )
    for n, chunk in enumerate(chunks, start=1):
        metadata = {"cvj_out": str(out.resolve())[-500:], "cvj_part": f"{n}/{len(chunks)}"}
        try:
            batch_id = api.submit(chunk, metadata)
        except openai.APIStatusError as exc:  # refused (too many enqueued tokens, a bad body…): those drafts
            rejected = BatchEntry(f"rejected-{len(state.entries) + 1}", list(chunk), "failed")
            rejected.error = f"the provider refused the batch (HTTP {exc.status_code}: {_message(exc)})"
            state.add(rejected)
            state.finish(rejected, {})
            events.say(f"Batch API: batch {n}/{len(chunks)} refused — {rejected.error}")
            continue
        state.add(BatchEntry(batch_id, list(chunk)))  # saved at once: a crash from here on re-attaches
        events.say(f"Batch API: submitted {batch_id} ({len(chunk)} requests)")
        run.batches += 1
        run.requests += len(chunk)
    run.estimated_tokens += tokens


def _wait(
    api: BatchApi, state: BatchState, cids: set[str], settings: BatchApiSettings, events: Events
) -> None:
    """Poll every batch holding these requests until it ends, then keep its results."""
    while pending := state.waiting_for(cids):
        for entry in pending:
            info = api.info(entry.id)
            entry.status, entry.done, entry.error = info.status, info.done, info.error
            if info.terminal:
                state.finish(entry, api.results(info))
                events.say(f"Batch API: {entry.id} {info.status} ({entry.done}/{entry.requests} answered)")
        events.requests(sum(e.done for e in pending), sum(e.requests for e in pending))
        if state.waiting_for(cids):
            time.sleep(settings.poll_s)


def _message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
    return str(exc)[:200]


def _summary(run: _Run) -> str:
    again = f"; re-attached to {run.reattached} batch(es) already running" if run.reattached else ""
    return (
        f"Batch API: {run.requests} requests in {run.batches} batch(es) this run "
        f"(about {run.estimated_tokens:,} prompt tokens estimated){again}"
    )
