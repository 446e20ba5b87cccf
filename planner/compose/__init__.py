"""The offline composer: deterministic, profile-specific drafts for all 16 asset types, with no LLM.

``compose(profile, asset_type, variant)`` picks the stage writer, which fills the asset's fields from the
profile (business, avatar, offers, brand voice) using one copy framework per variant:
1 problem-agitate-solve, 2 before-after-bridge, 3 question/story, 4 objection-first, 5 list/how-to.
Variants beyond 5 wrap around. Each stage's rules (what it may pitch, what it never says) are enforced
while writing (see ``_context``) and again when the fields are fitted to their limits (see ``_shape``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.assets import Asset, asset_model

# The stage modules register their writers with @composes when imported.
from planner.compose import _advocate, _ascend, _aware, _convert, _engage, _excite, _promote, _subscribe  # noqa: F401
from planner.compose._context import VARIANTS, Ctx
from planner.compose._edit import longer, reregister, shorter
from planner.compose._promotion import ASSET_FOR as PROMOTION_ASSETS
from planner.compose._promotion import compose_promotion
from planner.compose._registry import composer_for
from planner.compose._shape import finish
from planner.drafts import CheckFn, Job, Written
from planner.knowledge import Chunk
from planner.profile import Profile

__all__ = [
    "PROMOTION_ASSETS",
    "VARIANTS",
    "Composed",
    "Ctx",
    "OfflineWriter",
    "compose",
    "compose_promotion",
    "composer_for",
    "finish",
    "longer",
    "reregister",
    "shorter",
]

# Guide sections whose advice the writers encode: the offer rules, the bans, the reader's mindset (hooks),
# the stage goal (calls to action) and the typical assets (structure). The KPI section shapes no copy.
_SHAPING = ("What to offer", "What never to do", "Customer mindset", "Goal", "Typical assets")


@dataclass(frozen=True)
class Composed:
    asset: Asset
    sources: list[str]


def compose(profile: Profile, asset_type: str, variant: int = 1, guidance: Sequence[Chunk] = ()) -> Composed:
    """Draft one asset. ``variant`` is 1-based; 6 is drafted like 1, 7 like 2, and so on."""
    model = asset_model(asset_type)
    if variant < 1:
        raise ValueError(f"variant must be 1 or more (got {variant})")
    ctx = Ctx(profile=profile, stage=model.stage, v=(variant - 1) % VARIANTS)
    asset = finish(ctx, model, composer_for(model)(ctx))
    return Composed(asset=asset, sources=_sources(ctx, guidance))


def _sources(ctx: Ctx, guidance: Sequence[Chunk]) -> list[str]:
    """Ids of the chunks that shaped the draft: this stage's guide sections and the profile facts used."""
    picked = [c.id for c in guidance if _shaped(ctx, c)]
    if not picked:
        # Retrieval may return only other stages' sections; their offer/ban sections still informed the
        # rules the writer follows, and an empty list would hide that guidance was supplied at all.
        picked = [c.id for c in guidance if c.kind == "guide" and c.section in _SHAPING][:2]
    if not picked and guidance:
        picked = [guidance[0].id]
    return list(dict.fromkeys(picked))


def _shaped(ctx: Ctx, chunk: Chunk) -> bool:
    if chunk.kind == "profile":
        return chunk.section in ctx.used
    return chunk.section in _SHAPING and chunk.stage in (None, ctx.stage)


class OfflineWriter:
    """The deterministic offline composer as a pipeline writer: no API key, no network."""

    name = "offline"
    concurrent = False

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written:
        composed = compose(profile, job.asset_type, job.variant, guidance)
        return Written(composed.asset, composed.sources, {"writer": "offline composer"})
