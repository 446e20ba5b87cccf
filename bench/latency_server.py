"""A latency-bound OpenAI-compatible server on 127.0.0.1, for measuring the chains' concurrency alone.

The llama.cpp server in bench/llm.py shares the machine's two cores between its slots, so eight calls in
flight take about as long as eight calls in a row: that measures the CPU, not our plumbing. A hosted API is
the opposite — each call mostly waits on the network — and this server behaves like one: every
``/v1/chat/completions`` answer waits a fixed delay, using no CPU, then returns a schema-valid asset (drafted
by the offline composer for the asset type named in the request's ``response_format``) with token usage.
It is a benchmark instrument, not a test double: tests use the real llama.cpp server.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class LatencyServer:
    def __init__(self, delay_s: float, profile_path: Path) -> None:
        from planner.profile import load_profile

        self.delay_s = delay_s
        self.profile = load_profile(profile_path)
        self.requests = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._send({"object": "list", "data": [{"id": "latency", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with owner._lock:
                    owner.requests += 1
                time.sleep(owner.delay_s)
                self._send(owner.completion(body))

            def _send(self, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        from planner.compose import compose

        asset_type = body["response_format"]["json_schema"]["name"]
        content = compose(self.profile, asset_type).asset.model_dump_json()
        prompt_tokens = sum(len(str(m.get("content", ""))) for m in body["messages"]) // 4
        completion_tokens = len(content) // 4
        return {
            "id": f"cmpl-{self.requests}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "latency"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def __enter__(self) -> LatencyServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
