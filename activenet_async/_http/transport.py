"""HTTP transport: one lazily created aiohttp session per client, the key's limiter, retries,
error mapping and one debug log line per request (credentials redacted)."""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from types import SimpleNamespace
from typing import Any, TypeVar, overload
from urllib.parse import urlencode

import aiohttp
import msgspec

from .._decode import excerpt
from .._errors import (
    ActiveNetError,
    APIError,
    AuthenticationError,
    ClockSkewError,
    DecodeError,
    HTTPStatusError,
    NotFoundError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
    scrub,
)
from .auth import Credentials
from .limiter import Limiter, Limiters, Permit
from .retry import Outcome, RetryPolicy, classify, cut_short, retry_after_seconds

__all__ = ["Response", "Stats", "Transport"]

T = TypeVar("T")
log = logging.getLogger("activenet_async")

# How far the server's clock may be from ours before a refused signature is blamed on skew.
_SKEW_SECONDS = 240.0


@dataclass(slots=True)
class Response:
    """A successful answer: status, body bytes and content type."""

    status: int
    body: bytes
    content_type: str


@dataclass(slots=True)
class Stats:
    """Counters of one client: requests sent, retries, throttled answers, bytes received."""

    requests: int = 0
    retries: int = 0
    throttled: int = 0
    bytes: int = 0


@dataclass(slots=True)
class Request:
    """One logical request; ``context`` names where in a walk it belongs (for errors)."""

    method: str
    url: str
    operation: str
    credentials: Credentials
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    expect_json: bool = True
    context: dict[str, Any] = field(default_factory=dict)


async def _on_headers_sent(_session: Any, ctx: SimpleNamespace, _params: Any) -> None:
    permit = ctx.trace_request_ctx
    if isinstance(permit, Permit):
        permit.mark_sent(time.monotonic())


