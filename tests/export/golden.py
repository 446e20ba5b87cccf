"""Golden files: an export folder compared byte for byte with tests/export/golden/<name>/.

``CVJ_UPDATE_GOLDEN=1 pytest tests/export`` rewrites them after an intended change (review the diff).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".cvj-export"
    }


def assert_golden(folder: Path, name: str) -> None:
    expected_dir = GOLDEN / name
    actual = files_of(folder)
    if os.environ.get("CVJ_UPDATE_GOLDEN") == "1":
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
    expected = files_of(expected_dir)
    assert sorted(actual) == sorted(expected), f"files differ from {expected_dir}"
    for rel, data in expected.items():
        assert actual[rel] == data, (
            f"{rel} differs from {expected_dir / rel} (CVJ_UPDATE_GOLDEN=1 rewrites it)"
        )
