"""``python -m benchmarks [--only NAME] [--quick] [--runs N]``: run the figures, print a
Markdown table (figure, median, runs, goal, met) and write ``benchmarks/results/latest.json``."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from ._common import Figure, raise_priority, rerun_boosted

BENCHES = ("limiter", "throughput", "decode", "memory", "startup", "many_keys", "sync")
RESULTS = Path(__file__).resolve().parent / "results"

METHOD = """\
Method (BENCHMARKS.md, "Method"): every ratio is taken within a round, the two sides back to
back in alternating order; the table shows the median over rounds and the spread (IQR, range).
Priority: on Linux as root the suite re-runs itself in a session of its own at nice -10
(--no-boost: not). Throughput: FakeActiveNet in a process of its own (benchmarks/_server.py
fake, page bodies encoded once at start-up) pinned to one core, the client pinned to the
other; CPU-bound SDK ÷ floor from client CPU seconds per record; latency hiding from wall time
minus the seconds the client waited for its core, one server switching 0/20/50/100 ms per walk.
Limiter: FakeActiveNet on its own thread enforcing the key's rate, arrival times from its log.
Memory: each walk in a fresh process, peak RSS its VmHWM, pages from benchmarks/_server.py
repeat. Decode: one 500-record page from the documented example, decoders taking turns per
repetition, pinned, best repetition per round. Sync: `sync` into DuckDB and `export --format
jsonl` of the same records as the user runs them (fresh processes, alternating), against a fake
server in a process of its own; flat records (Arrow) and nested ones (dicts, child tables).
Many keys: a server process runs one FakeActiveNet per organization (each key limited to 2/s,
page bodies encoded once) on one loop; each walk runs in a fresh client process (its CPU time
and peak RSS), against the floor (raw aiohttp + msgspec paced at one request per 0.53 s per
key). Profile: python -m benchmarks.profile."""


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("msgspec", "aiohttp", "httpx", "pydantic"):
        try:
            versions[mod] = importlib.import_module(mod).__version__
        except Exception:  # a missing optional client is reported, not fatal
            versions[mod] = "missing"
    import activenet_async

    return {"package": str(Path(activenet_async.__file__).parent),
            "activenet_async": activenet_async.__version__, "cpus": os.cpu_count(), "cpu": cpu,
            "python": platform.python_version(),
            "implementation": platform.python_implementation(), "system": platform.platform(),
            **versions}


def table(figs: list[Figure]) -> str:
    rows = ["| Figure | Median | Runs | Goal | Met |", "|---|---:|---|---|:---:|"]
    for f in figs:
        met = "—" if f.met is None else ("yes" if f.met else "**no**")
        runs = f.runs_text()
        rows.append(f"| {f.name} | {f.shown()} | {runs} | {f.goal or 'report'} | {met} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help=f"run only these figures (repeatable or comma-separated): "
                         f"{', '.join(BENCHES)}")
    ap.add_argument("--quick", action="store_true",
                    help="one round and smaller walks: a smoke test, not figures to publish")
    ap.add_argument("--runs", type=int,
                    help="rounds per figure (default: limiter and memory 3, throughput 30 and "
                         "latency 10, startup 11, decode 31, many_keys 3)")
    ap.add_argument("--no-boost", action="store_true",
                    help="run at normal priority (default on Linux as root: a session of its "
                         "own at nice -10, see BENCHMARKS.md)")
    args = ap.parse_args(argv)
    if not args.no_boost:
        code = rerun_boosted(sys.argv[1:] if argv is None else argv)
        if code is not None:
            return code
    priority = "normal" if args.no_boost else raise_priority()
    only = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
    unknown = sorted(set(only) - set(BENCHES))
    if unknown:
        ap.error(f"unknown figure {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    selected = [b for b in BENCHES if not only or b in only]

    load_start = os.getloadavg()
    started = time.perf_counter()
    figs: list[Figure] = []
    details: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for name in selected:
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        module = importlib.import_module(f"benchmarks.bench_{name}")
        got, detail = module.run(quick=args.quick, runs=args.runs)
        timings[name] = time.perf_counter() - t0
        print(f"[bench] {name} done in {timings[name]:.0f} s", file=sys.stderr, flush=True)
        figs.extend(got)
        details[name] = detail
    total = time.perf_counter() - started

    info = machine()
    info["load_average_start"] = load_start
    info["load_average_end"] = os.getloadavg()
    info["priority"] = priority
    print(table(figs))
    print()
    for f in figs:
        if f.note:
            print(f"- {f.name}: {f.note}")
    print()
    print(METHOD)
    print()
    print(f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['implementation']} "
          f"{info['python']}, msgspec {info['msgspec']}, aiohttp {info['aiohttp']}, httpx "
          f"{info['httpx']}, pydantic {info['pydantic']}. Medians of the runs shown; "
          f"{'QUICK run (smoke test), ' if args.quick else ''}suite took {total:.0f} s.")
    print(f"Package measured: {info['package']} ({info['activenet_async']}). Load average "
          f"(1 min) {load_start[0]:.2f} at the start, {info['load_average_end'][0]:.2f} at the "
          f"end (other work on the machine shows here); priority: {priority}.")
    missed = [f.name for f in figs if f.met is False]
    print(f"Goals missed: {len(missed)}" + (": " + "; ".join(missed) if missed else ""))

    RESULTS.mkdir(exist_ok=True)
    out = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": total,
           "quick": args.quick, "runs": args.runs, "selected": selected, "machine": info,
           "timings": timings, "figures": [f.as_dict() for f in figs], "details": details}
    (RESULTS / "latest.json").write_text(json.dumps(out, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
