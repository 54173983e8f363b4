"""What the fake server answers once a request is routed and authenticated: parameter and limit
checks, filtering, sorting, paging, writes, and faults."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from .._lenient import parse_datetime
from .._operations.declare import Operation
from ._faults import Fault

if TYPE_CHECKING:
    from ._data import Dataset

def _parse_wire_time(value: str) -> datetime | None:
    v = parse_datetime(value)
    return v if isinstance(v, datetime) else None


class Answers:
    """Mixin of FakeActiveNet: everything after routing."""

    data: Dataset
    page_info: bool
    string_counts: bool
    filter_shift: timedelta

    def _bad_request(self, op: Operation, code: str, message: str) -> web.Response:
        raise NotImplementedError

    # -- checks ------------------------------------------------------------------------
    def _validate(self, op: Operation, params: dict[str, str],
                  size: int) -> tuple[str, str] | None:
        known = {p.wire for p in op.params.values()} | {"api_key", "sig"}
        known |= op.paging.query_params
        unknown = sorted(set(params) - known)
        if unknown:
            return "0016", f"Unknown parameters: [{', '.join(unknown)}]"
        for p in op.params.values():
            if p.required and p.wire not in params and p.name not in op.path_params:
                return "0003", f"Missing required parameter: {p.wire}"
        lim = op.limits
        if op.paging.paged and (size < 1 or (lim.page_size and size > lim.page_size)):
            return "0011", f"total_records_per_page must be 1..{lim.page_size}"
        for name, cap in lim.lists.items():
            wire = op.params[name].wire
            if wire in params and len(params[wire].split(",")) > cap:
                return "0010", f"{wire}: at most {cap} values"
        spec = op.window
        if spec is not None and lim.window is not None:
            a = params.get(op.params[spec.start].wire)
            b = params.get(op.params[spec.end].wire)
            if a and b:
                lo, hi = _parse_wire_time(a), _parse_wire_time(b)
                if lo is None or hi is None:
                    return "0012", "invalid date"
                if hi < lo:
                    return "0012", "the end is before the start"
                if hi - lo > lim.window:
                    return "0013", f"the date range is limited to {lim.window.days} days"
        return None

    # -- data --------------------------------------------------------------------------
    def _select(self, op: Operation, params: dict[str, str],
                path_args: dict[str, str]) -> list[dict[str, Any]]:
        records = self.data.records(op)
        keep = list(range(len(records)))
        for p in op.params.values():
            raw = params.get(p.wire, path_args.get(p.name))
            if raw is None:
                continue
            target = p.name[:-1] if p.is_list and p.name.endswith("_ids") else p.name
            if not records or target not in records[0]:
                continue
            if p.is_list:
                wanted = set(raw.split(","))
                keep = [i for i in keep if str(records[i].get(target)) in wanted]
            elif target.endswith("_id"):
                keep = [i for i in keep if str(records[i].get(target)) == raw]
        spec = op.window
        stamps = self.data.when.get(op.name)
        if spec is not None and stamps is not None:
            a = params.get(op.params[spec.start].wire)
            b = params.get(op.params[spec.end].wire)
            lo = _parse_wire_time(a) if a else None
            hi = _parse_wire_time(b) if b else None
            if spec.resolution == "day" and hi is not None:
                hi = hi + timedelta(days=1) - timedelta(microseconds=1)
            # "to" is inclusive of that instant exactly ("23:59" is 23:59:00.000): the least
            # generous reading, which a client must survive. The filter's clock may be off the
            # records' own (filter_shift).
            d = self.filter_shift
            keep = [i for i in keep if (lo is None or stamps[i] + d >= lo)
                    and (hi is None or stamps[i] + d <= hi)]
        return [records[i] for i in keep]

    @staticmethod
    def _ordered(records: list[dict[str, Any]],
                 sort: dict[str, str] | None) -> list[dict[str, Any]]:
        if sort is None:
            return records
        key = sort["order_by"]
        return sorted(records, key=lambda r: str(r.get(key)),
                      reverse=sort["order_option"] == "DESC")

    def _page(self, op: Operation, request: web.Request, records: list[dict[str, Any]],
              page: int | None, size: int) -> web.Response:
        scheme = op.paging
        total = len(records)
        sort = None
        if scheme.paged and page is not None:
            sort = scheme.sort_requested(request.headers)
            records = self._ordered(records, sort)
            records = records[(page - 1) * size: page * size]
        # The scheme writes its own envelope: counts (which System servers may leave out,
        # ``page_info=False``), their type (``string_counts``) and the sort order it echoes.
        return self._json(scheme.answer(records, page=page, size=size, total=total,
                                        counts=self.page_info, string_counts=self.string_counts,
                                        sort=sort))

    @staticmethod
    def _json(obj: Any) -> web.Response:
        return web.Response(body=msgspec.json.encode(obj),
                            content_type="application/json", charset="UTF-8")

    async def _write(self, op: Operation, request: web.Request) -> web.Response:
        from ._data import synthesize

        try:
            body = msgspec.json.decode(await request.read())
        except msgspec.DecodeError:
            return self._bad_request(op, "0004", "The request body is not JSON")
        items = body.get("body") if isinstance(body, dict) and "body" in body else body
        n = len(items) if isinstance(items, list) else 1
        records = [synthesize(op.record, i) for i in range(n)] if op.record else []
        return self._json({"headers": {"response_code": "0000",
                                       "response_message": "Successful"}, "body": records})

    # -- faults ------------------------------------------------------------------------
    async def _fault(self, fault: Fault, request: web.Request,
                     op: Operation) -> web.StreamResponse | None:
        kind = fault.kind
        if kind in ("500", "502", "503", "504"):
            return web.Response(status=int(kind), text=f"{kind} {fault.message}",
                                content_type="text/plain")
        if kind == "html":
            return web.Response(text="<html><body><h1>502 Bad Gateway</h1></body></html>",
                                content_type="text/html")
        if kind == "xml":
            return web.Response(text="<?xml version=\"1.0\"?><error>gateway</error>",
                                content_type="text/xml")
        if kind == "empty":
            return web.Response(body=b"", content_type="application/json")
        if kind == "truncate":
            return web.Response(body=b'{"headers": {"response_code": "0000"}, "body": [{"a',
                                content_type="application/json")
        if kind == "drop":
            resp = web.StreamResponse(headers={"Content-Length": "100000",
                                               "Content-Type": "application/json"})
            await resp.prepare(request)
            await resp.write(b'{"headers": {"response_code": "0000"}, "body": [')
            if request.transport is not None:
                request.transport.close()
            return resp
        if kind == "delay":
            await asyncio.sleep(fault.seconds)
            return None
        if kind in ("throttle", "throttle_bare", "throttle_429"):
            return self._gateway_403("ERR_403_DEVELOPER_OVER_QPS", "Developer Over Qps",
                                     retry_after=kind == "throttle",
                                     status=429 if kind == "throttle_429" else 403)
        if kind == "quota":
            return self._gateway_403("ERR_403_DEVELOPER_OVER_RATE", "Developer Over Rate")
        if kind == "auth":
            return self._gateway_403("ERR_403_NOT_AUTHORIZED", "Not Authorized")
        if kind == "code":
            return self._json({"headers": {"response_code": fault.code,
                                           "response_message": fault.message}, "body": []})
        return None

    def _gateway_403(self, code: str, text: str, *, retry_after: bool = False,
                     status: int = 403) -> web.Response:
        raise NotImplementedError


__all__ = ["Answers"]
