"""Writing an export: the whole folder or nothing.

Everything is rendered in memory first; the files then go to a hidden folder next to the target, which is
renamed into place. A folder a previous export wrote (it carries a marker file) is replaced the same way; any
other non-empty folder is refused, so an export can never delete a user's own files.
"""

from __future__ import annotations

import os
import secrets
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

from planner.errors import UserError

MARKER = ".cvj-export"


def write_export(out: Path, files: Mapping[str, bytes], fmt: str) -> list[Path]:
    _check_target(out, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp"
    tmp.mkdir()  # plain mkdir: the folder gets the user's umask like any other
    try:
        for rel, data in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as fh:
                fh.write(data)
        (tmp / MARKER).write_text(f"{fmt}\n", encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out / rel for rel in files]


def _check_target(out: Path, fmt: str) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise UserError(f"{out}: is a file — --out needs a folder")
    marker = out / MARKER
    if not any(out.iterdir()):
        return
    if not marker.is_file():
        raise UserError(
            f"{out}: the folder already holds other files — pass a new or empty folder "
            f"(an export only replaces a folder that an earlier export wrote)"
        )
    previous = marker.read_text(encoding="utf-8", errors="replace").strip()
    if previous != fmt:
        raise UserError(f"{out}: holds a {previous} export — pass another folder for {fmt}")


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        return
    old = out.parent / f".{out.name}.{secrets.token_hex(4)}.old"
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)  # put the previous export back
        raise
    shutil.rmtree(old, ignore_errors=True)


def zip_folder(folder: Path, target: Path) -> Path:
    """One zip of an export folder for a single download; fixed timestamps, so equal exports zip equal."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MARKER):
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
