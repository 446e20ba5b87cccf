"""Extensions from installed packages, found through entry points (like simonw/llm's plugin hooks).

- group ``cvj.commands``: a function ``register(app)`` that adds commands to ``cvj``;
- group ``cvj.app_tabs``: a function returning tabs for the browser app, each with ``label``, ``id`` and
  ``build(backend)``.

The eval harness (``evals``) uses both: planner never imports it, yet ``cvj eval`` and the app's Evals tab
exist whenever it is installed. Two groups, so the command line never loads a tab's Gradio code.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

COMMANDS = "cvj.commands"
APP_TABS = "cvj.app_tabs"


def _hooks(group: str) -> list[Any]:
    return [ep.load() for ep in sorted(entry_points(group=group), key=lambda ep: ep.name)]


def register_commands(app: Any) -> None:
    for register in _hooks(COMMANDS):
        register(app)


def app_tabs() -> list[Any]:
    return [tab for tabs in _hooks(APP_TABS) for tab in tabs()]
