"""Debian's ``redis-server`` on a free loopback port, for the Celery engine's tests and benchmark.

No persistence (``--save '' --appendonly no``): a stopped server loses its queue, as a crashed one without
an append-only file would. ``stop()`` and ``start()`` again reuse the port, so workers and the coordinator
keep their ``CVJ_BROKER_URL``.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.llm_server import free_port, port_is_open

REDIS = Path("/usr/bin/redis-server")


class RedisServer:
    def __init__(self, workdir: Path, port: int | None = None) -> None:
        self.workdir = workdir
        self.port = port or free_port()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 20) -> None:
        if not REDIS.exists():
            raise RuntimeError(
                "Debian's redis-server is missing: `make test` installs it (apt-get install redis-server)"
            )
        self.workdir.mkdir(parents=True, exist_ok=True)
        args = [
            str(REDIS),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.workdir),
            "--maxmemory-policy",
            "noeviction",
        ]
        log = (self.workdir / "redis.log").open("ab")
        self._proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not port_is_open(self.port):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: {(self.workdir / 'redis.log').read_text()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM by pid (a clean stop: no data kept), and wait."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            self._proc.wait(10)
        self._proc = None

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
