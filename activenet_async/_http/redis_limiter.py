"""A key's rate limit shared by every process and machine, through Redis.

The in-process :class:`~activenet_async._http.limiter.SlidingWindowLimiter` promises that the
gateway never sees more than ``rate`` requests of a key in any rolling second; this module keeps
that promise across processes. Every decision is one Lua script run atomically by Redis on
Redis's own clock (``TIME``), so two machines whose clocks disagree cannot both think a slot is
free. What Redis holds per key, named by a digest of the key (never the key itself):

- ``log``: a sorted set of granted slots, scored by their send time (microseconds, Redis clock);
- ``pending``: slots granted whose request has not left yet, counted as leaving *now* until
  the transport reports the real send time (then the slot is re-stamped) or a lease runs out;
- ``pause``: the moment before which nobody sends, set by any process that got a throttled
  answer (403 OVER_QPS / 429);
- ``margin``: the adaptive safety margin added to the 1 s window (widened when the gateway
  throttles despite it, eased back after a quiet period) and when it last changed;
- ``epoch``: a marker whose absence means Redis lost its memory (first use, or a restart
  without persistence): the key then waits one window before anyone sends, since requests of
  the last second are no longer on record.

Redis unreachable: a call fails with :class:`RateLimitStoreError`, never sends unlimited. A
store that was reachable and drops (restart) is retried for ``reconnect_within`` seconds.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
import uuid
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from .._errors import ActiveNetError
from .limiter import Permit, budget

if TYPE_CHECKING:
    import redis.asyncio as aioredis

__all__ = [
    "RateLimitStoreError",
    "RedisLimiter",
    "check_store_url",
    "redact_url",
    "redis_limiter_for_key",
    "release_limiter",
]

log = logging.getLogger("activenet_async")

# Grant or refuse one slot. KEYS: log, pending, pause, margin, epoch. ARGV: n, base window
# (µs), slot id, lease (µs), base margin (µs), quiet period (µs). Returns {0, wait µs, margin
# µs} or {1, now µs, margin µs}.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local n = tonumber(ARGV[1])
local base_window = tonumber(ARGV[2])
local lease = tonumber(ARGV[4])
local base_margin = tonumber(ARGV[5])
local quiet = tonumber(ARGV[6])
local margin = tonumber(redis.call('HGET', KEYS[4], 'm') or base_margin)
local changed = tonumber(redis.call('HGET', KEYS[4], 'at') or 0)
if margin < base_margin then margin = base_margin end
if margin > base_margin and now - changed >= quiet then
  margin = math.max(base_margin, math.floor(margin * 0.75))
  redis.call('HSET', KEYS[4], 'm', margin, 'at', now)
end
local window = base_window + margin
local ttl = math.ceil((window + lease) / 1000) + 60000
redis.call('PEXPIRE', KEYS[4], 86400000)
if redis.call('EXISTS', KEYS[5]) == 0 then
  redis.call('SET', KEYS[5], '1', 'PX', 86400000)
  local until_ = now + window
  local p = tonumber(redis.call('GET', KEYS[3]) or 0)
  if until_ > p then redis.call('SET', KEYS[3], until_, 'PX', ttl) end
end
redis.call('PEXPIRE', KEYS[5], 86400000)
local paused = tonumber(redis.call('GET', KEYS[3]) or 0)
if paused > now then return {0, paused - now, margin} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - lease)
local live = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do live[id] = true end
local stamps = {}
local flat = redis.call('ZRANGEBYSCORE', KEYS[1], now - window, '+inf', 'WITHSCORES')
for i = 1, #flat, 2 do
  if not live[flat[i]] then stamps[#stamps + 1] = tonumber(flat[i + 1]) end
end
for _ in pairs(live) do stamps[#stamps + 1] = now end
if #stamps >= n then
  table.sort(stamps)
  local wait = stamps[#stamps - n + 1] + window - now
  if wait > 0 then return {0, wait, margin} end
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('ZADD', KEYS[2], now + lease, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return {1, now, margin}
"""

