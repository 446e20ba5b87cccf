"""What the pipeline passes around: a job to draft, what a writer returns, and the checked draft.

Domain types with no behaviour of their own, so writers (``planner.compose``, ``planner.llm``), checks
(``planner.rules``) and the pipeline (``planner.campaign``, ``planner.batch``…) can all use them without
importing each other. ``DraftRecord.to_json`` is the drafts.jsonl line format, a contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from planner.assets import Asset, asset_model
from planner.knowledge import Chunk
from planner.profile import Profile
from planner.stages import Stage

__all__ = [
    "CheckFn",
    "DraftRecord",
    "Failure",
    "GuidanceSource",
    "Job",
    "Writer",
    "Written",
    "draft_id",
    "failures_from_json",
    "failures_to_json",
    "record_from_json",
]


@dataclass(frozen=True)
class Failure:
    """One finding of a check: the check's id and a message that says what is wrong and how to fix it.

    ``warning`` findings are reported but do not fail a draft (a subject line long for a phone preview).
    """

    check: str
    message: str
    warning: bool = False

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "message": self.message}

    @classmethod
    def from_json(cls, obj: dict[str, Any], warning: bool = False) -> Failure:
        return cls(str(obj.get("check", "")), str(obj.get("message", "")), warning)


def failures_to_json(failures: Iterable[Failure]) -> list[dict[str, str]]:
    return [f.to_json() for f in failures]


def failures_from_json(items: Iterable[dict[str, Any]], warning: bool = False) -> list[Failure]:
    return [Failure.from_json(item, warning) for item in items]


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


class GuidanceSource(Protocol):
    """Where writers find the stage guides and a business's facts (the Chroma store in practice)."""

    def guidance_for(self, requests: list[tuple[Stage, str]]) -> list[list[Chunk]]: ...

    def profile_facts(self, profile: Profile, query: str) -> list[Chunk]: ...


@dataclass(frozen=True)
class DraftRecord:
    """One checked draft, as written to drafts.jsonl (the file format is a contract)."""

    id: str
    business: str
    stage: Stage
    asset_type: str
    variant: int
    fields: dict[str, Any]
    text: str
    markdown: str
    sources: list[dict[str, str]]
    failures: list[Failure]
    model: str
    kpi: str
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def generated(self) -> bool:
        """False when the writer produced nothing (the model server failed): a resume asks again."""
        return not any(f.check == "generation" for f in self.failures)

    def to_json(self) -> dict[str, Any]:
        checks: dict[str, Any] = {"passed": self.passed, "failures": failures_to_json(self.failures)}
        if self.warnings:
            checks["warnings"] = failures_to_json(self.warnings)
        return {
            "id": self.id,
            "business": self.business,
            "stage": self.stage.value,
            "asset_type": self.asset_type,
            "variant": self.variant,
            "fields": self.fields,
            "text": self.text,
            "sources": self.sources,
            "checks": checks,
            "model": self.model,
            "kpi": self.kpi,
            "meta": self.meta,
        }


def record_from_json(obj: dict[str, Any]) -> DraftRecord:
    """A drafts.jsonl line back into a record (markdown is re-rendered from the fields)."""
    fields = obj.get("fields") or {}
    markdown = asset_model(obj["asset_type"]).model_validate(fields).to_markdown() if fields else ""
    checks = obj.get("checks") or {}
    stage = Stage(obj["stage"])
    return DraftRecord(
        id=obj["id"],
        business=obj.get("business", ""),
        stage=stage,
        asset_type=obj["asset_type"],
        variant=int(obj.get("variant", 1)),
        fields=fields,
        text=obj.get("text", ""),
        markdown=markdown,
        sources=obj.get("sources", []),
        failures=failures_from_json(checks.get("failures", [])),
        model=obj.get("model", ""),
        kpi=obj.get("kpi", stage.info.kpi),
        meta=obj.get("meta", {}),
        warnings=failures_from_json(checks.get("warnings", []), warning=True),
    )


def draft_id(profile: Profile, stage: Stage, asset_type: str, variant: int) -> str:
    """Stable across runs: later runs resume and compare by id."""
    return f"{profile.slug}.{stage.value}.{asset_type}.v{variant}"
