"""Start the app for real (`python app.py`) and drive it in Debian's chromium: shared by the browser tests.

Screenshots go to out/test-artifacts/ (or $CVJ_TEST_ARTIFACTS) so a failing run can be looked at.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.llm_server import free_port

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("CVJ_TEST_ARTIFACTS", ROOT / "out" / "test-artifacts"))


def start_app(home: Path, port: int, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """`python app.py` with its own store; tests/netguard refuses and logs any non-loopback connection."""
    env = {**os.environ, "CVJ_HOME": str(home), "CVJ_PORT": str(port), "CVJ_NET_LOG": str(home / "net.log")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests" / "netguard"), env.get("PYTHONPATH", "")])
    env.pop("OPENAI_API_KEY", None)
    env.pop("CVJ_MODEL", None)
    env.update(extra_env or {})
    return subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited early:\n{proc.stdout.read().decode() if proc.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@contextmanager
def running_app(home: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The app on a free loopback port, up and answering; its URL while the block runs, then stopped."""
    port = free_port()
    proc = start_app(home, port, extra_env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
