"""The ``cvj`` command line: a thin layer over planner's public API. Commands, flags and file formats here
are a contract: keep them stable.

Exit codes: 0 success, 1 drafts failed their checks, 2 bad input (the message names file, field and fix).
Progress goes to stderr so stdout stays clean for JSON Lines and tables. Other installed packages add
commands through the ``cvj.commands`` entry point (the eval harness adds ``cvj eval`` that way).
"""

from __future__ import annotations

from planner.cli._common import app, err, model_options, out, progress_bar, user_errors

# What plugins may use to add commands that look and behave like the built-in ones.
__all__ = ["app", "err", "main", "model_options", "out", "progress_bar", "user_errors"]


# Importing a command module registers its commands on the one Typer app (`cvj --help` keeps this order).
COMMAND_MODULES = ("_drafting", "_checking", "_export", "_audit", "_batch", "_worker", "_prompt")
# Which module registers each built-in command: a command run loads only its own module, because importing
# them all (exports, audit, Celery…) costs a fresh `cvj campaign` a fifth of a second it never uses.
COMMANDS = {
    "stages": "_drafting",
    "ingest": "_drafting",
    "draft": "_drafting",
    "refine": "_drafting",
    "campaign": "_drafting",
    "check": "_checking",
    "classify": "_checking",
    "export": "_export",
    "audit": "_audit",
    "scorecard": "_audit",
    "batch": "_batch",
    "worker": "_worker",
    "prompt": "_prompt",
}


def modules_for(argv: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: its command's own, or all of them for help, completion,
    a plugin's command or a typo (so `cvj --help` lists everything and a typo's message can suggest)."""
    first = argv[0] if argv else ""
    return (COMMANDS[first],) if first in COMMANDS else COMMAND_MODULES


def main() -> None:
    import sys
    from importlib import import_module

    from planner.plugins import register_commands

    for name in modules_for(sys.argv[1:]):
        import_module(f"planner.cli.{name}")

    register_commands(app)
    app()
