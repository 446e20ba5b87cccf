"""The Celery app shared by ``cvj batch --engine celery`` (the coordinator) and ``cvj worker``.

Broker and result backend: ``CVJ_BROKER_URL`` (e.g. ``redis://127.0.0.1:6379/0``). One task per draft,
acknowledged only after it finished (``acks_late``) and put back on the queue when the worker running it dies
(``reject_on_worker_lost``), so a killed worker's drafts are redelivered to another; each worker reserves one
task per process at a time (``prefetch_multiplier=1``), so a kill strands no more than that.

Redis gives a task that was taken but never acknowledged back after ``visibility_timeout`` seconds, found by
a scan every ``unacked_restore_interval`` × ``unacked_restore_throttle`` seconds (kombu's defaults: 3600 s,
and a scan about every 100 s). The timeout must be longer than any draft takes, queue wait included, or the
draft runs twice (harmless: the coordinator writes each id once, but it costs a second model call). Tests
shorten both with ``CVJ_CELERY_VISIBILITY_TIMEOUT`` and ``CVJ_CELERY_RESTORE_INTERVAL``.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Any

from planner.errors import UserError

if TYPE_CHECKING:
    from celery import Celery

BROKER_ENV = "CVJ_BROKER_URL"
TASK = "cvj.draft"


def broker_url() -> str:
    url = os.environ.get(BROKER_ENV, "").strip()
    if not url:
        raise UserError(
            f"the celery engine needs {BROKER_ENV}, e.g. export {BROKER_ENV}=redis://127.0.0.1:6379/0 "
            "(a Redis server that this machine and every `cvj worker` reach)"
        )
    if not url.startswith(("redis://", "rediss://")):
        raise UserError(f"{BROKER_ENV}={url!r}: expected a Redis URL like redis://HOST:6379/0")
    return url


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise UserError(f"{name}={raw!r}: expected a number of seconds, e.g. {default:g}") from None
    if value <= 0:
        raise UserError(f"{name}={raw!r}: must be more than 0 seconds")
    return value


def transport_options() -> dict[str, Any]:
    restore = _seconds("CVJ_CELERY_RESTORE_INTERVAL", 100.0)
    return {
        "visibility_timeout": _seconds("CVJ_CELERY_VISIBILITY_TIMEOUT", 3600.0),
        # kombu scans every interval, but only every throttle-th scan is real: 1 × restore = restore seconds
        "unacked_restore_interval": restore if restore < 10 else 10.0,
        "unacked_restore_throttle": 1 if restore < 10 else max(1, round(restore / 10)),
    }


@cache
def celery_app(url: str) -> Celery:
    from celery import Celery

    from planner.engines._celery_task import draft_task

    app = Celery("cvj", broker=url, backend=url)
    options = transport_options()
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=7 * 24 * 3600,  # a resume within a week still finds the results of queued drafts
        broker_connection_retry_on_startup=True,
        broker_transport_options=options,
        result_backend_transport_options={**options, "retry_policy": {"max_retries": 3}},
        visibility_timeout=options["visibility_timeout"],  # kombu reads it from all three places
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
    )
    app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)(draft_task)
    return app
