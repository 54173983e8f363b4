"""What margin holds when the processes sharing a key reach the gateway with different delays.

``python -m benchmarks.redis_jitter [--jitters 0,20,50,100] [--margins 0.04,0.08,0.16]``
(needs redis-server on PATH; not part of ``python -m benchmarks``, which needs no server).

Three OS processes walk one key at 2 requests/s through the Redis limiter against one
``FakeActiveNet`` that enforces 2/s like ACTIVE's gateway and logs arrival times. Each process
reaches the gateway through its own loopback proxy that holds every chunk it forwards for a
random 0..J ms (in order within a connection): requests granted in one order, on Redis's
clock, can arrive in another, as between machines at different network distances. For each
jitter J and each fixed margin, and for the adaptive margin (starting at 40 ms), it reports the
throttled answers, the most requests in any rolling second and the steady rate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from typing import Any

from ._common import child_env

PROCESSES = 3
MONTHS = (1, 2)


async def _proxy(target_port: int, jitter: float) -> int:
    loop = asyncio.get_running_loop()

    async def handle(cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        sr, sw = await asyncio.open_connection("127.0.0.1", target_port)

        async def up() -> None:
            last = 0.0
            while data := await cr.read(65536):
                last = max(last, loop.time() + random.uniform(0, jitter))
                await asyncio.sleep(last - loop.time())
                sw.write(data)
                await sw.drain()
            sw.close()

        async def down() -> None:
            while data := await sr.read(65536):
                cw.write(data)
                await cw.drain()
            cw.close()

        await asyncio.gather(up(), down(), return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return int(server.sockets[0].getsockname()[1])


async def _walk(args: dict[str, Any]) -> None:
    import redis.asyncio as aioredis

    from activenet_async import ActiveNet
    from activenet_async._http.redis_limiter import RedisLimiter

    port = await _proxy(int(args["port"]), float(args["jitter"]))
    r = aioredis.Redis.from_url(args["store"])
    margin = float(args["margin"])
    lim = RedisLimiter(r, args["api_key"], 2.0, margin=margin,
                       max_margin=1.0 if args["adaptive"] else margin)
    async with ActiveNet(org="orgtest", api_key=args["api_key"],
                         shared_secret=args["secret"], base_url=f"http://127.0.0.1:{port}",
                         limiter=lim) as anet:
        n = 0
        for month in MONTHS:
            async for _ in anet.insights.get_memberships(
                    modified_date_from=date(2024, month, 1),
                    modified_date_to=date(2024, month, 28), page_size=18):
                n += 1
    await lim.drain()
    await r.aclose()
    print(json.dumps({"records": n, "margin": lim.margin}), flush=True)


async def _trial(store: str, jitter_ms: float, margin: float, adaptive: bool) -> dict[str, Any]:
    from activenet_async.testing import FakeActiveNet

    async with FakeActiveNet(rate_limit=2) as fake:
        fake.records("insights.memberships")
        port = fake.base_url.rsplit(":", 1)[1]
        spec = {"port": port, "jitter": jitter_ms / 1000, "store": store,
                "api_key": fake.api_key, "secret": fake.shared_secret, "margin": margin,
                "adaptive": adaptive}
        procs = [await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.redis_jitter", "--walk", json.dumps(spec),
            stdout=subprocess.PIPE, env=child_env()) for _ in range(PROCESSES)]
        outs = [json.loads((await p.communicate())[0]) for p in procs]
        ok = sorted(e.at for e in fake.log if e.status == 200)
        gaps = [ok[i] - ok[i - 2] for i in range(2, len(ok))]
        return {"jitter_ms": jitter_ms, "margin": margin, "adaptive": adaptive,
                "requests": len(fake.log), "throttled": sum(e.status == 403 for e in fake.log),
                "peak": fake.max_in_window(1.0),
                "steady": 2 / statistics.mean(gaps) if gaps else float("nan"),
                "final_margin": max(o["margin"] for o in outs)}


def _redis() -> tuple[subprocess.Popen[bytes], str, str]:
    import socket

    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not installed (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp = tempfile.mkdtemp()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", tmp],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    return proc, f"redis://127.0.0.1:{port}", tmp


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.redis_jitter")
    ap.add_argument("--jitters", default="0,20,50,100", help="ms, comma-separated")
    ap.add_argument("--margins", default="0.04,0.08,0.16", help="s, comma-separated")
    ap.add_argument("--walk", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.walk:
        asyncio.run(_walk(json.loads(args.walk)))
        return
    proc, url, tmp = _redis()
    try:
        print("| jitter | margin | requests | throttled | peak in 1 s | steady req/s | "
              "margin at the end |\n|---:|---|---:|---:|---:|---:|---:|", flush=True)
        db = 0
        for jitter in (float(j) for j in args.jitters.split(",")):
            plans = [(float(m), False) for m in args.margins.split(",")] + [(0.04, True)]
            for margin, adaptive in plans:
                db = (db + 1) % 16  # a fresh key space per trial
                t = asyncio.run(_trial(f"{url}/{db}", jitter, margin, adaptive))
                shown = f"{margin * 1000:.0f} ms" + (" adaptive" if adaptive else "")
                print(f"| {jitter:.0f} ms | {shown} | {t['requests']} | {t['throttled']} | "
                      f"{t['peak']} | {t['steady']:.2f} | {t['final_margin'] * 1000:.0f} ms |",
                      flush=True)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
