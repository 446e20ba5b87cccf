"""The ``llm-rubric`` judge: a chat model grades a draft against a rubric and returns a typed verdict.

Built only when a judge model is configured (``defaults.judge``, ``--judge`` or ``CVJ_JUDGE_MODEL``); offline
the assertion is skipped with a visible note. Calls go through the same cache and retries as the chains.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.llm import (
    ModelCache,
    ModelSpec,
    call_with_retries,
    describe_failure,
    fenced,
    invoke_keeping_truncated,
    load_prompt,
    never_rules,
    reply_of,
)
from planner.stages import Stage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    passed: bool = Field(alias="pass")
    score: Annotated[float, Field(ge=0, le=1)]
    reason: Annotated[str, Field(max_length=400)]


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict | None
    error: str | None = None
    calls: int = 0
    cache_hits: int = 0
    tokens: int = 0


class Judge:
    def __init__(
        self, model: BaseChatModel, spec: ModelSpec, cache: ModelCache, prompts_dir: Path | None = None
    ) -> None:
        self.model, self.spec, self.cache, self.prompts_dir = model, spec, cache, prompts_dir
        self.name = spec.id

    def __call__(self, business: str, stage: Stage, rubric: str, draft: str) -> Judgement:

        prompt = load_prompt("common/judge", self.prompts_dir)
        fence, data = fenced({"business": business, "draft": draft})  # the draft may carry injected orders
        values = {
            **data,
            "fence": fence.code,
            "stage": stage.info.title,
            "stage_goal": stage.info.goal,
            "never": never_rules(stage),
            "rubric": rubric,
        }
        system, user = prompt.render(values)
        messages = [("system", system), ("user", user)]
        schema = verdict_schema(self.spec.schema_extras)
        key = self.cache.key(self.spec.id, self.spec.params(), messages, schema)
        reply, calls, hits = self.cache.get(key), 0, 0
        if reply is None:
            structured = self.model.with_structured_output(schema, method="json_schema", include_raw=True)
            start = time.perf_counter()
            try:
                reply = reply_of(
                    call_with_retries(
                        lambda: invoke_keeping_truncated(structured, messages), self.spec.retries
                    )
                )
            except Exception as exc:  # a judge failure fails that assertion, not the run
                return Judgement(None, describe_failure(exc), calls=1)
            reply["latency_s"] = round(time.perf_counter() - start, 3)
            self.cache.put(key, reply)
            calls = 1
        else:
            hits = 1
        used = reply.get("usage", {})
        tokens = int(used.get("input_tokens", 0)) + int(used.get("output_tokens", 0))
        try:
            verdict = Verdict.model_validate_json(reply["content"])
        except ValidationError as exc:
            problem = f"the judge's reply is not a verdict: {exc.errors()[0]['msg']}"
            return Judgement(None, problem, calls, hits, tokens)
        return Judgement(verdict, None, calls, hits, tokens)


def verdict_schema(extras: dict[str, Any] | None = None) -> dict[str, Any]:
    from openai.lib._pydantic import to_strict_json_schema

    return {"name": "verdict", "schema": {**to_strict_json_schema(Verdict), **(extras or {})}, "strict": True}
