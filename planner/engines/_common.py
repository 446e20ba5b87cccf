"""What every engine shares: how it reports progress, and the drafts it has to write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from planner.batch import Progress, Tally
from planner.campaign import write_draft
from planner.drafts import CheckFn, DraftRecord, Job, Written, draft_id
from planner.knowledge import Chunk
from planner.profile import Profile
from planner.rules import Checker


@dataclass(frozen=True)
class BatchApiSettings:
    """The Batch API's per-batch limits (a larger set of requests is split) and how often to poll."""

    max_requests: int = 50_000  # OpenAI: requests per batch
    max_bytes: int = 190_000_000  # OpenAI: 200 MB per input file, less a margin for the JSONL framing
    poll_s: float = 30.0


def _ignore(*_: object) -> None:
    return None


@dataclass
class Events:
    """Callbacks the CLI renders: per-business draft counts, one-line notices, and requests done elsewhere."""

    drafts: Progress = _ignore  # (business slug, done for it, its total)
    say: Callable[[str], None] = _ignore  # a notice worth a line on stderr (submitted, waiting, re-attached)
    requests: Callable[[int, int], None] = _ignore  # (requests answered, requests in flight) while waiting
    totals: dict[str, int] = field(default_factory=dict)

    def written(self, tally: Tally, record: DraftRecord) -> None:
        tally.add(record)
        self.drafts(record.business, tally.per_business[record.business], self.totals[record.business])


def work_id(profile: Profile, job: Job) -> str:
    """The draft id plus its attempt: a draft re-asked after a generation failure is a new request."""
    return f"{draft_id(profile, job.stage, job.asset_type, job.variant)}#a{job.sample}"


class FailedWriter:
    """A writer that only reports why a draft could not be written: the engine's error becomes the draft's
    recorded generation failure (so ``--resume`` asks again), through the same ``write_draft`` as the rest."""

    name = "engine"
    concurrent = False

    def __init__(self, error: str) -> None:
        self.error = error

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written:
        return Written(None, [], {}, self.error)


def failure_record(profile: Profile, job: Job, error: str, model: str) -> DraftRecord:
    record = write_draft(profile, job, [], FailedWriter(error), Checker(profile))
    return replace(record, model=model)
