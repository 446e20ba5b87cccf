"""``cvj export``: drafts.jsonl → files a marketer imports as they are (Google Ads Editor, Meta Ads Manager,
Mailchimp, Klaviyo, HubSpot, Kit, Brevo, a journey calendar). ``cvj campaign --export`` calls the same."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from planner.cli._common import app, err, out, user_errors
from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.export import (
    ENCODINGS,
    FORMATS,
    Encoding,
    ExportOptions,
    ExportResult,
    check_url,
    export_file,
    export_records,
    get_format,
    load_links,
    load_schedule,
    parse_formats,
)
from planner.profile import Profile, load_profile

FORMAT_HELP = ", ".join(FORMATS)


@app.command("export")
def export_command(
    file: Annotated[
        Path, typer.Argument(help="drafts.jsonl from `cvj campaign`, `cvj batch` or `cvj draft --json`.")
    ],
    to: Annotated[str, typer.Option("--to", "-t", help=f"Format: {FORMAT_HELP}.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write (new, empty, or an earlier export).")
    ],
    business: Annotated[
        Path | None,
        typer.Option("--business", "-b", help="Profile: names, website; picks one business's drafts."),
    ] = None,
    final_url: Annotated[
        str | None, typer.Option("--final-url", help="Where the ads send people (overrides the website).")
    ] = None,
    links: Annotated[
        Path | None, typer.Option("--links", help="YAML of link tags to URLs, e.g. `review_link: https://…`.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="The calendar's first day, YYYY-MM-DD (default: today).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="utf-8 (commas) or utf-16 (tabs), for the CSV formats.")
    ] = None,
    schedule: Annotated[
        Path | None, typer.Option("--schedule", help="YAML of triggers and day offsets over the default.")
    ] = None,
) -> None:
    """Export drafts as files a channel imports: Google Ads, Meta, email platforms, a calendar."""
    with user_errors():
        get_format(to)  # an unknown format is reported before any file is read
        options = ExportOptions(
            business=load_profile(business) if business else None,
            final_url=check_url(final_url, "--final-url") if final_url else None,
            links=load_links(links) if links else {},
            start=_date(start) if start else None,
            encoding=_encoding(encoding) if encoding else None,
            schedule=load_schedule(schedule) if schedule else None,
        )
        result = export_file(file, to, out_dir, options)
    report(result)


def export_campaign(formats: str, profile: Profile, records: Sequence[DraftRecord], out_dir: Path) -> None:
    """``cvj campaign --export``: each format into ``out_dir/export/<format>/``; URLs from the profile."""
    options = ExportOptions(business=profile)
    for chosen in parse_formats(formats):
        report(export_records(records, chosen.name, out_dir / "export" / chosen.name, options))


def check_campaign_formats(formats: str, profile: Profile, asset_types: set[str]) -> None:
    """Before drafting: the names are known, the campaign drafts something for each, and the ads have
    somewhere to send people."""
    for chosen in parse_formats(formats):
        if chosen.asset_types is not None and not asset_types & set(chosen.asset_types):
            raise UserError(
                f"--export {chosen.name} exports {', '.join(chosen.asset_types)}, which these stages do not "
                f"draft — add its stage to --stages or leave {chosen.name} out"
            )
        if chosen.name in ("google-ads", "meta-ads") and not profile.business.website:
            raise UserError(
                f"--export {chosen.name} needs the ads' final URL: set business.website in the profile, "
                f"or draft first and run `cvj export --final-url URL`"
            )


def report(result: ExportResult) -> None:
    # Warnings quote draft text: printed with markup off so "[sale]" stays text.
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False)
    out.print(
        f"{result.fmt}: wrote {len(result.files)} files to {result.folder}", markup=False, highlight=False
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--start {text!r} is not a date — write it as YYYY-MM-DD, like 2026-03-02") from None


def _encoding(text: str) -> Encoding:
    for known in ENCODINGS:
        if text.strip().lower().replace("_", "-") == known:
            return known
    raise UserError(f"--encoding {text!r} — expected {' or '.join(ENCODINGS)}")
