"""The app's engine room: one store, one writer and the current business, shared by every browser tab.

It calls the same functions as the CLI (generate, refine, check, the eval runner). Slow things — the
embedding model, the classifier, opening the store and indexing the profile — load on a background thread
started when the first page has loaded (``start``), so they neither delay the page nor the first reply much.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import UserError
from planner.stages import Stage

if TYPE_CHECKING:
    from planner.audit import Audit
    from planner.campaign import DraftRecord, StoreGuidance
    from planner.chat import ChatSession
    from planner.models import ModelSpec
    from planner.profile import Profile
    from planner.writers import Writer


class Backend:
    def __init__(self, profile: Profile, spec: ModelSpec, out_root: Path) -> None:
        self.profile = profile
        self.spec = spec
        self.out_root = out_root
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._source: StoreGuidance | None = None
        self._writer: Writer | None = None
        self._chat_model: Any = None
        self._started = False
        self._start_lock = threading.Lock()

    def start_soon(self, delay: float = 0.5) -> None:
        """``start`` after a moment: called when a page loads, so the browser finishes rendering first."""
        timer = threading.Timer(delay, self.start)
        timer.daemon = True
        timer.start()

    def start(self) -> None:
        """Begin loading in the background (once); every action waits for it to finish."""
        with self._start_lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._warm_up, name="cvj-warm-up", daemon=True).start()

    def _warm_up(self) -> None:
        try:
            from evals.classifier import get_classifier
            from planner.campaign import StoreGuidance
            from planner.store import Store
            from planner.writers import make_writer

            get_classifier()
            self._source = StoreGuidance(Store(), self.profile)
            self._writer = make_writer(self.spec, self._source)
            if not self.spec.is_offline:
                from planner.models import build_chat_model

                self._chat_model = build_chat_model(self.spec)
        except BaseException as exc:  # shown to the user on their first action
            self._error = exc
        finally:
            self._ready.set()

    def wait(self, timeout: float = 120) -> None:
        self.start()
        if not self._ready.wait(timeout):
            raise UserError("still loading the model and the store — try again in a moment")
        if self._error is not None:
            raise UserError(f"the app could not start its engine: {self._error}")

    @property
    def source(self) -> StoreGuidance:
        self.wait()
        assert self._source is not None
        return self._source

    @property
    def writer(self) -> Writer:
        self.wait()
        assert self._writer is not None
        return self._writer

    def new_session(self) -> ChatSession:
        from planner.chat import ChatSession

        return ChatSession(self.profile, self.source, self.writer, self._chat_model)

    def status(self) -> str:
        """Business and writer; the API key is never shown, only whether one is set."""
        import os

        if self.spec.is_offline:
            writer = "offline composer (no API key needed)"
        else:
            where = self.spec.base_url or "OpenAI"
            key = "set" if os.environ.get("OPENAI_API_KEY") else "not set"
            writer = f"{self.spec.id} at {where} (API key {key})"
        return f"**Business:** {self.profile.business.name} · **Writer:** {writer}"

    def set_profile(self, profile: Profile, yaml_text: str) -> Path:
        """Save the profile under $CVJ_HOME/profiles and re-index the store with it."""
        from planner.campaign import ensure_ingested
        from planner.output import atomic_write
        from planner.store import cvj_home

        path = cvj_home() / "profiles" / f"{profile.slug}.yaml"
        with self._lock:
            atomic_write(path, yaml_text)
            ensure_ingested(self.source.store, profile)
            self.profile = profile
        return path

    def campaign(
        self,
        stages: list[Stage],
        assets: set[str] | None,
        variants: int,
        on_draft: Callable[[int, int], None] | None = None,
    ) -> tuple[list[DraftRecord], list[Path]]:
        from planner.campaign import generate, plan_jobs
        from planner.output import write_campaign

        jobs = plan_jobs(stages, variants, assets)
        if not jobs:
            raise UserError("pick at least one stage (and, if you filter assets, an asset of those stages)")
        done = [0]

        def tick(_: DraftRecord) -> None:
            done[0] += 1
            if on_draft:
                on_draft(done[0], len(jobs))

        records = generate(self.profile, jobs, self.source, self.writer, on_draft=tick)
        out = self.out_root / f"{self.profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return records, write_campaign(out, self.profile, records)

    def audit(self, text: str, uploads: list[str]) -> tuple[Audit, list[Path]]:
        """Audit pasted and uploaded assets for the current business as `cvj audit` does; write the report."""
        from evals.classifier import get_classifier
        from planner.app_audit import collect
        from planner.audit import audit_assets
        from planner.audit_report import write_audit

        assets = collect(text, uploads)
        self.wait()
        result = audit_assets(self.profile, assets, get_classifier(), "app")
        folder = self.out_root / f"audit-{self.profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return result, write_audit(folder, result)

    def run_eval(
        self, suite: Path, on_progress: Callable[[str, int, int], None] | None = None
    ) -> dict[str, Any]:
        import json

        from evals.report import render
        from evals.runner import RunOptions, run_suite
        from planner.output import atomic_write

        self.wait()
        model = None if self.spec.is_offline else self.spec.id
        results = run_suite(suite, RunOptions(model=model, base_url=self.spec.base_url), on_progress)
        results["baseline"], results["regressions"] = None, []
        folder = self.out_root / f"eval-{suite.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
        atomic_write(folder / "results.json", json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        atomic_write(folder / "report.html", render(results))
        results["report_path"] = str(folder / "report.html")
        return results
