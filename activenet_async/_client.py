"""The public client: ``ActiveNet`` and its ``insights`` namespace."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import aiohttp

from ._dispatch import Dispatcher, Settings, merge_limits
from ._errors import RequestValidationError
from ._http.auth import DEFAULT_BASE_URL, Credentials, Endpoints, Region, check_base_url
from ._http.limiter import Limiter, Limiters
from ._http.retry import RetryPolicy
from ._http.transport import Stats, Transport
from ._operations.declare import Limits
from ._operations.insights import InsightsOps
from ._operations.system import SystemOps
from ._operations.table import LIMITS
from ._paging.page import Page

__all__ = ["ActiveNet", "Insights"]


def _need(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RequestValidationError("must be a non-empty string", argument=name)
    return value.strip()


def _check_store(url: str | None) -> str | None:
    if url is None:
        return None
    if not isinstance(url, str) or not url.strip():
        raise RequestValidationError("must be a Redis URL such as redis://host:6379/0",
                                     argument="rate_limit_store")
    try:
        from ._http.redis_limiter import check_store_url

        check_store_url(url.strip())
        import redis.asyncio  # noqa: F401  (the optional extra)
    except ValueError as exc:
        raise RequestValidationError(str(exc), argument="rate_limit_store") from None
    except ImportError:
        raise RequestValidationError("needs redis-py: pip install 'activenet-async[redis]'",
                                     argument="rate_limit_store") from None
    return url.strip()


class Insights(InsightsOps):
    """The Insights API of a client: ``anet.insights.get_memberships(...)`` and friends."""

    def __init__(self, client: ActiveNet) -> None:
        self._dispatcher = client._dispatcher

    def __repr__(self) -> str:
        return "<ActiveNet.insights>"


class ActiveNet(SystemOps):
    """An asyncio client of one ACTIVE Net organization.

    Use it as ``async with ActiveNet(org=..., api_key=..., shared_secret=...) as anet:``; every
    System API operation is a method (``anet.get_activities(...)``), every Insights operation a
    method of ``anet.insights``. List operations return a :class:`Pager` (``async for``), others
    are coroutines.

    Beyond the account's settings (org, keys, region, base_url, rate_limit): ``retry`` (a
    :class:`RetryPolicy`), ``concurrency`` (pages in flight per walk; a walk that sits idle
    waiting on server latency raises it up to twice that, within the same memory bound),
    ``connections`` (pool size), ``limits`` (overrides of the limits table, by operation name),
    ``ssl`` (an ``ssl.SSLContext``, or False to skip verification), ``proxy``,
    ``allow_insecure_http`` (plain http to a non-loopback host), ``on_page`` (called with every
    page a walk yields, for progress) and ``limiter`` (a custom :class:`Limiter`).
    ``rate_limit_store="redis://host:port/db"`` shares each key's limit with every process and
    machine naming the same Redis (the ``redis`` extra); unreachable, calls fail with
    :class:`RateLimitStoreError`.
    """

    def __init__(self, org: str, api_key: str, shared_secret: str | None = None, *,
                 write_api_key: str | None = None, write_shared_secret: str | None = None,
                 region: Region = "us", base_url: str = DEFAULT_BASE_URL,
                 rate_limit: float = 2.0, retry: RetryPolicy | None = None,
                 concurrency: int = 8, connections: int = 16,
                 limits: Mapping[str, Limits | Mapping[str, Any]] | None = None,
                 ssl: ssl.SSLContext | bool | None = None, proxy: str | None = None,
                 allow_insecure_http: bool = False,
                 on_page: Callable[[Page[Any]], None] | None = None,
                 limiter: Limiter | None = None,
                 rate_limit_store: str | None = None,
                 session: aiohttp.ClientSession | None = None) -> None:
        org = _need(org, "org")
        if "/" in org or "?" in org:
            raise RequestValidationError("is the path segment of the admin site URL, without "
                                         "slashes", argument="org")
        if region not in ("us", "ca"):
            raise RequestValidationError("must be 'us' or 'ca'", argument="region")
        if isinstance(rate_limit, bool) or not isinstance(rate_limit, int | float) or not (
                0 < rate_limit < float("inf")):
            raise RequestValidationError("must be a positive number of requests per second",
                                         argument="rate_limit")
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise RequestValidationError("must be a positive int", argument="concurrency")
        self.org = org
        self.region: Region = region
        self.rate_limit = float(rate_limit)
        self._credentials = Credentials(_need(api_key, "api_key"), shared_secret or None)
        self._write_credentials = (
            Credentials(_need(write_api_key, "write_api_key"), write_shared_secret or None)
            if write_api_key else None)
        self._endpoints = Endpoints(check_base_url(base_url, allow_insecure=allow_insecure_http),
                                    org, region)
        self._retry = retry or RetryPolicy()
        self.limits: dict[str, Limits] = merge_limits(LIMITS, limits or {})
        self._limiters = Limiters(self.rate_limit, store=_check_store(rate_limit_store),
                                  custom=limiter)
        self._transport = Transport(limiters=self._limiters, retry=self._retry,
                                    connections=connections, ssl_context=ssl, proxy=proxy,
                                    session=session)
        self._use(self._retry, concurrency, on_page)

    def _use(self, retry: RetryPolicy, concurrency: int,
             on_page: Callable[[Page[Any]], None] | None) -> None:
        """(Re)build the dispatcher (and the ``insights`` namespace) from these settings."""
        self._retry, self.concurrency, self._on_page = retry, concurrency, on_page
        self._dispatcher = Dispatcher(Settings(
            endpoints=self._endpoints, credentials=self._credentials,
            write_credentials=self._write_credentials, transport=self._transport,
            retry=retry, concurrency=concurrency, limits=self.limits, on_page=on_page))
        self.insights = Insights(self)

    # -- lifecycle ---------------------------------------------------------------------------
    async def __aenter__(self) -> ActiveNet:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session and every pooled connection (and, with a shared store, this
        client's hold on the store's connections)."""
        await self._transport.close()
        await self._limiters.close()

    @property
    def stats(self) -> Stats:
        """Requests sent, retries, throttled answers and bytes received so far."""
        return self._transport.stats

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The underlying aiohttp session (created by the first request)."""
        return self._transport.session

    def with_options(self, *, retry: RetryPolicy | None = None,
                     concurrency: int | None = None,
                     on_page: Callable[[Page[Any]], None] | None = None) -> ActiveNet:
        """A view of this client with other per-call settings; it shares the session, the
        limiter and the statistics: ``await anet.with_options(retry=RetryPolicy(attempts=1))
        .get_organization()``."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._use(retry or self._retry, self.concurrency if concurrency is None else concurrency,
                   on_page or self._on_page)
        return clone

    def __repr__(self) -> str:
        signed = ", signed" if self._credentials.signed else ""
        writes = ", writes" if self._write_credentials else ""
        return (f"<ActiveNet org={self.org!r} region={self.region!r} "
                f"base_url={self._endpoints.base_url!r} rate_limit={self.rate_limit}"
                f"{signed}{writes}>")


