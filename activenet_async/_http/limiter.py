"""Per-key rate limiting that the server can never catch out.

ACTIVE's gateway counts requests per key in any rolling second. A limiter that books slots ahead
replays missed slots after a loop stall, and one with no margin lets ~1 ms of timer jitter put
``rate + 1`` requests in a window (measured at 20/s with 64 tasks: 21 in a second without a margin,
25 after a 250 ms stall when slots are booked ahead). This one is a sliding-window log: a request
may go when fewer than ``rate`` requests went in the last ``1 s + margin``, judged from the moments
requests were *actually sent* (the transport marks the permit when the headers are written),
re-checked after every sleep. Waiters are served first come, first served.

The ``Limiter`` protocol is all the transport needs, so a backend shared between processes or
machines can replace ``SlidingWindowLimiter`` without touching anything else.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Protocol

from .auth import Credentials

__all__ = ["Limiter", "Limiters", "Permit", "SlidingWindowLimiter", "budget", "limiter_for_key"]


class Permit:
    """One granted request slot; ``mark_sent`` moves its timestamp to the real send time."""

    __slots__ = ("_slot", "when")

    def __init__(self, when: float, slot: list[float]) -> None:
        self.when = when
        self._slot = slot

    def mark_sent(self, when: float) -> None:
        """Record that the request really left at ``when`` (monotonic clock)."""
        if when > self._slot[0]:
            self._slot[0] = when


class Limiter(Protocol):
    """What the transport needs from a rate limiter."""

    @property
    def rate(self) -> float:
        """Requests per second allowed on the key."""
        ...

    async def acquire(self) -> Permit:
        """Wait until one more request may be sent; return its permit."""
        ...

    def penalize(self, seconds: float) -> None:
        """The server throttled us: send nothing on this key for ``seconds``."""
        ...


def budget(rate: float) -> tuple[int, float]:
    """How many requests in how long a window (before any margin) ``rate`` allows: 2/s -> 2 per
    1 s; 0.5/s -> 1 per 2 s; a fractional 3.5/s -> 3 per 1 s (4 in one second would exceed
    3.5). Shared by every limiter backend, so that all of them count alike."""
    if not rate > 0 or math.isinf(rate):
        raise ValueError("rate must be a positive finite number of requests per second")
    n = max(1, math.floor(rate))
    return n, max(n / rate, 1.0)


class SlidingWindowLimiter:
    """At most ``floor(rate)`` requests in any ``1 s + margin`` (a rate below 1 spaces requests
    ``1/rate + margin`` apart). ``throttled`` counts the penalties the server imposed.

    The margin adapts: a throttled answer means the gateway saw requests closer together than
    they left (network or scheduling jitter), so it doubles, once per second of throttling, up
    to ``max_margin``; after each ``quiet`` seconds without one it eases back by a quarter,
    down to ``margin``. ``max_margin=margin`` keeps it fixed."""

    def __init__(self, rate: float, *, margin: float = 0.04, max_margin: float = 1.0,
                 quiet: float = 60.0, clock: Callable[[], float] | None = None) -> None:
        self.base_margin = self.margin = margin
        self.max_margin = max(margin, max_margin)
        self.quiet = quiet
        self._clock = clock or time.monotonic
        self._margin_changed = -math.inf
        self._log: deque[list[float]] = deque()
        self._blocked_until = 0.0
        self._lock: asyncio.Lock | None = None
        self.throttled = 0
        self._n = 1
        self._window = 1.0
        self.rate = rate

    @property
    def rate(self) -> float:
        """Requests per second; setting it takes effect for the next request."""
        return self._rate

    @rate.setter
    def rate(self, rate: float) -> None:
        self._n, window = budget(rate)
        self._rate = rate
        self._window = window + self.margin

    def _set_margin(self, margin: float, now: float) -> None:
        self.margin = margin
        self._margin_changed = now
        self._window = max(self._n / self._rate, 1.0) + margin

    def _wait_time(self, now: float) -> float:
        # Slots may move later (mark_sent), so the log is not sorted: look at the recent ones.
        recent = sorted(s[0] for s in self._log if s[0] > now - self._window)
        wait = self._blocked_until - now
        if len(recent) >= self._n:
            wait = max(wait, recent[-self._n] + self._window - now)
        return wait

    async def acquire(self) -> Permit:
        """Wait for a slot (first come, first served) and return its permit."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            while True:
                now = self._clock()
                if self.margin > self.base_margin and now - self._margin_changed >= self.quiet:
                    self._set_margin(max(self.base_margin, self.margin * 0.75), now)
                wait = self._wait_time(now)
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            slot = [now]
            self._log.append(slot)
            while len(self._log) > 2 * self._n + 8:
                self._log.popleft()
            return Permit(now, slot)

    def penalize(self, seconds: float) -> None:
        """Block the whole key for ``seconds`` (a throttled answer's Retry-After) and widen the
        margin (once per second of throttling: requests throttled together are one event)."""
        self.throttled += 1
        now = self._clock()
        self._blocked_until = max(self._blocked_until, now + max(0.0, seconds))
        if now - self._margin_changed >= 1.0:
            self._set_margin(min(self.max_margin, self.margin * 2), now)


# One limiter per (event loop, key): asyncio primitives belong to one loop, and every client of a
# key in that loop must share the key's budget. The key itself is not kept, only its digest.
_registry: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, SlidingWindowLimiter]] = (
    weakref.WeakKeyDictionary())


def limiter_for_key(api_key: str, rate: float) -> SlidingWindowLimiter:
    """The limiter of ``api_key`` shared by every client in the running loop.

    When clients of one key ask for different rates, the lowest wins: the key has one contract.
    """
    loop = asyncio.get_running_loop()
    per_loop = _registry.setdefault(loop, {})
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    lim = per_loop.get(digest)
    if lim is None:
        lim = per_loop[digest] = SlidingWindowLimiter(rate)
    elif rate < lim.rate:
        lim.rate = rate
    return lim


class Limiters:
    """Which limiter serves which key, for one client and every ``with_options`` view of it.

    ``custom`` (a user's :class:`Limiter`) serves every key. Otherwise each key gets the limiter
    shared by every client of that key: in this process (``limiter_for_key``) or, with
    ``store="redis://..."``, in that store (``redis_limiter``), which ``close`` releases."""

    def __init__(self, rate: float, *, store: str | None = None,
                 custom: Limiter | None = None) -> None:
        self.rate = rate
        self.store = store
        self.custom = custom
        self._by_key: dict[str, Limiter] = {}

    def get(self, credentials: Credentials) -> Limiter:
        """The limiter of ``credentials``' key."""
        if self.custom is not None:
            return self.custom
        lim = self._by_key.get(credentials.api_key)
        if lim is None:
            if self.store is not None:
                from .redis_limiter import redis_limiter_for_key

                lim = redis_limiter_for_key(self.store, credentials.api_key, self.rate)
            else:
                lim = limiter_for_key(credentials.api_key, self.rate)
            self._by_key[credentials.api_key] = lim
        return lim

    async def close(self) -> None:
        """Release this client's hold on a shared store's connections (one per key it used)."""
        if self.store is not None and self._by_key:
            from .redis_limiter import release_limiter

            for _ in range(len(self._by_key)):
                await release_limiter(self.store)
        self._by_key.clear()

    def __repr__(self) -> str:
        where = "custom" if self.custom is not None else (
            "shared store" if self.store is not None else "in-process")
        return f"<Limiters {where} rate={self.rate} keys={len(self._by_key)}>"
