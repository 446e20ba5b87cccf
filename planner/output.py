"""Write a campaign to disk: drafts.jsonl, campaign.md and campaign.csv.

Each file is written to a temporary name in the same folder and renamed into place, so a crash or a bad
draft never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from planner.assets import asset_model
from planner.drafts import DraftRecord
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


def atomic_write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report should be readable like any file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_jsonl(records: Sequence[DraftRecord]) -> str:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def to_markdown(profile: Profile, records: Sequence[DraftRecord]) -> str:
    lines = [f"# Customer Value Journey campaign — {profile.business.name}", ""]
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
                r.markdown,
            ]
            lines += [f"- **{f.check}**: {f.message}" for f in r.failures]
            lines += [f"- **{f.check}** (warning): {f.message}" for f in r.warnings]
            if r.sources:
                cited = ", ".join(sorted({f"{s['source']} › {s['section']}" for s in r.sources}))
                lines += ["", f"<sub>Grounded on: {cited} · id `{r.id}`</sub>"]
            lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = ["id", "stage", "asset_type", "variant", "passed", "failures", "kpi", "text"]


def to_csv(records: Sequence[DraftRecord]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        failures = "; ".join(f.check for f in r.failures)
        writer.writerow([r.id, r.stage.value, r.asset_type, r.variant, r.passed, failures, r.kpi, r.text])
    return buf.getvalue()


def write_campaign(out: Path, profile: Profile, records: Sequence[DraftRecord]) -> list[Path]:
    """Render everything first, then write, so a rendering error leaves no file touched."""
    rendered = {
        out / "drafts.jsonl": to_jsonl(records),
        out / "campaign.md": to_markdown(profile, records),
        out / "campaign.csv": to_csv(records),
    }
    for path, content in rendered.items():
        atomic_write(path, content)
    return list(rendered)
