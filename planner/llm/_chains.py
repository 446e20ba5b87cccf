"""LLM chains: one LCEL chain per asset type, grounded, structured, cached and checked.

    retrieve profile facts → render the prompt file (``_render``, also behind ``cvj prompt show``) →
    model.with_structured_output(asset schema, method="json_schema", max_tokens=the asset's budget) →
    validate → (the writer) stage checks → one repair pass on failures (``_repair``)

The chat model, the retrieval source and the cache are passed in; nothing here builds them.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.assets import Asset, asset_model
from planner.drafts import CheckFn, GuidanceSource, Job, Written
from planner.errors import UserError
from planner.knowledge import Chunk
from planner.llm._cache import ModelCache
from planner.llm._models import ModelSpec
from planner.llm._prompts import PromptFile
from planner.llm._render import Messages, PromptBuilder, Rendered, output_schema
from planner.llm._repair import Invalid, parse_reply, repair_request
from planner.profile import Profile

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    calls: int = 0
    cache_hits: int = 0
    latency_s: float = 0.0
    attempts: list[str] = field(default_factory=list)

    def add(self, other: dict[str, Any]) -> None:
        self.input_tokens += int(other.get("input_tokens", 0))
        self.output_tokens += int(other.get("output_tokens", 0))


# 4xx answers that can change on another try: request timeout, conflict, rate limit. Every other 4xx is the
# request itself refused (too long for the context, bad parameters, no such model): asking again cannot help.
RETRYABLE_4XX = frozenset({408, 409, 429})


def _retryable(exc: Exception) -> bool:
    """Server errors, 408/409/429, timeouts and dropped connections are worth another try; other 4xx not."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_4XX or exc.status_code >= 500
    return isinstance(exc, openai.APIConnectionError | openai.APITimeoutError)


