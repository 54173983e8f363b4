"""FakeActiveNet: an aiohttp server on 127.0.0.1 that answers like ACTIVE Net.

It serves every operation of the SDK's operation table from a deterministic data set, checks
keys and signatures, enforces the documented limits (list caps, window spans, page sizes) and
the key's rate limit the way the Mashery gateway does (403 ``ERR_403_DEVELOPER_OVER_QPS``,
``Retry-After: 1``, a text/xml body), pages with either the ``page_info`` header or the Insights
query parameters, and injects faults on request. Every request is logged with its arrival time.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from .._operations.declare import Operation
from .._operations.table import OPERATIONS
from ._answers import Answers
from ._data import Dataset
from ._faults import Fault, FaultKind, Faults

if TYPE_CHECKING:
    from .._client import ActiveNet

__all__ = ["FakeActiveNet", "LogEntry"]

_SYSTEM = re.compile(r"^/(?:(anet-systemapi(?:-ca)?(?:-sec)?)|wr)/([^/]+)/api/v1/(.+)$")
_INSIGHTS = re.compile(r"^/ANETGateway/rest/(anet-insightsapi(?:-ca)?)/(.+)$")
_XML_QPS = (b"<?xml version=\"1.0\"?><h1>Developer Over Qps</h1>")
_AUTH_PARAMS = {"api_key", "sig"}


@dataclass(slots=True)
class LogEntry:
    """One request as the server saw it."""

    at: float
    method: str
    path: str
    operation: str | None
    params: dict[str, str]
    page: int | None
    status: int = 0
    key: str = ""
    size: int = 0
    sort: dict[str, str] | None = None
    path_args: dict[str, str] = field(default_factory=dict)
    served: bool = False  # the request was answered with a page of records


def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$")


@dataclass
class _Key:
    secret: str | None
    write: bool = False
    accepted: deque[float] = field(default_factory=deque)


class FakeActiveNet(Answers):
    """A fake ACTIVE Net (System + Insights API) on loopback.

    >>> async with FakeActiveNet() as fake:
    ...     async with fake.client() as anet:
    ...         sites = await anet.get_sites().collect()

    ``rate_limit`` (requests per second per key, None for none) is enforced like the gateway;
    ``latency`` delays every answer; ``page_info=False`` leaves the paging counts out of System
    answers; ``string_counts=True`` sends Insights counts as strings. ``filter_shift`` makes
    date filters compare a clock shifted from the records' own field: a record stamped ``t``
    is selected when ``t + filter_shift`` lies in the asked range, as a server that filters in
    UTC while records show local time would (``timedelta(hours=5)`` for UTC-5; negative shifts
    work too). ``port`` fixes the loopback port (default: a free one). ``inject(...)`` schedules
    faults, ``faults.rate`` adds random ones; ``log`` records every request and ``served(...)``
    says which records the answers held.
    """

    def __init__(self, *, org: str = "orgtest", api_key: str = "fake-key",
                 shared_secret: str | None = "fake-secret",
                 write_api_key: str = "fake-write-key",
                 write_shared_secret: str | None = "fake-write-secret",
                 rate_limit: float | None = None, latency: float = 0.0,
                 page_info: bool = True, string_counts: bool = False,
                 dataset: Dataset | None = None, clock_skew: float = 0.0,
                 filter_shift: timedelta = timedelta(0), threaded: bool = True,
                 port: int = 0) -> None:
        self.org = org
        self.api_key, self.shared_secret = api_key, shared_secret
        self.write_api_key, self.write_shared_secret = write_api_key, write_shared_secret
        self.keys = {api_key: _Key(shared_secret), write_api_key: _Key(write_shared_secret, True)}
        self.rate_limit = rate_limit
        self.latency = latency
        self.page_info = page_info
        self.string_counts = string_counts
        self.clock_skew = clock_skew
        self.filter_shift = filter_shift
        self.data = dataset or Dataset()
        self.faults = Faults()
        self.log: list[LogEntry] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests the server was answering at once
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._sigs: dict[str, tuple[int, set[str]]] = {}
        self.threaded = threaded
        self.port = port  # 0: a free port chosen by the system
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._routes = [(op, _template(op.path)) for op in OPERATIONS.values()]

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> str:
        """Start listening on 127.0.0.1 (a free port); return the base URL.

        The server runs on its own event loop in a background thread (``threaded=True``, the
        default), so that the client's CPU work cannot delay or bunch up the moments the server
        sees requests arrive; ``threaded=False`` serves from the caller's loop.
        """
        if not self.threaded:
            self.base_url = await self._serve()
            return self.base_url
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self.base_url = loop.run_until_complete(self._serve())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name="FakeActiveNet", daemon=True)
        self._thread.start()
        await asyncio.to_thread(ready.wait, 30)
        return self.base_url

    async def _serve(self) -> str:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        port = self._runner.addresses[0][1]
        return f"http://127.0.0.1:{port}"

    async def _cleanup(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def close(self) -> None:
        """Stop the server (and its thread)."""
        if self._thread is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            await asyncio.to_thread(self._thread.join, 30)
            self._thread = self._loop = None
        else:
            await self._cleanup()

    async def __aenter__(self) -> FakeActiveNet:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def client(self, **kwargs: Any) -> ActiveNet:
        """An ActiveNet client for this server (keyword arguments override the defaults)."""
        from .._client import ActiveNet

        opts: dict[str, Any] = dict(
            org=self.org, api_key=self.api_key, shared_secret=self.shared_secret,
            write_api_key=self.write_api_key, write_shared_secret=self.write_shared_secret,
            base_url=self.base_url, rate_limit=self.rate_limit or 1000.0)
        opts.update(kwargs)
        return ActiveNet(**opts)

    # -- test helpers --------------------------------------------------------------------
    def inject(self, kind: FaultKind, *, times: int = 1, op: str | None = None,
               page: int | None = None, skip: int = 0, seconds: float = 0.0,
               code: str = "0002", message: str = "Internal error") -> Fault:
        """Schedule a fault for the next ``times`` matching requests."""
        fault = Fault(kind, times, op, page, skip, seconds, code, message)
        self.faults.scheduled.append(fault)
        return fault

    def records(self, name: str) -> list[dict[str, Any]]:
        """The raw records the server holds for operation ``name`` (documented name)."""
        return self.data.records(OPERATIONS[name])

    def served(self, name: str) -> list[dict[str, Any]]:
        """The distinct records (in data order) that the answers to logged requests of
        operation ``name`` held, recomputed from the log: the union of what a walk was sent.
        Meaningful while the data set is unchanged since those requests."""
        op = OPERATIONS[name]
        records = self.records(name)
        index = {id(r): i for i, r in enumerate(records)}
        got: set[int] = set()
        for e in self.log:
            if e.operation != name or not e.served:
                continue
            chosen = self._ordered(self._select(op, e.params, e.path_args), e.sort)
            if op.kind == "one":
                chosen = chosen[:1]
            elif op.paging.paged and e.page is not None:
                chosen = chosen[(e.page - 1) * e.size: e.page * e.size]
            got.update(index[id(r)] for r in chosen)
        return [records[i] for i in sorted(got)]

    def max_in_window(self, window: float = 1.0, *, key: str | None = None) -> int:
        """The most requests that arrived within any ``window`` seconds (closed interval)."""
        times = sorted(e.at for e in self.log if key is None or e.key == key)
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] > window:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # -- request handling ----------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        now = time.monotonic()
        params = dict(request.query)
        entry = LogEntry(now, request.method, request.path, None, params, None,
                         key=params.get("api_key", ""))
        self.log.append(entry)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            resp = await self._answer(request, params, entry)
        finally:
            self.in_flight -= 1
        entry.status = resp.status
        if self.clock_skew and not resp.prepared:
            # The gateway's clock, as a client sees it in the Date header.
            resp.headers["Date"] = formatdate(time.time() + self.clock_skew, usegmt=True)
        return resp

    async def _answer(self, request: web.Request, params: dict[str, str],
                      entry: LogEntry) -> web.StreamResponse:
        m = _SYSTEM.match(request.path)
        api = "system"
        if m:
            service, org, rest = m.group(1), m.group(2), m.group(3)
            if org != self.org:
                return self._sys_error(404, "0404", f"Unknown organization {org}")
        else:
            m = _INSIGHTS.match(request.path)
            if not m:
                return web.Response(status=596, text="<h1>596 Service Not Found</h1>",
                                    content_type="text/html")
            api, service, rest = "insights", m.group(1), m.group(2)
        op, path_args = self._route(api, request.method, rest)
        if op is None:
            if api == "insights":
                return web.Response(status=596, text="<h1>596 Service Not Found</h1>",
                                    content_type="text/html")
            return self._sys_error(404, "0404", f"Unknown resource {rest}")
        entry.operation = op.name
        page, size = self._paging(op, request, params)
        entry.page, entry.size, entry.path_args = page, size, path_args
        write = service is None  # the /wr/ service
        denied = self._authenticate(params, write, service)
        if denied is not None:
            return denied
        throttled = self._throttle(params["api_key"])
        if throttled is not None:
            return throttled
        if self.latency:
            await asyncio.sleep(self.latency)
        fault = self.faults.pick(op.name, page)
        if fault is not None:
            faulted = await self._fault(fault, request, op)
            if faulted is not None:
                return faulted
        if op.kind == "bytes":
            return web.Response(body=b"\xff\xd8\xff\xe0fake-jpeg", content_type="image/jpeg")
        if op.kind == "write":
            return await self._write(op, request)
        problem = self._validate(op, params, size)
        if problem is not None:
            return self._bad_request(op, *problem)
        records = self._select(op, params, path_args)
        if op.kind == "one":
            records = records[:1]
        entry.served = True
        if op.paging.paged:
            entry.sort = op.paging.sort_requested(request.headers)
        return self._page(op, request, records, page, size)

    def _route(self, api: str, method: str, rest: str) -> tuple[Operation | None, dict[str, str]]:
        for op, pattern in self._routes:
            if op.api != api or op.http != method:
                continue
            m = pattern.match(rest)
            if m:
                return op, m.groupdict()
        return None, {}

    def _authenticate(self, params: dict[str, str], write: bool,
                      service: str | None) -> web.StreamResponse | None:
        key = self.keys.get(params.get("api_key", ""))
        if key is None or key.write != write:
            return self._gateway_403("ERR_403_DEVELOPER_INACTIVE", "Developer Inactive")
        signed = service is None or service.endswith("-sec") or service.startswith(
            "anet-insightsapi")
        if key.secret and (signed or "sig" in params) and params.get(
                "sig", "") not in self._valid_sigs(params["api_key"], key.secret):
            return self._gateway_403("ERR_403_NOT_AUTHORIZED", "Not Authorized")
        return None

    def _valid_sigs(self, api_key: str, secret: str) -> set[str]:
        """Signatures of the last and next five minutes (the gateway's clock tolerance)."""
        now = int(time.time() + self.clock_skew)
        cached = self._sigs.get(api_key)
        if cached is None or cached[0] != now:
            sigs = {hashlib.sha256(f"{api_key}{secret}{t}".encode()).hexdigest()
                    for t in range(now - 300, now + 301)}
            self._sigs[api_key] = cached = (now, sigs)
        return cached[1]

    def _throttle(self, api_key: str) -> web.StreamResponse | None:
        if not self.rate_limit:
            return None
        key = self.keys[api_key]
        now = time.monotonic()
        while key.accepted and now - key.accepted[0] >= 1.0:
            key.accepted.popleft()
        if len(key.accepted) >= self.rate_limit:
            return self._gateway_403("ERR_403_DEVELOPER_OVER_QPS", "Developer Over Qps",
                                     retry_after=True)
        key.accepted.append(now)
        return None

    def _gateway_403(self, code: str, text: str, *, retry_after: bool = False,
                     status: int = 403) -> web.Response:
        headers = {"X-Mashery-Error-Code": code, "X-Error-Detail-Header": text}
        if retry_after:
            headers["Retry-After"] = "1"
        return web.Response(status=status, body=f"<h1>{text}</h1>".encode(),
                            content_type="text/xml", headers=headers)

    def _sys_error(self, status: int, code: str, message: str) -> web.Response:
        body = {"headers": {"response_code": code, "response_message": message}, "body": []}
        return web.Response(status=status, body=msgspec.json.encode(body),
                            content_type="application/json")

    def _bad_request(self, op: Operation, code: str, message: str) -> web.Response:
        if op.api == "insights":
            return web.Response(status=400, body=msgspec.json.encode({"errorMsg": message}),
                                content_type="application/json")
        return self._sys_error(400, code, message)

    def _paging(self, op: Operation, request: web.Request,
                params: dict[str, str]) -> tuple[int | None, int]:
        if not op.paging.paged:
            return None, 0
        try:
            return op.paging.requested(params, request.headers)
        except (ValueError, TypeError, msgspec.DecodeError):
            return 1, -1
