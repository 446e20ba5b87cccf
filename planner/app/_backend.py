"""The app's engine room: the store, the writer and the classifier, shared by every browser session, and the
per-session state (``Visit``): which business this browser works on, and its chat.

Two people using the app at once each keep their own business: every action takes the session's ``Visit``
and works on its profile. Slow things — the embedding model, the classifier, opening the store — load on a
background thread started when the first page has loaded (``start``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.app._audit_view import collect
from planner.audit import Audit, audit_assets, write_audit
from planner.campaign import generate, plan_jobs
from planner.chat import ChatSession
from planner.classify import get_classifier
from planner.drafts import DraftRecord
from planner.errors import ProfileError, UserError
from planner.knowledge import data_dir
from planner.llm import ModelSpec, build_chat_model
from planner.markup import md_escape
from planner.output import atomic_write, write_campaign
from planner.profile import Profile, load_profile
from planner.session import RunOptions, Session, open_session
from planner.stages import Stage
from planner.store import cvj_home

EXAMPLES_DIR = data_dir("examples") / "profiles"


@dataclass
class Visit:
    """One browser session: its business and its conversation. Kept in a ``gr.State``."""

    profile: Profile
    chat: ChatSession | None = None
    notes: dict[str, Any] = field(default_factory=dict)


class Backend:
    def __init__(self, default: Profile, options: RunOptions, out_root: Path) -> None:
        self.default = default
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
        self._indexed: set[str] = set()

    # --- start-up --------------------------------------------------------------------------------------

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
            self._session = open_session(self.options, [self.default])
            self._indexed.add(self.default.fingerprint())
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

    # --- which business ------------------------------------------------------------------------------

    def visit(self, slug: str | None = None) -> Visit:
        """A new session's state: the business this browser last used (by its id), else the default."""
        return Visit(self.profile_for(slug) or self.default)

    def profile_for(self, slug: str | None) -> Profile | None:
        """A saved profile, or an example, with this business id; None when there is none (or it is bad)."""
        if not slug:
            return None
        for path in (cvj_home() / "profiles" / f"{slug}.yaml", *sorted(EXAMPLES_DIR.glob("*.yaml"))):
            if not path.is_file():
                continue
            try:
                profile = load_profile(path)
            except ProfileError:
                continue
            if profile.slug == slug:
                return profile
        return None

    def use(self, profile: Profile) -> Visit:
        """A fresh session state on ``profile``: header, form, chat, campaign and audit all follow it."""
        self._index(profile)
        return Visit(profile)

    def _index(self, profile: Profile) -> None:
        key = profile.fingerprint()
        if key in self._indexed:
            return
        with self._lock:
            self.session.add_profile(profile)
            self._indexed.add(key)

    def save_profile(self, profile: Profile, yaml_text: str) -> tuple[Visit, Path]:
        """Save the profile under $CVJ_HOME/profiles, index its facts, and start a session state on it."""
        path = cvj_home() / "profiles" / f"{profile.slug}.yaml"
        atomic_write(path, yaml_text)
        return self.use(profile), path

    def keep_chat(self, visit: Visit, profile: Profile) -> Visit:
        """The chat changed the profile (a promotion added): save it and keep the conversation going."""
        from planner.app._profile_form import to_yaml

        self.save_profile(profile, to_yaml(profile))
        return Visit(profile, visit.chat, visit.notes)

    def status(self, visit: Visit | None) -> str:
        """Business and writer; the API key is never shown, only whether one is set."""
        profile = visit.profile if visit is not None else self.default
        if self.spec.is_offline:
            writer = "offline composer (no API key needed)"
        else:
            where = self.spec.base_url or "OpenAI"
            key = "set" if os.environ.get("OPENAI_API_KEY") else "not set"
            writer = f"{md_escape(self.spec.id)} at {md_escape(where)} (API key {key})"
        return f"**Business:** {md_escape(profile.business.name)} · **Writer:** {writer}"

    # --- actions -----------------------------------------------------------------------------------------

    def chat(self, visit: Visit) -> ChatSession:
        if visit.chat is None or visit.chat.profile is not visit.profile:
            self._index(visit.profile)
            session = self.session
            visit.chat = ChatSession(visit.profile, session.guidance(), session.writer, self._chat_model)
        return visit.chat

    def campaign(
        self,
        visit: Visit,
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

        profile = visit.profile
        self._index(profile)
        session = self.session
        records = generate(profile, jobs, session.guidance(), session.writer, on_draft=tick)
        out = self.out_root / f"{profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return records, write_campaign(out, profile, records)

    def audit(self, visit: Visit, text: str, uploads: list[str]) -> tuple[Audit, list[Path]]:
        """Audit pasted and uploaded assets for the session's business, as `cvj audit` does."""
        assets = collect(text, uploads)
        self.wait()
        result = audit_assets(visit.profile, assets, get_classifier(), "app")
        folder = self.out_root / f"audit-{visit.profile.slug}-{time.strftime('%Y%m%d-%H%M%S')}"
        return result, write_audit(folder, result)
