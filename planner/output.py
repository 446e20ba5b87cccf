"""Write a campaign to disk: drafts.jsonl, campaign.md and campaign.csv.

Each file is written to a temporary name in the same folder and renamed into place, so a crash or a bad
draft never leaves a half-written file behind.

Profile and draft text is the user's (or a model's), so what goes to a file meant for other programs is made
safe for them: every CSV cell through ``safe_cell`` (no live spreadsheet formulas), every Markdown text
through ``md_text``/``md_code``/``md_link`` (no raw HTML, links to http(s) only). JSON keeps it verbatim.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from planner.assets import asset_model
from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.markup import md_code, md_text
from planner.profile import Profile
from planner.stages import Stage


def _umask() -> int:
    # Read, not set-and-restore: os.umask() would briefly change it for every thread of the app.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


# --- safe text for other programs ----------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"); tab and CR
# too, since some apps strip them before looking.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ' when it would otherwise start a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def atomic_write(path: Path, content: str) -> None:
    atomic_write_all({path: content})


def atomic_write_all(files: dict[Path, str]) -> None:
    """Write every file or none: each goes to a temp file beside it (flushed to disk), and only when all are
    written are they renamed into place. A full disk or an unwritable --out is a ``UserError`` (exit 2)
    naming the path, with no temp file left and no file changed."""
    temps: dict[Path, str] = {}
    try:
        for path, content in files.items():
            temps[path] = _write_temp(path, content)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except OSError as exc:
        raise UserError(_cannot_write(Path(exc.filename or next(iter(files))), exc)) from None
    finally:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)  # renamed ones are gone already


def _write_temp(path: Path, content: str) -> str:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report should be readable like any file
        return tmp
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # named after the file the user asked for, not the temp file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def _cannot_write(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{path}: cannot write — No space left on device — free some space and run the command again"
    blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None and blocker != path:
        return f"{blocker}: is a file, so {path} cannot be written there — pass a folder for --out"
    return f"{path}: cannot write ({exc.strerror}) — pass an --out you can write to"


def to_jsonl(records: Sequence[DraftRecord]) -> str:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def to_markdown(profile: Profile, records: Sequence[DraftRecord]) -> str:
    lines = [f"# Customer Value Journey campaign — {md_text(profile.business.name)}", ""]
    passed = sum(r.passed for r in records)
    lines += [f"{len(records)} drafts, {passed} pass every stage check.", ""]
    for stage in Stage:
        stage_records = [r for r in records if r.stage == stage]
        if not stage_records:
            continue
        info = stage.info
        lines += [
            f"## {stage.number}. {info.title}",
            "",
            f"*Goal:* {info.goal}  ",
            f"*KPI to track:* {info.kpi}",
            "",
        ]
        for r in stage_records:
            badge = "✅ passes checks" if r.passed else "❌ fails checks"
            lines += [
                f"### {asset_model(r.asset_type).label} — variant {r.variant} ({badge})",
                "",
                md_text(r.markdown),
            ]
            lines += [f"- **{f.check}**: {md_text(f.message)}" for f in r.failures]
            lines += [f"- **{f.check}** (warning): {md_text(f.message)}" for f in r.warnings]
            if r.sources:
                cited = ", ".join(sorted({f"{s['source']} › {s['section']}" for s in r.sources}))
                lines += ["", f"<sub>Grounded on: {md_text(cited)} · id {md_code(r.id)}</sub>"]
            lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = ["id", "stage", "asset_type", "variant", "passed", "failures", "kpi", "text"]


def to_csv(records: Sequence[DraftRecord]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        failures = "; ".join(f.check for f in r.failures)
        cells = [r.id, r.stage.value, r.asset_type, r.variant, r.passed, failures, r.kpi, r.text]
        writer.writerow([safe_cell(c) if isinstance(c, str) else c for c in cells])
    return buf.getvalue()


def write_campaign(out: Path, profile: Profile, records: Sequence[DraftRecord]) -> list[Path]:
    """Render everything first, then write, so a rendering error leaves no file touched."""
    rendered = {
        out / "drafts.jsonl": to_jsonl(records),
        out / "campaign.md": to_markdown(profile, records),
        out / "campaign.csv": to_csv(records),
    }
    atomic_write_all(rendered)
    return list(rendered)
