"""``cvj worker``: a Celery worker that drafts for ``cvj batch --engine celery``.

Prefork processes (the default pool): a draft that crashes or is killed takes down only its process, and the
task goes back on the queue. Workers must share one Chroma server (``CVJ_CHROMA_URL``): each business's facts
are indexed once there, and no two processes write the same on-disk store.
"""

from __future__ import annotations

import os

from celery.signals import worker_process_init

from planner.engines._celery_app import broker_url, celery_app
from planner.engines._celery_task import warm_up
from planner.errors import UserError

POOLS = ("prefork", "threads", "solo")


def start_worker(concurrency: int | None, pool: str, name: str | None, loglevel: str) -> None:
    url = broker_url()
    if not os.environ.get("CVJ_CHROMA_URL"):
        raise UserError(
            "cvj worker needs CVJ_CHROMA_URL, a Chroma server every worker shares: start one with "
            "`chroma run --path DIR --host 0.0.0.0 --port 8000` and export CVJ_CHROMA_URL=http://HOST:8000"
        )
    if pool not in POOLS:
        raise UserError(f"--pool {pool!r}: choose one of {', '.join(POOLS)}")
    _check_reachable(url)
    argv = ["worker", f"--pool={pool}", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle"]
    argv += [f"--concurrency={concurrency}"] if concurrency else []
    argv += [f"--hostname={name}"] if name else []
    app = celery_app(url)
    # Each worker process opens the store as it starts, not on its first draft (see warm_up); the pool
    # waits up to worker_proc_alive_timeout for a process to come up, so that is raised to cover it.
    app.conf.worker_proc_alive_timeout = 120
    worker_process_init.connect(_warm_up, weak=False)
    app.worker_main(argv=argv)


def _warm_up(**_: object) -> None:
    warm_up()


def _check_reachable(url: str) -> None:
    """Refuse to start against a broker that is not there (Celery would otherwise retry for minutes)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.exceptions.RedisError as exc:
        raise UserError(
            f"{url.split('@')[-1]}: cannot reach Redis ({type(exc).__name__}) — start it, or fix "
            "CVJ_BROKER_URL"
        ) from None
