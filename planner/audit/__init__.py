"""The journey audit of assets a business already has, and the Growth Scorecard.

Read the assets (``_inputs``: folders of text, Markdown and HTML, or JSON Lines), classify and check each one,
measure every stage's coverage and pick the first stage to fix (``_journey``), and report it as a table,
Markdown, JSON and an SVG chart (``_report``, ``_svg``). ``_scorecard`` is the 8-row KPI sheet.
"""

from planner.audit._inputs import (
    SUPPORTED_SUFFIXES,
    AssetSet,
    InputAsset,
    html_to_text,
    read_asset_file,
    read_assets,
    read_jsonl,
)
from planner.audit._journey import (
    UNSURE_BELOW,
    AssetRow,
    Audit,
    Coverage,
    Fix,
    Strength,
    audit_assets,
    ladder_of,
)
from planner.audit._report import to_json, to_markdown, write_audit
from planner.audit._scorecard import ScoreRow, scorecard, scorecard_csv, scorecard_markdown
from planner.audit._svg import journey_svg

__all__ = [
    "SUPPORTED_SUFFIXES",
    "UNSURE_BELOW",
    "AssetRow",
    "AssetSet",
    "Audit",
    "Coverage",
    "Fix",
    "InputAsset",
    "ScoreRow",
    "Strength",
    "audit_assets",
    "html_to_text",
    "journey_svg",
    "ladder_of",
    "read_asset_file",
    "read_assets",
    "read_jsonl",
    "scorecard",
    "scorecard_csv",
    "scorecard_markdown",
    "to_json",
    "to_markdown",
    "write_audit",
]