# The request of a slot left: move its stamp to the send time (never earlier than granted,
# never later than now). KEYS: log, pending. ARGV: slot id, estimated send time (µs).
_SENT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREM', KEYS[2], ARGV[1])
local stamp = math.min(tonumber(ARGV[2]), now)
redis.call('ZADD', KEYS[1], 'GT', stamp, ARGV[1])
return stamp
"""

# A throttled answer: pause the key for everyone and widen the margin, once per episode (many
# requests throttled together widen it once). KEYS: pause, margin. ARGV: pause (µs), base
# margin (µs), max margin (µs).
_THROTTLED = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local until_ = now + tonumber(ARGV[1])
local p = tonumber(redis.call('GET', KEYS[1]) or 0)
if until_ > p then
  redis.call('SET', KEYS[1], until_, 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 60000)
end
local base_margin = tonumber(ARGV[2])
local margin = tonumber(redis.call('HGET', KEYS[2], 'm') or base_margin)
local changed = tonumber(redis.call('HGET', KEYS[2], 'at') or 0)
if now - changed >= 1000000 then
  margin = math.min(tonumber(ARGV[3]), math.max(margin * 2, base_margin))
  redis.call('HSET', KEYS[2], 'm', margin, 'at', now)
end
redis.call('PEXPIRE', KEYS[2], 86400000)
return margin
"""


class RateLimitStoreError(ActiveNetError):
    """The shared rate-limit store (Redis) cannot be reached; nothing was sent."""


def redact_url(url: str) -> str:
    """``url`` without its password (``redis://:***@host:6379/0``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query,
                       parts.fragment))


def check_store_url(url: str) -> str:
    """``url`` if it names a Redis store (``redis://``, ``rediss://``, ``unix://``); else
    ValueError."""
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ValueError("must be a Redis URL: redis://host:port/db (or rediss://, unix://)")
    return url


def _digest(api_key: str) -> str:
    # A key is a long random string: its digest cannot be turned back into it.
    return hashlib.sha256(b"activenet_async rate limit\0" + api_key.encode()).hexdigest()[:32]


class RedisPermit(Permit):
    """A slot granted by Redis; ``mark_sent`` re-stamps it there with the real send time."""

    __slots__ = ("_granted_local", "_granted_redis", "_limiter", "_slot_id")

    def __init__(self, limiter: RedisLimiter, slot_id: str, granted_redis: int,
                 asked_local: float) -> None:
        super().__init__(asked_local, [asked_local])
        self._limiter = limiter
        self._slot_id = slot_id
        self._granted_redis = granted_redis
        self._granted_local = asked_local

    def mark_sent(self, when: float) -> None:
        """The request left at ``when`` (local monotonic clock): re-stamp the slot in Redis.

        The send time on Redis's clock is estimated as the grant time plus the local time
        elapsed since the grant was *asked for*: never earlier than the real moment, whatever
        this machine's clock says (only differences of the local clock are used)."""
        super().mark_sent(when)
        # ``when`` is on the transport's clock; this limiter's own clock says the same moment
        # (the hook runs as the headers leave) and keeps the difference on one clock.
        elapsed = max(0.0, self._limiter._clock() - self._granted_local)
        self._limiter._sent(self._slot_id, self._granted_redis + int(elapsed * 1e6))


class RedisLimiter:
    """The :class:`~activenet_async.Limiter` of one key in one Redis store, for one event loop.

    At most ``floor(rate)`` requests in any ``1 s + margin`` across every process naming the
    store, the margin adapting between ``margin`` and ``max_margin``: doubled (once per
    throttling episode) when the gateway throttles anyway, eased by a quarter after each
    ``quiet`` seconds without throttling. ``clock`` is the local monotonic clock, used only for
    local waits and elapsed times, never to decide a slot.
    """

    def __init__(self, client: aioredis.Redis, api_key: str, rate: float, *, store: str = "",
                 margin: float = 0.04, max_margin: float = 1.0, quiet: float = 60.0,
                 lease: float = 3.0, reconnect_within: float = 5.0,
                 clock: Callable[[], float] | None = None) -> None:
        self._redis = client
        self._store = redact_url(store)
        digest = _digest(api_key)
        # One hash tag: every key of a limiter lives in one Redis Cluster slot (Lua needs it).
        prefix = f"activenet:rl:{{{digest}}}"
        self._keys = [f"{prefix}:log", f"{prefix}:pending", f"{prefix}:pause",
                      f"{prefix}:margin", f"{prefix}:epoch"]
        self.base_margin = margin
        self.max_margin = max(margin, max_margin)
        self.quiet = quiet
        self.lease = lease
        self.reconnect_within = reconnect_within
        self.margin = margin  # the shared margin, as last seen
        self.throttled = 0
        self._clock = clock or time.monotonic
        self._blocked_until = -math.inf
        self._lock: asyncio.Lock | None = None
        self._reached = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._acquire = client.register_script(_ACQUIRE)
        self._sent_script = client.register_script(_SENT)
        self._throttled_script = client.register_script(_THROTTLED)
        self.rate = rate

    @property
    def rate(self) -> float:
        """Requests per second; setting it takes effect for the next request."""
        return self._rate

    @rate.setter
    def rate(self, rate: float) -> None:
        self._n, self._window = budget(rate)
        self._rate = rate

    async def _run(self, script: Any, keys: list[str], args: list[Any]) -> Any:
        """Run ``script``; ride out a store that drops after it was reached, else fail."""
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import RedisError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        deadline = self._clock() + (self.reconnect_within if self._reached else 0.0)
        delay = 0.05
        while True:
            try:
                result = await script(keys=keys, args=args)
                self._reached = True
                return result
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                if self._clock() + delay > deadline:
                    raise RateLimitStoreError(
                        f"the rate-limit store {self._store} cannot be reached "
                        f"({type(exc).__name__}); nothing was sent") from None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.5)
            except RedisError as exc:
                raise RateLimitStoreError(
                    f"the rate-limit store {self._store} refused the rate-limit script "
                    f"({type(exc).__name__}); nothing was sent") from None

    async def acquire(self) -> Permit:
        """Wait until Redis grants a slot (first come, first served within this process)."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            while True:
                local_wait = self._blocked_until - self._clock()
                if local_wait > 0:
                    await asyncio.sleep(local_wait)
                slot_id = uuid.uuid4().hex
                asked = self._clock()
                granted, value, margin = await self._run(
                    self._acquire, self._keys,
                    [self._n, int(self._window * 1e6), slot_id, int(self.lease * 1e6),
                     int(self.base_margin * 1e6), int(self.quiet * 1e6)])
                self.margin = int(margin) / 1e6
                if int(granted):
                    return RedisPermit(self, slot_id, int(value), asked)
                log.debug("rate-limit store: wait %.3f s", int(value) / 1e6)
                await asyncio.sleep(int(value) / 1e6)

    def penalize(self, seconds: float) -> None:
        """Throttled: pause this key in every process for ``seconds`` and widen the margin."""
        self.throttled += 1
        seconds = max(0.0, seconds)
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)
        self._spawn(self._throttled_script, self._keys[2:4],
                    [int(seconds * 1e6), int(self.base_margin * 1e6), int(self.max_margin * 1e6)])

    def _sent(self, slot_id: str, stamp: int) -> None:
        self._spawn(self._sent_script, self._keys[:2], [slot_id, stamp])

    def _spawn(self, script: Any, keys: list[str], args: list[Any]) -> None:
        task = asyncio.get_running_loop().create_task(self._background(script, keys, args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _background(self, script: Any, keys: list[str], args: list[Any]) -> None:
        try:
            await self._run(script, keys, args)
        except RateLimitStoreError as exc:
            # The next acquire fails the same way; until then the lease and the local pause
            # keep this process on the safe side.
            log.warning("%s", exc)

    async def drain(self) -> None:
        """Wait for the re-stamps and pauses still on their way to Redis."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def __repr__(self) -> str:
        return (f"<RedisLimiter store={self._store!r} rate={self.rate} "
                f"margin={self.margin:.3f}>")


