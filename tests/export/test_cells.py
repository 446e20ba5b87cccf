"""Escaping for spreadsheets (OWASP CSV injection), Markdown and template engines; file-safe names."""

from __future__ import annotations

import pytest

from planner.export._cells import cell, file_safe, md, sheet, template_syntax


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_get_an_apostrophe(start: str) -> None:
    assert cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_ordinary_cells_are_untouched() -> None:
    assert [cell(v) for v in ("Calm & quiet", "1-2 visits", "", None, 3)] == [
        "Calm & quiet",
        "1-2 visits",
        "",
        "",
        "3",
    ]


def test_sheets_have_a_bom_and_their_delimiter() -> None:
    utf8 = sheet(["a", "b"], [["=x", "y,z"]], "utf-8")
    assert utf8 == b'\xef\xbb\xbfa,b\r\n\'=x,"y,z"\r\n'
    utf16 = sheet(["a", "b"], [["x", "y"]], "utf-16")
    assert utf16 == b"\xff\xfe" + "a\tb\r\nx\ty\r\n".encode("utf-16-le")


def test_markdown_shows_markup_as_typed() -> None:
    assert md("Paws & *Suds* <b>[x](y)</b>\nnext") == r"Paws & \*Suds\* \<b\>\[x\]\(y\)\</b\> next"


def test_template_markers() -> None:
    assert template_syntax("plain text, 50% off") is None
    assert [template_syntax(t) for t in ("{{ x }}", "{% if %}", "*|FNAME|*", "{# c #}")] == [
        "{{",
        "{%",
        "*|",
        "{#",
    ]


def test_file_safe() -> None:
    assert file_safe("../../etc/passwd") == "etc-passwd"
    assert file_safe("paws.aware.search_ad.v1") == "paws.aware.search_ad.v1"
    assert file_safe("///") == "draft"
