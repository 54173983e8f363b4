"""Figure 4: peak RSS of a streaming walk of 1,000,000 records versus 100,000.

Each walk runs in a fresh Python process (``python -m benchmarks.bench_memory --child ...``)
that imports the SDK, walks ``anet.insights.get_customers()`` record by record keeping nothing,
and reports its peak RSS: ``VmHWM`` of ``/proc/self/status`` (the high-water mark of this process
image; ``getrusage().ru_maxrss`` would also count the parent's RSS, which a child started with
fork/vfork + exec inherits on Linux; it is the fallback elsewhere). The pages come from
``benchmarks._server repeat``: real HTTP pages over 127.0.0.1, every one the same pre-encoded
500-record array in an envelope with that page's number and the true counts, because the fake
server cannot synthesize a million wide records in reasonable time. The figure is the growth of
peak RSS from the 100,000-record walk to the 1,000,000-record walk, median over rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from typing import Any

from ._common import Figure, child_env, median, server_process, spread

GOAL_MB = 64


def peak_rss_kb() -> int:
    """Peak resident set size of this process image, in KiB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(url: str, records: int) -> None:
    rss0 = peak_rss_kb()

    from activenet_async import ActiveNet

    from ._server import KEY, ORG, SECRET

    rss_import = peak_rss_kb()

    async def walk() -> int:
        n = 0
        async with ActiveNet(org=ORG, api_key=KEY, shared_secret=SECRET, base_url=url,
                             rate_limit=1e6) as anet:
            async for _record in anet.insights.get_customers():
                n += 1
        return n

    t0 = time.perf_counter()
    n = asyncio.run(walk())
    wall = time.perf_counter() - t0
    peak = peak_rss_kb()
    print(json.dumps({"records": n, "wall": wall, "start_kb": rss0, "import_kb": rss_import,
                      "peak_kb": peak}))


def _walk_in_child(url: str, records: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_memory", "--child", url, str(records)],
        capture_output=True, text=True, check=True, env=child_env())
    res: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if res["records"] != records:
        raise AssertionError(f"walked {res['records']} records, not {records}")
    return res


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (1 if quick else 3)
    small, big = 100_000, (300_000 if quick else 1_000_000)
    results: dict[str, list[dict[str, Any]]] = {"small": [], "big": []}
    with server_process("repeat", records=small) as s1, \
            server_process("repeat", records=big) as s2:
        for _ in range(rounds):
            results["small"].append(_walk_in_child(s1.base_url, small))
            results["big"].append(_walk_in_child(s2.base_url, big))
    growth = [(b["peak_kb"] - a["peak_kb"]) / 1024
              for a, b in zip(results["small"], results["big"], strict=True)]
    peak_small = median([r["peak_kb"] / 1024 for r in results["small"]])
    peak_big = median([r["peak_kb"] / 1024 for r in results["big"]])
    imported = median([r["import_kb"] / 1024 for r in results["big"]])
    figs = [Figure("memory.growth",
                   f"Peak RSS growth, streaming {big:,} vs {small:,} records",
                   median(growth), "MB", f"< {GOAL_MB} MB", median(growth) < GOAL_MB, growth,
                   fmt="{:.1f}",
                   note=f"peak RSS {peak_small:.0f} MB vs {peak_big:.0f} MB (after import "
                        f"{imported:.0f} MB); runs {spread(growth, '{:.1f}')}")]
    return figs, {"rounds": rounds, "small": small, "big": big, "walks": results}


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_memory")
    ap.add_argument("--child", nargs=2, metavar=("URL", "RECORDS"), required=True)
    args = ap.parse_args()
    _child(args.child[0], int(args.child[1]))


if __name__ == "__main__":
    main()
