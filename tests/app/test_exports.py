"""The Campaign tab's export downloads, without a browser: one zip per format, or the reason it is missing."""

from __future__ import annotations

import zipfile
from pathlib import Path

from planner.app._exports import build_exports, notes_html
from planner.drafts import DraftRecord, record_from_json
from planner.export import FORMATS
from planner.profile import Profile
from tests.export.drafts import all_records, record


def records(lines: list[dict]) -> list[DraftRecord]:  # type: ignore[type-arg]
    return [record_from_json(line) for line in lines]


def test_every_format_is_zipped(paws: Profile, tmp_path: Path) -> None:
    ready, missing = build_exports(paws, records(all_records()), tmp_path)
    assert list(ready) == list(FORMATS) and not missing and notes_html(missing) == ""
    with zipfile.ZipFile(ready["google-ads"]) as zf:
        assert sorted(zf.namelist()) == ["README.md", "google-ads.csv"]
    with zipfile.ZipFile(ready["calendar"]) as zf:
        assert "calendar.ics" in zf.namelist()
    assert ready["mailchimp"].name == "paws-suds-grooming-mailchimp.zip"


def test_a_format_the_campaign_cannot_fill_says_why(paws: Profile, tmp_path: Path) -> None:
    lines = [record("blog_post"), record("review_request_email")]
    lines[1]["fields"] = {**lines[1]["fields"], "body": "<b>Hi</b> {% raw %}"}
    ready, missing = build_exports(paws, records(lines), tmp_path)
    assert set(ready) == {"calendar"}
    assert "no search_ad drafts" in missing["google-ads"] and "no social_ad drafts" in missing["meta-ads"]
    html = notes_html(missing)
    assert "<b>Google Ads</b>: no search_ad drafts" in html
    assert "&#x27;{%&#x27;" in html and "{% raw %}" not in html  # the draft's text is escaped
