"""The export formats and the one pipeline they share: pick the drafts, check them, render everything in
memory, then write the folder in one go (``_write``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.export._calendar import render_calendar
from planner.export._email_content import EMAIL_TYPES
from planner.export._emails import render_emails
from planner.export._google import render_google_ads
from planner.export._inputs import check_url, for_business, read_drafts_file, select
from planner.export._meta import render_meta_ads
from planner.export._model import Context, ExportError, ExportOptions, Item, Problem, Rendered
from planner.export._platforms import PLATFORMS
from planner.export._write import write_export


@dataclass(frozen=True)
class Format:
    name: str
    title: str  # the tool it is for
    asset_types: tuple[str, ...] | None  # None: every draft
    render: Callable[[Sequence[Item], Context], Rendered]
    needs_url: bool = False  # every row needs a final URL (--final-url, links or the website)
    csv: bool = False  # --encoding applies


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "google-ads", "Google Ads Editor", ("search_ad",), render_google_ads, needs_url=True, csv=True
        ),
        Format("meta-ads", "Meta Ads Manager", ("social_ad",), render_meta_ads, csv=True),
        *(
            Format(p.name, p.title, EMAIL_TYPES, partial(render_emails, platform=p))
            for p in PLATFORMS.values()
        ),
        Format("calendar", "Calendar apps and spreadsheets", None, render_calendar, csv=True),
    )
}


@dataclass(frozen=True)
class ExportResult:
    fmt: str
    folder: Path
    files: list[Path]
    warnings: list[str]


def get_format(name: str) -> Format:
    try:
        return FORMATS[name.strip().lower()]
    except KeyError:
        raise UserError(f"unknown export format {name!r} — expected one of {', '.join(FORMATS)}") from None


def parse_formats(text: str) -> list[Format]:
    """``google-ads,mailchimp`` → those formats, each once, every name checked before anything runs."""
    names = [n for n in (part.strip() for part in text.split(",")) if n]
    if not names:
        raise UserError(f"no export format given — expected one or more of {', '.join(FORMATS)}")
    return list({f.name: f for f in map(get_format, names)}.values())


def export_file(path: Path, fmt: str, out: Path, options: ExportOptions) -> ExportResult:
    """``cvj export``: the drafts in a drafts.jsonl file, exported to one format in folder ``out``."""
    chosen = get_format(fmt)
    records, where = read_drafts_file(path)
    records = for_business(records, options.business, str(path))
    return export_records(records, chosen.name, out, options, where, source=str(path))


def export_records(
    records: Sequence[DraftRecord],
    fmt: str,
    out: Path,
    options: ExportOptions,
    where: dict[str, str] | None = None,
    source: str = "the campaign",
) -> ExportResult:
    """Drafts already in memory (the campaign shortcut, the app), exported to one format in ``out``."""
    chosen = get_format(fmt)
    if options.encoding and not chosen.csv:
        raise UserError(f"--encoding applies to google-ads, meta-ads and calendar, not {chosen.name}")
    items, problems = select(records, where or {}, chosen.asset_types)
    if not items and not problems:
        wanted = ", ".join(chosen.asset_types or ("any",))
        raise UserError(
            f"{source}: no {wanted} drafts to export to {chosen.name} — draft some first "
            f"(`cvj stages` lists each stage's asset types)"
        )
    name = options.business.business.name if options.business else records[0].business
    ctx = Context(chosen.name, options, name)
    if chosen.needs_url:
        _require_url(ctx)
    rendered = _render(chosen, items, ctx, problems)
    rendered.warnings[:0] = _failing_checks(items)
    return ExportResult(chosen.name, out, write_export(out, rendered.files, chosen.name), rendered.warnings)


def _render(chosen: Format, items: Sequence[Item], ctx: Context, problems: list[Problem]) -> Rendered:
    """Render the drafts that validated, so the channel's own checks run on them too: the user gets every
    problem in one go, not one round per kind."""
    try:
        rendered = chosen.render(items, ctx) if items else None
    except ExportError as exc:
        problems = [*problems, *exc.problems]
        rendered = None
    if problems or rendered is None:
        raise ExportError(chosen.name, problems)
    return rendered


def _require_url(ctx: Context) -> None:
    url = ctx.landing_url()
    if url is None:
        raise UserError(
            f"{ctx.fmt} needs a final URL for its ads — pass --final-url https://…, add landing_link to "
            f"--links, or set business.website in the profile and pass --business"
        )
    check_url(url, "the final URL")


def _failing_checks(items: Sequence[Item]) -> list[str]:
    failing = [i for i in items if not i.record.passed]
    if not failing:
        return []
    ids = ", ".join(i.id for i in failing[:5]) + (" …" if len(failing) > 5 else "")
    return [f"{len(failing)} exported draft(s) fail their stage checks ({ids}) — `cvj check` says why"]
