"""The dispatcher between the operation table and the transport: turns bound arguments into
slices (windows x chunks) and a page source for a pager, and sends single calls and writes.

It is given what it needs (``Settings``) and reads nothing else of the client."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ._errors import NotFoundError, RequestValidationError, shown
from ._http.auth import Credentials, Endpoints
from ._http.retry import RetryPolicy
from ._http.transport import Request, Response, Transport
from ._operations.declare import Limits, Operation
from ._operations.params import as_list
from ._paging.edges import TOLERANCE, Edge
from ._paging.page import Page, Slice
from ._paging.pager import Pager
from ._paging.schemes import Unpaged
from ._paging.source import PageSource
from ._paging.windows import chunk, span_bounds, split_span, window_step
from ._warnings import DecodeReport, current_report
from .records.customers import CustomerPhoto

__all__ = ["Dispatcher", "Settings", "merge_limits"]

# Writes (and the photo's error answers) come in the System envelope, unpaged.
_SYSTEM_ANSWER = Unpaged("system")


@dataclass(frozen=True, slots=True)
class Settings:
    """What running operations needs from a client: where (endpoints), as whom (credentials,
    write credentials), through what (transport, retry), how wide a walk (concurrency), the
    limits table and the ``on_page`` hook. ``with_options`` makes another."""

    endpoints: Endpoints
    credentials: Credentials
    write_credentials: Credentials | None
    transport: Transport
    retry: RetryPolicy
    concurrency: int
    limits: Mapping[str, Limits]
    on_page: Callable[[Page[Any]], None] | None = None


class Dispatcher:
    """Runs operations with one client's ``Settings`` (the client's and its ``insights``
    namespace's methods call it)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def limits(self, op: Operation) -> Limits:
        """The limits in force for ``op`` (the client's table, with the user's overrides)."""
        return self.settings.limits.get(op.name, op.limits)

    # -- building requests -----------------------------------------------------------------
    def _url(self, op: Operation, wire: dict[str, str]) -> tuple[str, Credentials]:
        path = op.path
        for name in op.path_params:
            path = path.replace("{" + name + "}", quote(wire.pop(name), safe=""))
        c = self.settings
        if op.api == "insights":
            return c.endpoints.insights(path), c.credentials
        if op.http != "GET" and op.write_key:
            creds = c.write_credentials
            if creds is None:
                raise RequestValidationError(
                    "this operation needs a write-access key: pass write_api_key (and "
                    "write_shared_secret) to ActiveNet", argument="write_api_key",
                    operation=op.name)
            return c.endpoints.system(path, signed=creds.signed, write=True), creds
        creds = c.credentials
        return c.endpoints.system(path, signed=creds.signed), creds

    def _page_size(self, op: Operation, limits: Limits, size: Any) -> int:
        top = limits.page_size or 1
        if size is None:
            return top
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise RequestValidationError(f"must be a positive int, got {shown(size)}",
                                         argument="page_size", operation=op.name)
        if size > top:
            raise RequestValidationError(
                f"{shown(size)} is above this operation's maximum of {top}",
                argument="page_size", operation=op.name)
        return size

    def _slices(self, op: Operation, args: dict[str, Any], wire: dict[str, str],
                limits: Limits) -> list[Slice]:
        axes: list[list[tuple[dict[str, str], dict[str, Any]]]] = []
        edges: list[tuple[datetime, datetime, datetime | None]] | None = None
        spec = op.window
        if spec and spec.start in args and spec.end in args and limits.window:
            try:
                lo, hi = span_bounds(args[spec.start], args[spec.end], spec.resolution)
            except OverflowError:
                raise RequestValidationError(
                    "is at the very end of the calendar; give a real date", argument=spec.end,
                    operation=op.name) from None
            step = window_step(limits.window - spec.overlap, spec.resolution)
            start_p, end_p = op.params[spec.start], op.params[spec.end]
            windows = split_span(lo, hi, step, spec.resolution)
            last_end = windows[-1].wire(spec.resolution)[1] if windows else hi
            spans = []
            for w in windows:
                a, b = w.wire(spec.resolution)
                spans.append((a, min(b + spec.overlap, last_end)))
            axes.append([({start_p.wire: start_p.encode(a, spec.start),
                           end_p.wire: end_p.encode(b, spec.end)},
                          {"window": f"{a:%Y-%m-%d %H:%M}..{b:%Y-%m-%d %H:%M}"})
                         for a, b in spans])
            # Only overlapping wire ranges fetch a record twice (see _edges).
            if len(spans) > 1 and (spec.resolution == "minute" or spec.overlap):
                edges = [(a, b, spans[k + 1][0] if k + 1 < len(spans) else None)
                         for k, (a, b) in enumerate(spans)]
        for name, cap in limits.lists.items():
            if name not in args:
                continue
            param = op.params[name]
            values = as_list(args[name], name)
            chunks = chunk(values, cap)
            if len(chunks) == 1:  # send the deduplicated list (duplicates count toward caps)
                wire[param.wire] = param.encode(chunks[0], name)
            else:
                axes.append([({param.wire: param.encode(c, name)},
                              {"chunk": f"{name}[{i * cap}:{i * cap + len(c)}]"})
                             for i, c in enumerate(chunks)])
        # The window axis comes first: slice i walks window i // lanes of chunk i % lanes.
        lanes = 1
        for axis in axes[1 if edges is not None else 0:]:
            lanes *= len(axis)
        slices = []
        for i, combo in enumerate(itertools.product(*axes)):
            params, label = dict(wire), {}
            for p, lab in combo:
                params.update(p)
                label.update(lab)
            edge = None
            if edges is not None and spec is not None:
                a, b, nxt = edges[i // lanes]
                edge = Edge(i // lanes, i % lanes, a, b, nxt, spec.record_field,
                            TOLERANCE + spec.overlap)
            slices.append(Slice(i, params, label, edge))
        return slices or [Slice(0, dict(wire))]

    def _prepare(self, op: Operation, args: dict[str, Any]) -> tuple[dict[str, str],
                                                                      dict[str, str]]:
        wire = op.encode(args)
        sort: dict[str, str] = {}
        for key in op.paging.sort_keys:  # carried by the scheme, not as query parameters
            if key in wire:
                sort[key] = wire.pop(key)
        return wire, sort

    # -- list operations -------------------------------------------------------------------
    def pager(self, op: Operation, args: dict[str, Any]) -> Pager[Any]:
        """The pager of a list operation: its slices and where their pages come from."""
        size_arg = args.pop("page_size", None)
        raw = bool(args.pop("raw", False))
        limits = self.limits(op)
        size = self._page_size(op, limits, size_arg) if op.paging.paged else 1
        wire, sort = self._prepare(op, args)
        url, creds = self._url(op, wire)
        slices = self._slices(op, args, wire, limits)
        c = self.settings
        source = PageSource(operation=op.name, url=url, credentials=creds, scheme=op.paging,
                            rtype=Any if raw else op.record, transport=c.transport,
                            retry=c.retry, sort=sort)
        return Pager(operation=op.name, slices=slices, source=source, page_size=size,
                     concurrency=c.concurrency, on_page=c.on_page)

    # -- single calls and writes -----------------------------------------------------------
    async def call(self, op: Operation, args: dict[str, Any]) -> Any:
        """One request answering one record (or a write): decoding reports into a fresh
        DecodeReport, so each call warns once per (operation, field)."""
        token = current_report.set(DecodeReport())
        try:
            if op.kind == "write":
                return await self._write(op, args)
            return await self._one(op, args)
        finally:
            current_report.reset(token)

    async def _one(self, op: Operation, args: dict[str, Any]) -> Any:
        raw = bool(args.pop("raw", False))
        wire, _ = self._prepare(op, args)
        url, creds = self._url(op, wire)
        req = Request("GET", url, op.name, creds, wire, expect_json=op.kind != "bytes")
        if op.kind == "bytes":
            resp = await self.settings.transport.send(req, self.settings.retry)
            if resp.content_type.startswith("application/json"):
                # An envelope where an image was due: an error or "no photo".
                _SYSTEM_ANSWER.read(resp.body, rtype=Any, operation=op.name)
                raise NotFoundError("no photo for this customer", status=resp.status,
                                    operation=op.name)
            return CustomerPhoto(resp.body, resp.content_type or "application/octet-stream")
        rtype = Any if raw else op.record

        def parse(r: Response) -> list[Any]:
            return op.paging.read(r.body, rtype=rtype, operation=op.name,
                                  status=r.status).records

        records = await self.settings.transport.send(req, self.settings.retry, parse)
        if not records:
            raise NotFoundError("no record", status=200, operation=op.name)
        return records[0]

    async def _write(self, op: Operation, args: dict[str, Any]) -> Any:
        from ._operations.writes import build_body

        raw = bool(args.pop("raw", False))
        path_args = {k: args.pop(k) for k in op.path_params if k in args}
        wire = op.encode(path_args)
        body = build_body(op, args)
        url, creds = self._url(op, wire)
        req = Request(op.http, url, op.name, creds, {}, {}, body)
        rtype = Any if raw else op.record

        def parse(r: Response) -> list[Any]:
            return _SYSTEM_ANSWER.read(r.body, rtype=rtype, operation=op.name,
                                       status=r.status).records

        return await self.settings.transport.send(req, self.settings.retry, parse)


def merge_limits(base: Mapping[str, Limits], overrides: Mapping[str, Limits | Mapping[str, Any]]
                 ) -> dict[str, Limits]:
    """The client's limits table: the defaults with the user's overrides applied."""
    from ._operations.table import find

    out = dict(base)
    for name, value in overrides.items():
        try:
            op = find(name)
        except KeyError:
            raise RequestValidationError(f"unknown operation {name!r}",
                                         argument="limits") from None
        if isinstance(value, Limits):
            out[op.name] = value
        else:
            out[op.name] = out[op.name].with_(**dict(value))
    return out
