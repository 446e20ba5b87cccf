"""Model selection, retries and the model-call cache (units; real-server tests: test_llm_chains)."""

from __future__ import annotations

from pathlib import Path

import httpx2 as httpx
import openai
import pytest

from planner.errors import UserError
from planner.llm._cache import ModelCache
from planner.llm._chains import call_with_retries
from planner.llm._models import LOCAL_KEY, api_key, parse_model


def test_offline_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CVJ_MODEL", raising=False)
    assert parse_model().is_offline and parse_model().id == "offline"


def test_env_chooses_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVJ_MODEL", "openai:gpt-4o-mini")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    spec = parse_model()
    assert (spec.provider, spec.name, spec.base_url) == ("openai", "gpt-4o-mini", "http://127.0.0.1:8080/v1")
    assert parse_model("offline").is_offline  # the flag wins over the environment


@pytest.mark.parametrize("value", ["gpt-4o", "anthropic:claude", "openai:"])
def test_bad_model_names_say_what_is_expected(value: str) -> None:
    with pytest.raises(UserError, match="expected 'offline' or 'openai:<model>'"):
        parse_model(value)


def test_missing_key_explains_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(UserError, match="OPENAI_API_KEY") as info:
        api_key(parse_model("openai:gpt-4o-mini"))
    assert "--base-url" in str(info.value) and "--model offline" in str(info.value)


def test_local_server_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert api_key(parse_model("openai:llama", base_url="http://127.0.0.1:1/v1")) == LOCAL_KEY


def _status(code: int) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    return openai.APIStatusError("boom", response=httpx.Response(code, request=request), body=None)


@pytest.mark.parametrize("code", [429, 500, 503])
def test_retries_rate_limits_and_server_errors(code: int) -> None:
    calls: list[int] = []
    waits: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _status(code)
        return "ok"

    assert call_with_retries(flaky, retries=2, sleep=waits.append) == "ok"
    assert len(calls) == 3 and len(waits) == 2 and waits[1] > waits[0] * 0.5  # backoff grows


def test_does_not_retry_client_errors() -> None:
    calls: list[int] = []

    def bad_request() -> None:
        calls.append(1)
        raise _status(400)

    with pytest.raises(openai.APIStatusError):
        call_with_retries(bad_request, retries=3, sleep=lambda _: None)
    assert len(calls) == 1


def test_gives_up_after_the_last_retry() -> None:
    def down() -> None:
        raise openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1/v1"))

    with pytest.raises(openai.APIConnectionError):
        call_with_retries(down, retries=2, sleep=lambda _: None)


def test_cache_round_trip_and_key_sensitivity(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path)
    key = ModelCache.key("openai:m", {"temperature": 0.7}, [("user", "hi")], {"name": "x"})
    assert cache.get(key) is None
    cache.put(key, {"content": "{}", "usage": {"input_tokens": 3}})
    assert cache.get(key) == {"content": "{}", "usage": {"input_tokens": 3}}
    assert (cache.hits, cache.misses) == (1, 1)
    for other in (
        ModelCache.key("openai:n", {"temperature": 0.7}, [("user", "hi")], {"name": "x"}),
        ModelCache.key("openai:m", {"temperature": 0.2}, [("user", "hi")], {"name": "x"}),
        ModelCache.key("openai:m", {"temperature": 0.7}, [("user", "hi!")], {"name": "x"}),
        ModelCache.key("openai:m", {"temperature": 0.7}, [("user", "hi")], {"name": "y"}),
    ):
        assert other != key


def test_disabled_cache_never_reads(tmp_path: Path) -> None:
    ModelCache(tmp_path).put("k" * 64, {"content": "x"})
    assert ModelCache(tmp_path, enabled=False).get("k" * 64) is None


def test_schema_extras_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", '{"x-guidance": {"whitespace_flexible": false}}')
    spec = parse_model("openai:local", base_url="http://127.0.0.1:9/v1")
    assert spec.schema_extras == {"x-guidance": {"whitespace_flexible": False}}
    assert spec.params()["schema_extras"] == spec.schema_extras  # part of the cache key
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", "[1, 2]")
    with pytest.raises(UserError, match="must be a JSON object"):
        parse_model("openai:local")
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", "{nope")
    with pytest.raises(UserError, match="not JSON"):
        parse_model("openai:local")
