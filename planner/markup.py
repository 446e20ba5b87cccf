"""User text meeting Markdown: shown as typed, never turned into HTML, a link or an image.

Profiles, pasted copy, uploads and model replies all end up in Markdown (the app's chat and status line,
campaign files). A business name like ``<img src=x onerror=…>`` or ``[win](javascript:…)`` must read as
text, so the characters that build elements are neutralised here, in one place.
"""

from __future__ import annotations

import re

__all__ = ["md_escape", "md_safe"]

# What makes Markdown build an element: a tag or an entity, a link or an image (and the backslash that could
# undo an escape). Emphasis and lists only change how text looks, so drafts keep asterisks and merge tags.
_ACTIVE = re.compile(r"[<\[\]\\]|&(?=#?\w+;)")
_ACTIVE_OR_STYLE = re.compile(r"[<\[\]\\*_`#|~]|&(?=#?\w+;)")


def _neutral(match: re.Match[str]) -> str:
    char = match.group()
    return {"<": "&lt;", "&": "&amp;"}.get(char, "\\" + char)


def md_safe(text: str) -> str:
    """A whole reply for a Markdown view: it keeps its emphasis, rules and code spans, builds no element."""
    return _ACTIVE.sub(_neutral, text)


def md_escape(text: str) -> str:
    """User text placed inside our own Markdown (a business name in a heading): shown literally."""
    return _ACTIVE_OR_STYLE.sub(_neutral, text)
