"""Servers for the throughput and memory figures, each run in a process of its own.

``python -m benchmarks._server fake --records N [--latency S]`` serves the package's
``FakeActiveNet`` (routing, signature checks, parameter and limit checks, Insights paging) with
``insights.customers`` holding N records: 500 records synthesized by the fake's own data set,
repeated with fresh ``customer_id`` values, and each page's JSON body encoded once at start-up.
Without that, building and encoding 100,000 wide records would cost the server more CPU per page
than decoding it costs the client, and the figure would measure the server.

``python -m benchmarks._server repeat --records N`` is a tiny aiohttp server for the memory
figure (1,000,000 records): every page of ``/customers`` is the same pre-encoded 500-record
array inside an envelope carrying that page's number and the true counts, so the SDK walks real
HTTP pages without the server having to hold a million records. It checks no signatures.

Both print one JSON line (base URL, credentials and the core they are pinned to, ``--cpu``) and
serve until their stdin closes. A line ``{"latency": S}`` on stdin sets the delay of every later
answer to S seconds (the fake only), acknowledged by the line ``{"latency": S}`` on stdout, so
one server serves the walks at 0, 20, 50 and 100 ms of a round in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any, overload

ORG, KEY, SECRET = "benchorg", "bench-key", "bench-secret"
TEMPLATE_SIZE = 500


def template_records(n: int = TEMPLATE_SIZE) -> list[dict[str, Any]]:
    """``n`` distinct Insights customers as the fake server synthesizes them."""
    from activenet_async.records.insights import InsightsCustomer
    from activenet_async.testing._data import synthesize

    return [synthesize(InsightsCustomer, i, api="insights") for i in range(n)]


class _Virtual(Sequence[dict[str, Any]]):
    """N records made from a template on demand (a list of N wide dicts would take GBs)."""

    def __init__(self, template: list[dict[str, Any]], n: int) -> None:
        self._t, self._n = template, n

    def __len__(self) -> int:
        return self._n

    def _one(self, i: int) -> dict[str, Any]:
        rec = dict(self._t[i % len(self._t)])
        rec["customer_id"] = i + 1
        return rec

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self._one(j) for j in range(*i.indices(self._n))]
        return self._one(i)


def _bench_fake(records: int, latency: float) -> Any:
    from aiohttp import web

    from activenet_async._operations.table import find
    from activenet_async.testing import FakeActiveNet

    op = find("insights.customers")  # find() loads every operation module first

    class BenchFake(FakeActiveNet):
        """FakeActiveNet with a virtual data set and memoized page bodies."""

        def __init__(self) -> None:
            super().__init__(org=ORG, api_key=KEY, shared_secret=SECRET, latency=latency,
                             threaded=False)
            self.virtual = _Virtual(template_records(), records)
            self.bodies: dict[tuple[int, int], bytes] = {}

        def _select(self, op_: Any, params: dict[str, str],
                    path_args: dict[str, str]) -> Any:
            if op_ is op:
                return self.virtual
            return super()._select(op_, params, path_args)

        def _page(self, op_: Any, request: Any, recs: Any, page: int | None,
                  size: int) -> web.Response:
            if op_ is not op or page is None:
                return super()._page(op_, request, recs, page, size)
            body = self.bodies.get((page, size))
            if body is None:
                resp = super()._page(op_, request, recs, page, size)
                assert isinstance(resp.body, bytes)
                body = self.bodies[(page, size)] = resp.body
            return web.Response(body=body, content_type="application/json", charset="UTF-8")

        def warm(self, size: int = 500) -> None:
            # Rendered before serving, from a request with no sort order (empty headers).
            unsorted = SimpleNamespace(headers={})
            for page in range(1, -(-records // size) + 1):
                self._page(op, unsorted, self.virtual, page, size)

    return BenchFake()


def _repeat_app(records: int) -> Any:
    import msgspec
    from aiohttp import web

    template = template_records()
    data = msgspec.json.encode(template)
    partial: dict[int, bytes] = {}

    async def customers(request: web.Request) -> web.Response:
        try:
            page = int(request.query.get("page", "1"))
            size = int(request.query.get("pageSize", "100"))
        except ValueError:
            return web.json_response({"errorMsg": "bad paging"}, status=400)
        if size != TEMPLATE_SIZE:
            return web.json_response({"errorMsg": f"pageSize must be {TEMPLATE_SIZE} here"},
                                     status=400)
        pages = -(-records // size)
        count = 0 if page > pages else min(size, records - (page - 1) * size)
        if count == size:
            chunk = data
        else:
            chunk = partial.get(count) or partial.setdefault(
                count, msgspec.json.encode(template[:count]))
        head = (f'{{"page":{page},"pageSize":{size},"pageRowCount":{count},'
                f'"filteredRowCount":{records},"totalRowCount":{records},"data":').encode()
        return web.Response(body=head + chunk + b"}", content_type="application/json")

    app = web.Application()
    app.router.add_get("/ANETGateway/rest/anet-insightsapi/customers", customers)
    return app


async def _commands(fake: Any) -> None:
    """Obey the control lines on stdin until it closes."""
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        cmd = json.loads(line)
        if "latency" in cmd and fake is not None:
            fake.latency = float(cmd["latency"])  # read by the fake on every request
        print(json.dumps({"latency": None if fake is None else fake.latency}), flush=True)


async def _serve(args: argparse.Namespace, cpu: int | None) -> None:
    from aiohttp import web

    creds = {"org": ORG, "api_key": KEY, "secret": SECRET, "cpu": cpu}
    if args.kind == "fake":
        fake = _bench_fake(args.records, args.latency)
        url = await fake.start()
        fake.warm()
        print(json.dumps({"base_url": url, **creds}), flush=True)
        await _commands(fake)
        await fake.close()
        return
    runner = web.AppRunner(_repeat_app(args.records), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    print(json.dumps({"base_url": f"http://127.0.0.1:{port}", **creds}), flush=True)
    await _commands(None)
    await runner.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks._server")
    ap.add_argument("kind", choices=["fake", "repeat"])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--cpu", type=int, help="pin the server to this core (where possible)")
    args = ap.parse_args()
    cpu = None
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        try:  # before any thread starts, so every thread of the server stays on this core
            os.sched_setaffinity(0, {args.cpu})
            cpu = args.cpu
        except OSError:
            pass
    asyncio.run(_serve(args, cpu))


if __name__ == "__main__":
    main()
