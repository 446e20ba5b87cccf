"""Writers turn (profile, stage, asset, variant, guidance) into an asset. The offline composer is the default;
``planner.chains.ChainWriter`` writes with an LLM. The campaign receives a writer, never builds one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from evals.rules import Failure
from planner.assets import Asset
from planner.knowledge import Chunk
from planner.profile import Profile
from planner.stages import Stage

if TYPE_CHECKING:
    from planner.campaign import GuidanceSource
    from planner.models import ModelSpec

CheckFn = Callable[[Asset], list[Failure]]


@dataclass(frozen=True)
class Job:
    stage: Stage
    asset_type: str
    variant: int
    sample: int = 0  # eval repeats: a model writer asks again for each sample instead of reusing the cache


@dataclass
class Written:
    """What a writer produced: the asset (None when generation failed), the chunks it used, and metadata."""

    asset: Asset | None
    sources: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class Writer(Protocol):
    name: str
    concurrent: bool  # whether jobs may run in parallel threads (LLM calls wait on the network)

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written: ...


class OfflineWriter:
    """The deterministic offline composer: no API key, no network."""

    name = "offline"
    concurrent = False

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written:
        from planner.compose import compose

        composed = compose(profile, job.asset_type, job.variant, guidance)
        return Written(composed.asset, composed.sources, {"writer": "offline composer"})


def make_writer(
    spec: ModelSpec, source: GuidanceSource | None, *, use_cache: bool = True, prompts_dir: Path | None = None
) -> Writer:
    """The composition root for writers: the CLI and the app call this; chains and campaigns never build."""
    if spec.is_offline:
        return OfflineWriter()
    if source is None:
        raise ValueError("a model writer needs a guidance source (the store)")
    from planner.cache import ModelCache
    from planner.chains import ChainWriter
    from planner.models import build_chat_model, check_reachable
    from planner.store import cvj_home

    check_reachable(spec)
    cache = ModelCache(cvj_home() / "cache", enabled=use_cache)
    return ChainWriter(build_chat_model(spec), spec, source, cache, prompts_dir)
