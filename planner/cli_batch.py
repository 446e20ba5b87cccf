"""``cvj batch``: campaigns for every profile in a folder, resumable (registered on the main app)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from planner.cli_common import (
    BaseUrlOpt,
    ConcurrencyOpt,
    MaxTokensOpt,
    ModelOpt,
    NoCacheOpt,
    PromptsOpt,
    TimeoutOpt,
    VariantsOpt,
    app,
    err,
    out,
    user_errors,
)
from planner.errors import UserError
from planner.stages import parse_stages


@app.command()
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
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = 8,
    timeout: TimeoutOpt = 60.0,
    max_tokens: MaxTokensOpt = 1200,
    no_cache: NoCacheOpt = False,
    prompts: PromptsOpt = None,
) -> None:
    """One campaign per profile; each draft is appended to --out/drafts.jsonl the moment it is finished."""
    from planner.batch import (
        LOG_NAME,
        BatchInterrupted,
        failed_attempts,
        finished_ids,
        load_profiles,
        plan,
        recover_log,
        render_outputs,
        run_batch,
        writer_factory,
    )
    from planner.models import parse_model

    start = time.perf_counter()
    with user_errors():
        profiles = load_profiles(profiles_dir)  # every file validated before anything is written
        stages = parse_stages(stages_opt)
        spec = replace(parse_model(model, base_url, timeout=timeout), max_tokens=max_tokens)
        if prompts is not None and not prompts.is_dir():
            raise UserError(f"--prompts {prompts}: no such folder — point it at a copy of prompts/")
        log = out_dir / LOG_NAME
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
            tasks = {p.slug: bar.add_task(f"  {p.business.name}", total=len(todo[p.slug])) for p in profiles}

            def report(slug: str, count: int, of: int) -> None:
                bar.update(tasks[slug], completed=count)
                bar.advance(overall)

            try:
                writers = writer_factory(spec, not no_cache, prompts)
                tally = run_batch(profiles, todo, out_dir, writers, concurrency, report)
            except BatchInterrupted as stop:
                err.print(
                    f"stopped: {stop.written} new drafts are safe in {log}; re-run with --resume to finish"
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
    out.print(f"wall time {wall:.1f} s · drafts in {log} · {len(paths)} files under {out_dir}/<business>/")
    if tally.failed_checks:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
    )
