"""Figure: many organizations walking at once in one process, each key at 2 requests/s.

A server process (``python -m benchmarks.bench_many_keys serve N RECORDS``) runs N of the
package's ``FakeActiveNet`` gateways on one event loop, one per organization, each with its own
key and enforcing 2 requests/s on it like ACTIVE's gateway (403 OVER_QPS) and logging arrival
times. A client process (a fresh one per point of the curve, so that its peak RSS is its own)
walks Insights ``/customers`` of every organization at once: K ``ActiveNet`` clients, one per
key, in one event loop. The floor does the same with raw aiohttp + msgspec (a Struct of the JSON
types) and the simplest pacing (one request every 0.53 s per key, a 403 waited out).

* aggregate ÷ allowed (50 keys): the least-squares slope of all keys' accepted requests against
  arrival time, over 50 × 2 = 100 requests/s;
* peak per key (50 keys): the most requests of any one key in any rolling second, throttled
  ones included (server's log);
* CPU per record, SDK ÷ floor (50 keys): the client process's user + system time per record;
* the curve: requests/s, CPU per record and peak RSS for 1, 10, 50 and 100 keys.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ._common import Figure, child_env, median, sig, slope

RATE = 2.0
PAGE_SIZE = 100
KEYS_CURVE = (1, 10, 50, 100)
GOAL_KEYS = 50


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- the server process -----------------------------------------------------------------------
def _memo_fake() -> Any:
    """FakeActiveNet whose ``/customers`` page bodies are encoded once for every gateway (as
    benchmarks/_server.py does) and whose signature check hashes 5 candidates, not 601:
    otherwise the server, one Python process for up to 100 gateways, spends ~2 ms on each
    page, queues the opening burst for a quarter of a second, and the arrival times it logs
    measure its own backlog rather than the clients."""
    from aiohttp import web

    from activenet_async._operations.table import find
    from activenet_async.testing import FakeActiveNet

    op = find("insights.customers")
    bodies: dict[tuple[int, int], bytes] = {}

    class MemoFake(FakeActiveNet):
        def _valid_sigs(self, api_key: str, secret: str) -> set[str]:
            # The fake accepts signatures of +-5 minutes, hashing 601 candidates per key per
            # second: 100 keys would cost the server ~0.1 s of CPU a second. The clients here
            # share this machine's clock: +-10 s is plenty.
            now = int(time.time())
            return {hashlib.sha256(f"{api_key}{secret}{t}".encode()).hexdigest()
                    for t in range(now - 10, now + 11)}

        def _page(self, op_: Any, request: Any, recs: Any, page: int | None,
                  size: int) -> web.Response:
            if op_ is not op or page is None:
                return super()._page(op_, request, recs, page, size)
            body = bodies.get((page, size))
            if body is None:
                resp = super()._page(op_, request, recs, page, size)
                assert isinstance(resp.body, bytes)
                body = bodies[(page, size)] = resp.body
            return web.Response(body=body, content_type="application/json", charset="UTF-8")

    return MemoFake


async def _serve(n: int, records: int) -> None:
    from activenet_async.testing import Dataset

    data = Dataset(paged_size=records)
    fake_type = _memo_fake()
    fakes = [fake_type(org=f"org{i}", api_key=f"key-{i:03d}", shared_secret=f"secret-{i}",
                       rate_limit=RATE, dataset=data, threaded=False) for i in range(n)]
    for f in fakes:
        await f.start()
    fakes[0].records("insights.customers")  # build the shared data set before the clock runs
    warm = fake_type(dataset=data, threaded=False)  # and every page body, on an unlimited key
    async with warm, warm.client(rate_limit=1e6) as anet:
        await anet.insights.get_customers(page_size=PAGE_SIZE).collect()
    print(json.dumps([{"base_url": f.base_url, "org": f.org, "api_key": f.api_key,
                       "secret": f.shared_secret} for f in fakes]), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    print(json.dumps([{"ok": [e.at for e in f.log if e.status == 200],
                       "throttled": sum(1 for e in f.log if e.status != 200),
                       "peak": f.max_in_window(1.0)} for f in fakes]), flush=True)
    for f in fakes:
        await f.close()


# -- the client process -----------------------------------------------------------------------
async def _sdk(orgs: list[dict[str, str]]) -> int:
    from activenet_async import ActiveNet

    async def one(o: dict[str, str]) -> int:
        n = 0
        async with ActiveNet(org=o["org"], api_key=o["api_key"], shared_secret=o["secret"],
                             base_url=o["base_url"], rate_limit=RATE) as anet:
            async for _ in anet.insights.get_customers(page_size=PAGE_SIZE):
                n += 1
        return n

    return sum(await asyncio.gather(*(one(o) for o in orgs)))


async def _floor(orgs: list[dict[str, str]]) -> int:
    import aiohttp
    import msgspec

    from ._common import floor_envelope, floor_struct

    decoder: Any = None

    async def one(session: aiohttp.ClientSession, o: dict[str, str]) -> int:
        nonlocal decoder
        url = f"{o['base_url']}/ANETGateway/rest/anet-insightsapi/customers"
        n, page, pages, due = 0, 1, 1, time.monotonic()
        while page <= pages:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            due = time.monotonic() + 1.06 / RATE
            params = {"page": str(page), "pageSize": str(PAGE_SIZE), "api_key": o["api_key"],
                      "sig": sig(o["api_key"], o["secret"])}
            async with session.get(url, params=params) as resp:
                body = await resp.read()
            if resp.status == 403:  # throttled after all: wait out the Retry-After, again
                due = time.monotonic() + 1.0
                continue
            if resp.status != 200:
                raise RuntimeError(f"floor: HTTP {resp.status}")
            if decoder is None:
                sample = msgspec.json.decode(body)["data"][0]
                decoder = msgspec.json.Decoder(floor_envelope(floor_struct(sample)))
            parsed = decoder.decode(body)
            n += len(parsed.data)
            pages = -(-parsed.totalRowCount // PAGE_SIZE)
            page += 1
        return n

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        return sum(await asyncio.gather(*(one(session, o) for o in orgs)))


def _client(kind: str, orgs: list[dict[str, str]]) -> None:
    import aiohttp  # noqa: F401  (imports are start-up, not walking: outside the clock)

    if kind == "sdk":
        # The operation table too: import time is start-up, not walking.
        from activenet_async._operations import table  # noqa: F401

    c0, t0 = time.process_time(), time.perf_counter()
    n = asyncio.run(_sdk(orgs) if kind == "sdk" else _floor(orgs))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"records": n, "wall": wall, "cpu": cpu, "rss_mb": _peak_rss_mb()}),
          flush=True)


# -- the driver --------------------------------------------------------------------------------
def _point(kind: str, keys: int, records: int) -> dict[str, Any]:
    """One walk of ``keys`` organizations by ``kind`` (sdk or floor), each side in its own
    process; the server's verdict and the client's costs."""
    me = [sys.executable, "-m", "benchmarks.bench_many_keys"]
    server = subprocess.Popen([*me, "serve", str(keys), str(records)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=child_env())
    try:
        assert server.stdout is not None and server.stdin is not None
        orgs = server.stdout.readline()
        client = subprocess.run([*me, kind], input=orgs, capture_output=True, text=True,
                                env=child_env())
        if client.returncode:
            raise RuntimeError(f"{kind} walk of {keys} keys failed: {client.stderr[-2000:]}")
        res = json.loads(client.stdout)
        server.stdin.write("done\n")
        server.stdin.flush()
        logs = json.loads(server.stdout.readline())
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(30)
    if res["records"] != keys * records:
        raise AssertionError(f"{kind}: {res['records']} records, not {keys * records}")
    ok = sorted(t for log in logs for t in log["ok"])
    return {**res, "keys": keys, "rps": slope(ok), "allowed": keys * RATE,
            "peak_per_key": max(log["peak"] for log in logs),
            "throttled": sum(log["throttled"] for log in logs),
            "cpu_per_1k": res["cpu"] / res["records"] * 1000}


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (1 if quick else 3)
    pages = 6 if quick else 16
    records = pages * PAGE_SIZE
    curve = [_point("sdk", k, records) for k in KEYS_CURVE]
    at_goal = [p for p in curve if p["keys"] == GOAL_KEYS]
    floors = []
    for r in range(rounds):
        if r:
            at_goal.append(_point("sdk", GOAL_KEYS, records))
        floors.append(_point("floor", GOAL_KEYS, records))
    eff = [p["rps"] / p["allowed"] for p in at_goal]
    cpu = [s["cpu_per_1k"] / f["cpu_per_1k"] for s, f in zip(at_goal, floors, strict=True)]
    peak = max(p["peak_per_key"] for p in at_goal)
    throttled = sum(p["throttled"] for p in at_goal)
    others = "; ".join(f"{p['keys']} keys: peak {p['peak_per_key']}, {p['throttled']} throttled"
                       for p in curve if p["keys"] != GOAL_KEYS)
    shown = "; ".join(f"{p['keys']} keys: {p['rps']:.1f} req/s of {p['allowed']:g}, "
                      f"{p['cpu_per_1k'] * 1000:.0f} ms CPU/1k records, {p['rss_mb']:.0f} MB"
                      for p in curve)
    figs = [
        Figure("many_keys.aggregate", f"{GOAL_KEYS} keys at 2/s in one process "
               f"({pages} pages of {PAGE_SIZE} each): aggregate ÷ {GOAL_KEYS * RATE:g} req/s",
               median(eff), "×", "≥ 0.95", median(eff) >= 0.95, eff, fmt="{:.3f}",
               note=f"curve: {shown}; floor at {GOAL_KEYS} keys: "
                    f"{median([f['rps'] for f in floors]):.1f} req/s, "
                    f"{median([f['cpu_per_1k'] for f in floors]) * 1000:.0f} ms CPU/1k records"),
        Figure("many_keys.peak", f"{GOAL_KEYS} keys: most requests of one key in any rolling "
               "second", float(peak), "", "≤ 2", peak <= RATE, [float(peak)], fmt="{:.0f}",
               note=f"{throttled} throttled answers over the {GOAL_KEYS}-key walks; {others}"),
        Figure("many_keys.cpu_vs_floor", f"{GOAL_KEYS} keys: client CPU per record, SDK ÷ "
               "raw aiohttp + msgspec floor", median(cpu), "×", "≤ 1.2", median(cpu) <= 1.2,
               cpu),
    ]
    return figs, {"curve": curve, "at_goal": at_goal, "floor": floors}


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        asyncio.run(_serve(int(sys.argv[2]), int(sys.argv[3])))
    else:
        _client(sys.argv[1], json.loads(sys.stdin.readline()))
