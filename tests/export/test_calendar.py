"""calendar: the journey as an iCalendar file and a content-calendar CSV, read back with icalendar and csv."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from planner.errors import UserError
from planner.export import ExportOptions, export_file, load_schedule
from planner.profile import Profile
from tests.export.conftest import START
from tests.export.drafts import FIELDS, all_records, record, write
from tests.export.golden import assert_golden
from tests.export.sheets import read_sheet


@dataclass(frozen=True)
class Ev:
    uid: str
    start: date
    end: date
    stamp: datetime
    summary: str
    description: str
    categories: list[str]


def events(path: Path) -> list[Ev]:
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["version"]) == "2.0" and "cvj-planner" in str(cal["prodid"])
    found = []
    for e in cal.walk("VEVENT"):
        prop: Any = e  # icalendar types each property as a union of every value type
        found.append(
            Ev(
                str(prop["uid"]),
                prop["dtstart"].dt,
                prop["dtend"].dt,
                prop["dtstamp"].dt,
                str(prop.summary),
                str(prop["description"]),
                [str(c) for c in prop["categories"].cats],
            )
        )
    return found


def test_golden_one_event_per_draft_in_journey_order(
    drafts_file: Path, options: ExportOptions, tmp_path: Path
) -> None:
    out = tmp_path / "cal"
    export_file(drafts_file, "calendar", out, options)
    assert_golden(out, "calendar")
    found = events(out / "calendar.ics")
    assert len(found) == len(FIELDS)  # one event per draft
    ids = [e.uid.removesuffix("@cvj-planner") for e in found]
    stages = [i.split(".")[1] for i in ids]
    order = ["aware", "engage", "subscribe", "convert", "excite", "ascend", "advocate", "promote"]
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    starts = [e.start for e in found]
    assert starts == sorted(starts) and starts[0] == START  # the input file was in reverse order
    schedule = load_schedule()
    for e, draft_id in zip(found, ids, strict=True):
        asset_type = draft_id.split(".")[2]
        assert e.start == START + timedelta(days=schedule.day(asset_type))
        assert e.end == e.start + timedelta(days=1)  # all-day
        assert e.stamp == datetime(2027, 3, 1, tzinfo=e.stamp.tzinfo)  # fixed: reproducible output
        assert "Trigger:" in e.description and draft_id in e.description
    assert len(set(ids)) == len(ids)
    header, rows = read_sheet(out / "calendar.csv")
    assert header[:3] == ["date", "day", "stage"]
    assert [r["id"] for r in rows] == ids and [r["date"] for r in rows] == [s.isoformat() for s in starts]


def test_same_drafts_same_bytes(drafts_file: Path, options: ExportOptions, tmp_path: Path) -> None:
    export_file(drafts_file, "calendar", tmp_path / "a", options)
    export_file(drafts_file, "calendar", tmp_path / "b", options)
    assert (tmp_path / "a" / "calendar.ics").read_bytes() == (tmp_path / "b" / "calendar.ics").read_bytes()


def test_start_defaults_to_today(drafts_file: Path, paws: Profile, tmp_path: Path) -> None:
    export_file(drafts_file, "calendar", tmp_path / "c", ExportOptions(business=paws))
    assert events(tmp_path / "c" / "calendar.ics")[0].start == date.today()


def test_text_is_escaped_by_the_format(tmp_path: Path, paws: Profile) -> None:
    fields = {**FIELDS[("welcome_email", 1)], "subject": 'Hi; you, "there" =1+1'}
    drafts = write(tmp_path / "d.jsonl", [record("welcome_email", fields=fields)])
    export_file(drafts, "calendar", tmp_path / "c", ExportOptions(business=paws, start=START))
    assert events(tmp_path / "c" / "calendar.ics")[0].summary.endswith('— Hi; you, "there" =1+1')
    assert read_sheet(tmp_path / "c" / "calendar.csv")[1][0]["title"] == 'Hi; you, "there" =1+1'


def test_a_schedule_file_overrides_the_defaults(drafts_file: Path, paws: Profile, tmp_path: Path) -> None:
    override = tmp_path / "schedule.yaml"
    override.write_text(
        "triggers: {core_purchase: 60}\nassets:\n  referral_share: {trigger: core_purchase, day: 45}\n"
    )
    schedule = load_schedule(override)
    assert schedule.day("referral_share") == 105 and schedule.day("search_ad") == 0
    export_file(
        drafts_file, "calendar", tmp_path / "c", ExportOptions(business=paws, start=START, schedule=schedule)
    )
    assert events(tmp_path / "c" / "calendar.ics")[-1].start == START + timedelta(days=105)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("triggers: {someday: 3}\n", "triggers.someday"),
        ("assets:\n  search_ad: {trigger: opt_in, day: -1}\n", "assets.search_ad.day"),
        ("assets:\n  podcast: {trigger: opt_in, day: 1}\n", "unknown asset type"),
        ("assets:\n  referral_invite: {trigger: first_touch, day: 1}\n", "follows the journey"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_a_bad_schedule_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "schedule.yaml"
    path.write_text(text)
    with pytest.raises(UserError, match=message):
        load_schedule(path)


def test_every_draft_counts_even_failing_ones(tmp_path: Path, paws: Profile) -> None:
    lines = all_records()
    lines[0]["checks"] = {"passed": False, "failures": [{"check": "known-prices", "message": "…"}]}
    result = export_file(
        write(tmp_path / "d.jsonl", lines), "calendar", tmp_path / "c", ExportOptions(business=paws)
    )
    assert len(events(tmp_path / "c" / "calendar.ics")) == len(lines)
    assert any("fail their stage checks" in w for w in result.warnings)
