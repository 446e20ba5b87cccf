"""LLM chains: one LCEL chain per asset type, grounded, structured, cached and checked.

    retrieve profile facts → render the prompt file → model.with_structured_output(AssetModel,
    method="json_schema") → validate → (the writer) stage checks → one repair pass on failures

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

from pydantic import ValidationError

from planner.assets import Asset, asset_model
from planner.drafts import CheckFn, GuidanceSource, Job, Written
from planner.errors import UserError
from planner.knowledge import Chunk
from planner.llm._cache import ModelCache
from planner.llm._models import ModelSpec
from planner.llm._prompts import PromptFile, load_prompt
from planner.llm._values import prompt_values
from planner.profile import Profile

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable


Messages = list[tuple[str, str]]


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
        self._chains: dict[str, Runnable[dict[str, Any], dict[str, Any]]] = {}

    def rebind(self, model: BaseChatModel) -> ChainWriter:
        """The same writer (spec, prompts, guidance, cache) on another chat model: the Batch API engine
        answers the chains' calls from batch results, so rendering, parsing and repair stay this class's."""
        return ChainWriter(model, self.spec, self.source, self.cache, self.prompts_dir)

    def prompt(self, job: Job) -> PromptFile:
        return load_prompt(asset_model(job.asset_type).prompt_name(), self.prompts_dir)

    def structured(self, asset_type: str) -> Runnable[Any, Any]:
        # The schema goes as a dict rather than the class so LangChain binds response_format and parses
        # JSON itself: a truncated reply then comes back as a parsing error we can record and cache,
        # instead of the OpenAI SDK's parse() raising before we see the raw content.
        schema = output_schema(asset_model(asset_type), self.spec.schema_extras)
        return self.model.with_structured_output(schema, method="json_schema", include_raw=True)

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
        job: Job = state["job"]
        facts = self.source.profile_facts(state["profile"], f"{job.stage.info.title} {job.asset_type}")
        return {**state, "facts": facts}

    def _render(self, state: dict[str, Any]) -> dict[str, Any]:
        job: Job = state["job"]
        values = prompt_values(
            state["profile"], job.stage, job.asset_type, job.variant, state["guidance"], state["facts"]
        )
        system, user = self.prompt(job).render(values)
        messages: Messages = [("system", system), ("user", user), *state.get("repair", [])]
        return {**state, "messages": messages}

    def _generate(
        self, state: dict[str, Any], structured: Runnable[Any, Any], model_cls: type[Asset]
    ) -> dict[str, Any]:
        messages: Messages = state["messages"]
        usage: Usage = state["usage"]
        job: Job | None = state.get("job")
        params = self.spec.params() | ({"sample": job.sample} if job and job.sample else {})
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
        return {**state, "asset": _parse(model_cls, reply["content"]), "content": reply["content"]}

    def __call__(self, profile: Profile, job: Job, guidance: Sequence[Chunk], check: CheckFn) -> Written:
        prompt = self.prompt(job)
        usage = Usage()
        state: dict[str, Any] = {"profile": profile, "job": job, "guidance": list(guidance), "usage": usage}
        chain = self.chain(job.asset_type)
        written = _with_repair(lambda repair: chain.invoke({**state, "repair": repair}), check, usage)
        written.sources = [c.id for c in guidance]
        written.meta["prompt"] = {"name": prompt.name, "version": prompt.version, "hash": prompt.content_hash}
        return written

    def refine(self, profile: Profile, job: Job, asset: Asset, instruction: str, check: CheckFn) -> Written:
        """Rewrite ``asset`` by the instruction, same asset type, through the ``common/refine`` prompt."""
        prompt = load_prompt("common/refine", self.prompts_dir)
        values = prompt_values(profile, job.stage, job.asset_type, job.variant, [], [])
        values |= {"draft": asset.model_dump_json(indent=1), "instruction": instruction}
        system, user = prompt.render({k: v for k, v in values.items() if k in prompt.variables})
        usage = Usage()
        structured, model_cls = self.structured(job.asset_type), asset_model(job.asset_type)

        def run(repair: Messages) -> dict[str, Any]:
            state = {"messages": [("system", system), ("user", user), *repair], "usage": usage}
            return self._generate(state, structured, model_cls)

        written = _with_repair(run, check, usage)
        written.meta["prompt"] = {"name": prompt.name, "version": prompt.version, "hash": prompt.content_hash}
        return written


def _with_repair(run: Callable[[Messages], dict[str, Any]], check: CheckFn, usage: Usage) -> Written:
    """Run once; on a parse error or failed checks, one repair pass that shows the model what is wrong.

    A draft that still fails is kept with its failures (the caller re-checks and records them); a broken
    repair never replaces a valid first draft. Transport failures become a recorded, per-draft error.
    """
    meta: dict[str, Any] = {}
    try:
        out = run([])
        problems = _problems(out["asset"], check)
        if problems:
            repair = [("assistant", out["content"] or "(no output)"), ("user", _repair_request(problems))]
            first, out = out, run(repair)
            meta["repaired"] = True
            if isinstance(out["asset"], str) and not isinstance(first["asset"], str):
                out = first
    except UserError:
        raise
    except Exception as exc:
        return Written(None, [], {**meta, **_usage_meta(usage)}, describe_failure(exc))
    meta.update(_usage_meta(usage))
    if isinstance(out["asset"], str):
        return Written(None, [], meta, out["asset"])
    return Written(out["asset"], [], meta)


def reply_of(result: Any) -> dict[str, Any]:
    raw = result["raw"]
    return {
        "content": raw.content if isinstance(raw.content, str) else "",
        "usage": dict(raw.usage_metadata or {}),
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
            "raw": AIMessage(content=content, usage_metadata={**tokens, "total_tokens": sum(tokens.values())})
        }


def output_schema(model_cls: type[Asset], extras: dict[str, Any] | None = None) -> dict[str, Any]:
    """The asset's JSON schema in the strict form OpenAI's json_schema mode requires (all fields required,
    no extra properties); length limits stay in, which also keeps a base model from rambling."""
    from openai.lib._pydantic import to_strict_json_schema

    schema = {**to_strict_json_schema(model_cls), **(extras or {})}
    return {"name": model_cls.asset_type, "schema": schema, "strict": True}


def request_body(spec: ModelSpec, messages: Messages, schema: dict[str, Any]) -> dict[str, Any]:
    """The ``/v1/chat/completions`` body a chain sends for these messages (what ChatOpenAI builds from the
    spec and ``with_structured_output(schema, method="json_schema")``), for APIs that take bodies as data."""
    return {
        "model": spec.name,
        "messages": [{"role": role, "content": content} for role, content in messages],
        "stream": False,
        "temperature": spec.temperature,
        "max_completion_tokens": spec.max_tokens,
        "response_format": {"type": "json_schema", "json_schema": schema},
        **spec.extra,
    }


def _parse(model_cls: type[Asset], content: str) -> Asset | str:
    """The asset, or a one-line reason it is not one (the base model may stop mid-JSON)."""
    if not content.strip():
        return "the model returned no content"
    try:
        return model_cls.model_validate_json(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "output"
        return f"model output is not a valid {model_cls.asset_type}: {where}: {first['msg']}"


def _problems(asset: Asset | str, check: CheckFn) -> list[str]:
    if isinstance(asset, str):
        return [asset]
    return [f"{f.check}: {f.message}" for f in check(asset)]


def _repair_request(problems: list[str]) -> str:
    listed = "\n".join(f"- {p}" for p in problems)
    return (
        "Your draft breaks these rules of its stage:\n"
        f"{listed}\n"
        "Rewrite it so every rule is met. Keep what works, keep every field, and return only the fields."
    )


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
