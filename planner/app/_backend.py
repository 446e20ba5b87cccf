"""The app's engine room: one session (store and writer) and the current business, shared by every tab.

It calls the same functions as the CLI (generate, refine, check, the audit). Slow things — the embedding
model, the classifier, opening the store and indexing the profile — load on a background thread started when
the first page has loaded (``start``), so they neither delay the page nor the first reply much.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.app._audit_view import collect
from planner.audit import Audit, audit_assets, write_audit
from planner.campaign import generate, plan_jobs
from planner.chat import ChatSession
from planner.classify import get_classifier
from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.llm import ModelSpec, build_chat_model
from planner.output import atomic_write, write_campaign
from planner.profile import Profile
from planner.session import RunOptions, Session, open_session
from planner.stages import Stage
from planner.store import cvj_home


class Backend:
    def __init__(self, profile: Profile, options: RunOptions, out_root: Path) -> None:
        self.profile = profile
        self.options = options
        self.spec: ModelSpec = options.model_spec()
        self.out_root = out_root
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._session: Session | None = None
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
            get_classifier()
            self._session = open_session(self.options, [self.profile])
            if not self.spec.is_offline:
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
    def session(self) -> Session:
        self.wait()
        assert self._session is not None
        return self._session

    def new_chat(self) -> ChatSession:
        session = self.session
        return ChatSession(self.profile, session.guidance(), session.writer, self._chat_model)

    def status(self) -> str:
        """Business and writer; the API key is never shown, only whether one is set."""
        if self.spec.is_offline:
            writer = "offline composer (no API key needed)"
        else:
            where = self.spec.base_url or "OpenAI"
            key = "set" if os.environ.get("OPENAI_API_KEY") else "not set"
            writer = f"{self.spec.id} at {where} (API key {key})"
        return f"**Business:** {self.profile.business.name} · **Writer:** {writer}"

    def set_profile(self, profile: Profile, yaml_text: str) -> Path:
        """Save the profile under $CVJ_HOME/profiles and index its facts in the store."""
        path = cvj_home() / "profiles" / f"{profile.slug}.yaml"
        with self._lock:
            atomic_write(path, yaml_text)
            self.session.add_profile(profile)
            self.profile = profile
        return path

    def campaign(
        self,
        stages: list[Stage],
        assets: set[str] | None,
        variants: int,
        on_draft: Callable[[int, int], None] | None = None,
    ) -> tuple[list[DraftRecord], list[Path]]:
        jobs = plan_jobs(stages, variants, assets)
        if not jobs:
            raise UserError("pick at least one stage (and, if you filter assets, an asset of those stages)")
        done = [0]

        def tick(_: DraftRecord) -> None:
            done[0] += 1
            if on_draft:
                on_draft(done[0], len(jobs))

        session = self.session
        records = generate(self.profile, jobs, session.guidance(), session.writer, on_draft=tick)
        out = self.out_root / f"{self.profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return records, write_campaign(out, self.profile, records)

    def audit(self, text: str, uploads: list[str]) -> tuple[Audit, list[Path]]:
        """Audit pasted and uploaded assets for the current business as `cvj audit` does; write the report."""
        assets = collect(text, uploads)
        self.wait()
        result = audit_assets(self.profile, assets, get_classifier(), "app")
        folder = self.out_root / f"audit-{self.profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return result, write_audit(folder, result)
