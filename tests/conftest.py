"""Shared fixtures. Every test runs with the network fenced to loopback: a connection anywhere else fails."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "profiles"
PAWS = EXAMPLES / "paws-and-suds.yaml"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {host!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def loopback_only() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign,assignment]
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.pop("OPENAI_API_KEY", None)
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def paws():  # type: ignore[no-untyped-def]
    from planner.profile import load_profile

    return load_profile(PAWS)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real on-disk Chroma store with the guides and the paws profile, shared by the session."""
    from planner.guidance import ingest
    from planner.profile import load_profile
    from planner.store import Store

    s = Store(tmp_path_factory.mktemp("store"))
    ingest(s, load_profile(PAWS))
    return s


@pytest.fixture()
def cvj_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cvj-home"
    monkeypatch.setenv("CVJ_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def llm_server():  # type: ignore[no-untyped-def]
    """One real llama.cpp server (Gemma-3-270M, 8 slots) on a free loopback port for the whole session."""
    pytest.importorskip("xllamacpp", reason="the 'llm' extra is not installed (make test installs it)")
    from tests.llm_server import LlamaServer, model_path

    server = LlamaServer(model_path(), parallel=8, ctx_size=32768, threads=2, extra={"kv_unified": True})
    server.start(timeout=300)
    yield server
    server.stop()


def cvj(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `cvj` CLI in a subprocess with its own store and no API key."""
    env = {**os.environ, "CVJ_HOME": str(home)}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


# The copy-quality checks the offline composer fails today (bench/COPY-FIRST-CONTACT.md): its rewrite, on
# another branch, is meant to pass them. Tests that assert composer drafts pass their checks tolerate exactly
# these, so every other check still holds them to account. Empty it when the rewrite lands.
COMPOSER_PENDING: frozenset[str] = frozenset()


def _check_id(failure: Any) -> str:
    return str(failure["check"] if isinstance(failure, dict) else failure.check)


def beyond_pending(failures: Any) -> list[Any]:
    """The failures (Failure objects or drafts.jsonl dicts) a composer draft may not have, today."""
    return [f for f in failures if _check_id(f) not in COMPOSER_PENDING]


def composer_passes(draft: Any) -> bool:
    """A composer draft (a DraftRecord or a drafts.jsonl object) passes all but the pending checks."""
    failures = draft["checks"]["failures"] if isinstance(draft, dict) else draft.failures
    return not beyond_pending(failures)


def campaign_exit_ok(result: subprocess.CompletedProcess[str], drafts: Path) -> bool:
    """`cvj campaign` exits 0, or 1 only because composer drafts (``drafts``: its drafts.jsonl) fail a
    pending check."""
    if result.returncode != 1:
        return result.returncode == 0
    import json

    rows = [json.loads(line) for line in drafts.read_text(encoding="utf-8").splitlines() if line.strip()]
    return bool(rows) and all(composer_passes(row) for row in rows)
