"""A FastAPI backend on activenet_async: one client per app, the shared rate-limit store, a
per-call timeout.

Every worker process builds ONE ``ActiveNet`` in the app's lifespan (its connection pool and
limiter then serve every request of that worker) and closes it on shutdown. With several
workers, ``ACTIVENET_RATE_LIMIT_STORE`` (Redis) makes the key's limit hold across all of them;
without it each worker would spend the key's whole rate. Each call is bounded by
``ACTIVENET_CALL_TIMEOUT`` seconds: a request waiting its turn under the rate limit answers 504
rather than piling up.

    export ACTIVENET_ORG=... ACTIVENET_API_KEY=... ACTIVENET_SHARED_SECRET=...
    export ACTIVENET_RATE_LIMIT_STORE=redis://127.0.0.1:6379/0
    uvicorn --app-dir examples fastapi_app:app --workers 4
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from fastapi import FastAPI, HTTPException, Request

from activenet_async import ActiveNet, ActiveNetError, RateLimitStoreError

CALL_TIMEOUT = float(os.environ.get("ACTIVENET_CALL_TIMEOUT", "10"))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One client for the life of the worker; closed (connections, store) on shutdown."""
    env = os.environ
    options: dict[str, Any] = {}
    if env.get("ACTIVENET_BASE_URL"):
        options["base_url"] = env["ACTIVENET_BASE_URL"]
    async with ActiveNet(org=env["ACTIVENET_ORG"], api_key=env["ACTIVENET_API_KEY"],
                         shared_secret=env.get("ACTIVENET_SHARED_SECRET") or None,
                         rate_limit=float(env.get("ACTIVENET_RATE_LIMIT", "2")),
                         rate_limit_store=env.get("ACTIVENET_RATE_LIMIT_STORE") or None,
                         **options) as anet:
        app.state.anet = anet
        yield


app = FastAPI(lifespan=lifespan)


async def call(request: Request, make: Any) -> Any:
    """Run one SDK call under the per-call timeout; map failures to HTTP answers."""
    anet: ActiveNet = request.app.state.anet
    try:
        async with asyncio.timeout(CALL_TIMEOUT):
            return await make(anet)
    except TimeoutError:
        raise HTTPException(504, "ACTIVE Net did not answer in time") from None
    except RateLimitStoreError:
        raise HTTPException(503, "the rate-limit store is unavailable") from None
    except ActiveNetError as exc:  # the message never carries the key or the signature
        raise HTTPException(502, str(exc)) from None


@app.get("/health")
async def health() -> dict[str, Any]:
    """Liveness, and which worker answered."""
    return {"ok": True, "pid": os.getpid()}


@app.get("/organization")
async def organization(request: Request) -> dict[str, Any]:
    """The organization's record (one API call)."""
    org = await call(request, lambda anet: anet.get_organization())
    return {"pid": os.getpid(), "organization": msgspec.to_builtins(org)}


@app.get("/sites")
async def sites(request: Request) -> list[Any]:
    """Every site (a paged walk)."""
    found = await call(request, lambda anet: anet.get_sites().collect())
    return list(msgspec.to_builtins(found))
