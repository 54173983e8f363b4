"""Shared fixtures: clients pointed at loopback, documented examples served by aioresponses."""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp import ClientResponse
from aioresponses import aioresponses

from activenet_async import ActiveNet, RetryPolicy

EXAMPLES = Path(__file__).parent / "examples"
BASE = "http://127.0.0.1:9"


def example(name: str) -> bytes:
    """The documented example response of operation ``name`` (file stem in tests/examples)."""
    return (EXAMPLES / f"{name}.json").read_bytes()



@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as m:
        yield m


@pytest.fixture
async def anet() -> AsyncIterator[ActiveNet]:
    """A client of org ``orgtest`` on an unreachable loopback port (for aioresponses), with
    fast retries and a generous rate limit."""
    async with ActiveNet(org="orgtest", api_key="k3y", shared_secret="s3cret",
                         write_api_key="wk3y", write_shared_secret="ws3cret", base_url=BASE,
                         rate_limit=1000, retry=RetryPolicy(backoff=0.001, backoff_max=0.01)
                         ) as client:
        yield client


class _Response(ClientResponse):
    """aioresponses 0.7.9 predates aiohttp 3.14's required ``stream_writer`` argument
    (pnuckowski/aioresponses#289); supply the one attribute aiohttp reads from it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "stream_writer" in inspect.signature(ClientResponse.__init__).parameters:
            kwargs.setdefault("stream_writer", SimpleNamespace(output_size=0))
        super().__init__(*args, **kwargs)


def serve(mocked: aioresponses, path: str, body: bytes, *, method: str = "GET",
          status: int = 200, content_type: str = "application/json;charset=UTF-8",
          repeat: bool = True) -> None:
    """Answer every ``method`` request whose URL path ends with ``path`` with ``body``."""
    pattern = re.compile(re.escape(BASE) + r"/[^?]*" + re.escape(path) + r"(\?.*)?$")
    mocked.add(pattern, method=method, status=status, body=body,
               content_type=content_type.split(";")[0], repeat=repeat,
               headers={"Content-Type": content_type}, response_class=_Response)


def sent(mocked: aioresponses) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, url, kwargs) of every request aioresponses saw, in order."""
    out = []
    for (method, url), calls in mocked.requests.items():
        for call in calls:
            out.append((method, str(url), call.kwargs))
    return out


def no_lenient_warnings() -> warnings.catch_warnings[list[warnings.WarningMessage]]:
    """A context that records warnings (check it holds no LenientValueWarning)."""
    ctx = warnings.catch_warnings(record=True)
    return ctx
