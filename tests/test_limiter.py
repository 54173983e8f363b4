"""The per-key rate limiter (activenet_async._http.limiter), on a fake clock.

``asyncio.sleep`` inside the limiter module is replaced by a coroutine that advances the fake
clock by the requested delay and then yields to the loop, so the tests are exact and instant:
nothing here measures wall-clock speed.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import math
import uuid
from collections.abc import Awaitable, Callable

import pytest

from activenet_async._http import limiter as _limiter
from activenet_async._http.limiter import Permit, SlidingWindowLimiter, limiter_for_key

_real_sleep = asyncio.sleep


class FakeClock:
    """A monotonic clock that only moves when somebody sleeps (or the test says so)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, delay: float, result: object = None) -> object:
        self.sleeps.append(delay)
        if delay > 0:
            self.now += delay
        await _real_sleep(0)
        return result


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    c = FakeClock()
    monkeypatch.setattr(_limiter.asyncio, "sleep", c.sleep)  # type: ignore[attr-defined]
    return c


def most_in_window(times: list[float], width: float = 1.0) -> int:
    """The most times found in any closed interval ``[t, t + width]``."""
    ts = sorted(times)
    return max(bisect.bisect_right(ts, t + width) - i for i, t in enumerate(ts))


async def run_acquirers(lim: SlidingWindowLimiter, tasks: int, total: int,
                        after: Callable[[Permit], Awaitable[None]] | None = None
                        ) -> list[float]:
    """``tasks`` concurrent workers take ``total`` permits between them; their times."""
    times: list[float] = []
    remaining = [total]

    async def worker() -> None:
        while remaining[0] > 0:
            remaining[0] -= 1
            permit = await lim.acquire()
            times.append(permit.when)
            if after is not None:
                await after(permit)

    await asyncio.gather(*(worker() for _ in range(tasks)))
    assert len(times) == total
    return times


def achieved_rate(times: list[float]) -> float:
    ts = sorted(times)
    return (len(ts) - 1) / (ts[-1] - ts[0])


@pytest.mark.parametrize("rate", [2.0, 20.0, 1.0, 5.0])
async def test_never_exceeds_rate_and_keeps_up(clock: FakeClock, rate: float) -> None:
    """Would fail if the limiter ever let more than ``floor(rate)`` requests into some rolling
    second (the gateway answers 403 OVER_QPS), or if it wasted more than 5% of the allowed rate
    (a walk at 2/s would be needlessly slow)."""
    lim = SlidingWindowLimiter(rate, clock=clock)
    times = await run_acquirers(lim, tasks=4, total=200)
    assert most_in_window(times) <= math.floor(rate)
    assert achieved_rate(times) >= 0.95 * rate
    assert times == sorted(times)


async def test_many_acquirers_at_rate_20(clock: FakeClock) -> None:
    """Would fail if many concurrent tasks (64, as in the limiter measurements) could burst
    past 20 in a second, e.g. by each checking the log before any of them recorded its permit."""
    lim = SlidingWindowLimiter(20, clock=clock)
    times = await run_acquirers(lim, tasks=64, total=400)
    assert most_in_window(times) <= 20
    assert achieved_rate(times) >= 0.95 * 20


async def test_first_permits_are_immediate(clock: FakeClock) -> None:
    """Would fail if an idle limiter made the first ``rate`` requests wait (a cold start must
    not lose its budget)."""
    lim = SlidingWindowLimiter(2, clock=clock)
    t0 = clock.now
    a, b = await lim.acquire(), await lim.acquire()
    assert a.when == b.when == t0
    c = await lim.acquire()
    assert c.when > t0 + 1.0


async def test_rate_below_one_spaces_requests(clock: FakeClock) -> None:
    """Would fail if a rate of 0.5/s let two requests within 2 s of each other."""
    lim = SlidingWindowLimiter(0.5, clock=clock)
    times = await run_acquirers(lim, tasks=3, total=20)
    ts = sorted(times)
    assert all(b - a >= 2.0 for a, b in itertools.pairwise(ts))
    assert achieved_rate(times) >= 0.95 * 0.5


async def test_penalize_blocks_everybody(clock: FakeClock) -> None:
    """Would fail if a throttled answer's Retry-After did not hold back every waiter on the key
    for the whole penalty, counted from the moment of the penalty."""
    lim = SlidingWindowLimiter(20, clock=clock)
    await lim.acquire()
    clock.now += 0.3
    t_pen = clock.now
    lim.penalize(1.5)
    assert lim.throttled == 1
    times = await run_acquirers(lim, tasks=5, total=10)
    assert min(times) >= t_pen + 1.5
    assert most_in_window(times) <= 20


async def test_penalty_never_shortened(clock: FakeClock) -> None:
    """Would fail if a shorter later penalty cut short a longer one already in force, or a
    negative Retry-After moved anything."""
    lim = SlidingWindowLimiter(5, clock=clock)
    t0 = clock.now
    lim.penalize(3.0)
    lim.penalize(1.0)
    lim.penalize(-5.0)
    assert lim.throttled == 3
    assert (await lim.acquire()).when >= t0 + 3.0


