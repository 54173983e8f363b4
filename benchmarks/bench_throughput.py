"""Figure 2: records per second, unthrottled, against the package's fake server in a process of
its own (``benchmarks._server fake``: one core for the server, one for the client).

Every client walks the same Insights ``/customers`` pages (500 records each) in a fresh event
loop; one round runs each client once, in rotating order, and each round's ratio is taken side
by side; the median over rounds is reported. CPU seconds are this process's (the client's) user
+ system time during the walk; the server's are not counted.

* no latency: the SDK (``rate_limit=1e6``, ``concurrency=8``) against the floor (raw aiohttp,
  8 requests in flight, plain msgspec Struct of the JSON types) and against the typical client
  (httpx + pydantic, one page at a time);
* 20 ms of server latency per request: the SDK against the same floor fetching one page at a
  time, which shows what concurrent prefetch buys.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine
from typing import Any

from ._clients import floor_decoder, floor_walk, sdk_walk, typical_models, typical_walk
from ._common import Figure, Server, median, server_process, spread, timed
from ._server import template_records

CONCURRENCY = 8


def _once(make: Callable[[], Coroutine[Any, Any, int]]) -> dict[str, float]:
    gc.collect()
    n, wall, cpu = timed(lambda: asyncio.run(make()))
    return {"records": n, "wall": wall, "cpu": cpu, "rps": n / wall, "cpu_100k": cpu / n * 1e5}


def _rounds(clients: dict[str, Callable[[], Coroutine[Any, Any, int]]], rounds: int,
            expect: int) -> dict[str, list[dict[str, float]]]:
    out: dict[str, list[dict[str, float]]] = {k: [] for k in clients}
    names = list(clients)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            res = _once(clients[name])
            if res["records"] != expect:
                raise AssertionError(f"{name} got {res['records']} records, not {expect}")
            out[name].append(res)
    return out


def _ratio(res: dict[str, list[dict[str, float]]], a: str, b: str) -> list[float]:
    return [x["rps"] / y["rps"] for x, y in zip(res[a], res[b], strict=True)]


def _med(res: dict[str, list[dict[str, float]]], name: str, key: str) -> float:
    return median([x[key] for x in res[name]])


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (1 if quick else 5)
    records = lat_records = 20_000 if quick else 100_000
    decoder = floor_decoder(template_records(1)[0])
    model = typical_models()

    def clients(srv: Server, *, typical: bool, floor_in_flight: int
                ) -> dict[str, Callable[[], Coroutine[Any, Any, int]]]:
        c: dict[str, Callable[[], Coroutine[Any, Any, int]]] = {
            "sdk": lambda: sdk_walk(srv, concurrency=CONCURRENCY),
            "floor": lambda: floor_walk(srv, decoder, in_flight=floor_in_flight),
        }
        if typical:
            c["typical"] = lambda: typical_walk(srv, model)
        return c

    with server_process("fake", records=records) as srv:
        _once(lambda: floor_walk(srv, decoder, in_flight=CONCURRENCY))  # warm up
        flat = _rounds(clients(srv, typical=True, floor_in_flight=CONCURRENCY), rounds,
                       records)
    with server_process("fake", records=lat_records, latency=0.02) as srv:
        _once(lambda: floor_walk(srv, decoder, in_flight=CONCURRENCY))
        lat = _rounds(clients(srv, typical=False, floor_in_flight=1), rounds, lat_records)

    sdk_floor = _ratio(flat, "sdk", "floor")
    # The same ratio from the client's CPU time per record: what the client achieves when it has
    # a core to itself (it is CPU-bound), robust to other load on a shared machine.
    cpu_ratio = [y["cpu_100k"] / x["cpu_100k"]
                 for x, y in zip(flat["sdk"], flat["floor"], strict=True)]
    sdk_typical = _ratio(flat, "sdk", "typical")
    sdk_seq = _ratio(lat, "sdk", "floor")
    rps = {k: _med(flat, k, "rps") for k in flat}
    cpu = {k: _med(flat, k, "cpu_100k") for k in flat}
    figs = [
        Figure("throughput.sdk_vs_floor",
               f"Throughput, {records:,} records, 8 in flight: SDK ÷ raw aiohttp + msgspec floor",
               median(sdk_floor), "×", "≥ 0.8", median(sdk_floor) >= 0.8, sdk_floor,
               note=f"records/s: SDK {rps['sdk']:,.0f}, floor {rps['floor']:,.0f}; runs "
                    f"{spread(sdk_floor)}; from client CPU time per record "
                    f"{median(cpu_ratio):.2f} (equal when the client is CPU-bound)"),
        Figure("throughput.sdk_vs_typical",
               "Throughput: SDK ÷ httpx + pydantic, one page at a time",
               median(sdk_typical), "×", "≥ 3", median(sdk_typical) >= 3, sdk_typical,
               note=f"records/s: typical {rps['typical']:,.0f}; runs {spread(sdk_typical)}"),
        Figure("throughput.cpu_sdk", "CPU seconds per 100,000 records: SDK", cpu["sdk"], "s",
               runs=[x["cpu_100k"] for x in flat["sdk"]], fmt="{:.2f}",
               note=f"floor {cpu['floor']:.2f} s, typical {cpu['typical']:.2f} s"),
        Figure("throughput.cpu_floor", "CPU seconds per 100,000 records: floor", cpu["floor"],
               "s", runs=[x["cpu_100k"] for x in flat["floor"]]),
        Figure("throughput.cpu_typical", "CPU seconds per 100,000 records: httpx + pydantic",
               cpu["typical"], "s", runs=[x["cpu_100k"] for x in flat["typical"]]),
        Figure("throughput.latency_prefetch",
               f"20 ms server latency, {lat_records:,} records: SDK (8 in flight) ÷ floor one "
               "page at a time", median(sdk_seq), "×", "≥ 4", median(sdk_seq) >= 4, sdk_seq,
               note=f"records/s: SDK {_med(lat, 'sdk', 'rps'):,.0f}, floor "
                    f"{_med(lat, 'floor', 'rps'):,.0f}; runs {spread(sdk_seq)}"),
    ]
    return figs, {"records": records, "latency_records": lat_records, "rounds": rounds,
                  "sdk_vs_floor_by_cpu": cpu_ratio,
                  "no_latency": flat, "latency_20ms": lat}