def call_with_retries(
    fn: Callable[[], Any], retries: int, base_delay: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    """Call ``fn``; on a retryable error wait (exponential backoff with jitter) and try again."""
    for attempt in range(retries + 1):
        try:
            return fn()
        except Exception as exc:
            if attempt == retries or not _retryable(exc):
                raise
            sleep(base_delay * (2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


class ChainWriter:
    """Writes assets with a chat model through one LCEL chain per asset type."""

    concurrent = True

    def __init__(
        self,
        model: BaseChatModel,
        spec: ModelSpec,
        source: GuidanceSource,
        cache: ModelCache,
        prompts_dir: Path | None = None,
    ) -> None:
        self.model = model
        self.spec = spec
        self.name = spec.id
        self.source = source
        self.cache = cache
        self.prompts_dir = prompts_dir
        self.builder = PromptBuilder(source, prompts_dir, spec.schema_extras, spec.max_tokens)
        self._chains: dict[str, Runnable[dict[str, Any], dict[str, Any]]] = {}

    def rebind(self, model: BaseChatModel) -> ChainWriter:
        """The same writer (spec, prompts, guidance, cache) on another chat model: the Batch API engine
        answers the chains' calls from batch results, so rendering, parsing and repair stay this class's."""
        return ChainWriter(model, self.spec, self.source, self.cache, self.prompts_dir)

    def prompt(self, job: Job) -> PromptFile:
        return self.builder.prompt(job.asset_type)

    def structured(self, asset_type: str) -> Runnable[Any, Any]:
        # The schema goes as a dict rather than the class so LangChain binds response_format and parses
        # JSON itself: a truncated reply then comes back as a parsing error we can record and cache,
        # instead of the OpenAI SDK's parse() raising before we see the raw content. max_tokens is the asset's
        # own reply budget (a search ad needs ~300 tokens, a blog post ~2,400).
        schema = output_schema(asset_model(asset_type), self.spec.schema_extras)
        return self.model.with_structured_output(
            schema, method="json_schema", include_raw=True, max_tokens=self.builder.budget(asset_type)
        )

    def chain(self, asset_type: str) -> Runnable[dict[str, Any], dict[str, Any]]:
        """The asset type's chain: inputs {profile, job, guidance, usage[, repair]} → {asset, content}."""
        if asset_type not in self._chains:
            from langchain_core.runnables import RunnableLambda

            model_cls = asset_model(asset_type)
            structured = self.structured(asset_type)
            self._chains[asset_type] = (
                RunnableLambda(self._retrieve)
                | RunnableLambda(self._render)
                | RunnableLambda(lambda state: self._generate(state, structured, model_cls))
            )
        return self._chains[asset_type]

    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "facts": self.builder.facts(state["profile"], state["job"])}

    def _render(self, state: dict[str, Any]) -> dict[str, Any]:
        rendered = self.builder.draft(state["profile"], state["job"], state["guidance"], state["facts"])
        state.get("rendered_log", []).append(rendered)  # the caller's record, kept even if the call fails
        messages: Messages = [*rendered.messages, *state.get("repair", [])]
        return {**state, "rendered": rendered, "messages": messages, "max_tokens": rendered.max_tokens}

    def _generate(
        self, state: dict[str, Any], structured: Runnable[Any, Any], model_cls: type[Asset]
    ) -> dict[str, Any]:
        messages: Messages = state["messages"]
        usage: Usage = state["usage"]
        job: Job | None = state.get("job")
        params = self.spec.params() | {"max_tokens": state["max_tokens"]}
        params |= {"sample": job.sample} if job and job.sample else {}
        key = ModelCache.key(self.spec.id, params, messages, output_schema(model_cls, {}))
        reply = self.cache.get(key)
        if reply is not None:
            usage.cache_hits += 1
        else:
            start = time.perf_counter()
            usage.calls += 1
            try:
                reply = reply_of(
                    call_with_retries(
                        lambda: invoke_keeping_truncated(structured, messages),
                        self.spec.retries,
                        self.spec.retry_delay,
                    )
                )
            finally:
                usage.latency_s += time.perf_counter() - start
            self.cache.put(key, reply)
        usage.add(reply["usage"])
        asset = parse_reply(model_cls, reply["content"], bool(reply.get("truncated")))
        return {**state, "asset": asset, "content": reply["content"]}

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written:
        usage = Usage()
        state: dict[str, Any] = {"profile": profile, "job": job, "guidance": list(guidance), "usage": usage}
        chain = self.chain(job.asset_type)
        seen: list[Rendered] = []
        written = _with_repair(
            lambda repair: chain.invoke({**state, "repair": repair, "rendered_log": seen}), check, usage
        )
        if seen:  # the guide sections the prompt carried (a failed retrieval leaves none)
            written.sources = [c.id for c in seen[0].chunks if c.kind == "guide"]
        written.meta["prompt"] = self.builder.prompt_meta(job.asset_type)
        return written

    def refine(self, profile: Profile, job: Job, asset: Asset, instruction: str, check: CheckFn) -> Written:
        """Rewrite ``asset`` by the instruction, same asset type, through the ``common/refine`` prompt, with
        its current failures shown."""
        failures = [f.message for f in check(asset)]
        rendered = self.builder.refine(profile, job, asset, instruction, failures)
        usage = Usage()
        structured, model_cls = self.structured(job.asset_type), asset_model(job.asset_type)

        def run(repair: Messages) -> dict[str, Any]:
            state = {
                "messages": [*rendered.messages, *repair],
                "usage": usage,
                "max_tokens": rendered.max_tokens,
            }
            return self._generate(state, structured, model_cls)

        written = _with_repair(run, check, usage)
        written.meta["prompt"] = rendered.meta()
        return written


def _with_repair(run: Callable[[Messages], dict[str, Any]], check: CheckFn, usage: Usage) -> Written:
    """Run once; on an invalid reply or failed checks, one repair pass that shows the model what is wrong.

    A draft that still fails is kept with its failures (the caller re-checks and records them); a broken
    repair never replaces a valid first draft. Transport failures become a recorded, per-draft error.
    """
    meta: dict[str, Any] = {}
    try:
        out = run([])
        problem = _problem(out["asset"], check)
        if problem:
            request = repair_request(problem)
            repair = [("assistant", out["content"] or "(no output)"), ("user", request)]
            first, out = out, run(repair)
            meta["repaired"] = True
            meta["repair_reason"] = _reason(problem)
            if isinstance(out["asset"], Invalid) and not isinstance(first["asset"], Invalid):
                out = first
    except UserError:
        raise
    except Exception as exc:
        return Written(None, [], {**meta, **_usage_meta(usage)}, describe_failure(exc))
    meta.update(_usage_meta(usage))
    if isinstance(out["asset"], Invalid):
        return Written(None, [], meta, out["asset"].summary)
    return Written(out["asset"], [], meta)


def _problem(asset: Asset | Invalid, check: CheckFn) -> Invalid | list[str]:
    if isinstance(asset, Invalid):
        return asset
    return [f.message for f in check(asset)]


def _reason(problem: Invalid | list[str]) -> str:
    if isinstance(problem, list):
        return "checks"
    return "truncated" if problem.truncated else "invalid"


def reply_of(result: Any) -> dict[str, Any]:
    """The reply's text, token usage and whether it was cut off at the token limit (finish_reason length)."""
    raw = result["raw"]
    finish = (getattr(raw, "response_metadata", None) or {}).get("finish_reason")
    return {
        "content": raw.content if isinstance(raw.content, str) else "",
        "usage": dict(raw.usage_metadata or {}),
        "truncated": finish == "length" or bool(result.get("truncated")),
    }


def invoke_keeping_truncated(structured: Runnable[Any, Any], messages: Messages) -> Any:
    """Invoke; a reply cut off at the token limit comes back as its partial content, not an exception.

    The OpenAI SDK raises LengthFinishReasonError for a truncated structured reply; the partial text and
    its token counts are on the exception, and they belong in the draft's record (and the cache).
    """
    import openai
    from langchain_core.messages import AIMessage

    try:
        return structured.invoke(messages)
    except openai.LengthFinishReasonError as exc:
        completion, used = exc.completion, exc.completion.usage
        content = completion.choices[0].message.content or "" if completion.choices else ""
        tokens = {
            "input_tokens": used.prompt_tokens if used else 0,
            "output_tokens": used.completion_tokens if used else 0,
        }
        return {
            "raw": AIMessage(
                content=content, usage_metadata={**tokens, "total_tokens": sum(tokens.values())}
            ),
            "truncated": True,
        }


def request_body(
    spec: ModelSpec, messages: Messages, schema: dict[str, Any], max_tokens: int | None = None
) -> dict[str, Any]:
    """The ``/v1/chat/completions`` body a chain sends for these messages (what ChatOpenAI builds from the
    spec and ``with_structured_output(schema, method="json_schema", max_tokens=…)``), for APIs that take
    bodies as data. ``max_tokens`` is the asset's reply budget when the chain bound one."""
    return {
        "model": spec.name,
        "messages": [{"role": role, "content": content} for role, content in messages],
        "stream": False,
        "temperature": spec.temperature,
        "max_completion_tokens": max_tokens or spec.max_tokens,
        "response_format": {"type": "json_schema", "json_schema": schema},
        **spec.extra,
    }


def _usage_meta(usage: Usage) -> dict[str, Any]:
    return {
        "usage": {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens},
        "calls": usage.calls,
        "cache_hits": usage.cache_hits,
        "latency_s": round(usage.latency_s, 3),
    }


def describe_failure(exc: Exception) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "the model call timed out (after retries)"
    if isinstance(exc, openai.APIConnectionError):
        return "lost the connection to the model server (after retries)"
    if isinstance(exc, openai.APIStatusError):
        overflow = context_overflow(exc)
        if overflow is not None:
            return overflow
        if exc.status_code in RETRYABLE_4XX or exc.status_code >= 500:
            return f"the model server answered HTTP {exc.status_code} (after retries)"
        return f"the model server answered HTTP {exc.status_code}: {_server_message(exc)[:200]} (not retried)"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


# How servers say the prompt does not fit: llama.cpp "exceeds the available context size", OpenAI and vLLM
# "maximum context length", others "context length exceeded", "context window".
_OVERFLOW = re.compile(
    r"exceeds? the (?:available )?context|context (?:length|size|window)|maximum context|too many tokens",
    re.I,
)
_PROMPT_TOKENS = re.compile(
    r"request \((\d+) tokens\)|resulted in (\d+) tokens|prompt \((\d+) tokens\)", re.I
)
_CONTEXT_TOKENS = re.compile(
    r"context size \((\d+) tokens\)|maximum context length is (\d+)|context length of (\d+)", re.I
)
CONTEXT_FIX = (
    "give the model server a larger context — Ollama: num_ctx (or OLLAMA_CONTEXT_LENGTH=8192), "
    "llama.cpp: --ctx-size 8192, vLLM: --max-model-len — or use a model with a longer context"
)


def context_overflow(exc: Exception) -> str | None:
    """The per-draft failure for a prompt longer than the server's context, or None for any other error.

    The prompt's size comes from the server when it says (llama.cpp's ``n_prompt_tokens``, OpenAI's "resulted
    in N tokens"), else it is estimated from the request body (about 4 characters a token).
    """
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 413, 422):
        return None
    body = exc.body if isinstance(exc.body, dict) else {}
    text = f"{_server_message(exc)} {exc.message}"
    if not (_OVERFLOW.search(text) or "n_ctx" in body):
        return None
    prompt = _int(body.get("n_prompt_tokens")) or _first_number(_PROMPT_TOKENS, text)
    context = _int(body.get("n_ctx")) or _first_number(_CONTEXT_TOKENS, text)
    if prompt is not None:
        size = f"{prompt:,} tokens"
    else:
        estimate = _estimated_tokens(exc)
        size = f"about {estimate:,} tokens (estimated)" if estimate else "more tokens than fit"
    limit = f" ({context:,} tokens)" if context else ""
    return f"the prompt, {size}, is longer than the model server's context{limit}: {CONTEXT_FIX}"


def _server_message(exc: Any) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    return str(body.get("message") or exc.message or "")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _first_number(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(next(g for g in match.groups() if g)) if match else None


def _estimated_tokens(exc: Any) -> int:
    """About 4 characters a token, over the request the SDK sent (0 when there is none to measure)."""
    try:
        return len(exc.request.content.decode("utf-8", "replace")) // 4
    except Exception:  # a request built without a body (or none at all): nothing to estimate from
        return 0
