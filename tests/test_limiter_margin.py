"""The in-process limiter's adaptive margin (widen on throttling, ease back when quiet)."""

from __future__ import annotations

import pytest

from activenet_async._http.limiter import SlidingWindowLimiter
from tests.test_limiter import FakeClock, clock

__all__ = ["clock"]


async def test_margin_widens_when_throttled_and_eases_when_quiet(clock: FakeClock) -> None:
    """Catches: a fixed margin that lets jitter draw 403s all day, a margin widened once per
    throttled request (a burst of them would blow it up), or one that never comes back."""
    lim = SlidingWindowLimiter(100, margin=0.04, quiet=10.0, clock=clock)
    lim.penalize(0.0)
    lim.penalize(0.0)
    assert lim.margin == pytest.approx(0.08)
    clock.now += 1.5
    lim.penalize(0.0)
    assert lim.margin == pytest.approx(0.16)
    clock.now += 10.0
    await lim.acquire()
    assert lim.margin == pytest.approx(0.12)
    for _ in range(20):
        clock.now += 10.0
        await lim.acquire()
    assert lim.margin == pytest.approx(0.04)


def test_a_fixed_margin_stays_fixed(clock: FakeClock) -> None:
    """Catches: max_margin ignored (a caller who pins the margin gets it widened anyway)."""
    lim = SlidingWindowLimiter(2, margin=0.05, max_margin=0.05, clock=clock)
    lim.penalize(0.0)
    assert lim.margin == pytest.approx(0.05)
