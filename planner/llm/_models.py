"""Model selection: ``offline`` (the composer, the default) or ``openai:<model>`` for OpenAI or any
OpenAI-compatible server (Ollama, vLLM, llama.cpp). Chosen with ``--model`` or ``CVJ_MODEL``.

Providers are imported lazily: the offline path never imports LangChain's OpenAI integration.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from planner.errors import UserError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

OFFLINE = "offline"
CHAT_MAX_TOKENS = 1200
LOCAL_KEY = "not-needed"  # local OpenAI-compatible servers ignore the key but the client insists on one


@dataclass(frozen=True)
class ModelSpec:
    provider: str  # "offline" or "openai"
    name: str = ""
    base_url: str | None = None
    timeout: float = 60.0
    retries: int = 2
    retry_delay: float = 0.5  # seconds before the first retry; doubles each time (with jitter)
    temperature: float = 0.7
    # A cap on every reply (--max-tokens). None: each asset type's own budget, from its schema (a search ad
    # needs ~300 tokens, a blog post ~2,400); a free chat reply then gets CHAT_MAX_TOKENS.
    max_tokens: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Extra keys merged into the JSON schema sent as response_format, for servers with their own schema
    # options (llama.cpp's llguidance: {"x-guidance": {"whitespace_flexible": False}} forbids padding).
    schema_extras: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return OFFLINE if self.provider == OFFLINE else f"{self.provider}:{self.name}"

    @property
    def is_offline(self) -> bool:
        return self.provider == OFFLINE

    def params(self) -> dict[str, Any]:
        """What changes the model's output: part of every cache key."""
        return {
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "base_url": self.base_url,
            "schema_extras": self.schema_extras,
        }


def parse_model(
    value: str | None = None,
    base_url: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
) -> ModelSpec:
    """``--model`` (or ``CVJ_MODEL``): ``offline`` or ``openai:<model name>``."""
    chosen = (value or os.environ.get("CVJ_MODEL") or OFFLINE).strip()
    if chosen == OFFLINE:
        return ModelSpec(OFFLINE)
    provider, _, name = chosen.partition(":")
    if provider != "openai" or not name:
        raise UserError(
            f"--model {chosen!r}: expected 'offline' or 'openai:<model>' (e.g. openai:gpt-4o-mini, or "
            f"openai:llama3.1 with --base-url http://127.0.0.1:11434/v1 for Ollama)"
        )
    spec = ModelSpec(
        "openai", name, base_url or os.environ.get("OPENAI_BASE_URL") or None, schema_extras=_schema_extras()
    )
    if timeout is not None:
        spec = replace(spec, timeout=timeout)
    if retries is not None:
        spec = replace(spec, retries=retries)
    return spec


def _schema_extras() -> dict[str, Any]:
    """``CVJ_SCHEMA_EXTRAS``: a JSON object merged into every response schema (server-specific options)."""
    raw = os.environ.get("CVJ_SCHEMA_EXTRAS", "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UserError(f"CVJ_SCHEMA_EXTRAS is not JSON ({exc.msg}) — e.g. '{EXAMPLE_EXTRAS}'") from None
    if not isinstance(value, dict):
        raise UserError(f"CVJ_SCHEMA_EXTRAS must be a JSON object, e.g. '{EXAMPLE_EXTRAS}'")
    return value


EXAMPLE_EXTRAS = '{"x-guidance": {"whitespace_flexible": false}}'


def api_key(spec: ModelSpec) -> str:
    key = os.environ.get("OPENAI_API_KEY")
    if key:
        return key
    if spec.base_url:
        return LOCAL_KEY
    raise UserError(
        f"--model {spec.id} needs an API key: export OPENAI_API_KEY=..., or point --base-url (or "
        f"OPENAI_BASE_URL) at an OpenAI-compatible server such as http://127.0.0.1:11434/v1 — or use "
        f"--model offline, which needs neither"
    )


def build_chat_model(spec: ModelSpec) -> BaseChatModel:
    """A LangChain chat model for the spec; retries are ours (planner.llm), so the client's are off."""
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise UserError("--model openai:… needs langchain-openai: run `make install`") from None
    return ChatOpenAI(
        model=spec.name,
        base_url=spec.base_url,
        api_key=api_key(spec),  # type: ignore[arg-type]
        timeout=spec.timeout,
        max_retries=0,
        temperature=spec.temperature,
        max_completion_tokens=spec.max_tokens or CHAT_MAX_TOKENS,
        **spec.extra,
    )


def check_reachable(spec: ModelSpec) -> None:
    """Fail fast, with the fix, when the server is down — instead of one failure per draft."""
    import openai

    client = openai.OpenAI(
        api_key=api_key(spec), base_url=spec.base_url, timeout=min(spec.timeout, 10), max_retries=0
    )
    where = spec.base_url or "the OpenAI API"
    try:
        client.models.list()
    except openai.AuthenticationError:
        raise UserError(f"{where} rejected the API key — check OPENAI_API_KEY") from None
    except (openai.APIConnectionError, openai.APITimeoutError):
        raise UserError(
            f"cannot reach {where} — is the server running? Check --base-url / OPENAI_BASE_URL "
            f"(it usually ends in /v1), or use --model offline"
        ) from None
    except openai.APIStatusError:
        return  # some compatible servers have no /models; a real call will tell
