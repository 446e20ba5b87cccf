"""``cvj batch``: campaigns for every profile in a folder, resumable (registered on the main app)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from planner.batch import (
    LOG_NAME,
    BatchInterrupted,
    failed_attempts,
    finished_ids,
    load_profiles,
    lock_output,
    plan,
    recover_log,
    render_outputs,
)
from planner.cli._common import VariantsOpt, app, err, model_options, out, user_errors, visible
from planner.engines import BatchApiSettings, Engine, Events, run_engine
from planner.errors import UserError
from planner.session import RunOptions
from planner.stages import parse_stages

ENGINE_HELP = (
    "Where the drafts are written. local: this machine (interactive work, the default). openai-batch: "
    "OpenAI's Batch API, half the price, results within 24 h (no rush). celery: `cvj worker` processes on "
    "many machines running your own model server (CVJ_BROKER_URL, CVJ_CHROMA_URL)."
)


@app.command()
@model_options
def batch(
    profiles_dir: Annotated[Path, typer.Argument(help="A folder of business profile YAML files.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for drafts.jsonl and one folder per business.")
    ],
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue a stopped batch: skip drafts already in drafts.jsonl.")
    ] = False,
    stages_opt: Annotated[
        str | None, typer.Option("--stages", help="Comma-separated stage ids (default: all).")
    ] = None,
    variants: VariantsOpt = 1,
    engine: Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)] = Engine.local,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, max=50_000, help="openai-batch: most requests per batch.")
    ] = 50_000,
    poll: Annotated[
        float, typer.Option("--poll", min=0.05, help="openai-batch: seconds between status checks.")
    ] = 30.0,
    *,
    options: RunOptions,
) -> None:
    """One campaign per profile; each draft is appended to --out/drafts.jsonl the moment it is finished.

    Engines (--engine), each resumable with --resume without redoing or paying twice for finished work:
    local (default): this machine, for interactive work.
    openai-batch: OpenAI's Batch API, half the price, results within 24 h (no rush).
    celery: `cvj worker` processes on many machines that run your own models.
    """
    start = time.perf_counter()
    with user_errors(), ExitStack() as held:
        profiles = load_profiles(profiles_dir)  # every file validated before anything is written
        stages = parse_stages(stages_opt)
        spec = options.model_spec()
        log = out_dir / LOG_NAME
        held.enter_context(lock_output(out_dir))  # to the end: a second batch on this --out refuses at once
        if log.exists() and not resume:
            raise UserError(
                f"{log} already exists — pass --resume to continue that batch, or choose another --out"
            )
        previous = recover_log(log) if resume else []
        todo = plan(profiles, stages, variants, finished_ids(previous), failed_attempts(previous))
        total = sum(len(j) for j in todo.values())
        skipped = sum(len(j) for j in plan(profiles, stages, variants, set()).values()) - total
        with _progress() as bar:
            overall = bar.add_task("All businesses", total=total)
            names = {p.slug: visible(p.business.name) for p in profiles}
            tasks = {p.slug: bar.add_task(f"  {names[p.slug]}", total=len(todo[p.slug])) for p in profiles}

            def report(slug: str, count: int, of: int) -> None:
                bar.update(tasks[slug], completed=count)
                bar.advance(overall)

            events = _events(bar, report)
            settings = BatchApiSettings(max_requests=batch_size, poll_s=poll)
            try:
                tally = run_engine(engine, profiles, todo, out_dir, options, events, settings)
            except BatchInterrupted as stop:
                note = f" ({stop.note})" if stop.note else ""
                err.print(
                    f"stopped: {stop.written} new drafts are safe in {log}; re-run with --resume to finish"
                    + note
                )
                raise typer.Exit(130) from None
        paths = render_outputs(out_dir, profiles)
    wall = time.perf_counter() - start
    out.print(
        f"{len(profiles)} businesses: {tally.new} new drafts ({skipped} already done), "
        f"{tally.failed_checks} fail their checks ({tally.generation_failures} could not be generated)"
    )
    if tally.calls or tally.cache_hits:
        out.print(
            f"model {spec.id}: {tally.calls} calls, {tally.cache_hits} cache hits, {tally.tokens:,} tokens"
        )
    for note in tally.notes:
        out.print(note)
    out.print(f"wall time {wall:.1f} s · drafts in {log} · {len(paths)} files under {out_dir}/<business>/")
    if tally.failed_checks:
        raise typer.Exit(1)


def _events(bar: Progress, report: Callable[[str, int, int], None]) -> Events:
    """Draft counts on the bars, engine notices as stderr lines, requests answered remotely on a bar (or, in
    a log, a line at most once a minute: a Batch API run can wait for hours)."""
    remote: list[TaskID] = []
    last = [0.0]

    def requests(done: int, total: int) -> None:
        if not remote:
            remote.append(bar.add_task("Requests answered (remote)", total=total))
        bar.update(remote[0], completed=done, total=total)
        if not err.is_terminal and time.monotonic() - last[0] >= 60:
            last[0] = time.monotonic()
            err.print(f"waiting: {done}/{total} requests answered", highlight=False)

    return Events(drafts=report, say=lambda line: err.print(line, highlight=False), requests=requests)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
    )
