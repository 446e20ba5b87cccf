"""``calendar``: the journey as a schedule — an iCalendar file (one all-day event per draft, in journey order)
and a content-calendar CSV, dated from --start (default today) by ``schedule.yaml``.

UIDs come from the draft ids and DTSTAMP from the start date, so the same drafts and start give the same
bytes: a calendar app that imports the file again updates its events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from planner.assets import Asset, asset_model
from planner.export._cells import md, sheet
from planner.export._model import Context, Item, Rendered, journey_order
from planner.export._schedule import Schedule, load_schedule

PRODID = "-//cvj-planner//Customer Value Journey calendar//EN"
HEADER = [
    "date",
    "day",
    "stage",
    "stage_number",
    "asset_type",
    "asset",
    "variant",
    "title",
    "trigger",
    "delay_days",
    "kpi",
    "passed_checks",
    "id",
]
# The field that names a draft best, first one the asset has.
_TITLE_FIELDS = ("subject", "email_subject", "headline", "title", "hook")


def render_calendar(items: Sequence[Item], ctx: Context) -> Rendered:
    schedule = ctx.options.schedule or load_schedule()
    start = ctx.options.start or date.today()
    ordered = journey_order(items, schedule)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{ctx.campaign} — Customer Value Journey")
    stamp = datetime.combine(start, time(0, 0), tzinfo=UTC)
    rows = []
    for item in ordered:
        day = schedule.day(item.record.asset_type)
        cal.add_component(_event(item, start + timedelta(days=day), stamp, schedule))
        rows.append(_row(item, start, day, schedule))
    out = Rendered()
    out.files["calendar.ics"] = cal.to_ical()
    out.files["calendar.csv"] = sheet(HEADER, rows, ctx.options.encoding or "utf-8")
    out.files["README.md"] = _readme(ctx, len(ordered), start, schedule).encode("utf-8")
    return out


def title_of(asset: Asset) -> str:
    for name in _TITLE_FIELDS:
        value = getattr(asset, name, None)
        if isinstance(value, str):
            return value
    headlines = getattr(asset, "headlines", None)
    return headlines[0] if headlines else asset.label


def _event(item: Item, when: date, stamp: datetime, schedule: Schedule) -> Event:
    slot = schedule.slot(item.record.asset_type)
    label = asset_model(item.record.asset_type).label
    event = Event()
    event.add("uid", f"{item.id}@cvj-planner")
    event.add("dtstamp", stamp)
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(days=1))  # all-day: the end date is exclusive
    event.add("summary", f"{item.stage.info.title}: {label} v{item.record.variant} — {title_of(item.asset)}")
    event.add(
        "description",
        f"Trigger: {slot.trigger.value} + {slot.day} days\nKPI: {item.record.kpi}\nDraft: {item.id}\n\n"
        f"{item.asset.to_text()}",
    )
    event.add("categories", [item.stage.info.title, label])
    return event


def _row(item: Item, start: date, day: int, schedule: Schedule) -> list[object]:
    slot = schedule.slot(item.record.asset_type)
    return [
        (start + timedelta(days=day)).isoformat(),
        day,
        item.stage.value,
        item.stage.number,
        item.record.asset_type,
        asset_model(item.record.asset_type).label,
        item.record.variant,
        title_of(item.asset),
        slot.trigger.value,
        slot.day,
        item.record.kpi,
        "yes" if item.record.passed else "no",
        item.id,
    ]


def _readme(ctx: Context, events: int, start: date, schedule: Schedule) -> str:
    triggers = ", ".join(f"{t.value} on day {d}" for t, d in schedule.triggers.items())
    return f"""# Journey calendar — {md(ctx.campaign)}

{events} draft(s), from {start.isoformat()}: `calendar.ics` (one all-day event per draft, in journey order)
and `calendar.csv` (the same as a content calendar: date, stage, asset, title, trigger, delay, KPI).

## How to import

1. Google Calendar: **Settings › Import & export › Import** `calendar.ics` (into a new calendar, so it is easy
   to remove); Outlook and Apple Calendar open the file directly.
2. Spreadsheets and project tools (Sheets, Excel, Notion, Trello, Asana) import `calendar.csv`.

Dates follow `{md(schedule.source)}`: each draft waits for a trigger and goes out some days after it; for a
typical customer the triggers come {triggers}. Change them with `cvj export … --schedule FILE.yaml`. Events
keep their ids, so importing a re-export updates them rather than adding copies.
"""
