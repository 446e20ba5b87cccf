"""``cvj batch --engine celery``: the coordinator. It sends one task per draft to the ``cvj worker``
processes (any number, on any machines that reach the broker), collects the results and is the only writer
of drafts.jsonl: a draft that runs twice (a worker killed after finishing but before acknowledging, or a
resume re-sending a draft still queued) is written once.

Task ids are ``cvj-<folder hash>-<draft id>#a<attempt>``: stable, so a resume first takes the results that
finished while it was away (kept a week in Redis) and sends only the rest again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.batch import LOG_NAME, BatchInterrupted, DraftLog, Tally
from planner.drafts import DraftRecord, Job, record_from_json
from planner.engines._celery_app import TASK, broker_url, celery_app
from planner.engines._celery_task import payload_of
from planner.engines._common import Events, failure_record, work_id
from planner.errors import UserError
from planner.profile import Profile
from planner.session import RunOptions

POLL_S = 0.2  # how often the results of pending drafts are read (one MGET)


def run_celery(
    profiles: list[Profile], todo: dict[str, list[Job]], out: Path, options: RunOptions, events: Events
) -> Tally:
    url = broker_url()
    app = celery_app(url)
    tally, log = Tally(), DraftLog(out / LOG_NAME)
    events.totals = {slug: len(jobs) for slug, jobs in todo.items()}
    run = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:10]
    tasks = {
        f"cvj-{run}-{work_id(p, job)}": (p, job) for p in profiles for job in todo[p.slug]
    }  # insertion order: drafts are sent business by business
    model = options.model_spec().id
    try:
        with _broker_errors(url, log.path):
            _check_broker(app, url, events)
            ready = {tid for tid in tasks if app.AsyncResult(tid).ready()}  # finished while we were away
            for tid, (profile, job) in tasks.items():
                if tid not in ready:
                    app.send_task(TASK, args=[payload_of(profile, job, options)], task_id=tid)
            events.say(f"celery: {len(tasks) - len(ready)} drafts queued, {len(ready)} already finished")
            _collect(app, tasks, options, model, lambda record: _write(log, tally, events, record))
    except KeyboardInterrupt:
        note = "queued drafts keep running on the workers; --resume collects their results"
        raise BatchInterrupted(tally.new, note) from None
    finally:
        log.close()
    tally.notes.append(f"celery: {len(tasks)} tasks on the workers of {_redacted(url)}")
    return tally


def _collect(
    app: Any,
    tasks: dict[str, tuple[Profile, Job]],
    options: RunOptions,
    model: str,
    write: Callable[[DraftRecord], None],
) -> None:
    """Write each task's record as it finishes. A task never raises (a draft's problems are in its record),
    so FAILURE means the worker could not store or run it — a broker hiccup, most often: send it again once
    before recording the draft as failed."""
    pending, resent = set(tasks), set()
    while pending:
        for tid, meta in app.backend.get_many(set(pending), interval=POLL_S):
            profile, job = tasks[tid]
            if meta.get("status") != "SUCCESS" and tid not in resent:
                resent.add(tid)
                app.AsyncResult(tid).forget()
                app.send_task(TASK, args=[payload_of(profile, job, options)], task_id=tid)
                break  # wait again, now for the new run of this task too
            pending.discard(tid)
            write(_record(meta, profile, job, model))
            app.AsyncResult(tid).forget()  # written: a late duplicate run's result just expires


def _write(log: DraftLog, tally: Tally, events: Events, record: DraftRecord) -> None:
    log.append(record)
    events.written(tally, record)


def _record(meta: dict[str, Any], profile: Profile, job: Job, model: str) -> DraftRecord:
    if meta.get("status") == "SUCCESS" and isinstance(meta.get("result"), dict):
        return record_from_json(meta["result"])
    error = f"the worker task ended {meta.get('status')}: {str(meta.get('result'))[:200]}"
    return failure_record(profile, job, error, model)


def _check_broker(app: Any, url: str, events: Events) -> None:
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=5)
    if not app.control.ping(timeout=1.0):
        events.say(
            f"celery: no `cvj worker` answered on {_redacted(url)} yet — start one (drafts wait queued)"
        )


@contextmanager
def _broker_errors(url: str, log: Path) -> Iterator[None]:
    """A lost broker is one message with the fix; the drafts written so far stay, and --resume continues."""
    import kombu.exceptions
    import redis.exceptions

    try:
        yield
    except (OSError, redis.exceptions.RedisError, kombu.exceptions.OperationalError) as exc:
        raise UserError(
            f"the broker at {_redacted(url)} does not answer ({type(exc).__name__}) — is Redis running? "
            f"Start it (e.g. `redis-server`) and re-run with --resume: the drafts already in {log} are kept"
        ) from None


def _redacted(url: str) -> str:
    """The broker URL without a password, for messages."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}{parts.path}"
