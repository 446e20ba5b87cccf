"""Who may use the app: CVJ_AUTH=user:password turns on Gradio's log-in page, and this module closes the gaps
Gradio leaves open.

- A CVJ_AUTH without a colon (or with an empty user or password) stops the app with the fix, rather than
  starting it with no log-in at all.
- Wrong passwords cost one second each, one at a time across all visitors, so guessing is slow (a right
  password is never delayed).
- A few Gradio API routes answer without a log-in (cancel, heartbeat, reset, streams); with log-in on, every
  ``/gradio_api/`` route except the ones the log-in page itself needs refuses a visitor without a session
  token. ``startup-events`` stays open: Gradio's launch calls it once, and after that it does nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from planner.errors import UserError

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

WRONG_PASSWORD_DELAY = 1.0  # seconds per failed log-in, serialised across every visitor
# What the log-in page calls before anyone has logged in; everything else under /gradio_api/ needs a token.
# startup-events stays open because Gradio's own launch calls it; after that first call it does nothing.
OPEN_ROUTES = frozenset({"login_check", "user", "token", "app_id", "theme.css", "startup-events"})


def credentials(raw: str | None) -> tuple[str, str] | None:
    """CVJ_AUTH as (user, password); None when unset. Anything else is refused with the fix."""
    if raw is None or raw == "":
        return None
    user, colon, password = raw.partition(":")
    if not colon or not user.strip() or not password:
        raise UserError(
            "CVJ_AUTH must be user:password (for example CVJ_AUTH=marketer:long-passphrase); "
            "it has no colon or an empty part, so the app would start without a log-in — fix it or unset it"
        )
    return user.strip(), password


class Guard:
    def __init__(self, login: tuple[str, str] | None) -> None:
        self.login = login
        self._failures = asyncio.Lock()

    async def check(self, user: str, password: str) -> bool:
        """Gradio's auth callable: constant-time compare; a wrong guess waits its turn and a second."""
        assert self.login is not None
        ok = hmac.compare_digest(user.encode(), self.login[0].encode())
        ok &= hmac.compare_digest(password.encode(), self.login[1].encode())
        if ok:
            return True
        async with self._failures:
            await asyncio.sleep(WRONG_PASSWORD_DELAY)
        return False

    def middleware(self) -> list[Any]:
        from starlette.middleware import Middleware

        return [Middleware(_RequireToken, guard=self)] if self.login else []


class _RequireToken:
    """Refuse ``/gradio_api/…`` (except the log-in page's routes) to a visitor with no session token."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self._closed(scope) and not _logged_in(scope):
            await _refuse(send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _closed(scope: Scope) -> bool:
        path: str = scope.get("path", "")
        if not path.startswith("/gradio_api/"):
            return False
        return path.removeprefix("/gradio_api/").strip("/") not in OPEN_ROUTES


def _logged_in(scope: Scope) -> bool:
    app = scope.get("app")
    cookie_id = getattr(app, "cookie_id", None)
    tokens = getattr(app, "tokens", {})
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar.load(value.decode("latin-1"))
    return any(
        (morsel := jar.get(f"{prefix}-{cookie_id}")) is not None and morsel.value in tokens
        for prefix in ("access-token", "access-token-unsecure")
    )


async def _refuse(send: Any) -> None:
    body = json.dumps({"detail": "Not authenticated — log in first"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})
