"""``cvj batch``: one campaign per profile in a folder, written draft by draft, resumable after any crash.

Every finished draft is appended to ``DIR/drafts.jsonl`` with a single ``write`` of one whole line, so a
crash or ``kill -9`` leaves only complete lines (plus, at worst, one torn last line, which ``--resume`` cuts
off). ``--resume`` skips every id already in the file. Per-business Markdown and CSV are rendered at the end
from the file, so they include drafts from earlier runs.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planner.campaign import plan_jobs, retrieve, write_draft
from planner.drafts import DraftRecord, Job, Writer, draft_id, record_from_json
from planner.errors import ProfileError, UserError
from planner.knowledge import Chunk
from planner.output import atomic_write_all, to_csv, to_markdown
from planner.profile import Profile, load_profile
from planner.rules import Checker
from planner.session import Session
from planner.stages import Stage

LOG_NAME = "drafts.jsonl"
LOCK_NAME = ".cvj-batch.lock"


class BatchInterrupted(Exception):
    """Ctrl-C: the drafts written so far are safe; ``--resume`` continues."""

    def __init__(self, written: int, note: str = "") -> None:
        super().__init__(f"stopped after {written} new drafts")
        self.written = written
        self.note = note  # what else the user should know (work still running elsewhere, say)


def load_profiles(folder: Path) -> list[Profile]:
    """Every ``*.yaml``/``*.yml`` in the folder, all validated before anything runs (all errors at once)."""
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder — pass a folder of business profile YAML files")
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not paths:
        raise UserError(f"{folder}: no *.yaml profiles found — copy one from examples/profiles/")
    profiles: list[Profile] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            problems.append(str(exc))
            continue
        if profile.slug in seen:
            other = seen[profile.slug]
            problems.append(f"{path}: business.name gives the id '{profile.slug}' like {other} — rename one")
        seen[profile.slug] = path
        profiles.append(profile)
    if problems:
        raise ProfileError("\n".join(problems))
    return profiles


def recover_log(path: Path) -> list[dict[str, Any]]:
    """The drafts already written; a torn last line (a crash mid-write) is cut off so appends stay whole."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    good_end = raw.rfind(b"\n") + 1  # everything after the last newline is a torn line
    drafts = []
    for number, line in enumerate(raw[:good_end].splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise UserError(f"{path}:{number}: not a draft line — fix or delete it, then --resume") from None
        if not isinstance(obj, dict) or "id" not in obj:
            raise UserError(f"{path}:{number}: a draft line needs an 'id' — fix or delete it, then --resume")
        drafts.append(obj)
    if good_end < len(raw):
        with path.open("r+b") as fh:
            fh.truncate(good_end)
    return drafts


class DraftLog:
    """drafts.jsonl opened for appending; one ``os.write`` per draft line (O_APPEND keeps lines whole)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError(_unwritable(path.parent, exc)) from None

    def append(self, record: DraftRecord) -> None:
        try:
            os.write(self._fd, (json.dumps(record.to_json(), ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:  # a full disk: at worst a torn last line, which --resume cuts off
            raise UserError(
                f"{self.path}: cannot write ({exc.strerror}) — free some space, then re-run with --resume"
            ) from None

    def close(self) -> None:
        try:
            os.fsync(self._fd)
        except OSError:
            pass  # the append that failed has said why; the lines written are kept either way
        finally:
            os.close(self._fd)


@contextmanager
def lock_output(out: Path) -> Iterator[None]:
    """Hold --out for one batch: a second ``cvj batch`` on the same folder refuses at once instead of
    writing every draft twice. The lock (``flock`` on ``.cvj-batch.lock``) goes with the process, even
    after ``kill -9``. A folder this run created and left empty is removed again."""
    created = not out.exists()
    lock = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise UserError(_unwritable(out, exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"{out}: another `cvj batch` is writing to this folder — wait for it to finish, "
                "or choose another --out"
            ) from None
        yield
    finally:
        if created and [p.name for p in out.iterdir()] == [LOCK_NAME]:
            lock.unlink(missing_ok=True)
            out.rmdir()
        os.close(fd)  # closing releases the lock


def _unwritable(out: Path, exc: OSError) -> str:
    blocker = next((p for p in (out, *out.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return f"--out {out}: {blocker} is a file — pass a folder for drafts.jsonl and the campaigns"
    return f"--out {out}: cannot write there ({exc.strerror}) — pass a folder you can write to"


@dataclass
class Tally:
    new: int = 0
    skipped: int = 0
    failed_checks: int = 0
    generation_failures: int = 0
    calls: int = 0
    cache_hits: int = 0
    tokens: int = 0
    per_business: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # engine-specific summary lines (requests, batches…)

    def add(self, record: DraftRecord) -> None:
        self.new += 1
        self.failed_checks += not record.passed
        self.generation_failures += not record.generated
        self.calls += int(record.meta.get("calls", 0))
        self.cache_hits += int(record.meta.get("cache_hits", 0))
        self.tokens += sum(int(v) for v in record.meta.get("usage", {}).values())
        self.per_business[record.business] = self.per_business.get(record.business, 0) + 1


Progress = Callable[[str, int, int], None]  # (business slug, done for it, its total)


@dataclass
class Work:
    profile: Profile
    job: Job
    chunks: list[Chunk]
    writer: Writer
    checker: Checker


def finished_ids(drafts: list[dict[str, Any]]) -> set[str]:
    """Ids whose latest line is a real draft; one that could not be generated (the model server was down,
    timed out, sent junk) is tried again on resume."""
    latest = {d["id"]: d for d in drafts}
    return {i for i, d in latest.items() if not any(f.get("check") == "generation" for f in _failures(d))}


def _failures(draft: dict[str, Any]) -> list[dict[str, Any]]:
    checks = draft.get("checks")
    return list(checks.get("failures", [])) if isinstance(checks, dict) else []


def failed_attempts(drafts: list[dict[str, Any]]) -> dict[str, int]:
    """How often each id could not be generated: a retry asks the model afresh instead of the cached reply."""
    counts: dict[str, int] = {}
    for d in drafts:
        if any(f.get("check") == "generation" for f in _failures(d)):
            counts[d["id"]] = counts.get(d["id"], 0) + 1
    return counts


def plan(
    profiles: list[Profile],
    stages: list[Stage],
    variants: int,
    done: set[str],
    attempts: dict[str, int] | None = None,
) -> dict[str, list[Job]]:
    jobs = plan_jobs(stages, variants)
    tried = attempts or {}
    todo: dict[str, list[Job]] = {}
    for p in profiles:
        ids = [(j, draft_id(p, j.stage, j.asset_type, j.variant)) for j in jobs]
        todo[p.slug] = [replace(j, sample=tried.get(i, 0)) for j, i in ids if i not in done]
    return todo


def plan_work(profiles: list[Profile], todo: dict[str, list[Job]], session: Session) -> list[Work]:
    """Every planned draft with its stage guidance, retrieved once per (stage, asset type) per business.
    Every engine plans its work here."""
    work: list[Work] = []
    for profile in profiles:
        jobs = todo[profile.slug]
        if jobs:
            found = retrieve(session.guidance(), jobs)
            checker = Checker(profile)
            work += [Work(profile, j, found[(j.stage, j.asset_type)], session.writer, checker) for j in jobs]
    return work


def run_batch(
    profiles: list[Profile],
    todo: dict[str, list[Job]],
    out: Path,
    session: Session,
    progress: Progress | None = None,
) -> Tally:
    """Write every planned draft, appending each to the log as it finishes; Ctrl-C stops the batch.

    The session's store must already hold every profile with work to do (``open_session`` ingests them).
    """
    tally, log = Tally(), DraftLog(out / LOG_NAME)
    report = progress or (lambda slug, done, total: None)
    try:
        work = plan_work(profiles, todo, session)
        totals = {slug: len(jobs) for slug, jobs in todo.items()}

        def finished(record: DraftRecord) -> None:
            log.append(record)
            tally.add(record)
            report(record.business, tally.per_business[record.business], totals[record.business])

        concurrency = session.options.concurrency
        concurrent = session.writer.concurrent and concurrency > 1
        (_run_pool if concurrent else _run_serial)(work, finished, concurrency)
    finally:
        log.close()
    return tally


def _write(w: Work) -> DraftRecord:
    return write_draft(w.profile, w.job, w.chunks, w.writer, w.checker)


def _run_serial(work: list[Work], finished: Callable[[DraftRecord], None], concurrency: int) -> None:
    done = 0
    try:
        for w in work:
            finished(_write(w))
            done += 1
    except KeyboardInterrupt:
        raise BatchInterrupted(done) from None


def _run_pool(work: list[Work], finished: Callable[[DraftRecord], None], concurrency: int) -> None:
    done = 0
    pool = ThreadPoolExecutor(max_workers=concurrency)
    pending: set[Future[DraftRecord]] = set()
    queue = iter(work)
    try:
        for w in queue:  # keep at most `concurrency` drafts in flight, so a kill loses only those
            pending.add(pool.submit(_write, w))
            if len(pending) >= concurrency:
                completed, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in completed:
                    finished(future.result())
                    done += 1
        for future in pending:
            finished(future.result())
            done += 1
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise BatchInterrupted(done) from None
    pool.shutdown(wait=True)


def render_outputs(out: Path, profiles: list[Profile]) -> list[Path]:
    """Per-business campaign.md and campaign.csv from every draft in the log (this run's and earlier ones)."""
    latest = {obj["id"]: obj for obj in recover_log(out / LOG_NAME)}  # a retried draft's last line wins
    records = [record_from_json(obj) for obj in latest.values()]
    files: dict[Path, str] = {}
    for profile in profiles:
        mine = sorted((r for r in records if r.business == profile.slug), key=lambda r: r.id)
        order = {s: i for i, s in enumerate(Stage)}
        mine.sort(key=lambda r: (order[r.stage], r.asset_type, r.variant))
        for name, content in (("campaign.md", to_markdown(profile, mine)), ("campaign.csv", to_csv(mine))):
            files[out / profile.slug / name] = content
    atomic_write_all(files)  # every business's files or none (a full disk leaves the earlier ones intact)
    return list(files)
