"""The OpenAI Batch API through the official SDK: upload a JSONL of requests, create a batch, poll it, and
read its output and error files into one answer per ``custom_id``.

Result lines come in three shapes (OpenAI's ``BatchRequestOutput``): a 200 response with a chat completion,
a response with another HTTP status and the API's error body, or ``response: null`` with an ``error`` (e.g.
``batch_expired``). Both files are read in every terminal state: an expired or cancelled batch still has
the results of the requests it finished.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from planner.engines._replay import Answer
from planner.errors import UserError
from planner.llm import ModelSpec, api_key

TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
ENDPOINT = "/v1/chat/completions"


@dataclass(frozen=True)
class BatchInfo:
    id: str
    status: str
    done: int
    output_file_id: str | None
    error_file_id: str | None
    error: str | None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL


class BatchApi:
    def __init__(self, spec: ModelSpec) -> None:
        import openai

        self.where = spec.base_url or "the OpenAI API"
        # The SDK retries rate limits, 5xx and dropped connections itself (with backoff) on these calls.
        self.client = openai.OpenAI(api_key=api_key(spec), base_url=spec.base_url, timeout=120, max_retries=3)

    def submit(self, bodies: dict[str, dict[str, Any]], metadata: dict[str, str]) -> str:
        """Upload the requests and create their batch; its id."""
        lines = [
            json.dumps({"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": b}, ensure_ascii=False)
            for cid, b in bodies.items()
        ]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with self._errors():
            upload = self.client.files.create(file=("cvj-batch.jsonl", io.BytesIO(data)), purpose="batch")
            batch = self.client.batches.create(
                input_file_id=upload.id,
                endpoint="/v1/chat/completions",
                completion_window="24h",
                metadata=metadata,
            )
        return batch.id

    def info(self, batch_id: str) -> BatchInfo:
        import openai

        try:
            with self._errors():
                b = self.client.batches.retrieve(batch_id)
        except openai.NotFoundError:
            gone = f"the provider no longer knows batch {batch_id}"
            return BatchInfo(batch_id, "failed", 0, None, None, gone)
        counts = b.request_counts
        done = (counts.completed + counts.failed) if counts else 0
        errors = b.errors.data if b.errors and b.errors.data else []
        error = "; ".join(f"{e.code}: {e.message}" for e in errors) or None
        return BatchInfo(b.id, str(b.status), done, b.output_file_id, b.error_file_id, error)

    def results(self, info: BatchInfo) -> dict[str, Answer]:
        """Every answered request of a terminal batch (the output file, then the error file)."""
        answers: dict[str, Answer] = {}
        for file_id in (info.output_file_id, info.error_file_id):
            if file_id:
                with self._errors():
                    text = self.client.files.content(file_id).text
                answers.update(parse_results(text))
        return answers

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """The SDK's connection and key errors as one message with the fix; other API errors pass through."""
        import openai

        try:
            yield
        except openai.AuthenticationError:
            raise UserError(f"{self.where} rejected the API key — check OPENAI_API_KEY") from None
        except (openai.APIConnectionError, openai.APITimeoutError):
            raise UserError(
                f"cannot reach the Batch API at {self.where} — check the network and --base-url; the drafts "
                "written so far are safe and batches already submitted keep running: re-run with --resume "
                "to collect them"
            ) from None


def parse_results(text: str) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for line in text.splitlines():
        try:
            row = json.loads(line)
            cid = str(row["custom_id"])
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # an unreadable line leaves its request unanswered: it fails with the batch's status
        answers[cid] = _answer(row)
    return answers


def _answer(row: dict[str, Any]) -> Answer:
    error, response = row.get("error"), row.get("response")
    if error:
        return {"error": f"{error.get('code') or 'error'}: {error.get('message') or 'no message'}"}
    if not isinstance(response, dict):
        return {"error": "the result line has neither a response nor an error"}
    body = response.get("body") or {}
    if response.get("status_code") != 200:
        message = (body.get("error") or {}).get("message", "") if isinstance(body, dict) else str(body)
        return {"error": f"HTTP {response.get('status_code')}: {message or 'no message'}"}
    try:
        content = body["choices"][0]["message"]["content"] or ""
    except (KeyError, IndexError, TypeError):
        return {"error": "the response has no message content"}
    usage = body.get("usage") or {}
    tokens = {
        "input_tokens": int(usage.get("prompt_tokens", 0)),
        "output_tokens": int(usage.get("completion_tokens", 0)),
    }
    return {"content": content, "usage": tokens}
