"""Loaded by the app subprocess in the browser tests (PYTHONPATH): refuses and records any connection that is
not to loopback, so a test can assert the app made no outside connections."""

from __future__ import annotations

import ipaddress
import os
import socket

_connect = socket.socket.connect
_LOG = os.environ.get("CVJ_NET_LOG")


def _guarded(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = str(address[0])
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            if _LOG:
                with open(_LOG, "a", encoding="utf-8") as fh:
                    fh.write(f"{host}:{address[1]}\n")
            raise ConnectionRefusedError(f"outside connection refused: {host}")
    return _connect(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded  # type: ignore[method-assign,assignment]
