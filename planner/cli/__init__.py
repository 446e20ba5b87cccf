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


def main() -> None:
    from importlib import import_module

    from planner.plugins import register_commands

    for name in COMMAND_MODULES:
        import_module(f"planner.cli.{name}")

    register_commands(app)
    app()
