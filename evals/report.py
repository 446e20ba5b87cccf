"""``report.html``: one self-contained page for an eval run (no external files, scripts or fonts).

Filters by stage, asset, check and pass/fail; every draft shows its text, each check's outcome, the stage
rules' failures and the knowledge chunks it was grounded on. The markup is kept XML-well-formed so tests can
parse it strictly.
"""

from __future__ import annotations

from html import escape
from typing import Any

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #d5d9e0;padding:.25rem .6rem;text-align:left}th{background:#f2f4f7}
.pass{color:#176c2c}.fail{color:#b3261e}.skip{color:#7a6300}
.case{border:1px solid #d5d9e0;border-radius:6px;margin:.6rem 0;padding:.3rem .8rem}
.case.failed{border-left:5px solid #b3261e}.case.passed{border-left:5px solid #176c2c}
pre{white-space:pre-wrap;background:#f7f8fa;padding:.6rem;border-radius:4px}
.filters label{margin-right:1rem}.muted{color:#5b6270;font-size:.9em}
"""

SCRIPT = """
function applyFilters(){
  var f={};
  ['stage','asset','check','status'].forEach(function(k){f[k]=document.getElementById('f-'+k).value;});
  var shown=0;
  document.querySelectorAll('.case').forEach(function(el){
    var ok=(!f.stage||el.dataset.stage===f.stage)&&(!f.asset||el.dataset.asset===f.asset)
      &&(!f.check||(' '+el.dataset.checks+' ').indexOf(' '+f.check+' ')>=0)
      &&(!f.status||el.dataset.status===f.status);
    el.style.display=ok?'':'none'; if(ok){shown++;}
  });
  document.getElementById('shown').textContent=shown;
}
document.querySelectorAll('select').forEach(function(s){s.addEventListener('change',applyFilters);});
"""


NO_FAILURES = '<li class="pass">no rule failures</li>'
NO_SOURCES = '<li class="muted">none</li>'


def _status(passed: bool | None) -> str:
    return "skip" if passed is None else "pass" if passed else "fail"


def _select(name: str, options: list[str]) -> str:
    items = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in options)
    return f'<label>{name} <select id="f-{name}"><option value="">all</option>{items}</select></label>'


def _summary_tables(summary: dict[str, Any]) -> str:
    stage_rows = "".join(
        f"<tr><td>{escape(s)}</td><td>{v['passed']}/{v['cases']}</td><td>{v['pass_rate']:.0%}</td></tr>"
        for s, v in summary["by_stage"].items()
    )
    check_rows = "".join(
        f"<tr><td>{escape(c)}</td><td>{v['passed']}</td><td>{v['failed']}</td><td>{v['skipped']}</td>"
        f"<td>{v['pass_rate']:.0%}</td></tr>"
        for c, v in summary["by_check"].items()
    )
    return (
        "<h2>By stage</h2><table><tr><th>stage</th><th>passed</th><th>rate</th></tr>"
        f"{stage_rows}</table><h2>By check</h2><table><tr><th>check</th><th>passed</th><th>failed</th>"
        f"<th>skipped</th><th>rate</th></tr>{check_rows}</table>"
    )


def _case(r: dict[str, Any]) -> str:
    status = "passed" if r["passed"] else "failed"
    failing = sorted({o["check"] for o in r["outcomes"] if o["passed"] is False})
    outcomes = "".join(
        f'<li class="{_status(o["passed"])}"><b>{escape(o["check"])}</b> {_status(o["passed"])}: '
        f"{escape(o['message'])}</li>"
        for o in r["outcomes"]
    )
    rules = "".join(f"<li><b>{escape(f['check'])}</b>: {escape(f['message'])}</li>" for f in r["failures"])
    sources = "".join(
        f"<li>{escape(s.get('source', ''))} — {escape(s.get('section', ''))}</li>" for s in r["sources"]
    )
    prompt = r.get("meta", {}).get("prompt")
    prompt_line = (
        f'<p class="muted">prompt {escape(prompt["name"])} v{escape(str(prompt["version"]))} '
        f"({escape(prompt['hash'])})</p>"
        if prompt
        else ""
    )
    return (
        f'<div class="case {status}" data-stage="{escape(r["stage"])}" data-asset="{escape(r["asset"])}" '
        f'data-checks="{escape(" ".join(failing))}" data-status="{status}">'
        f'<details><summary><span class="{"pass" if r["passed"] else "fail"}">{status.upper()}</span> '
        f'{escape(r["key"])} <span class="muted">{escape(r["stage"])} · {escape(r["asset"] or "pinned")}'
        f" · {escape(r['model'])}</span></summary>"
        f"<ul>{outcomes}</ul>"
        f"<h4>Draft</h4><pre>{escape(r['text']) or '(no draft)'}</pre>{prompt_line}"
        f"<h4>Stage rules</h4><ul>{rules or NO_FAILURES}</ul>"
        f"<h4>Sources</h4><ul>{sources or NO_SOURCES}</ul>"
        "</details></div>"
    )


def render(results: dict[str, Any]) -> str:
    summary = results["summary"]
    rows = results["results"]
    stages = sorted({r["stage"] for r in rows})
    assets = sorted({r["asset"] for r in rows if r["asset"]})
    checks = sorted({o["check"] for r in rows for o in r["outcomes"]})
    regressions = results.get("regressions") or []
    regression_note = (
        f'<p class="fail">Regressions against the baseline: {escape(", ".join(regressions))}</p>'
        if regressions
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        f"<title>cvj eval — {escape(results['suite'])}</title><style>{CSS}</style></head><body>"
        f"<h1>cvj eval: {escape(results['suite'])}</h1>"
        f'<p>{escape(results.get("description", ""))}</p><p class="muted">model {escape(results["model"])} · '
        f"prompts {escape(results['prompts'])} · judge {escape(str(results.get('judge') or 'none'))} · "
        f"{escape(results['started'])} · {results['duration_s']} s</p>"
        f"<p><b>{summary['passed']} of {summary['cases']} cases pass ({summary['pass_rate']:.0%})</b>; "
        f"threshold {results['threshold']:.0%}</p>{regression_note}"
        f"{_summary_tables(summary)}"
        f'<h2>Drafts (<span id="shown">{len(rows)}</span> shown)</h2><p class="filters">'
        f"{_select('stage', stages)}{_select('asset', assets)}{_select('check', checks)}"
        f"{_select('status', ['passed', 'failed'])}</p>"
        f"{''.join(_case(r) for r in rows)}"
        f"<script>//<![CDATA[{SCRIPT}//]]></script></body></html>\n"  # CDATA: stays well-formed XML
    )
