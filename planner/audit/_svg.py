"""``journey.svg``: the eight stages as a bar chart — bar length is the asset count, colour the strength,
empty stages drawn as a red dashed "GAP" box and the first stage to fix highlighted.

Self-contained SVG (no scripts, fonts or links), so it opens in any browser and embeds in Markdown. Each
stage's group carries ``data-stage``, ``data-assets`` and ``data-strength`` and the classes ``gap`` /
``fix-first`` so tools can read the picture back.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from planner.audit._journey import Audit, Coverage, Strength

WIDTH = 820
ROW = 44
TOP = 64
LABEL_W = 150
BAR_W = 380
COLOURS = {
    Strength.strong: "#2e7d32",
    Strength.ok: "#81c784",
    Strength.weak: "#f9a825",
    Strength.none: "#c62828",
}
FONT = "font-family='Helvetica, Arial, sans-serif'"


def journey_svg(audit: Audit) -> str:
    height = TOP + ROW * len(audit.coverage) + 56
    most = max((c.assets for c in audit.coverage), default=0) or 1
    fix_stage = audit.fix.stage if audit.fix else None
    title = f"Customer Value Journey audit — {audit.business}"
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
        f"viewBox='0 0 {WIDTH} {height}' role='img' {FONT}>",
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(audit))}</desc>",
        f"<rect width='{WIDTH}' height='{height}' fill='#ffffff'/>",
        f"<text x='16' y='28' font-size='18' font-weight='bold'>{escape(title)}</text>",
        f"<text x='16' y='48' font-size='12' fill='#555555'>{escape(_subtitle(audit))}</text>",
    ]
    for i, c in enumerate(audit.coverage):
        parts.append(_row(c, TOP + i * ROW, most, c.stage == fix_stage))
    parts.append(_legend(height - 28))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _row(c: Coverage, y: int, most: int, fix_first: bool) -> str:
    classes = ["stage", c.strength.value] + (["gap"] if c.assets == 0 else []) + (["fix-first"] * fix_first)
    out = [
        f"<g class={quoteattr(' '.join(classes))} data-stage='{c.stage.value}' data-assets='{c.assets}' "
        f"data-strength='{c.strength.value}'>"
    ]
    if fix_first:  # a pale band and a bold outline behind the whole row
        out.append(
            f"<rect x='8' y='{y + 2}' width='{WIDTH - 16}' height='{ROW - 4}' rx='6' fill='#fff4d6' "
            "stroke='#e65100' stroke-width='2'/>"
        )
    weight = "bold" if fix_first else "normal"
    out.append(
        f"<text x='20' y='{y + ROW // 2 + 5}' font-size='14' font-weight='{weight}'>"
        f"{c.stage.number}. {escape(c.stage.info.title)}</text>"
    )
    out += _gap_box(y) if c.assets == 0 else _bar(c, y, most)
    if fix_first:
        out.append(
            f"<text x='{WIDTH - 20}' y='{y + ROW // 2 + 5}' font-size='13' font-weight='bold' "
            "fill='#e65100' text-anchor='end'>◀ fix first</text>"
        )
    out.append("</g>")
    return "\n".join(out)


def _bar(c: Coverage, y: int, most: int) -> list[str]:
    width = max(14, round(BAR_W * c.assets / most))
    note = f"{c.assets} asset{'s' * (c.assets != 1)} · {c.strength.value}"
    if c.breaking:
        note += f" · {c.breaking} breaking"
    if c.unsure:
        note += f" · {c.unsure} unsure"
    return [
        f"<rect x='{LABEL_W}' y='{y + 10}' width='{width}' height='{ROW - 20}' rx='3' "
        f"fill='{COLOURS[c.strength]}'/>",
        f"<text x='{LABEL_W + width + 8}' y='{y + ROW // 2 + 4}' font-size='12' fill='#333333'>"
        f"{escape(note)}</text>",
    ]


def _gap_box(y: int) -> list[str]:
    colour = COLOURS[Strength.none]
    return [
        f"<rect x='{LABEL_W}' y='{y + 8}' width='{BAR_W}' height='{ROW - 16}' rx='3' fill='#fdecea' "
        f"stroke='{colour}' stroke-width='2' stroke-dasharray='6 4'/>",
        f"<text x='{LABEL_W + 12}' y='{y + ROW // 2 + 5}' font-size='13' font-weight='bold' "
        f"fill='{colour}'>GAP — no assets</text>",
    ]


def _legend(y: int) -> str:
    items = [
        ("strong", COLOURS[Strength.strong], "2+ confident, passing assets"),
        ("ok", COLOURS[Strength.ok], "1"),
        ("weak", COLOURS[Strength.weak], "none (broken)"),
    ]
    out = ["<g class='legend' font-size='11' fill='#333333'>"]
    x = 20
    for name, colour, words in items:
        out.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{colour}'/>")
        label = f"{name}: {words}"
        out.append(f"<text x='{x + 18}' y='{y + 10}'>{escape(label)}</text>")
        x += 36 + round(5.6 * len(label))
    out.append(
        f"<rect x='{x}' y='{y}' width='12' height='12' fill='#fdecea' stroke='{COLOURS[Strength.none]}' "
        "stroke-dasharray='3 2'/>"
    )
    out.append(f"<text x='{x + 18}' y='{y + 10}'>gap: no assets</text>")
    out.append("</g>")
    return "\n".join(out)


def _subtitle(audit: Audit) -> str:
    gaps = ", ".join(s.info.title for s in audit.gaps) or "none"
    broken = ", ".join(c.stage.info.title for c in audit.coverage if c.strength is Strength.weak) or "none"
    fix = f"{audit.fix.stage.info.title} ({audit.fix.problem})" if audit.fix else "nothing"
    return f"{len(audit.rows)} assets · gaps: {gaps} · broken: {broken} · first stage to fix: {fix}"


def _description(audit: Audit) -> str:
    rows = "; ".join(f"{c.stage.value}: {c.assets} assets, {c.strength.value}" for c in audit.coverage)
    return f"Assets per stage — {rows}."
