"""Gradio is imported without its start-up stub rewriting, and nothing else about it changes."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import sys, time
from planner.app._gradio_import import import_gradio
gr = import_gradio()
import gradio.component_meta as cm
assert cm.create_or_modify_pyi("x", "y", []) is None and cm.create_or_modify_pyi.__name__ == "<lambda>"
with gr.Blocks() as demo:
    box = gr.Textbox(elem_id="probe")
assert "probe" in str(demo.get_config_file())
assert not any(isinstance(f, type) and f.__name__ == "_SkipStubs" for f in sys.meta_path)
"""


def test_import_gradio_skips_stub_writing_only() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
