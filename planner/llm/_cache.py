"""An on-disk cache of model calls, keyed by model, parameters, output schema and the full rendered prompt.

Re-running an unchanged campaign or eval makes zero model calls. Entries are small JSON files written
atomically, so concurrent writers and a crash never leave a torn entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any


class ModelCache:
    def __init__(self, root: Path | None, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled and root is not None
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(
        model: str, params: dict[str, Any], messages: list[tuple[str, str]], schema: dict[str, Any]
    ) -> str:
        blob = json.dumps(
            {"model": model, "params": params, "messages": messages, "schema": schema},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            value: dict[str, Any] = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            with self._lock:
                self.misses += 1
            return None
        with self._lock:
            self.hits += 1
        return value

    def put(self, key: str, value: dict[str, Any]) -> None:
        if not self.enabled:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False)
        os.replace(tmp, path)
