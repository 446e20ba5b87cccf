"""Render a prompt exactly as the chain sends it: the messages, the chunks it is grounded on, the JSON schema
and the reply budget. The chain and ``cvj prompt show`` both call this, so what a prompt engineer inspects
is what the model gets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.assets import Asset, asset_model
from planner.drafts import GuidanceSource, Job
from planner.guidance import guidance_query
from planner.knowledge import Chunk
from planner.llm._fields import estimate_tokens, field_specs, reply_budget
from planner.llm._prompts import PromptFile, load_prompt, load_shared
from planner.llm._values import focus, guide_sections, prompt_values, usable_facts
from planner.profile import Profile

Messages = list[tuple[str, str]]
TURN_TOKENS = 4  # the chat template's markers around each message
REPAIR_TOKENS = 250  # a repair request: every schema error or failed check, one line each
SMALL_CONTEXT = 4096  # Ollama's default context on small GPUs


@dataclass(frozen=True)
class Rendered:
    """One call's prompt, ready to send."""

    name: str
    version: int
    content_hash: str  # the prompt file and common/shared.yaml together
    system: str
    user: str
    schema: dict[str, Any]
    max_tokens: int
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def messages(self) -> Messages:
        return [("system", self.system), ("user", self.user)]

    def meta(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "hash": self.content_hash}

    def tokens(self) -> dict[str, Any]:
        """Estimated sizes (characters / 3.8: 2-9 % above the Gemma tokenizer on the example prompts)."""
        prompt = estimate_tokens(self.system) + estimate_tokens(self.user) + 2 * TURN_TOKENS
        first = prompt + self.max_tokens
        repair = first + REPAIR_TOKENS + TURN_TOKENS + self.max_tokens
        return {
            "system": estimate_tokens(self.system),
            "user": estimate_tokens(self.user),
            "prompt": prompt,
            "reply_budget": self.max_tokens,
            "first_pass": first,
            "with_repair": repair,
            "fits_4096": {"first_pass": first <= SMALL_CONTEXT, "with_repair": repair <= SMALL_CONTEXT},
        }


def output_schema(model_cls: type[Asset], extras: dict[str, Any] | None = None) -> dict[str, Any]:
    """The asset's JSON schema in the strict form OpenAI's json_schema mode requires (all fields required,
    no extra properties), with each field's description carrying its limit and word budget: a constrained
    decoder enforces the limits, and the model reads them where it writes."""
    from openai.lib._pydantic import to_strict_json_schema

    schema = to_strict_json_schema(model_cls)
    _describe(schema, schema, field_specs(model_cls))
    return {"name": model_cls.asset_type, "schema": {**schema, **(extras or {})}, "strict": True}


def _describe(node: dict[str, Any], root: dict[str, Any], specs: Sequence[Any]) -> None:
    for spec in specs:
        prop = node["properties"][spec.name]
        prop["description"] = spec.summary()
        if spec.children:
            ref = (prop.get("items") or prop).get("$ref", "")
            _describe(root["$defs"][ref.rsplit("/", 1)[-1]], root, spec.children)


class PromptBuilder:
    """Renders prompts from a prompts folder, grounded on a guidance source (the store)."""

    def __init__(
        self,
        source: GuidanceSource | None,
        prompts_dir: Path | None = None,
        schema_extras: dict[str, Any] | None = None,
        max_tokens: int | None = None,
    ) -> None:
        self.source = source
        self.prompts_dir = prompts_dir
        self.schema_extras = schema_extras or {}
        self.max_tokens = max_tokens  # a cap on every reply budget (--max-tokens); None: each asset's own

    def prompt(self, asset_type: str) -> PromptFile:
        return load_prompt(asset_model(asset_type).prompt_name(), self.prompts_dir)

    def prompt_meta(self, asset_type: str | None = None) -> dict[str, Any]:
        """What a draft records about its prompt: name, version, and a hash of it with common/shared."""
        prompt = self.prompt(asset_type) if asset_type else load_prompt("common/refine", self.prompts_dir)
        shared = load_shared(self.prompts_dir)
        digest = hashlib.sha256(f"{prompt.content_hash}{shared.content_hash}".encode()).hexdigest()[:12]
        return {"name": prompt.name, "version": prompt.version, "hash": digest}

    def budget(self, asset_type: str) -> int:
        own = reply_budget(asset_model(asset_type))
        return min(own, self.max_tokens) if self.max_tokens else own

    def facts(self, profile: Profile, job: Job) -> list[Chunk]:
        """The business's facts from the store, best match to this asset first."""
        if self.source is None:
            return []
        return self.source.profile_facts(profile, guidance_query(job.stage, job.asset_type))

    def draft(
        self, profile: Profile, job: Job, guidance: Sequence[Chunk], facts: Sequence[Chunk] | None = None
    ) -> Rendered:
        prompt, shared = self.prompt(job.asset_type), load_shared(self.prompts_dir)
        sections = guide_sections(guidance)
        found = self.facts(profile, job) if facts is None else facts
        kept = usable_facts(profile, job.stage, found, shown=focus(profile, job.stage, job.variant))
        values = prompt_values(profile, job.stage, job.asset_type, job.variant, sections, kept, shared)
        values |= {"craft": prompt.craft.strip(), "example": prompt.example.strip()}
        return self._rendered(prompt, values, job.asset_type, [*sections, *kept])

    def refine(
        self, profile: Profile, job: Job, asset: Asset, instruction: str, failures: Sequence[str]
    ) -> Rendered:
        """The ``common/refine`` prompt for one draft: its asset's craft notes, its current failures and the
        draft itself, fenced like every other piece of data."""
        prompt, shared = load_prompt("common/refine", self.prompts_dir), load_shared(self.prompts_dir)
        extra = {
            "draft": asset.model_dump_json(indent=1),
            "failures": "\n".join(f"- {f}" for f in failures) or "(none: it passes every stage check)",
        }
        values = prompt_values(profile, job.stage, job.asset_type, job.variant, [], [], shared, extra)
        values |= {"craft": self.prompt(job.asset_type).craft.strip(), "instruction": instruction.strip()}
        return self._rendered(prompt, values, job.asset_type, [])

    def _rendered(
        self, prompt: PromptFile, values: dict[str, str], asset_type: str, chunks: list[Chunk]
    ) -> Rendered:
        system, user = prompt.render({k: v for k, v in values.items() if k in prompt.variables})
        meta = self.prompt_meta(None if prompt.name == "common/refine" else asset_type)
        return Rendered(
            name=prompt.name,
            version=prompt.version,
            content_hash=meta["hash"],
            system=system,
            user=user,
            schema=output_schema(asset_model(asset_type), self.schema_extras),
            max_tokens=self.budget(asset_type),
            chunks=chunks,
        )
