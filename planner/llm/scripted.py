"""A chat model with queued replies, for tests of the LLM path that need no server (like simonw/llm's
``MockModel`` or pydantic-ai's ``FunctionModel``).

Each queued item is what the "server" does for one request: a string is the reply's content, an exception
is raised (build realistic ones with ``server_error``, ``timeout`` and ``truncated``: the OpenAI SDK's own
exception types, so the chain's retry and truncation handling runs exactly as against a real server), and
a callable gets the request's messages and returns either. Every request is recorded in ``requests``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict, Field, PrivateAttr

Reply = str | BaseException | Callable[[list[BaseMessage]], "str | BaseException"]

__all__ = ["Reply", "ScriptedModel", "server_error", "timeout", "truncated"]


class ScriptedModel(BaseChatModel):
    """Answers each request with the next queued reply; raises ``LookupError`` when the queue runs dry."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    replies: list[Any] = Field(default_factory=list)
    requests: list[list[BaseMessage]] = Field(default_factory=list)
    schemas: list[dict[str, Any]] = Field(default_factory=list)
    bound: list[dict[str, Any]] = Field(default_factory=list)  # what structured runnables bind (max_tokens)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def of(cls, *replies: Reply) -> ScriptedModel:
        return cls(replies=list(replies))

    def queue(self, replies: Iterable[Reply]) -> None:
        with self._lock:
            self.replies.extend(replies)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            self.requests.append(list(messages))
            if not self.replies:
                raise LookupError(f"the scripted model has no reply queued for request {len(self.requests)}")
            reply = self.replies.pop(0)
        if callable(reply) and not isinstance(reply, BaseException):
            reply = reply(list(messages))
        if isinstance(reply, BaseException):
            raise reply
        usage = {"input_tokens": _tokens(messages), "output_tokens": len(str(reply).split())}
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        message = AIMessage(content=str(reply), usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def with_structured_output(
        self, schema: dict[str, Any] | type, *, include_raw: bool = False, **kwargs: Any
    ) -> Runnable[Any, Any]:
        """Like ``ChatOpenAI(...).with_structured_output(schema, method="json_schema", include_raw=True)``:
        the raw message comes back and the caller parses it (the chain always does its own parsing)."""
        if isinstance(schema, dict):
            self.schemas.append(schema)
        self.bound.append(dict(kwargs))

        def run(messages: Sequence[Any]) -> dict[str, Any]:
            raw = self.invoke(list(messages))
            return {"raw": raw, "parsed": None, "parsing_error": None} if include_raw else {"raw": raw}

        return RunnableLambda(run)


def _tokens(messages: Sequence[BaseMessage]) -> int:
    return sum(len(str(m.content).split()) for m in messages)


def server_error(status: int, body: str = "error") -> BaseException:
    """The exception the OpenAI SDK raises when the server answers ``status`` (429, 503, 400…)."""
    import httpx2 as httpx
    import openai

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(status, request=request, text=json.dumps({"error": {"message": body}}))
    cls = {400: openai.BadRequestError, 429: openai.RateLimitError}.get(status, openai.APIStatusError)
    if status >= 500:
        cls = openai.InternalServerError
    return cls(body, response=response, body={"error": {"message": body}})


def timeout() -> BaseException:
    import httpx2 as httpx
    import openai

    return openai.APITimeoutError(request=httpx.Request("POST", "http://127.0.0.1/v1/chat/completions"))


def truncated(partial: str, output_tokens: int = 300) -> BaseException:
    """What the SDK raises when a structured reply is cut off at the token limit (finish_reason=length)."""
    import openai
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate(
        {
            "id": "scripted",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "length",
                    "message": {"role": "assistant", "content": partial},
                }
            ],
            "usage": {
                "prompt_tokens": 100,
                "completion_tokens": output_tokens,
                "total_tokens": 100 + output_tokens,
            },
        }
    )
    return openai.LengthFinishReasonError(completion=completion)
