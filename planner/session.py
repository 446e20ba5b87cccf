"""The composition root: the one place that opens the store, ingests, and builds the writer.

Every entry point — ``cvj draft``, ``campaign``, ``batch``, ``refine``, ``audit --fill``, ``cvj eval`` and the
app — describes what it wants as ``RunOptions`` and gets a ``Session`` back: the model spec, the store (with
the guides and the given profiles ingested), the guidance source and the writer. Nothing below this module
builds any of these; the pipeline functions receive them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from planner.campaign import generate
from planner.compose import OfflineWriter
from planner.drafts import DraftRecord, GuidanceSource, Job, Writer
from planner.embeddings import get_encoder
from planner.errors import UserError
from planner.guidance import StoreGuidance, ingest
from planner.knowledge import profile_chunks
from planner.llm import ModelSpec, parse_model
from planner.profile import Profile
from planner.store import Store, cvj_home

__all__ = ["RunOptions", "Session", "make_writer", "open_session", "run_jobs"]


@dataclass(frozen=True)
class RunOptions:
    """The model options every drafting command shares (``--model`` … ``--prompts``), with their defaults."""

    model: str | None = None
    base_url: str | None = None
    concurrency: int = 8
    timeout: float = 60.0
    max_tokens: int | None = None  # None: each asset type's own reply budget
    no_cache: bool = False
    prompts: Path | None = None

    def model_spec(self) -> ModelSpec:
        """The writer's model (``--model``, else ``CVJ_MODEL``, else offline), checked before any work."""
        if self.prompts is not None and not self.prompts.is_dir():
            raise UserError(f"--prompts {self.prompts}: no such folder — point it at a copy of prompts/")
        spec = parse_model(self.model, self.base_url, timeout=self.timeout)
        return replace(spec, max_tokens=self.max_tokens)


@dataclass
class Session:
    options: RunOptions
    spec: ModelSpec
    writer: Writer
    store: Store | None = None
    source: StoreGuidance | None = None

    def add_profile(self, profile: Profile) -> None:
        """Index another business's facts (the app does this when a profile is saved)."""
        if self.store is not None:
            self.store.ingest_business(profile.slug, profile_chunks(profile))

    def guidance(self) -> StoreGuidance:
        if self.source is None:
            raise RuntimeError("this session was opened without the store")
        return self.source


def open_session(
    options: RunOptions,
    profiles: Iterable[Profile] = (),
    *,
    with_store: bool = True,
    store: Store | None = None,
) -> Session:
    """Check the options, open the store and ingest the guides and profiles, and build the writer.

    ``with_store=False`` skips the store when the writer does not need it (an offline refine); a model writer
    always gets one, because its prompts are grounded on what the store retrieves.
    """
    spec = options.model_spec()
    source: StoreGuidance | None = None
    if with_store or not spec.is_offline:
        # A model writer embeds its own look-ups (the profile's facts): the model loads on the second core
        # while Chroma imports and opens, ~0.3 s saved. The offline composer's look-ups are cached vectors.
        if not spec.is_offline:
            threading.Thread(target=get_encoder, daemon=True).start()
        store = store or Store()
        ingest(store)
        for profile in profiles:
            store.ingest_business(profile.slug, profile_chunks(profile))
        source = StoreGuidance(store)
    writer = make_writer(spec, source, use_cache=not options.no_cache, prompts_dir=options.prompts)
    return Session(options, spec, writer, store, source)


def make_writer(
    spec: ModelSpec, source: GuidanceSource | None, *, use_cache: bool = True, prompts_dir: Path | None = None
) -> Writer:
    """The offline composer, or an LLM chain writer on the spec's model (checked reachable first)."""
    if spec.is_offline:
        return OfflineWriter()
    if source is None:
        raise ValueError("a model writer needs a guidance source (the store)")
    from planner.llm import ChainWriter, ModelCache, build_chat_model, check_reachable

    check_reachable(spec)
    cache = ModelCache(cvj_home() / "cache", enabled=use_cache)
    return ChainWriter(build_chat_model(spec), spec, source, cache, prompts_dir)


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def run_jobs(
    profile: Profile, jobs: list[Job], options: RunOptions, progress: Progress | None = None
) -> list[DraftRecord]:
    """Open a session for the profile, then write and check every job (draft, campaign, audit --fill)."""
    report = progress or (lambda phase, done, total: None)
    report("Opening the store", 0, len(jobs))
    session = open_session(options, [profile])
    done = [0]

    def tick(_: DraftRecord) -> None:
        done[0] += 1
        report(f"Drafting with {session.writer.name}", done[0], len(jobs))

    report(f"Drafting with {session.writer.name}", 0, len(jobs))
    return generate(profile, jobs, session.guidance(), session.writer, tick, options.concurrency)
