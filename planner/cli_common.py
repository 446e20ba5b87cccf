"""What every ``cvj`` command shares: the Typer app, consoles, option types, error handling and progress."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from planner.errors import EmbeddingModelError, UserError

app = typer.Typer(
    help="Plan, draft and check marketing copy for every Customer Value Journey stage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # messages name file paths: never wrap them

BusinessOpt = Annotated[
    Path, typer.Option("--business", "-b", help="Business profile YAML (see examples/profiles/).")
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="offline (default) or openai:<model>; or set CVJ_MODEL."),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (or OPENAI_BASE_URL)."
    ),
]
ConcurrencyOpt = Annotated[int, typer.Option("--concurrency", min=1, max=64, help="Model calls in flight.")]
TimeoutOpt = Annotated[
    float, typer.Option("--timeout", min=1, help="Seconds per model call before retrying.")
]
MaxTokensOpt = Annotated[
    int, typer.Option("--max-tokens", min=16, help="Upper bound on each reply's tokens.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Ask the model again instead of using the cache.")
]
PromptsOpt = Annotated[
    Path | None, typer.Option("--prompts", help="Another prompts folder (prompt A/B); default prompts/.")
]
VariantsOpt = Annotated[
    int, typer.Option("--variants", "-n", min=1, max=5, help="Drafts per asset type (1-5).")
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Bad input → one clear message and exit 2; a broken install → exit 1 with the fix."""
    try:
        yield
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
        raise typer.Exit(2) from None
    except ValueError as exc:  # stage/asset parsing
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except EmbeddingModelError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
