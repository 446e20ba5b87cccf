"""A misbehaving OpenAI-compatible endpoint on 127.0.0.1, for the fault tests.

It stands between the client and the real llama.cpp server. ``mode`` decides each reply:
``pass`` forwards to the real server; ``slow`` waits ``delay`` seconds first (past the client's timeout);
``junk`` answers at once with content that is not JSON; ``truncated`` answers with half a JSON object and
``finish_reason: length``; ``error`` answers HTTP 503. Requests are counted per mode.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse


class FaultProxy:
    def __init__(self, upstream: str, mode: str = "pass", delay: float = 5.0) -> None:
        self.upstream = urlparse(upstream)
        self.mode = mode
        self.delay = delay
        self.requests: dict[str, int] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._relay("GET", b"")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                mode = proxy.mode
                proxy.requests[mode] = proxy.requests.get(mode, 0) + 1
                if mode == "slow":
                    time.sleep(proxy.delay)
                if mode == "error":
                    return self._send(503, {"error": {"message": "overloaded"}})
                if mode in ("junk", "truncated"):
                    return self._send(200, _completion(json.loads(body), mode))
                self._relay("POST", body)

            def _relay(self, method: str, body: bytes) -> None:
                up = proxy.upstream
                conn = http.client.HTTPConnection(up.hostname or "127.0.0.1", up.port, timeout=600)
                try:
                    conn.request(method, self.path, body=body, headers={"Content-Type": "application/json"})
                    reply = conn.getresponse()
                    data = reply.read()
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.getheader("Content-Type", "application/json"))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    conn.close()

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def __enter__(self) -> FaultProxy:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _completion(body: dict[str, Any], mode: str) -> dict[str, Any]:
    content = "Sure! Here is your draft: {subject: oops" if mode == "junk" else '{"subject": "How did we do'
    return {
        "id": "fault",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fault"),
        "choices": [
            {
                "index": 0,
                "finish_reason": "length" if mode == "truncated" else "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
    }
