"""Escaping user text wherever it meets a spreadsheet, Markdown or a template engine.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so such cells get
a leading apostrophe (OWASP "CSV injection"). Files are written as UTF-8 with a byte-order mark and commas
(what Excel and most importers read), or as UTF-16 with tabs (what Google Ads Editor itself exports).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from planner.export._model import Encoding

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def sheet(header: Sequence[str], rows: Iterable[Sequence[object]], encoding: Encoding) -> bytes:
    """A whole CSV (UTF-8, commas) or TSV (UTF-16, tabs) file with every cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="," if encoding == "utf-8" else "\t", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    if encoding == "utf-8":
        return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
    # Little-endian with a BOM, spelled out: Python's "utf-16" would follow the machine's byte order.
    return b"\xff\xfe" + buf.getvalue().encode("utf-16-le")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """User text inside a README: Markdown and HTML markup shown as typed, on one line."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


# What an email platform would run as a template: Mailchimp's *|…|*, and {{ }}, {% %}, {# #} of Klaviyo
# (Django), HubSpot (HubL), Kit (Liquid) and Brevo. Only our own merge tags may carry them.
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\*\||\|\*")


def template_syntax(text: str) -> str | None:
    """The first template marker in ``text`` (merge tags already taken out), or None."""
    found = TEMPLATE_SYNTAX.search(text)
    return found.group(0) if found else None


def file_safe(text: str) -> str:
    """A draft id as part of a file name: no folders, no spaces, nothing a shell or zip tool trips on."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-") or "draft"