async def test_mark_sent_pushes_following_permits(clock: FakeClock) -> None:
    """Would fail if the window were judged from grant times instead of real send times: a
    stall between acquire and send would then let the delayed requests and the next ones go
    out as a burst above the rate."""
    lim = SlidingWindowLimiter(2, clock=clock)
    t0 = clock.now
    p1, p2 = await lim.acquire(), await lim.acquire()
    # The loop stalls: the two requests really leave 0.5 s and 0.8 s later.
    p1.mark_sent(t0 + 0.5)
    p2.mark_sent(t0 + 0.8)
    p3 = await lim.acquire()
    p3.mark_sent(p3.when)
    p4 = await lim.acquire()
    sent = [t0 + 0.5, t0 + 0.8, p3.when, p4.when]
    assert p3.when >= t0 + 0.5 + 1.0
    assert p4.when >= t0 + 0.8 + 1.0
    assert most_in_window(sent) <= 2


async def test_stalled_sends_never_burst(clock: FakeClock) -> None:
    """Would fail if random stalls between acquire and send (marked with mark_sent) could put
    more than ``rate`` actual sends into some second."""
    lim = SlidingWindowLimiter(2, clock=clock)
    sent: list[float] = []
    stalls = iter([0.0, 0.7, 0.0, 0.3, 0.9, 0.0, 0.1, 0.6] * 10)

    async def stall_then_send(permit: Permit) -> None:
        clock.now += next(stalls)
        permit.mark_sent(clock.now)
        sent.append(clock.now)

    await run_acquirers(lim, tasks=3, total=60, after=stall_then_send)
    assert most_in_window(sent) <= 2


async def test_mark_sent_never_moves_a_permit_earlier(clock: FakeClock) -> None:
    """Would fail if a send time earlier than the grant (a bad clock reading) freed a slot
    early."""
    lim = SlidingWindowLimiter(1, clock=clock)
    t0 = clock.now
    p = await lim.acquire()
    p.mark_sent(t0 - 10)
    q = await lim.acquire()
    assert q.when >= t0 + 1.0


async def test_waiters_served_first_come_first_served(clock: FakeClock) -> None:
    """Would fail if waiters overtook each other (a task could starve behind later arrivals)."""
    lim = SlidingWindowLimiter(2, clock=clock)
    await lim.acquire()
    await lim.acquire()
    order: list[int] = []

    async def waiter(i: int) -> None:
        await lim.acquire()
        order.append(i)

    tasks = []
    for i in range(8):
        tasks.append(asyncio.create_task(waiter(i)))
        await _real_sleep(0)  # task i is queued before task i+1 exists
    await asyncio.gather(*tasks)
    assert order == list(range(8))


async def test_rate_change_takes_effect(clock: FakeClock) -> None:
    """Would fail if lowering the rate of a live limiter did not slow the next requests."""
    lim = SlidingWindowLimiter(20, clock=clock)
    await run_acquirers(lim, tasks=2, total=20)
    lim.rate = 1
    clock.now += 5
    times = await run_acquirers(lim, tasks=2, total=6)
    assert most_in_window(times) <= 1


@pytest.mark.parametrize("rate", [0, -1, -0.5, math.inf, -math.inf, math.nan])
def test_invalid_rate_raises(rate: float) -> None:
    """Would fail if a rate that is not a positive finite number were accepted (it would
    either never let a request go or never hold one back)."""
    with pytest.raises(ValueError):
        SlidingWindowLimiter(rate)
    lim = SlidingWindowLimiter(2)
    with pytest.raises(ValueError):
        lim.rate = rate
    assert lim.rate == 2


def unique_key() -> str:
    return f"key-{uuid.uuid4().hex}"


async def test_limiter_for_key_is_shared_per_key() -> None:
    """Would fail if two clients of one key in one loop had separate budgets (together they
    would exceed the key's rate), or if different keys shared one budget."""
    k1, k2 = unique_key(), unique_key()
    a = limiter_for_key(k1, 2.0)
    assert limiter_for_key(k1, 2.0) is a
    b = limiter_for_key(k2, 2.0)
    assert b is not a
    assert a.rate == b.rate == 2.0


async def test_limiter_for_key_lowest_rate_wins() -> None:
    """Would fail if a second client asking for a lower rate on the same key were ignored, or
    a later client asking for more raised the shared rate."""
    key = unique_key()
    lim = limiter_for_key(key, 5.0)
    assert limiter_for_key(key, 1.0) is lim
    assert lim.rate == 1.0
    assert limiter_for_key(key, 10.0) is lim
    assert lim.rate == 1.0


def test_fresh_loop_gets_fresh_limiter() -> None:
    """Would fail if a limiter (whose asyncio lock belongs to one loop) were handed to a
    client running in another event loop."""
    key = unique_key()

    async def get() -> SlidingWindowLimiter:
        return limiter_for_key(key, 2.0)

    loop1, loop2 = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        a = loop1.run_until_complete(get())
        assert loop1.run_until_complete(get()) is a
        b = loop2.run_until_complete(get())
        assert b is not a
        assert loop2.run_until_complete(get()) is b
    finally:
        loop1.close()
        loop2.close()


async def test_registry_keeps_only_a_digest_of_the_key() -> None:
    """Would fail if the registry kept the api key itself instead of a digest of it."""
    key = unique_key()
    limiter_for_key(key, 2.0)
    per_loop = _limiter._registry[asyncio.get_running_loop()]
    assert key not in per_loop
    assert all(key not in k for k in per_loop)
