"""What every ``cvj`` command shares: the Typer app, consoles, option types, error handling and progress."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from planner.errors import EmbeddingModelError, UserError
from planner.session import RunOptions

app = typer.Typer(
    help="Plan, draft and check marketing copy for every Customer Value Journey stage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# C0 and C1 control characters but newline and tab: an ESC sequence in a file name must not reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text with control characters shown as escapes (``\\x1b``), so it prints as the characters it has."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class LiteralConsole(Console):
    """A console that prints every string as written: no Rich markup (``[/x]`` in a business name crashed
    with MarkupError), no emoji codes, control characters escaped. Styling is explicit: ``Text`` objects, or
    ``markup=True`` on a message whose text is the tool's own."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, soft_wrap=True, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        # Every str the console renders (print arguments, table cells and titles) comes through here.
        return super().render_str(text if kwargs.get("markup") else visible(text), **kwargs)


out = LiteralConsole()
err = LiteralConsole(stderr=True)  # messages name file paths: never wrap them

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
    int | None,
    typer.Option(
        "--max-tokens", min=16, help="Cap on each reply's tokens (default: each asset type's own budget)."
    ),
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


# The model options every drafting command takes, declared once (name, option type, default).
MODEL_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("model", ModelOpt, RunOptions.model),
    ("base_url", BaseUrlOpt, RunOptions.base_url),
    ("concurrency", ConcurrencyOpt, RunOptions.concurrency),
    ("timeout", TimeoutOpt, RunOptions.timeout),
    ("max_tokens", MaxTokensOpt, RunOptions.max_tokens),
    ("no_cache", NoCacheOpt, RunOptions.no_cache),
    ("prompts", PromptsOpt, RunOptions.prompts),
)

Command = TypeVar("Command", bound=Callable[..., Any])


def model_options(command: Command) -> Command:
    """Give a command the shared model options; it receives them as one ``options: RunOptions`` argument.

    Typer reads a command's parameters from its signature, so the wrapper's signature is the command's own
    (minus ``options``) followed by the shared options.
    """
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "options"]
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        for name, annotation, default in MODEL_OPTIONS
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name, _, _ in MODEL_OPTIONS}
        return command(*args, options=RunOptions(**values), **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*own, *shared])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


@contextmanager
def user_errors() -> Iterator[None]:
    """Bad input → one clear message and exit 2; a broken install → exit 1 with the fix."""
    try:
        yield
    except UserError as exc:
        err.print(Text.assemble(("error:", "red"), " ", visible(str(exc))), highlight=False)
        raise typer.Exit(2) from None
    except EmbeddingModelError as exc:
        err.print(Text.assemble(("error:", "red"), " ", visible(str(exc))), highlight=False)
        raise typer.Exit(1) from None


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}", markup=False),  # descriptions carry business names
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
