"""The stage guides: one per stage, all sections present, and written in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.knowledge import knowledge_dir, load_guides, parse_guide
from planner.stages import Stage
from tests.conftest import ROOT

SECTIONS = {
    "Goal",
    "Customer mindset",
    "What to offer",
    "What never to do",
    "Typical assets",
    "Growth Scorecard KPI",
}
_SEED_DIRS = (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds"))
SEEDS = next((p for p in _SEED_DIRS if p.is_dir()), ROOT / "no-seeds")


@pytest.mark.parametrize("stage", list(Stage))
def test_one_guide_per_stage_with_every_section(stage: Stage) -> None:
    chunks = parse_guide(knowledge_dir() / f"{stage.value}.md")
    assert {c.section for c in chunks} == SECTIONS
    assert all(c.stage is stage for c in chunks)


def test_chunk_ids_are_content_hashes() -> None:
    first, second = load_guides(), load_guides()
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)


def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles live in ../shared/seeds")
def test_no_sentence_copied_from_the_seed_articles() -> None:
    seeds: set[tuple[str, ...]] = set()
    for path in SEEDS.glob("*.txt"):
        seeds |= _ngrams(path.read_text(encoding="utf-8"))
    ours = [*knowledge_dir().glob("*.md"), *(ROOT / "prompts").rglob("*.yaml")]
    copied = {
        path.name: sorted(_ngrams(path.read_text())) for path in ours if _ngrams(path.read_text()) & seeds
    }
    assert not copied


def test_missing_front_matter_is_explained(tmp_path: Path) -> None:
    from planner.errors import UserError

    bad = tmp_path / "x.md"
    bad.write_text("# No front matter\n\n## Goal\nx\n")
    with pytest.raises(UserError, match="missing front matter"):
        parse_guide(bad)
