"""A command run loads only its own module: the table saying which module registers which command is true,
help still lists every command, and `cvj campaign` never imports the export, audit or worker code."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

from planner.cli import COMMAND_MODULES, COMMANDS, app, modules_for
from tests.conftest import PAWS, ROOT, cvj


def _registered() -> dict[str, str]:
    for name in COMMAND_MODULES:
        import_module(f"planner.cli.{name}")
    found = {
        (c.name or c.callback.__name__): c.callback.__module__.rsplit(".", 1)[1]
        for c in app.registered_commands
        if c.callback is not None and c.callback.__module__.startswith("planner.cli.")
    }
    for group in app.registered_groups:
        typer = group.typer_instance
        assert typer is not None and group.name
        modules = {c.callback.__module__ for c in typer.registered_commands if c.callback is not None}
        found[group.name] = modules.pop().rsplit(".", 1)[1]
    return found


def test_the_table_names_the_module_that_registers_each_command() -> None:
    assert _registered() == COMMANDS


def test_help_typos_and_plugins_load_every_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert modules_for(["campaign", "-b", "x.yaml"]) == ("_drafting",)
    for argv in ([], ["--help"], ["campain"], ["eval"]):
        assert modules_for(argv) == COMMAND_MODULES
    listed = cvj("--help", home=tmp_path).stdout
    assert all(name in listed for name in [*COMMANDS, "eval"])


def test_a_campaign_never_imports_the_export_audit_or_worker_code(tmp_path: Path) -> None:
    probe = (
        f"import sys, runpy; sys.argv = ['cvj', 'campaign', '-b', {str(PAWS)!r}, '-o', {str(tmp_path)!r}]\n"
        "try:\n    runpy.run_module('planner.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('planner.export', 'planner.audit', 'celery'))))"
    )
    env = {**os.environ, "CVJ_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "drafts.jsonl").is_file()  # the campaign ran
