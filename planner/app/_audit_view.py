"""The app's Audit tab without its widgets: pasted or uploaded assets → the audit `cvj audit` makes, as
HTML (first stage to fix, the journey chart, the assets).

Pasted text holds one asset per block, blocks separated by a line of three dashes (``---``); uploads are
.txt/.md/.html files read exactly as `cvj audit` reads a folder, or one JSON Lines file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

from planner.audit import SUPPORTED_SUFFIXES, Audit, InputAsset, journey_svg, read_asset_file, read_jsonl
from planner.errors import UserError

SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.M)
MAX_PASTED = 200_000  # characters: a few dozen pages of copy


def pasted_assets(text: str) -> list[InputAsset]:
    if len(text) > MAX_PASTED:
        raise UserError(f"the pasted text is {len(text):,} characters; paste under {MAX_PASTED:,} at a time")
    blocks = [block.strip() for block in SEPARATOR.split(text)]
    return [InputAsset(f"pasted-{n}", block) for n, block in enumerate((b for b in blocks if b), start=1)]


def uploaded_assets(paths: Sequence[str | Path]) -> list[InputAsset]:
    assets: list[InputAsset] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == ".jsonl":
            assets += read_jsonl(path)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            assets.append(read_asset_file(path.parent, path))
        else:
            kinds = ", ".join((*SUPPORTED_SUFFIXES, ".jsonl"))
            raise UserError(f"{path.name}: not an asset file — upload {kinds} files")
    return assets


def collect(text: str, paths: Sequence[str | Path]) -> list[InputAsset]:
    assets = pasted_assets(text or "") + uploaded_assets(paths or [])
    if not assets:
        raise UserError(
            "nothing to audit — paste your ads, emails or pages (one per block, '---' between) "
            "or upload files"
        )
    ids = [a.id for a in assets]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise UserError(f"two assets share the id {dupes[0]!r} — rename one of the files")
    return assets


def audit_html(audit: Audit) -> str:
    """The first stage to fix, the journey chart (inline SVG) and one row per asset."""
    return "\n".join(
        [_fix_html(audit), f'<div id="cvj-journey">{journey_svg(audit)}</div>', _rows_html(audit)]
    )


def _fix_html(audit: Audit) -> str:
    if audit.fix is None:
        ok = "every stage has a confident asset that passes its rules"
        return f"<p id='cvj-fix'><b>No stage to fix:</b> {ok}.</p>"
    gaps = ", ".join(s.value for s in audit.gaps) or "none"
    return (
        f"<div id='cvj-fix'><p><b>First stage to fix: {escape(audit.fix.stage.info.title)} "
        f"({escape(audit.fix.problem)})</b></p><p>{escape(audit.fix.reason)}</p>"
        f"<p>Empty stages: {escape(gaps)}</p></div>"
    )


def _rows_html(audit: Audit) -> str:
    head = "<tr><th>asset</th><th>stage</th><th>confidence</th><th>rules</th><th>KPI to track</th></tr>"
    rows = []
    for r in audit.rows:
        rules = "✔ passes" if r.passed else "✘ " + "; ".join(f"{f.check}: {f.message}" for f in r.failures)
        sure = f"{r.confidence:.0%}" + (" (unsure)" if r.unsure else "")
        rows.append(
            f"<tr><td>{escape(r.id)}</td><td>{r.stage.value}</td><td>{sure}</td>"
            f"<td>{escape(rules)}</td><td>{escape(r.kpi)}</td></tr>"
        )
    return f"<table id='cvj-audit-assets'>{head}{''.join(rows)}</table>"
