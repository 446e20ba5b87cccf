"""The test harness itself: a real llama.cpp server (xllamacpp, Gemma-3-270M) on a free loopback port."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from importlib.util import find_spec
from typing import Any

import pytest

from tests.llm_server import LlamaServer, model_path, port_is_open

pytestmark = [
    pytest.mark.llm,
    pytest.mark.skipif(
        find_spec("xllamacpp") is None, reason="xllamacpp is not installed (pip install -e '.[llm]')"
    ),
]

AD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "headline": {"type": "string", "maxLength": 30},
        "body": {"type": "string", "maxLength": 90},
    },
    "required": ["headline", "body"],
    "additionalProperties": False,
    # llguidance's own option: compact JSON.  Without it a base model may pad with whitespace until
    # max_completion_tokens and the reply is cut mid-JSON; here we test the server, not the model.
    "x-guidance": {"whitespace_flexible": False},
}
MESSAGES: list[Any] = [
    {"role": "system", "content": "You write ads as JSON."},
    {"role": "user", "content": "Write an ad for Paws and Suds, a mobile dog-grooming van."},
]


def _client(server: LlamaServer, timeout: float = 120) -> Any:
    from openai import OpenAI

    return OpenAI(base_url=server.base_url, api_key="not-needed", timeout=timeout, max_retries=0)


@pytest.fixture(scope="module")
def server() -> Iterator[LlamaServer]:
    with LlamaServer(model_path(), parallel=2, ctx_size=4096) as srv:
        yield srv


def test_starts_on_a_free_loopback_port_and_stop_closes_it() -> None:
    srv = LlamaServer(model_path(), parallel=1, ctx_size=1024)
    try:
        srv.start()
        assert srv.port is not None and srv.pid is not None
        assert srv.base_url == f"http://127.0.0.1:{srv.port}/v1"
        assert port_is_open(srv.port)
        with urllib.request.urlopen(srv.root_url + "/health", timeout=10) as resp:
            assert json.load(resp) == {"status": "ok"}
        models = _client(srv).models.list()
        assert len(models.data) == 1
    finally:
        srv.stop()
    assert srv.pid is None and not srv.is_running()
    assert not port_is_open(srv.port)
    srv.stop()  # idempotent


def test_json_schema_reply_through_the_openai_client_is_schema_valid(server: LlamaServer) -> None:
    reply = _client(server).chat.completions.create(
        model="gemma",
        messages=MESSAGES,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "Ad", "strict": True, "schema": AD_SCHEMA},
        },
        max_completion_tokens=200,
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "stop", choice.message.content
    ad = json.loads(choice.message.content or "")
    assert set(ad) == {"headline", "body"}
    assert isinstance(ad["headline"], str) and len(ad["headline"]) <= 30
    assert isinstance(ad["body"], str) and len(ad["body"]) <= 90
    assert reply.usage is not None
    assert reply.usage.prompt_tokens > 0 and 0 < reply.usage.completion_tokens <= 200


def test_sigkill_mid_request_is_a_connection_error_and_restart_keeps_the_port() -> None:
    import openai

    srv = LlamaServer(model_path(), parallel=1, ctx_size=4096)
    try:
        srv.start()
        port, client = srv.port, _client(srv, timeout=60)
        outcome: list[BaseException | str] = []

        def long_request() -> None:
            try:
                client.chat.completions.create(
                    model="gemma",
                    messages=MESSAGES,
                    max_completion_tokens=3000,
                    extra_body={"ignore_eos": True},  # keep generating until we kill it
                )
                outcome.append("completed")
            except BaseException as exc:
                outcome.append(exc)

        worker = threading.Thread(target=long_request)
        worker.start()
        deadline = time.monotonic() + 30
        while not _busy(srv) and time.monotonic() < deadline:
            time.sleep(0.05)
        srv.kill()
        worker.join(30)
        assert not worker.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], openai.APIConnectionError), outcome
        assert not port_is_open(port or 0)

        srv.start()
        assert srv.port == port
        reply = client.chat.completions.create(model="gemma", messages=MESSAGES, max_completion_tokens=5)
        assert reply.usage is not None and reply.usage.completion_tokens > 0
    finally:
        srv.stop()


def _busy(srv: LlamaServer) -> bool:
    with urllib.request.urlopen(srv.root_url + "/slots", timeout=10) as resp:
        return any(slot.get("is_processing") for slot in json.load(resp))
