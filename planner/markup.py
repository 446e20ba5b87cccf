"""User text meeting Markdown: shown as typed, never turned into HTML or a link it should not be.

Two uses: files a marketer opens in any Markdown viewer (``md_text``, ``md_code``, ``md_link``: no raw HTML,
only http(s) links), and the app's chat and status line (``md_safe``, ``md_escape``: no HTML, no link or
image at all).

Profiles, pasted copy, uploads and model replies all end up in Markdown (the app's chat and status line,
campaign files). A business name like ``<img src=x onerror=…>`` or ``[win](javascript:…)`` must read as
text, so the characters that build elements are neutralised here, in one place.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["md_code", "md_escape", "md_link", "md_safe", "md_text"]

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


# "[label](target)" and "[ref]: target" whose target is not http(s): javascript:, data:, vbscript:, file:…
_BAD_INLINE_LINK = re.compile(r"\]\((?!\s*<?https?://)", re.I)
_BAD_REF_DEFINITION = re.compile(r"^( {0,3})\[(?=[^\]\n]*\]:(?!\s*<?https?://))", re.I | re.M)


def md_text(text: str) -> str:
    """User text for Markdown: no raw HTML (< and > as entities), and no link to anything but http(s)
    (the bracket or parenthesis that would make one is backslash-escaped, so it reads as plain text)."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _BAD_INLINE_LINK.sub("]\\(", text)
    return _BAD_REF_DEFINITION.sub(lambda m: m.group(1) + "\\[", text)


def md_code(text: str) -> str:
    """User text as an inline code span that nothing inside can close (a fence longer than any run of
    backticks in it); one line, and pipes escaped so it can sit in a table cell."""
    text = text.replace("\n", " ").replace("\r", " ").replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # kept as they are; space, quotes, ( ) < > ` are percent-encoded


def md_link(label: str, url: str) -> str:
    """``[label](url)`` for an http(s) URL (characters that could end the link percent-encoded); any other
    URL — ``javascript:``, ``data:`` — is shown as text beside the label, never linked."""
    if re.match(r"https?://", url, re.I):
        return f"[{label}]({quote(url.strip(), safe=_URL_SAFE)})"
    return f"{label} ({md_code(url)})"
