"""CVJ_CHROMA_URL: a team's shared Chroma server (a real `chroma run` on a free loopback port)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.stages import Stage
from tests.conftest import PAWS, campaign_exit_ok, cvj
from tests.llm_server import free_port


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert binary, "the chroma CLI comes with the chromadb package"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("chroma run did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _cvj(url: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    os.environ["CVJ_CHROMA_URL"] = url
    try:
        return cvj(*args, home=home)
    finally:
        del os.environ["CVJ_CHROMA_URL"]


def test_ingest_retrieve_and_campaign_on_the_server(
    chroma_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    ingest = _cvj(chroma_url, home, "ingest", "--business", str(PAWS))
    assert ingest.returncode == 0, ingest.stderr
    assert not (home / "chroma").exists()  # nothing went to the embedded store
    monkeypatch.setenv("CVJ_CHROMA_URL", chroma_url)
    from planner.store import Store

    store = Store()
    assert store.count() > 40
    hits = store.guidance(Stage.advocate, "ask for an honest review", k=3)
    assert hits and all(h.metadata["stage"] == "advocate" for h in hits)
    out = tmp_path / "out"
    result = _cvj(chroma_url, home, "campaign", "--business", str(PAWS), "--out", str(out))
    assert campaign_exit_ok(result, out / "drafts.jsonl"), result.stdout + result.stderr
    drafts = [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]
    assert len(drafts) == 16 and all(d["sources"] for d in drafts)


def test_a_second_client_sees_the_same_store(chroma_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVJ_CHROMA_URL", chroma_url)
    import chromadb

    port = int(chroma_url.rsplit(":", 1)[1])
    names = [c.name for c in chromadb.HttpClient(host="127.0.0.1", port=port).list_collections()]
    assert {"cvj_guide_aware", "cvj_guide_promote", "cvj_business_paws-suds-grooming"} <= set(names)


def test_unreachable_server_is_one_clear_message(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = _cvj(url, tmp_path / "home", "ingest", "--business", str(PAWS))
    assert result.returncode == 2
    assert f"CVJ_CHROMA_URL={url}: cannot reach a Chroma server" in result.stderr
    assert "Traceback" not in result.stderr
