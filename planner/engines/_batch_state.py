"""``DIR/batches.json``: every Batch API batch this output folder has submitted, and what came back.

Written atomically after each submit and each download, so a crash or Ctrl-C at any point leaves a file that
``--resume`` can trust: batches still running are re-attached (polled, never submitted again), and the
results of finished ones are kept in ``DIR/batches/<batch id>.json`` so they are downloaded once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from planner.engines._replay import Answer
from planner.errors import UserError
from planner.output import atomic_write

STATE_NAME = "batches.json"
RESULTS_DIR = "batches"


@dataclass
class BatchEntry:
    id: str  # the provider's batch id ("rejected-<n>" for a batch the provider refused to create)
    custom_ids: list[str]
    status: str = "validating"
    done: int = 0  # requests answered so far (completed + failed), for progress
    downloaded: bool = False
    error: str | None = None  # why the whole batch failed or was refused

    @property
    def requests(self) -> int:
        return len(self.custom_ids)


@dataclass
class BatchState:
    folder: Path
    entries: list[BatchEntry] = field(default_factory=list)
    _answers: dict[str, Answer] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.folder / STATE_NAME

    @classmethod
    def load(cls, folder: Path) -> BatchState:
        state = cls(folder)
        if not state.path.exists():
            return state
        try:
            data = json.loads(state.path.read_text(encoding="utf-8"))
            state.entries = [BatchEntry(**e) for e in data["batches"]]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UserError(
                f"{state.path}: not a batch list ({type(exc).__name__}) — restore it, or delete it to "
                "submit the unfinished drafts again (batches still running would then be paid twice)"
            ) from None
        for entry in state.entries:
            if entry.downloaded:
                state._answers.update(state._read_results(entry.id))
        return state

    def save(self) -> None:
        payload = {"version": 1, "batches": [asdict(e) for e in self.entries]}
        atomic_write(self.path, json.dumps(payload, indent=1) + "\n")

    def knows(self, cid: str) -> bool:
        return any(cid in e.custom_ids for e in self.entries)

    def waiting_for(self, cids: set[str]) -> list[BatchEntry]:
        """Batches not yet downloaded that hold any of these requests."""
        return [e for e in self.entries if not e.downloaded and not cids.isdisjoint(e.custom_ids)]

    def add(self, entry: BatchEntry) -> None:
        self.entries.append(entry)
        self.save()

    def finish(self, entry: BatchEntry, answers: dict[str, Answer]) -> None:
        """Keep a finished batch's results; a request it has no line for fails with the batch's status."""
        reason = entry.error or f"the batch ended '{entry.status}' without a result for this request"
        complete = {cid: answers.get(cid) or {"error": reason} for cid in entry.custom_ids}
        atomic_write(self._results_path(entry.id), json.dumps(complete, ensure_ascii=False))
        self._answers.update(complete)
        entry.downloaded = True
        self.save()

    def answers(self) -> dict[str, Answer]:
        return dict(self._answers)

    def _results_path(self, batch_id: str) -> Path:
        return self.folder / RESULTS_DIR / f"{batch_id}.json"

    def _read_results(self, batch_id: str) -> dict[str, Answer]:
        path = self._results_path(batch_id)
        try:
            value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            # lost or torn: download again rather than fail those drafts
            for entry in self.entries:
                if entry.id == batch_id:
                    entry.downloaded = False
            return {}
        return value
