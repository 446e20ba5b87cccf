"""Channel exports a marketer imports as is: Google Ads Editor, Meta Ads Manager, five email platforms and a
journey calendar, from drafts.jsonl or drafts in memory.

Every export checks all its drafts against the channel's limits first and renders every file in memory; only
then is the folder written, in one rename (``_write``). A draft a channel would refuse is listed with its fix
(``ExportError``, exit 2) and nothing is written. Formats: ``_google``, ``_meta``, ``_emails`` (with
``_email_content``, ``_email_html``, ``_platforms``), ``_calendar`` (with ``_schedule`` and
``schedule.yaml``); ``_cells`` escapes user text for spreadsheets, Markdown and template engines.
"""

from planner.export._email_content import EMAIL_TYPES
from planner.export._formats import (
    FORMATS,
    ExportResult,
    Format,
    export_file,
    export_records,
    get_format,
    parse_formats,
)
from planner.export._inputs import check_url, load_links
from planner.export._model import ENCODINGS, LINK_TAGS, Encoding, ExportError, ExportOptions, Problem
from planner.export._platforms import PLATFORMS
from planner.export._schedule import Schedule, Trigger, load_schedule
from planner.export._write import zip_folder

__all__ = [
    "EMAIL_TYPES",
    "ENCODINGS",
    "FORMATS",
    "LINK_TAGS",
    "PLATFORMS",
    "Encoding",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Format",
    "Problem",
    "Schedule",
    "Trigger",
    "check_url",
    "export_file",
    "export_records",
    "get_format",
    "load_links",
    "load_schedule",
    "parse_formats",
    "zip_folder",
]
