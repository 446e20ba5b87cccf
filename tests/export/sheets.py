"""Reading exported sheets back with the csv module, as an importer would: UTF-8 with commas or UTF-16 with
tabs, told apart by the byte-order mark."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_sheet(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    if raw.startswith(b"\xff\xfe"):
        text, delimiter = raw.decode("utf-16"), "\t"
    else:
        assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 export starts with a byte-order mark"
        text, delimiter = raw.decode("utf-8-sig"), ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    return list(reader.fieldnames or []), rows
