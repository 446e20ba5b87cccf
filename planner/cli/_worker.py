"""``cvj worker``: draft for ``cvj batch --engine celery`` on this machine (registered on the main app)."""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli._common import app, user_errors
from planner.engines import run_worker


@app.command()
def worker(
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", "-c", min=1, max=64, help="Drafts at a time (default: one per core)."),
    ] = None,
    pool: Annotated[str, typer.Option("--pool", help="prefork (default), threads or solo.")] = "prefork",
    name: Annotated[
        str | None, typer.Option("--name", help="Worker name, e.g. w1@%h (default: celery@host).")
    ] = None,
    loglevel: Annotated[str, typer.Option("--loglevel", help="debug, info, warning or error.")] = "warning",
) -> None:
    """A Celery worker for `cvj batch --engine celery`: takes one draft at a time per process from the broker.

    Needs CVJ_BROKER_URL (the Redis the batch uses, e.g. redis://10.0.0.5:6379/0) and CVJ_CHROMA_URL (the
    Chroma server the workers share). The model options travel with each draft; OPENAI_API_KEY is read here.
    Stop with Ctrl-C (finishes the drafts in hand) — a killed worker's drafts go to another worker.
    """
    with user_errors():
        run_worker(concurrency, pool, name, loglevel)