class _Store:
    """One Redis client per store URL per event loop, shared by the limiters of its keys."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self.client = aioredis.Redis.from_url(
            url, socket_connect_timeout=2.0, socket_timeout=5.0, health_check_interval=0)
        self.limiters: dict[str, RedisLimiter] = {}
        self.users = 0


_stores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, _Store]] = (
    weakref.WeakKeyDictionary())


def redis_limiter_for_key(store_url: str, api_key: str, rate: float) -> RedisLimiter:
    """The limiter of ``api_key`` in the store ``store_url``, shared by every client of the
    running loop (the lowest rate asked for wins). Pair every call with
    :func:`release_limiter`."""
    loop = asyncio.get_running_loop()
    per_loop = _stores.setdefault(loop, {})
    store = per_loop.get(store_url)
    if store is None:
        store = per_loop[store_url] = _Store(store_url)
    store.users += 1
    digest = _digest(api_key)
    lim = store.limiters.get(digest)
    if lim is None:
        lim = store.limiters[digest] = RedisLimiter(store.client, api_key, rate,
                                                    store=store_url)
    elif rate < lim.rate:
        lim.rate = rate
    return lim


async def release_limiter(store_url: str) -> None:
    """One user of ``store_url`` is done; the last one closes the store's connections."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    per_loop = _stores.get(loop, {})
    store = per_loop.get(store_url)
    if store is None:
        return
    store.users -= 1
    if store.users > 0:
        return
    del per_loop[store_url]
    for lim in store.limiters.values():
        await lim.drain()
    await store.client.aclose()
