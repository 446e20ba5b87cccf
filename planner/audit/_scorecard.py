"""The Growth Scorecard: one row per stage with the KPI to track, how to measure it (from the stage guide's
"Growth Scorecard KPI" section), the offer on the ladder that stage carries, and blank target/actual
columns for the marketer to fill in."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from planner.audit._journey import ladder_of
from planner.knowledge import load_guides
from planner.markup import md_text
from planner.output import safe_cell
from planner.profile import OfferRole, Profile
from planner.rules import sentences
from planner.stages import Stage

SECTION = "Growth Scorecard KPI"
COLUMNS = ["number", "stage", "kpi", "measure", "offer", "target", "actual"]
# The ladder's offers whose results each stage's KPI moves (Ascend moves both the core offer and the upsell).
STAGE_OFFERS: dict[Stage, tuple[OfferRole, ...]] = {
    Stage.subscribe: (OfferRole.lead_magnet,),
    Stage.convert: (OfferRole.entry_point,),
    Stage.excite: (OfferRole.entry_point,),
    Stage.ascend: (OfferRole.core, OfferRole.profit_maximizer),
    Stage.promote: (OfferRole.referral,),
}


@dataclass(frozen=True)
class ScoreRow:
    stage: Stage
    kpi: str
    measure: str
    offer: str | None
    target: str = ""
    actual: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.stage.number,
            "stage": self.stage.value,
            "kpi": self.kpi,
            "measure": self.measure,
            "offer": self.offer,
            "target": self.target,
            "actual": self.actual,
        }


def scorecard(profile: Profile) -> list[ScoreRow]:
    measures = guide_measures()
    ladder = ladder_of(profile)
    return [
        ScoreRow(
            stage=stage,
            kpi=stage.info.kpi,
            measure=measures.get(stage, stage.info.kpi),
            offer="; ".join(ladder[r] for r in STAGE_OFFERS.get(stage, ()) if r in ladder) or None,
        )
        for stage in Stage
    ]


def guide_measures() -> dict[Stage, str]:
    """Stage → the guide's "how to compute it" sentence from its Growth Scorecard KPI section."""
    found: dict[Stage, str] = {}
    for chunk in load_guides():
        if chunk.section == SECTION and chunk.stage is not None:
            body = chunk.text.split("\n", 1)[-1]  # drop the "<Stage> stage — <section>" heading line
            found[chunk.stage] = measure_sentence(body)
    return found


def measure_sentence(section: str) -> str:
    """The first sentence that says how to compute or count the number; else the section's first one."""
    parts = sentences(section)
    for i, sentence in enumerate(parts[1:], start=1):
        lowered = sentence.lower()
        if "compute" in lowered or lowered.startswith("count"):
            # "Then compute …" leans on the sentence before it ("First define the quick win …").
            return f"{parts[i - 1]} {sentence}" if sentence.startswith("Then ") else sentence
    return parts[0] if parts else ""


def scorecard_csv(rows: list[ScoreRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for r in rows:
        data = r.to_json()
        cells = ["" if data[c] is None else data[c] for c in COLUMNS]
        writer.writerow([safe_cell(c) if isinstance(c, str) else c for c in cells])
    return buf.getvalue()


def scorecard_markdown(profile: Profile, rows: list[ScoreRow]) -> str:
    lines = [
        f"# Growth Scorecard — {md_text(profile.business.name)}",
        "",
        "| # | stage | KPI | how to measure | offer | target | actual |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [
            str(r.stage.number),
            r.stage.info.title,
            r.kpi,
            r.measure,
            r.offer or "—",
            r.target,
            r.actual,
        ]
        lines.append("| " + " | ".join(md_text(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
