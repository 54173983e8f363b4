"""``python -m benchmarks.profile [--walks N] [--records N] [--rate HZ]``: where the SDK's client
CPU goes against the floor's, from py-spy (``pip install py-spy``; ``nox -s bench`` installs it).

For each client (SDK, floor) it runs ``py-spy record --native --format raw`` on
``python -m benchmarks.bench_throughput CLIENT`` (walks against a pinned fake server in a process
of its own, which py-spy does not sample), keeps the samples taken inside the walks' event loops
(not start-up, imports or the ``gc.collect()`` between walks), and prints two tables:

* the share of those samples in each bucket, the first rule matching from the top of the
  stack down: lenient ``__post_init__``, freeing objects (``*_dealloc``), the cyclic garbage
  collector, the page digest, msgspec decoding, the rest of the walk (aiohttp, the
  event loop, paging);
* the leaf functions with the most samples (self time).

The raw stacks are kept in ``benchmarks/results/profile-CLIENT.txt`` (a flame graph:
``flamegraph.pl`` or https://www.speedscope.app read them).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from ._common import child_env

RESULTS = Path(__file__).resolve().parent / "results"

# (bucket, substrings: a frame containing any of them puts the sample in the bucket)
BUCKETS: list[tuple[str, tuple[str, ...]]] = [
    ("lenient __post_init__", ("__post_init__",)),
    ("freeing objects (dealloc)", ("_dealloc",)),
    ("cyclic GC", ("gc_collect",)),
    ("page digest", ("digest (",)),
    ("msgspec decode", ("json_decode", "Decoder.decode", "Paging.read (", "decode_page",
                        "Decoder_decode")),
    # every walk runs inside the event loop, so this is the rest of the walk: transport,
    # paging, the consumer's loop
    ("aiohttp, event loop, rest of the walk", ("asyncio/",)),
]


def in_walk(stack: list[str]) -> bool:
    """A sample taken inside a walk's event loop (``asyncio.run`` of the walk)."""
    return any(f.startswith("Runner.run (") for f in stack)


def bucket(stack: list[str]) -> str:
    for name, marks in BUCKETS:
        # leaf first: a dealloc inside decoding counts as freeing, decoding inside the loop as
        # decoding
        if any(m in frame for frame in stack for m in marks):
            return name
    return "other"


def summarize(raw: Path) -> tuple[int, Counter[str], Counter[str]]:
    buckets: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        text, _, count = line.rpartition(" ")
        stack = text.split(";")
        if not count.isdigit() or not in_walk(stack):
            continue
        n = int(count)
        total += n
        buckets[bucket(stack)] += n
        leaves[stack[-1]] += n
    return total, buckets, leaves


def record(client: str, walks: int, records: int, rate: int) -> Path:
    out = RESULTS / f"profile-{client}.txt"
    RESULTS.mkdir(exist_ok=True)
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    subprocess.run([spy, "record", "--native", "--rate", str(rate), "--format", "raw",
                    "--output", str(out), "--", sys.executable, "-m",
                    "benchmarks.bench_throughput", client, "--walks", str(walks), "--records",
                    str(records)], check=True, env=child_env())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    ap.add_argument("--walks", type=int, default=10)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--rate", type=int, default=250, help="samples per second")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--raw", nargs=2, metavar=("SDK", "FLOOR"),
                    help="summarize two existing py-spy raw files instead of recording")
    args = ap.parse_args()
    files = ([Path(p) for p in args.raw] if args.raw else
             [record(c, args.walks, args.records, args.rate) for c in ("sdk", "floor")])
    results = {c: summarize(f) for c, f in zip(("sdk", "floor"), files, strict=True)}
    (ns, bs, _), (nf, bf, _) = results["sdk"], results["floor"]
    print(f"Samples inside walks: SDK {ns}, floor {nf} (the ratio estimates floor ÷ SDK "
          f"speed: {nf / ns if ns else float('nan'):.2f})\n")
    print("| Bucket | SDK | floor | SDK, in floor-walk units |\n|---|---:|---:|---:|")
    for name in [b for b, _ in BUCKETS] + ["other"]:
        s, f = bs[name], bf[name]
        print(f"| {name} | {s / ns:.1%} | {f / nf:.1%} | {s / nf if nf else 0:.2f} |")
    for client, (n, _, leaves) in results.items():
        print(f"\nTop leaf functions, {client} ({n} samples):")
        for leaf, k in leaves.most_common(args.top):
            print(f"  {k / n:6.1%}  {leaf}")


if __name__ == "__main__":
    main()