class Transport:
    """Sends requests for one client. Safe to share between the tasks of one event loop.

    ``limiters`` says which rate limiter paces each key; ``retry`` is the default policy."""

    def __init__(self, *, limiters: Limiters, retry: RetryPolicy,
                 connections: int = 16,
                 ssl_context: ssl.SSLContext | bool | None = None, proxy: str | None = None,
                 session: aiohttp.ClientSession | None = None) -> None:
        self.limiters = limiters
        self.retry = retry
        self._connections = connections
        self._ssl = ssl_context
        self._proxy = proxy
        self._session = session
        self._own_session = session is None
        self.stats = Stats()

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            trace = aiohttp.TraceConfig()
            trace.on_request_headers_sent.append(_on_headers_sent)
            connector = aiohttp.TCPConnector(
                limit=self._connections, limit_per_host=self._connections,
                ssl=self._ssl if self._ssl is not None else True,
                keepalive_timeout=30.0, enable_cleanup_closed=False)
            self._session = aiohttp.ClientSession(
                connector=connector, trace_configs=[trace], raise_for_status=False,
                headers={"Accept": "application/json"})
            self._own_session = True
        return self._session

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session, once the first request created it."""
        return self._session

    async def close(self) -> None:
        """Close the session and every pooled connection (only a session we created)."""
        if self._session is not None and self._own_session and not self._session.closed:
            await self._session.close()
        self._session = None

    @overload
    async def send(self, req: Request, retry: RetryPolicy | None = None) -> Response: ...

    @overload
    async def send(self, req: Request, retry: RetryPolicy | None,
                   parse: Callable[[Response], T]) -> T: ...

    async def send(self, req: Request, retry: RetryPolicy | None = None,
                   parse: Callable[[Response], T] | None = None) -> T | Response:
        """Send ``req`` under the key's limiter with retries; return the successful answer
        (passed through ``parse`` when given) or raise the error the answer calls for.

        A body that ``parse`` rejects with DecodeError (a truncated or garbled page) is
        retried like a gateway fault when the request is a GET."""
        policy = retry or self.retry
        limiter: Limiter = self.limiters.get(req.credentials)
        safe_to_repeat = req.method == "GET"
        faults = throttles = 0
        while True:
            permit = await limiter.acquire()
            query = {**req.params, **req.credentials.query()}
            secrets = (req.credentials.api_key, req.credentials.shared_secret, query.get("sig"))
            started = time.monotonic()
            self.stats.requests += 1
            try:
                resp = await self._once(req, query, permit, policy)
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                sent = not isinstance(exc, aiohttp.ClientConnectorError)
                self._log(req, None, started, faults + throttles, exc)
                faults += 1
                if (sent and not safe_to_repeat) or faults >= policy.attempts:
                    what = "timed out" if isinstance(exc, asyncio.TimeoutError) else "failed"
                    err = TransportError(
                        f"{req.method} {req.url.rsplit('/', 1)[-1]} {what} after {faults} "
                        f"tr{'y' if faults == 1 else 'ies'}: {type(exc).__name__}: "
                        f"{scrub(_describe(exc), *secrets)}"
                        + ("" if safe_to_repeat else " (not retried: the request may have "
                           "reached the server)"), operation=req.operation)
                    err.context.update(req.context)
                    raise err from None
                self.stats.retries += 1
                await asyncio.sleep(policy.delay(faults))
                continue
            status, headers, body = resp
            self.stats.bytes += len(body)
            outcome = classify(status, headers, body, expect_json=req.expect_json)
            self._log(req, status, started, faults + throttles, None)
            if outcome is Outcome.OK:
                response = Response(status, body, headers.get("Content-Type", ""))
                if parse is None:
                    return response
                try:
                    return parse(response)
                except DecodeError as exc:
                    faults += 1
                    # Only a body cut off in transit is worth asking for again.
                    if not safe_to_repeat or faults >= policy.attempts \
                            or not cut_short(headers, body):
                        exc.context.update(req.context)
                        _scrub_error(exc, secrets)
                        raise
                    self.stats.retries += 1
                    await asyncio.sleep(policy.delay(faults))
                    continue
                except ActiveNetError as exc:
                    exc.context.update(req.context)
                    _scrub_error(exc, secrets)
                    raise
            if outcome is Outcome.THROTTLED:
                throttles += 1
                self.stats.throttled += 1
                limiter.penalize(retry_after_seconds(headers.get("Retry-After"), 1.0))
                if throttles < policy.throttle_attempts:
                    self.stats.retries += 1
                    continue
            elif outcome is Outcome.RETRYABLE and safe_to_repeat:
                faults += 1
                if faults < policy.attempts:
                    self.stats.retries += 1
                    delay = policy.delay(faults)
                    if "Retry-After" in headers:
                        delay = max(delay, retry_after_seconds(headers["Retry-After"], delay))
                    await asyncio.sleep(delay)
                    continue
            raise self._error(req, outcome, status, headers, body, faults, throttles,
                              secrets)

    async def _once(self, req: Request, query: dict[str, str], permit: Permit,
                    policy: RetryPolicy) -> tuple[int, Any, bytes]:
        session = self._get_session()
        timeout = aiohttp.ClientTimeout(total=policy.timeout, sock_connect=policy.connect_timeout)
        headers = req.headers
        if req.body is not None:
            headers = {**headers, "Content-Type": "application/json"}
        async with session.request(req.method, req.url, params=query, headers=headers,
                                   data=req.body, timeout=timeout, proxy=self._proxy,
                                   trace_request_ctx=permit) as resp:
            body = await resp.read()
            return resp.status, resp.headers, body

    def _log(self, req: Request, status: int | None, started: float, retries: int,
             exc: BaseException | None) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        page = req.headers.get("page_info") or req.params.get("page") or req.params.get(
            "page_number") or "-"
        # The query as sent, less the credentials (api_key, sig), which never reach a log.
        shown = urlencode({k: v for k, v in req.params.items() if k not in ("api_key", "sig")})
        log.debug("%s %s%s page=%s status=%s elapsed=%.3fs retries=%d%s", req.method,
                  req.url.split("?", 1)[0], f"?{shown}" if shown else "", page,
                  status if status is not None else "-", time.monotonic() - started, retries,
                  f" error={type(exc).__name__}" if exc else "")

    def _error(self, req: Request, outcome: Outcome, status: int, headers: Any, body: bytes,
               faults: int, throttles: int,
               secrets: tuple[str | None, ...]) -> HTTPStatusError:
        snippet = scrub(excerpt(body), *secrets)
        code, message = _api_message(body)
        message = scrub(message, *secrets) if message else None
        detail = f": {message}" if message else (f": {snippet}" if snippet else "")
        op = req.operation
        err: HTTPStatusError
        if outcome is Outcome.THROTTLED:
            err = RateLimitError(f"HTTP {status}: still throttled after {throttles} tries",
                                 status=status, excerpt=snippet, operation=op)
        elif outcome is Outcome.QUOTA:
            err = QuotaExceededError(f"HTTP {status}: the key's monthly call quota is spent",
                                     status=status, excerpt=snippet, operation=op)
        elif outcome is Outcome.AUTH:
            skew = _clock_skew(headers)
            if skew is not None and abs(skew) > _SKEW_SECONDS:
                err = ClockSkewError(
                    f"HTTP {status}: authentication refused and this machine's clock is "
                    f"{abs(skew):.0f} s {'behind' if skew > 0 else 'ahead of'} the server's; "
                    "the request signature is time-based: fix the clock", status=status,
                    excerpt=snippet, operation=op)
            else:
                err = AuthenticationError(
                    f"HTTP {status}: authentication refused{detail} (check the API key, the "
                    "shared secret, the region/base_url and this machine's clock)",
                    status=status, excerpt=snippet, operation=op)
        elif outcome is Outcome.NOT_FOUND:
            err = NotFoundError(f"HTTP {status}: not found{detail}", status=status,
                                excerpt=snippet, operation=op)
        elif outcome is Outcome.RETRYABLE:
            tries = f" after {faults} tries" if faults > 1 else ""
            what = "a gateway page instead of JSON" if status < 300 else f"HTTP {status}"
            err = ServerError(f"{what}{tries}{detail}", status=status, excerpt=snippet,
                              operation=op)
        else:
            err = APIError(f"HTTP {status}{detail}", code=code, api_message=message,
                           status=status, excerpt=snippet, operation=op)
        err.context.update(req.context)
        return err


def _describe(exc: BaseException) -> str:
    """A transport failure in words of our own where aiohttp's text misleads: a failed connect
    names aiohttp's TLS setting ("ssl:default") even for a plain-http URL; its documented host,
    port and OS error say what happened."""
    if isinstance(exc, aiohttp.ClientConnectorError) and not isinstance(
            exc, aiohttp.ClientSSLError):
        os_error = exc.os_error
        reason = os_error.strerror or str(os_error) or type(os_error).__name__
        return f"cannot connect to {exc.host}:{exc.port} ({reason})"
    return str(exc)


def _scrub_error(err: ActiveNetError, secrets: tuple[str | None, ...]) -> None:
    """Remove the credentials (and this request's signature) from an error's texts."""
    err.message = scrub(err.message, *secrets)
    err.args = tuple(scrub(a, *secrets) if isinstance(a, str) else a for a in err.args)
    for attr in ("api_message", "excerpt"):
        value = getattr(err, attr, None)
        if isinstance(value, str):
            setattr(err, attr, scrub(value, *secrets))


class _ErrorBody(msgspec.Struct):
    errorMsg: str | None = None
    headers: dict[str, Any] | None = None


def _api_message(body: bytes) -> tuple[str | None, str | None]:
    """(response_code, message) from an error body of either API, if it is JSON."""
    try:
        parsed = msgspec.json.decode(body, type=_ErrorBody)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None, None
    if parsed.errorMsg:
        return None, parsed.errorMsg
    if parsed.headers:
        code = parsed.headers.get("response_code")
        msg = parsed.headers.get("response_message")
        return (str(code) if code is not None else None), (str(msg) if msg else None)
    return None, None


def _clock_skew(headers: Any) -> float | None:
    """Server time minus local time, from the Date header, in seconds."""
    value = headers.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError, IndexError):
        return None
