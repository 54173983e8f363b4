"""Figure: ``activenet-async sync`` into DuckDB against ``export --format jsonl`` of the same
records, side by side, unthrottled; and where a sync's time goes.

Both commands run as the user runs them (a fresh ``python -m activenet_async`` process each,
start-up included) against a fake server in a process of its own, alternating within a round.
Two record shapes, because dlt loads them differently:

* flat records (``get_activities``: scalars only) go to dlt as Arrow tables built from the
  Structs, which dlt writes without touching each row;
* nested records (Insights ``/customers``: a ``families`` list, a child table) go as dicts,
  which dlt normalises row by row to unnest them.

The phase split (extract = walk + conversion, normalize, load) comes from one in-process run
of the same source with dlt's steps called one by one.

``python -m benchmarks.bench_sync serve --records N`` is the flat server: the package's
FakeActiveNet with N activities (500 synthesized, repeated with fresh ids).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

from ._common import Figure, Server, child_env, median, server_process, spread


def serve(records: int) -> None:
    """Serve ``records`` activities from FakeActiveNet until stdin closes."""
    from activenet_async._operations.table import find
    from activenet_async.testing import Dataset, FakeActiveNet

    data = Dataset(paged_size=500)
    op = find("get_activities")
    recs = data.records(op)  # the data set's own list, mutable for tests
    template = list(recs)
    while len(recs) < records:
        for r in template[: records - len(recs)]:
            recs.append({**r, "activity_id": len(recs) + 1})

    async def main() -> None:
        fake = FakeActiveNet(org="benchorg", api_key="bench-key", shared_secret="bench-secret",
                             dataset=data, threaded=False)
        await fake.start()
        print(json.dumps({"base_url": fake.base_url, "org": fake.org, "api_key": fake.api_key,
                          "secret": fake.shared_secret}), flush=True)
        await asyncio.to_thread(sys.stdin.read)
        await fake.close()

    asyncio.run(main())


@contextlib.contextmanager
def flat_server(records: int) -> Iterator[Server]:
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_sync", "serve",
                             "--records", str(records)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=child_env())
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        yield Server(info["base_url"], info["org"], info["api_key"], info["secret"], proc)
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(30)


def _env(srv: Server, home: str) -> dict[str, str]:
    return {**child_env(), "ACTIVENET_ORG": srv.org, "ACTIVENET_API_KEY": srv.api_key,
            "ACTIVENET_SHARED_SECRET": srv.secret, "ACTIVENET_BASE_URL": srv.base_url,
            "DLT_DATA_DIR": os.path.join(home, "dlt"), "RUNTIME__DLTHUB_TELEMETRY": "false"}


def _command(srv: Server, operation: str, what: str, home: str) -> float:
    """Wall seconds of one export or sync of ``operation`` (a fresh process)."""
    common = ["--rate-limit", "1000000"]
    if what == "export":
        args = ["export", operation, "--format", "jsonl", "--out", f"{home}/out.jsonl",
                "--quiet", *common]
    else:
        args = ["sync", operation, "--to", f"duckdb:///{home}/out.duckdb", "--quiet", *common]
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "activenet_async", *args], cwd=home,
                          env=_env(srv, home), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{what} of {operation} failed: {done.stderr[-2000:]}")
    return wall


def _phases(srv: Server, operation: str) -> dict[str, float]:
    """Seconds of dlt's extract (walk + conversion), normalize and load, in this process."""
    with tempfile.TemporaryDirectory() as home:
        os.environ.update({"DLT_DATA_DIR": os.path.join(home, "dlt"),
                           "RUNTIME__DLTHUB_TELEMETRY": "false",
                           "DATA_WRITER__DISABLE_COMPRESSION": "true"})
        import dlt

        from activenet_async.dlt import activenet_source

        source = activenet_source([operation], client={
            "org": srv.org, "api_key": srv.api_key, "shared_secret": srv.secret,
            "base_url": srv.base_url, "rate_limit": 1e6})
        p = dlt.pipeline("bench_sync", destination=dlt.destinations.duckdb(f"{home}/p.duckdb"),
                         dataset_name="bench")
        t0 = time.perf_counter()
        p.extract(source, loader_file_format="parquet")
        t1 = time.perf_counter()
        p.normalize()
        t2 = time.perf_counter()
        p.load()
        t3 = time.perf_counter()
    return {"extract": t1 - t0, "normalize": t2 - t1, "load": t3 - t2}


def _measure(srv: Server, operation: str, records: int, rounds: int
             ) -> dict[str, Any]:
    rps: dict[str, list[float]] = {"export": [], "sync": []}
    for r in range(rounds):
        order = ["export", "sync"] if r % 2 == 0 else ["sync", "export"]
        for what in order:
            with tempfile.TemporaryDirectory() as home:
                rps[what].append(records / _command(srv, operation, what, home))
    ratio = [s / e for s, e in zip(rps["sync"], rps["export"], strict=True)]
    return {"rps": rps, "ratio": ratio, "phases": _phases(srv, operation)}


def _note(res: dict[str, Any]) -> str:
    ph = res["phases"]
    return (f"records/s: sync {median(res['rps']['sync']):,.0f}, export "
            f"{median(res['rps']['export']):,.0f}; runs {spread(res['ratio'])}; in-process "
            f"phases: extract (walk + conversion) {ph['extract']:.1f} s, normalize "
            f"{ph['normalize']:.1f} s, load {ph['load']:.1f} s")


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (1 if quick else 3)
    records = 20_000 if quick else 100_000
    with flat_server(records) as srv:
        flat = _measure(srv, "get_activities", records, rounds)
    with server_process("fake", records=records) as srv:
        nested = _measure(srv, "insights.get_customers", records, rounds)
    figs = [
        Figure("sync.flat_vs_export",
               f"sync into DuckDB ÷ export jsonl, {records:,} flat records (Arrow)",
               median(flat["ratio"]), "×", "≥ 0.5", median(flat["ratio"]) >= 0.5,
               flat["ratio"], note=_note(flat)),
        Figure("sync.nested_vs_export",
               f"sync into DuckDB ÷ export jsonl, {records:,} nested records (child tables)",
               median(nested["ratio"]), "×", runs=nested["ratio"], note=_note(nested)),
    ]
    return figs, {"records": records, "rounds": rounds, "flat": flat, "nested": nested}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_sync")
    ap.add_argument("mode", choices=["serve"])
    ap.add_argument("--records", type=int, default=100_000)
    serve(ap.parse_args().records)
