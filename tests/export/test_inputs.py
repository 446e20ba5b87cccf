"""What an export reads: drafts.jsonl (strictly), one business's drafts, --links; and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.errors import UserError
from planner.export import ExportError, ExportOptions, export_file, load_links
from planner.profile import Profile
from tests.export.drafts import FIELDS, all_records, record, write


def test_a_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(record("search_ad")) + "\n{not json\n")
    with pytest.raises(UserError, match=r"d\.jsonl:2: not valid JSON"):
        export_file(path, "google-ads", tmp_path / "out", ExportOptions(final_url="https://x.example"))
    bad = write(tmp_path / "e.jsonl", [{**record("search_ad"), "asset_type": "podcast"}])
    with pytest.raises(UserError, match=r"e\.jsonl:1: unknown asset_type 'podcast'"):
        export_file(bad, "google-ads", tmp_path / "out", ExportOptions(final_url="https://x.example"))


def test_a_failed_generation_is_refused_with_the_fix(tmp_path: Path, paws: Profile) -> None:
    broken = record("search_ad", 2, fields={}, text="")
    broken["checks"] = {
        "passed": False,
        "failures": [{"check": "generation", "message": "cannot reach server"}],
    }
    drafts = write(tmp_path / "d.jsonl", [record("search_ad"), broken])
    with pytest.raises(ExportError, match=r"d\.jsonl:2 .*never written \(cannot reach server\).*--resume"):
        export_file(drafts, "google-ads", tmp_path / "out", ExportOptions(business=paws))
    # A failed draft of a type the format does not use does not block it.
    mixed = write(tmp_path / "m.jsonl", [broken, record("social_ad")])
    export_file(mixed, "meta-ads", tmp_path / "m", ExportOptions(business=paws))
    assert (tmp_path / "m" / "meta-ads.csv").is_file()


def test_the_latest_line_of_an_id_wins(tmp_path: Path, paws: Profile) -> None:
    old = record("search_ad", fields={}, text="")
    old["checks"] = {"passed": False, "failures": [{"check": "generation", "message": "timeout"}]}
    drafts = write(tmp_path / "d.jsonl", [old, record("search_ad")])  # a resumed batch re-drafted it
    result = export_file(drafts, "google-ads", tmp_path / "out", ExportOptions(business=paws))
    assert result.files and not result.warnings


def test_one_business_at_a_time(tmp_path: Path, paws: Profile) -> None:
    other = record("search_ad", business="ledgerly", id="ledgerly.aware.search_ad.v1")
    drafts = write(tmp_path / "d.jsonl", [record("search_ad"), other])
    with pytest.raises(UserError, match=r"drafts of 2 businesses .* pass --business"):
        export_file(drafts, "calendar", tmp_path / "out", ExportOptions())
    export_file(drafts, "calendar", tmp_path / "out", ExportOptions(business=paws))
    assert "ledgerly" not in (tmp_path / "out" / "calendar.csv").read_text(encoding="utf-8-sig")
    only_other = write(tmp_path / "o.jsonl", [other])
    with pytest.raises(UserError, match="no drafts of paws-suds-grooming"):
        export_file(only_other, "calendar", tmp_path / "x", ExportOptions(business=paws))


def test_nothing_to_export_and_wrong_options(tmp_path: Path, paws: Profile) -> None:
    drafts = write(tmp_path / "d.jsonl", [record("blog_post")])
    with pytest.raises(UserError, match="no search_ad drafts to export"):
        export_file(drafts, "google-ads", tmp_path / "out", ExportOptions(business=paws))
    with pytest.raises(UserError, match="unknown export format 'tiktok'"):
        export_file(drafts, "tiktok", tmp_path / "out", ExportOptions(business=paws))
    with pytest.raises(UserError, match="--encoding applies to"):
        export_file(drafts, "mailchimp", tmp_path / "out", ExportOptions(business=paws, encoding="utf-16"))
    assert not (tmp_path / "out").exists()


def test_every_problem_is_listed_at_once(tmp_path: Path, paws: Profile) -> None:
    lines = [
        record("search_ad", 1, fields={**FIELDS[("search_ad", 1)], "headlines": ["x" * 31, "B", "C"]}),
        record("search_ad", 2, fields={**FIELDS[("search_ad", 2)], "display_path": ["a/b"]}),
        record("search_ad", 3, stage="engage"),
        record("search_ad", 4, fields={**FIELDS[("search_ad", 1)], "headlines": ["A", "B"]}),
    ]
    with pytest.raises(ExportError) as refused:
        export_file(
            write(tmp_path / "d.jsonl", lines), "google-ads", tmp_path / "out", ExportOptions(business=paws)
        )
    messages = [str(p) for p in refused.value.problems]
    assert any(f"fields.headlines[0] '{'x' * 31}' is 31 characters" in m for m in messages)
    assert any("d.jsonl:4" in m and "fields.headlines has 2 items; at least 3" in m for m in messages)
    assert any("d.jsonl:3" in m and "stage engage, but search_ad belongs to aware" in m for m in messages)
    assert any("d.jsonl:2" in m and "contains '/'" in m for m in messages)  # Google's own check, same round
    assert not (tmp_path / "out").exists()


def test_links_file(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text("review_link: https://g.page/r/abc\n'{{booking_link}}': https://book.example/x\n")
    assert load_links(path) == {
        "review_link": "https://g.page/r/abc",
        "booking_link": "https://book.example/x",
    }
    for text, message in [
        ("coupon_link: https://x.example\n", "not a link tag"),
        ("unsubscribe_link: https://x.example\n", "not a link tag"),
        ("review_link: g.page/r/abc\n", "not a web address"),
        ("review_link: javascript:alert(1)\n", "not a web address"),
        ("review_link: [1, 2]\n", "expected a URL"),
        ("- review_link\n", "expected a mapping"),
    ]:
        path.write_text(text)
        with pytest.raises(UserError, match=message):
            load_links(path)
    path.write_bytes(b"review_link: \xff\n")
    with pytest.raises(UserError, match="not UTF-8"):
        load_links(path)


def test_the_fixture_covers_every_asset_type() -> None:
    from planner.assets import ASSET_MODELS

    assert {line["asset_type"] for line in all_records()} == set(ASSET_MODELS)
