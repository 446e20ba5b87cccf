"""A loopback stand-in for OpenAI's Files and Batches endpoints, for tests and the benchmark (never shipped).

It speaks the request and response shapes of OpenAI's documentation that the official ``openai`` SDK uses:
``POST /v1/files`` (multipart), ``GET /v1/files/{id}`` and ``/content``, ``POST /v1/batches``,
``GET /v1/batches/{id}``, ``POST /v1/batches/{id}/cancel``, ``GET /v1/batches`` and ``GET /v1/models``. A
batch moves validating → in_progress → finalizing → completed while a pool of threads answers its lines;
result lines are OpenAI's ``BatchRequestOutput`` (``custom_id``, ``response`` {status_code, body} or
``error`` {code, message}) in an output file and an error file.

Each request's ``body`` is answered by ``answer`` — in the end-to-end tests a real llama.cpp server
(``llama_answer``), in the quick tests schema-valid copy from the offline composer (``composer_answer``).
Knobs for fault tests: ``expire`` (custom_id substrings answered with ``batch_expired``), ``fail_next``
(batches that fail validation), ``hold`` (batches stay in progress until released).
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[dict[str, Any]], dict[str, Any]]  # request body → chat.completion body
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class UpstreamError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status, self.body = status, body


def llama_answer(base_url: str, timeout: float = 900) -> Answer:
    """Answer each request by sending its body to a real OpenAI-compatible server (llama.cpp in tests)."""

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{base_url}/chat/completions",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                result: dict[str, Any] = json.loads(response.read())
                return result
        except urllib.error.HTTPError as exc:
            raise UpstreamError(
                exc.code, {"error": {"message": exc.read().decode(errors="replace")}}
            ) from None

    return answer


def composer_answer(profiles: list[Any]) -> Answer:
    """Schema-valid copy from the offline composer for the business the prompt names (quick tests only)."""
    from planner.compose import compose

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        prompt = "\n".join(str(m["content"]) for m in body["messages"])
        profile = next((p for p in profiles if p.business.name in prompt), profiles[0])
        asset_type = body["response_format"]["json_schema"]["name"]
        content = compose(profile, asset_type).asset.model_dump_json()
        return completion(body, content)

    return answer


def completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    prompt = sum(len(str(m.get("content", ""))) for m in body["messages"]) // 4
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:8]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "stand-in"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": prompt, "completion_tokens": len(content) // 4},
    }


def _now() -> int:
    return int(time.time())


class BatchApiServer:
    def __init__(self, answer: Answer, workers: int = 4) -> None:
        self.answer = answer
        self.expire: set[str] = set()
        self.fail_next = 0
        self.hold = threading.Event()  # set: batches wait in progress until cleared
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.asked: Counter[str] = Counter()  # custom_id → times it arrived in an uploaded batch
        self._pool = ThreadPoolExecutor(max_workers=workers)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> BatchApiServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.hold.clear()
        self._server.shutdown()
        self._server.server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- files and batches

    def _file(self, data: bytes, filename: str, purpose: str) -> dict[str, Any]:
        fid = f"file-{uuid.uuid4().hex[:24]}"
        meta = {
            "id": fid,
            "object": "file",
            "bytes": len(data),
            "created_at": _now(),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "status_details": None,
            "expires_at": None,
        }
        with self._lock:
            self.files[fid] = {**meta, "data": data}
        return meta

    def _create(self, req: dict[str, Any]) -> dict[str, Any]:
        bid = f"batch_{uuid.uuid4().hex[:24]}"
        batch = {
            "id": bid,
            "object": "batch",
            "endpoint": req["endpoint"],
            "errors": None,
            "input_file_id": req["input_file_id"],
            "completion_window": req["completion_window"],
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": _now(),
            "in_progress_at": None,
            "expires_at": _now() + 86400,
            "finalizing_at": None,
            "completed_at": None,
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": None,
            "cancelled_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": req.get("metadata"),
        }
        lines = [json.loads(x) for x in self.files[req["input_file_id"]]["data"].decode().splitlines() if x]
        with self._lock:
            self.batches[bid] = batch
            self.asked.update(line["custom_id"] for line in lines)
            failing = self.fail_next > 0
            self.fail_next -= failing
        if failing:
            error = {"code": "token_limit_exceeded", "message": "Enqueued token limit reached", "line": None}
            batch.update(status="failed", failed_at=_now(), errors={"object": "list", "data": [error]})
        else:
            threading.Thread(target=self._run, args=(batch, lines), daemon=True).start()
        return batch

    def _run(self, batch: dict[str, Any], lines: list[dict[str, Any]]) -> None:
        batch.update(status="in_progress", in_progress_at=_now())
        batch["request_counts"]["total"] = len(lines)
        results = list(self._pool.map(lambda line: self._one(batch, line), lines))
        while self.hold.is_set():
            time.sleep(0.05)
        batch.update(status="finalizing", finalizing_at=_now())
        good = [r for r in results if r["error"] is None]
        bad = [r for r in results if r["error"] is not None]
        for key, rows in (("output_file_id", good), ("error_file_id", bad)):
            if rows:
                data = "".join(json.dumps(r) + "\n" for r in rows).encode()
                batch[key] = self._file(data, "batch_output.jsonl", "batch_output")["id"]
        batch.update(status="completed", completed_at=_now())

    def _one(self, batch: dict[str, Any], line: dict[str, Any]) -> dict[str, Any]:
        cid, rid = line["custom_id"], f"batch_req_{uuid.uuid4().hex[:12]}"
        row: dict[str, Any] = {"id": rid, "custom_id": cid, "response": None, "error": None}
        if any(part in cid for part in self.expire):
            message = "This request could not be executed before the completion window expired."
            row["error"] = {"code": "batch_expired", "message": message}
        else:
            try:
                row["response"] = {"status_code": 200, "request_id": rid, "body": self.answer(line["body"])}
            except UpstreamError as exc:
                row["response"] = {"status_code": exc.status, "request_id": rid, "body": exc.body}
        counts = batch["request_counts"]
        with self._lock:
            ok = row["response"] is not None and row["response"]["status_code"] == 200
            counts["completed" if ok else "failed"] += 1
        return row

    # -- HTTP

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, code: int, obj: Any = None, raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(obj).encode()
                self.send_response(code)
                ctype = "application/octet-stream" if raw is not None else "application/json"
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _missing(self) -> None:
                error = {"message": f"no such object: {self.path}", "type": "invalid_request_error"}
                self._send(404, {"error": {**error, "param": None, "code": None}})

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/v1/models":
                    return self._send(
                        200, {"object": "list", "data": [{"id": "stand-in", "object": "model"}]}
                    )
                if path == "/v1/batches":
                    data = list(owner.batches.values())
                    return self._send(200, {"object": "list", "data": data, "has_more": False})
                if m := re.fullmatch(r"/v1/batches/([^/]+)", path):
                    batch = owner.batches.get(m.group(1))
                    return self._send(200, batch) if batch else self._missing()
                if m := re.fullmatch(r"/v1/files/([^/]+)(/content)?", path):
                    f = owner.files.get(m.group(1))
                    if not f:
                        return self._missing()
                    if m.group(2):
                        return self._send(200, raw=f["data"])
                    return self._send(200, {k: v for k, v in f.items() if k != "data"})
                self._missing()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/v1/files":
                    header = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                    message = BytesParser(policy=email_policy).parsebytes(header + body)
                    parts = {
                        p.get_param("name", header="content-disposition"): p for p in message.iter_parts()
                    }
                    data = parts["file"].get_payload(decode=True)
                    purpose = parts["purpose"].get_payload(decode=True)
                    assert isinstance(data, bytes) and isinstance(purpose, bytes)
                    name = parts["file"].get_filename() or "upload.jsonl"
                    return self._send(200, owner._file(data, name, purpose.decode()))
                if self.path == "/v1/batches":
                    return self._send(200, owner._create(json.loads(body)))
                if m := re.fullmatch(r"/v1/batches/([^/]+)/cancel", self.path):
                    batch = owner.batches.get(m.group(1))
                    if not batch:
                        return self._missing()
                    batch.update(status="cancelling", cancelling_at=_now())
                    return self._send(200, batch)
                self._missing()

        return Handler
