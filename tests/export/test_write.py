"""An export folder is written whole or not at all, replaces only an earlier export of the same format, and
zips the same every time."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from planner.errors import UserError
from planner.export import ExportError, ExportOptions, export_file, zip_folder
from planner.profile import Profile
from tests.export.drafts import FIELDS, record, write


def test_a_folder_with_other_files_is_never_touched(
    drafts_file: Path, options: ExportOptions, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(UserError, match="already holds other files"):
        export_file(drafts_file, "calendar", mine, options)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        export_file(drafts_file, "calendar", tmp_path / "a-file", options)


def test_a_re_export_replaces_the_old_one_whole(tmp_path: Path, options: ExportOptions) -> None:
    out = tmp_path / "emails"
    export_file(
        write(tmp_path / "a.jsonl", [record("upgrade_email"), record("bundle_offer")]), "kit", out, options
    )
    assert len(list(out.glob("*.html"))) == 2
    export_file(write(tmp_path / "b.jsonl", [record("welcome_email")]), "kit", out, options)
    assert [p.name for p in out.glob("*.html")] == ["01-paws-suds-grooming.excite.welcome_email.v1.html"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp or old folder
    with pytest.raises(UserError, match="holds a kit export"):
        export_file(tmp_path / "b.jsonl", "brevo", out, options)


def test_a_refused_export_leaves_the_previous_one(tmp_path: Path, paws: Profile) -> None:
    out = tmp_path / "ads"
    options = ExportOptions(business=paws)
    export_file(write(tmp_path / "a.jsonl", [record("search_ad")]), "google-ads", out, options)
    before = (out / "google-ads.csv").read_bytes()
    bad = record("search_ad", fields={**FIELDS[("search_ad", 1)], "display_path": ["a/b"]})
    with pytest.raises(ExportError):
        export_file(write(tmp_path / "b.jsonl", [bad]), "google-ads", out, options)
    assert (out / "google-ads.csv").read_bytes() == before


def test_zip_is_reproducible(drafts_file: Path, options: ExportOptions, tmp_path: Path) -> None:
    export_file(drafts_file, "mailchimp", tmp_path / "mc", options)
    first = zip_folder(tmp_path / "mc", tmp_path / "a.zip").read_bytes()
    second = zip_folder(tmp_path / "mc", tmp_path / "b.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        names = zf.namelist()
    assert "manifest.jsonl" in names and "README.md" in names and ".cvj-export" not in names
    assert len([n for n in names if n.endswith(".html")]) == 8
