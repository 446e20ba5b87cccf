"""What the app shows that the CLI prints as tables: a campaign grouped by stage with pass/fail badges.
Plain functions over plain data, so they are tested without a browser."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from html import escape

from planner.assets import asset_model
from planner.chat import stage_fit
from planner.drafts import DraftRecord
from planner.stages import Stage

_TEMP_PATH = re.compile(rf"{re.escape(tempfile.gettempdir())}/[^\s'\"]*/([^/\s'\"]+)")


def error_html(exc: BaseException) -> str:
    """An error under a button: escaped, and without the server's temporary upload folders."""
    return f"<p class='cvj-error'>⚠ {escape(clean_error(exc))}</p>"


def clean_error(exc: BaseException) -> str:
    """The message without server temp paths (``/tmp/gradio/<hash>/ads.txt`` → ``ads.txt``)."""
    return _TEMP_PATH.sub(r"\1", str(exc))


CSS = """
.cvj-stage{margin:1rem 0 .4rem;font-size:1.15rem}
.cvj-card{border:1px solid #d5d9e0;border-radius:8px;padding:.5rem .8rem;margin:.4rem 0}
.cvj-badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-weight:600;font-size:.85rem}
.cvj-badge.pass{background:#dff3e4;color:#176c2c}.cvj-badge.fail{background:#fbe1df;color:#b3261e}
.cvj-card pre{white-space:pre-wrap;font-size:.85rem}
"""


def campaign_html(records: Sequence[DraftRecord]) -> str:
    """Drafts grouped by stage; each card has a PASS/FAIL badge (rules + classifier) and its failures."""
    by_stage: dict[Stage, list[DraftRecord]] = {}
    for r in records:
        by_stage.setdefault(r.stage, []).append(r)
    parts = [f"<style>{CSS}</style>"]
    passed = 0
    for stage in Stage:
        if stage not in by_stage:
            continue
        parts.append(
            f'<h3 class="cvj-stage" data-stage="{stage.value}">{stage.number}. {stage.info.title}</h3>'
        )
        for r in by_stage[stage]:
            ok, verdict = stage_fit(r.stage, r.text, r.failures)
            passed += ok
            parts.append(_card(r, ok, verdict))
    summary = f"<p><b>{passed} of {len(records)} drafts fit their stage</b></p>"
    return parts[0] + summary + "".join(parts[1:])


def _card(r: DraftRecord, ok: bool, verdict: str) -> str:
    badge = f'<span class="cvj-badge {"pass" if ok else "fail"}">{"PASS" if ok else "FAIL"}</span>'
    problems = "".join(f"<li><code>{escape(f.check)}</code>: {escape(f.message)}</li>" for f in r.failures)
    plain = escape(verdict.replace("**", "").replace("`", "").lstrip("✔✘⚠ "))
    return (
        f'<div class="cvj-card" data-id="{escape(r.id)}" data-passed="{str(ok).lower()}">{badge} '
        f"<b>{escape(asset_model(r.asset_type).label)}</b> · variant {r.variant}"
        f'<div class="cvj-verdict">{plain}</div>'
        f"{f'<ul>{problems}</ul>' if problems else ''}"
        f"<details><summary>Show draft</summary><pre>{escape(r.text)}</pre></details></div>"
    )
