"""Import Gradio without its start-up stub writing.

Every time Gradio is imported, each of its ~80 component classes re-parses its own source file with ``ast`` to
regenerate a ``.pyi`` type-stub next to it in site-packages (``gradio.component_meta.create_or_modify_pyi``).
That is an editor convenience for Gradio's developers, and on 2 cores it is 3.4 s of a 5 s import — the
difference between the app being usable in under 5 s or not. The stubs shipped in the wheel are unaffected.
An import hook swaps that one function for a no-op the moment its module has run, before any component class
is created; nothing else in Gradio changes.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

TARGET = "gradio.component_meta"


class _SkipStubs(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if fullname != TARGET:
            return None
        sys.meta_path.remove(self)  # find the real spec once, then step aside
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            original(module)
            module.create_or_modify_pyi = lambda *args, **kwargs: None  # type: ignore[attr-defined]

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


# No outside connections: these must be set before Gradio (and huggingface_hub) are imported.
QUIET = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "DO_NOT_TRACK": "1",
}


def import_gradio() -> ModuleType:
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    if "gradio" not in sys.modules:
        sys.meta_path.insert(0, _SkipStubs())
    import gradio

    return gradio
