"""The Campaign tab's channel exports: after a campaign, one zip per format to download (Google Ads Editor,
Meta Ads Manager, five email platforms, the journey calendar), built by ``planner.export`` exactly as
``cvj campaign --export`` builds them. A format the campaign cannot fill (no search ads drafted, no website
for the ads) gets a line saying why instead of a button."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.export import FORMATS, ExportOptions, export_records, zip_folder
from planner.profile import Profile

LABELS = {"google-ads": "Google Ads", "meta-ads": "Meta Ads", "calendar": "Calendar"}


def label(fmt: str) -> str:
    return LABELS.get(fmt, FORMATS[fmt].title)


def build_exports(
    profile: Profile, records: Sequence[DraftRecord], folder: Path
) -> tuple[dict[str, Path], dict[str, str]]:
    """(format → zip to download, format → why it is not offered)."""
    ready: dict[str, Path] = {}
    missing: dict[str, str] = {}
    options = ExportOptions(business=profile)
    for fmt in FORMATS:
        target = folder / "export" / fmt
        try:
            export_records(records, fmt, target, options)
        except UserError as exc:
            missing[fmt] = str(exc)
            continue
        ready[fmt] = zip_folder(target, folder / "export" / f"{profile.slug}-{fmt}.zip")
    return ready, missing


def notes_html(missing: dict[str, str]) -> str:
    """Why some formats have no button; the reasons quote drafts, so they are escaped."""
    if not missing:
        return ""
    items = "".join(f"<li><b>{escape(label(fmt))}</b>: {_lines(why)}</li>" for fmt, why in missing.items())
    return f'<div class="cvj-export-notes"><p>Not exported:</p><ul>{items}</ul></div>'


def _lines(reason: str) -> str:
    # "the campaign: no search_ad drafts…" reads better without the "the campaign:" the CLI would need.
    return "<br>".join(escape(line) for line in reason.removeprefix("the campaign: ").splitlines())
