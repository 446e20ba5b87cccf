"""A prompt longer than the server's context is one clear per-draft failure that says how long the prompt is
and how to give the server more context — not three retries and "HTTP 400 … re-run". Other client errors
(4xx but 408, 409, 429) are not retried either: asking again cannot change the answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner.llm import describe_failure
from planner.llm.scripted import ScriptedModel, server_error
from planner.profile import Profile
from tests.llm.test_chains import run, valid_reply, writer

LLAMA_CPP = "request (3012 tokens) exceeds the available context size (2048 tokens), try increasing it"


def test_llama_cpp_context_overflow_is_one_clear_failure(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(server_error(400, LLAMA_CPP))
    written = run(writer(model, store), paws, store)
    assert len(model.requests) == 1  # not retried
    assert written.asset is None and written.error is not None
    error = written.error
    assert "3,012 tokens" in error and "2,048" in error
    assert "num_ctx" in error and "--ctx-size" in error and "HTTP 400" not in error


def test_older_llama_cpp_wording_without_numbers_gets_an_estimate() -> None:
    import httpx2 as httpx
    import openai

    messages = [{"role": "user", "content": "word " * 4000}]
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions", json={"messages": messages})
    text = "the request exceeds the available context size, try increasing it"
    response = httpx.Response(400, request=request, text=json.dumps({"error": {"message": text}}))
    exc = openai.BadRequestError(text, response=response, body={"message": text})
    message = describe_failure(exc)
    assert "about 5," in message and "tokens (estimated)" in message and "num_ctx" in message


def test_the_server_s_own_token_counts_win() -> None:
    exc = server_error(400, "the request exceeds the available context size, try increasing it")
    assert isinstance(exc, Exception)
    exc.body = {"message": "…", "n_prompt_tokens": 2700, "n_ctx": 2048}  # type: ignore[attr-defined]
    message = describe_failure(exc)
    assert "2,700 tokens" in message and "2,048" in message


@pytest.mark.parametrize(
    "text",
    [
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9100 tokens.",
        "prompt is too long: context length exceeded",
    ],
)
def test_other_servers_wordings_are_recognised(text: str) -> None:
    exc = server_error(400, text)
    assert isinstance(exc, Exception)
    message = describe_failure(exc)
    assert "longer than the model server's context" in message
    if "9100" in text:
        assert "9,100 tokens" in message and "8,192" in message


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(paws: Profile, store: Any, status: int) -> None:
    model = ScriptedModel.of(server_error(status, "nope"))
    written = run(writer(model, store), paws, store)
    assert len(model.requests) == 1 and written.error is not None
    assert f"HTTP {status}: nope" in written.error and "after retries" not in written.error


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503])
def test_timeouts_conflicts_rate_limits_and_server_errors_are_retried(
    paws: Profile, store: Any, status: int
) -> None:
    model = ScriptedModel.of(server_error(status), valid_reply(paws))
    written = run(writer(model, store), paws, store)
    assert written.asset is not None and len(model.requests) == 2
