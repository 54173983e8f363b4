"""Stopping a walk early leaves nothing behind: no SDK task running, no connection held.

Each test stops a concurrent walk a different way (break, task.cancel(), a timeout around the
walk, an exception in the consumer) at points chosen by hypothesis, then checks the event loop's
tasks and the connector's pool."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activenet_async import ActiveNet, RetryPolicy
from activenet_async.testing import FakeActiveNet

_SETTINGS = settings(max_examples=12, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet(latency=0.002) as server:
        server.records("insights.memberships")
        yield server


def sdk_tasks() -> list[asyncio.Task[object]]:
    """Tasks the SDK started (page fetches) that are still running."""
    me = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t is not me and not t.done()
            and "fetch" in repr(t.get_coro())]


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def held_connections(anet: ActiveNet) -> int:
    session = anet.session
    if session is None:
        return 0
    connector = session.connector
    assert connector is not None
    return sum(len(v) for v in connector._acquired_per_host.values())


def walk(anet: ActiveNet) -> object:
    return anet.insights.get_memberships(modified_date_from=date(2023, 1, 1),
                                         modified_date_to=date(2025, 12, 31), page_size=7)


@given(stop_after=st.integers(min_value=0, max_value=400))
@_SETTINGS
async def test_break_out_of_async_for(fake: FakeActiveNet, stop_after: int) -> None:
    """Catches: in-flight prefetches left running (and holding connections) after `break`."""
    async with fake.client(concurrency=8) as anet:
        n = 0
        async for _ in walk(anet):  # type: ignore[attr-defined]
            n += 1
            if n > stop_after:
                break
        await settle()
        assert sdk_tasks() == []
        assert held_connections(anet) == 0


@given(delay=st.floats(min_value=0.0, max_value=0.05))
@_SETTINGS
async def test_cancel_the_consuming_task(fake: FakeActiveNet, delay: float) -> None:
    """Catches: cancelling the consumer orphaning its page fetches."""
    async with fake.client(concurrency=8) as anet:
        async def consume() -> int:
            return len([r async for r in walk(anet)])  # type: ignore[attr-defined]

        task = asyncio.create_task(consume())
        await asyncio.sleep(delay)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await settle()
        assert sdk_tasks() == []
        assert held_connections(anet) == 0


@given(limit=st.floats(min_value=0.001, max_value=0.05))
@_SETTINGS
async def test_timeout_around_the_walk(fake: FakeActiveNet, limit: float) -> None:
    """Catches: asyncio.timeout() interrupting a walk without stopping its fetches."""
    async with fake.client(concurrency=8) as anet:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(limit):
                async for _ in walk(anet):  # type: ignore[attr-defined]
                    await asyncio.sleep(0.001)
        await settle()
        assert sdk_tasks() == []
        assert held_connections(anet) == 0


@given(fail_at=st.integers(min_value=0, max_value=300))
@_SETTINGS
async def test_exception_in_the_consumer(fake: FakeActiveNet, fail_at: int) -> None:
    """Catches: an exception in the loop body leaving the walk's tasks behind."""
    async with fake.client(concurrency=8) as anet:
        with pytest.raises(ZeroDivisionError):
            n = 0
            async for _ in walk(anet):  # type: ignore[attr-defined]
                n += 1
                if n > fail_at:
                    raise ZeroDivisionError
        await settle()
        assert sdk_tasks() == []
        assert held_connections(anet) == 0


async def test_error_mid_walk_cancels_siblings(fake: FakeActiveNet) -> None:
    """Catches: a page failing for good while sibling pages keep running."""
    fake.inject("quota", op="insights.memberships", skip=5)
    async with fake.client(retry=RetryPolicy(backoff=0.001)) as anet:
        from activenet_async import QuotaExceededError

        with pytest.raises(QuotaExceededError) as info:
            async for _ in walk(anet):  # type: ignore[attr-defined]
                pass
        assert "window" in info.value.context and "page" in info.value.context
        await settle()
        assert sdk_tasks() == []
        assert held_connections(anet) == 0
