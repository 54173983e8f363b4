"""uvicorn entry for tests/test_fastapi_example.py: the example app unchanged, plus a report
after its lifespan ends of whether the app's client was really closed (a leak at process exit
is otherwise invisible: the OS closes the sockets)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import fastapi_app  # on the path through uvicorn's --app-dir examples

_inner = fastapi_app.app.router.lifespan_context


@asynccontextmanager
async def _checked(app: Any) -> AsyncIterator[Any]:
    async with _inner(app) as state:
        yield state
    session = app.state.anet.session
    closed = session is None or session.closed
    print("client closed" if closed else "CLIENT LEFT OPEN", file=sys.stderr, flush=True)


fastapi_app.app.router.lifespan_context = _checked
app = fastapi_app.app
