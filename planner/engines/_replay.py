"""A chat model that answers the chains from Batch API results, and defers every call it has no answer for.

The Batch API engine runs each draft through the ordinary ``ChainWriter`` with this model bound in, so the
prompt rendering, the JSON schema, parsing, the stage checks and the repair pass are the chains' own. A call
with no result yet raises ``Deferred`` carrying the exact request body; the engine submits those bodies as a
batch, loads the results here, and runs the waiting drafts again: the first call is answered, and a draft
that needs its repair pass defers once more (the repair goes out as a follow-up batch).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict, Field

from planner.llm import ModelSpec, request_body

Answer = dict[str, Any]  # {"content": str, "usage": {...}} or {"error": str}


class Deferred(BaseException):
    """A call that has no batch result yet. A BaseException on purpose: the chain turns every ``Exception``
    into that draft's failure (retries, the repair pass, ``write_draft``); this one must reach the engine."""

    def __init__(self, custom_id: str, body: dict[str, Any]) -> None:
        super().__init__(custom_id)
        self.custom_id = custom_id
        self.body = body


class BatchRequestFailed(Exception):
    """The provider could not answer this request (expired, failed, invalid): that draft's failure."""


def custom_id(draft_key: str, body: dict[str, Any]) -> str:
    """``<draft id>#a<attempt>.<first|repair>.<hash>``: stable for the same request, so a resumed run finds
    the result of a batch it submitted before the crash, with or without the model cache."""
    kind = "first" if len(body["messages"]) <= 2 else "repair"
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    return f"{draft_key}.{kind}.{digest}"


class ReplayModel(BaseChatModel):
    """Answers structured calls from ``answers`` (by custom_id); ``begin`` names the draft being written."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    spec: ModelSpec
    answers: dict[str, Answer] = Field(default_factory=dict)
    draft_key: str = ""

    @property
    def _llm_type(self) -> str:
        return "batch-replay"

    def begin(self, draft_key: str) -> None:
        self.draft_key = draft_key

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        raise NotImplementedError("the Batch API engine answers structured calls only")

    def with_structured_output(
        self, schema: dict[str, Any] | type, *, include_raw: bool = False, **kwargs: Any
    ) -> Runnable[Any, Any]:
        if not isinstance(schema, dict):
            raise TypeError("the chains pass their JSON schema as a dict")
        budget = kwargs.get("max_tokens")
        return RunnableLambda(lambda messages: self._answer(list(messages), schema, budget))

    def _answer(
        self, messages: Sequence[tuple[str, str]], schema: dict[str, Any], max_tokens: int | None = None
    ) -> dict[str, Any]:
        body = request_body(self.spec, list(messages), schema, max_tokens)
        cid = custom_id(self.draft_key, body)
        answer = self.answers.get(cid)
        if answer is None:
            raise Deferred(cid, body)
        if "error" in answer:
            raise BatchRequestFailed(f"Batch API: {answer['error']}")
        usage = {k: int(answer.get("usage", {}).get(k, 0)) for k in ("input_tokens", "output_tokens")}
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        raw = AIMessage(content=str(answer["content"]), usage_metadata=usage)
        return {"raw": raw, "parsed": None, "parsing_error": None}


def estimate_tokens(body: dict[str, Any]) -> int:
    """Prompt tokens, estimated at 4 characters a token: OpenAI's rule of thumb for English (a tokenizer
    would need its vocabulary downloaded at run time)."""
    return sum(len(str(m.get("content", ""))) for m in body["messages"]) // 4 + 4 * len(body["messages"])
