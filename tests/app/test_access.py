"""CVJ_AUTH parsing, the slowed wrong password and the routes that need a log-in (issue 13, item 6).

The browser suite checks the same against the running app; these run in-process on a bare Starlette app."""

from __future__ import annotations

import asyncio
import time

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from planner.app import _access
from planner.app._access import Guard, credentials
from planner.errors import UserError


@pytest.mark.parametrize("raw", ["marketer", "marketer:", ":secret", " :secret"])
def test_auth_without_user_or_password_is_refused_with_the_fix(raw: str) -> None:
    with pytest.raises(UserError, match="CVJ_AUTH must be user:password"):
        credentials(raw)


def test_auth_parses_and_allows_colons_in_the_password() -> None:
    assert credentials(None) is None and credentials("") is None
    assert credentials("marketer:a:b:c") == ("marketer", "a:b:c")


def test_wrong_guesses_wait_in_line_and_the_right_one_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_access, "WRONG_PASSWORD_DELAY", 0.2)
    guard = Guard(("marketer", "s3cret"))

    async def guesses() -> list[bool]:
        return list(await asyncio.gather(*(guard.check("marketer", f"guess{n}") for n in range(5))))

    start = time.perf_counter()
    assert asyncio.run(guesses()) == [False] * 5
    assert time.perf_counter() - start >= 1.0  # five at 0.2 s, one at a time
    start = time.perf_counter()
    assert asyncio.run(guard.check("marketer", "s3cret")) is True
    assert asyncio.run(guard.check("Marketer", "s3cret")) is False
    assert time.perf_counter() - start < 0.5


def _app(guard: Guard) -> Starlette:
    def ok(_: object) -> PlainTextResponse:
        return PlainTextResponse("ok")

    routes = [
        Route(p, ok, methods=["GET", "POST"]) for p in ("/", "/gradio_api/cancel", "/gradio_api/login_check")
    ]
    app = Starlette(routes=routes, middleware=guard.middleware())
    app.cookie_id = "abc"  # type: ignore[attr-defined]  # what Gradio's App carries
    app.tokens = {"good-token": "marketer"}  # type: ignore[attr-defined]
    return app


def test_api_routes_need_a_session_token_but_the_login_page_does_not() -> None:
    client = TestClient(_app(Guard(("marketer", "s3cret"))))
    assert client.post("/gradio_api/cancel").status_code == 401
    assert client.get("/gradio_api/login_check").status_code == 200
    assert client.get("/").status_code == 200
    client.cookies.set("access-token-abc", "forged")
    assert client.post("/gradio_api/cancel").status_code == 401
    client.cookies.set("access-token-abc", "good-token")
    assert client.post("/gradio_api/cancel").status_code == 200


def test_without_auth_nothing_is_guarded() -> None:
    assert Guard(None).middleware() == []
