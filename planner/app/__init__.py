"""The browser app (``python app.py``, ``make app``): Gradio tabs over planner's public API.

Importing this package imports Gradio (with its start-up stub writing switched off, see ``_gradio_import``)
and keeps every outside connection off (analytics, Hugging Face telemetry).
"""

from planner.app._backend import Backend
from planner.app._ui import build, launch

__all__ = ["Backend", "build", "launch"]
