"""Figure 2: records per second and client CPU per record, unthrottled, against the package's
fake server in a process of its own (``benchmarks._server fake``), and how well the SDK hides
server latency.

Placement: where the machine has two cores and allows it (``os.sched_setaffinity``), the server
is pinned to the first allowed core and this process (the client) to the second, so client and
server never compete for a core and neither migrates; elsewhere nothing is pinned, and the
details say so.

Rounds: each round walks the same Insights ``/customers`` pages (500 records each) once with the
SDK (``rate_limit=1e6``, ``concurrency=8``) and once with the floor (raw aiohttp, 8 requests in
flight, plain msgspec Struct of the JSON types), back to back, the order alternating between
rounds (SDK-floor, floor-SDK, ...), so that a change in the machine's load lands on both sides of
a round alike; the round's ratio is taken within the round, and the median and the spread over
rounds are reported. Every walk is a fresh event loop and session, after ``gc.collect()``.

* CPU-bound ratio (goal 2): the floor's client CPU seconds per record ÷ the SDK's, both this
  process's user + system time during the walk (the server's are not counted). When a client is
  CPU-bound its rate is 1 ÷ its CPU per record, so this is the throughput ratio the cores allow,
  and it does not move when another job takes the client's core for a while (a wall clock
  counts that time, the CPU clock does not). The wall-rate ratio is reported beside it; on a
  quiet machine the two agree (the utilisation, CPU ÷ wall, is near 1 for both clients).
* The typical client (httpx + pydantic, one page at a time) walks in the first rounds only,
  right after that round's SDK walk; its ratio is by wall rate (it waits for each page).
* Latency hiding (goal 3): in each round the SDK walks the same pages with the server's delay
  at 0, 20, 50 and 100 ms per answer (switched between walks on the same server), the order
  reversed every other round so that 0 and 20 ms are always neighbours; the figure is the wall
  rate at L ms ÷ the rate at 0 ms in the same round. Beside it, the bound a walk that spends no
  request on a page that may not exist can reach: page 1's answer takes L, and only its counts
  say which pages to ask for next, whose first answer takes L more, so a walk lasts at least its
  0 ms time T0 plus 2 L, and the ratio is at most T0 ÷ (T0 + 2 L) (from the same round's T0).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
from collections.abc import Callable, Coroutine
from typing import Any

from ._clients import floor_decoder, floor_walk, sdk_walk, typical_models, typical_walk
from ._common import (
    Figure,
    Server,
    measured,
    median,
    pinned,
    placement,
    server_process,
    spread,
)
from ._server import template_records

CONCURRENCY = 8
RECORDS = 50_000          # per walk: 100 pages, about 0.4 s of SDK on a quiet core
ROUNDS = 30               # SDK-floor pairs
TYPICAL_ROUNDS = 3        # rounds that also walk the typical client
LAT_RECORDS = 100_000      # long enough that the first page's wait is ~2 % of a walk
LAT_ROUNDS = 10
LATENCIES_MS = (0, 20, 50, 100)
GOAL_FLOOR = 0.9
GOAL_HIDING = 0.95

Walk = Callable[[], Coroutine[Any, Any, int]]


def once(make: Walk, expect: int | None = None) -> dict[str, float]:
    """One walk in a fresh event loop: records, wall and CPU seconds, rate, CPU per 100,000
    records, utilisation (CPU ÷ wall), and the same rate and utilisation with the seconds the
    client waited for its core taken out of the wall time (``own_rps``, ``own_util``)."""
    gc.collect()
    n, t = measured(lambda: asyncio.run(make()))
    if expect is not None and n != expect:
        raise AssertionError(f"walked {n} records, not {expect}")
    own = t["wall"] - t.get("waited", 0.0)
    return {"records": n, **t, "rps": n / t["wall"], "cpu_100k": t["cpu"] / n * 1e5,
            "util": t["cpu"] / t["wall"], "own_rps": n / own, "own_util": t["cpu"] / own}


_once = once  # the name before this module measured waits


def _flat(srv: Server, rounds: int, typical_rounds: int, records: int
          ) -> dict[str, list[dict[str, float]]]:
    decoder = floor_decoder(template_records(1)[0])
    model = typical_models()
    walks: dict[str, Walk] = {
        "sdk": lambda: sdk_walk(srv, concurrency=CONCURRENCY),
        "floor": lambda: floor_walk(srv, decoder, in_flight=CONCURRENCY),
    }
    once(walks["floor"], records)  # warm up: imports, caches, the server's first answers
    once(walks["sdk"], records)
    out: dict[str, list[dict[str, float]]] = {"sdk": [], "floor": [], "typical": []}
    for r in range(rounds):
        for name in ("sdk", "floor") if r % 2 == 0 else ("floor", "sdk"):
            out[name].append(once(walks[name], records))
        if r < typical_rounds:
            res = once(lambda: typical_walk(srv, model), records)
            res["round"] = r
            out["typical"].append(res)
    return out


def _latency(srv: Server, rounds: int, records: int) -> dict[int, list[dict[str, float]]]:
    out: dict[int, list[dict[str, float]]] = {ms: [] for ms in LATENCIES_MS}
    walk: Walk = lambda: sdk_walk(srv, concurrency=CONCURRENCY)  # noqa: E731
    once(walk, records)
    for r in range(rounds):
        for ms in LATENCIES_MS if r % 2 == 0 else LATENCIES_MS[::-1]:
            srv.set_latency(ms / 1000)
            out[ms].append(once(walk, records))
    srv.set_latency(0.0)
    return out


def _by(res: list[dict[str, float]], key: str) -> list[float]:
    return [x[key] for x in res]


def _med(res: list[dict[str, float]], key: str) -> float:
    return median(_by(res, key))


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (3 if quick else ROUNDS)
    lat_rounds = runs or (2 if quick else LAT_ROUNDS)
    typical_rounds = 1 if quick else TYPICAL_ROUNDS
    records = 10_000 if quick else RECORDS
    lat_records = 20_000 if quick else LAT_RECORDS
    server_cpu, client_cpu = placement()
    with pinned(client_cpu) as client_pinned:
        with server_process("fake", records=records, cpu=server_cpu) as srv:
            flat = _flat(srv, rounds, typical_rounds, records)
        with server_process("fake", records=lat_records, cpu=server_cpu) as srv:
            lat = _latency(srv, lat_rounds, lat_records)
        server_pinned = srv.cpu is not None

    sdk, floor, typical = flat["sdk"], flat["floor"], flat["typical"]
    by_cpu = [f["cpu_100k"] / s["cpu_100k"] for s, f in zip(sdk, floor, strict=True)]
    by_wall = [s["rps"] / f["rps"] for s, f in zip(sdk, floor, strict=True)]
    by_own = [s["own_rps"] / f["own_rps"] for s, f in zip(sdk, floor, strict=True)]
    vs_typical = [sdk[int(t["round"])]["rps"] / t["rps"] for t in typical]
    placed = (f"server on core {server_cpu}, client on core {client_cpu}"
              if client_pinned and server_pinned else "not pinned (affinity unavailable)")
    waited = _med(sdk, "waited") if "waited" in sdk[0] else float("nan")
    med = median(by_cpu)
    figs = [
        Figure("throughput.sdk_vs_floor",
               f"Throughput, CPU-bound, {records:,}-record walks, 8 in flight: SDK ÷ raw "
               "aiohttp + msgspec floor (client CPU per record)",
               med, "×", f"≥ {GOAL_FLOOR}", med >= GOAL_FLOOR, by_cpu,
               note=f"{spread(by_cpu, iqr=True)}; records/s SDK {_med(sdk, 'rps'):,.0f}, "
                    f"floor {_med(floor, 'rps'):,.0f}; CPU ÷ (wall − waits for a core) SDK "
                    f"{_med(sdk, 'own_util'):.2f}, floor {_med(floor, 'own_util'):.2f} (1.00: "
                    f"CPU-bound); the SDK waited {waited:.2f} s per walk for its core; "
                    f"{placed}"),
        Figure("throughput.sdk_vs_floor_wall",
               "Throughput: SDK ÷ floor by wall rate, waits for a core taken out (same walks)",
               median(by_own), "×", runs=by_own,
               note=f"{spread(by_own, iqr=True)}; plain wall rate {median(by_wall):.2f} "
                    f"({spread(by_wall, iqr=True)}), which moves with the machine's load"),
        Figure("throughput.sdk_vs_typical",
               "Throughput: SDK ÷ httpx + pydantic, one page at a time (wall rate)",
               median(vs_typical), "×", "≥ 3", median(vs_typical) >= 3, vs_typical,
               fmt="{:.1f}", note=f"records/s: typical {_med(typical, 'rps'):,.0f}"),
        Figure("throughput.cpu_100k",
               "Client CPU seconds per 100,000 records: SDK (floor, typical in the note)",
               _med(sdk, "cpu_100k"), "s", runs=_by(sdk, "cpu_100k"),
               note=f"SDK {_med(sdk, 'cpu_100k'):.3f} ({spread(_by(sdk, 'cpu_100k'), '{:.3f}')})"
                    f", floor {_med(floor, 'cpu_100k'):.3f} "
                    f"({spread(_by(floor, 'cpu_100k'), '{:.3f}')}), httpx + pydantic "
                    f"{_med(typical, 'cpu_100k'):.2f}"),
    ]
    hiding: dict[int, list[float]] = {}
    for ms in LATENCIES_MS[1:]:
        ratios = hiding[ms] = [x["own_rps"] / z["own_rps"]
                               for x, z in zip(lat[ms], lat[0], strict=True)]
        raw = [x["rps"] / z["rps"] for x, z in zip(lat[ms], lat[0], strict=True)]
        m = median(ratios)
        t0s = [z["records"] / z["own_rps"] for z in lat[0]]  # the 0 ms walks' own wall time
        bound = [t0 / (t0 + 2 * ms / 1000) for t0 in t0s]
        goal = ms == 20
        figs.append(Figure(
            f"latency.hiding_{ms}ms",
            f"Latency hiding, {ms} ms per answer, {lat_records:,}-record walks: SDK rate ÷ "
            "SDK rate at 0 ms (wall, waits for a core taken out)", m, "×",
            f"≥ {GOAL_HIDING}" if goal else "", (m >= GOAL_HIDING) if goal else None, ratios,
            note=f"{spread(ratios, iqr=True)}; records/s at {ms} ms "
                 f"{_med(lat[ms], 'own_rps'):,.0f}, at 0 ms {_med(lat[0], 'own_rps'):,.0f}; "
                 f"plain wall ratio {median(raw):.2f} ({spread(raw)}); bound without "
                 f"speculative requests, T0 ÷ (T0 + 2 × {ms} ms): {median(bound):.3f}"))
        if goal:
            figs.append(Figure(
                "latency.bound_20ms",
                "Bound: the most latency hiding at 20 ms a walk can reach without requesting "
                "pages before page 1's counts say they exist, T0 ÷ (T0 + 2 × 20 ms)",
                median(bound), "×", runs=bound, fmt="{:.3f}",
                note="T0: the same round's 0 ms walk (wall, waits for a core taken out)"))
    return figs, {"records": records, "latency_records": lat_records, "rounds": rounds,
                  "latency_rounds": lat_rounds, "server_cpu": server_cpu,
                  "client_cpu": client_cpu, "pinned": client_pinned and server_pinned,
                  "ratio_by_cpu": by_cpu, "ratio_by_wall": by_wall,
                  "ratio_by_own_wall": by_own, "hiding": {str(k): v for k, v in hiding.items()},
                  "no_latency": flat, "latency": {str(ms): v for ms, v in lat.items()}}


def walk_forever(client: str, walks: int, records: int, latency_ms: float) -> None:
    """Walk ``walks`` times with one client against a pinned server, for a profiler attached to
    this process (see BENCHMARKS.md, "Profiling")."""
    server_cpu, client_cpu = placement()
    with pinned(client_cpu), \
            server_process("fake", records=records, cpu=server_cpu,
                           latency=latency_ms / 1000) as srv:
        decoder = floor_decoder(template_records(1)[0])
        make: Walk = {
            "sdk": lambda: sdk_walk(srv, concurrency=CONCURRENCY),
            "floor": lambda: floor_walk(srv, decoder, in_flight=CONCURRENCY),
        }[client]
        for _ in range(walks):
            res = once(make, records)
            print(f"{client}: {res['rps']:,.0f} records/s, {res['cpu_100k']:.2f} CPU s per "
                  f"100,000 records", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_throughput",
                                 description="Walk with one client, for a profiler.")
    ap.add_argument("client", choices=["sdk", "floor"])
    ap.add_argument("--walks", type=int, default=10)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    args = ap.parse_args()
    walk_forever(args.client, args.walks, args.records, args.latency_ms)


if __name__ == "__main__":
    main()
