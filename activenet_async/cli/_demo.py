"""``activenet-async demo``: a realistic export against the built-in fake server, offline."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .._operations.table import find
from ..testing import FakeActiveNet
from ._export import export
from ._progress import Progress

JOBS = [
    ("insights.get_memberships", {"modified_date_from": "2024-01-01",
                                  "modified_date_to": "2025-12-31"}, "jsonl",
     "memberships.jsonl"),
    ("get_activities", {}, "csv", "activities.csv"),
]


async def demo(out: str, *, quiet: bool = False) -> int:
    """Export two years of Insights memberships and all activities into ``out``, at ACTIVE's
    default rate limit of 2 requests per second, through a few injected gateway faults."""
    from ._args import parse_params

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    records = 0
    files = []
    async with FakeActiveNet(rate_limit=2) as fake:
        for name, *_ in JOBS:  # build the data before the clock matters
            fake.records(find(name).name)
        fake.inject("503", op="insights.memberships", skip=4)
        fake.inject("html", op="GetActivities", page=2)
        async with fake.client(rate_limit=2.0) as anet:
            sys.stderr.write(f"activenet-async demo: fake ACTIVE Net at {fake.base_url}, "
                             "rate limit 2 requests/s\n")
            for name, params, fmt, filename in JOBS:
                op = find(name)
                kwargs = parse_params(op, [f"{k}={v}" for k, v in params.items()])
                progress = Progress(total_slices=1, enabled=not quiet and sys.stderr.isatty(),
                                    label=op.qualified)
                path = str(folder / filename)
                summary = await export(anet, op, kwargs, fmt=fmt, out=path,
                                       job={"demo": name}, resume=False, progress=progress)
                records += summary.records
                files.append(f"{path} ({summary.records} records)")
                if not quiet:
                    sys.stderr.write(f"  {op.qualified}: {summary.records} records in "
                                     f"{summary.pages} pages over {summary.slices} "
                                     f"window(s) -> {path}\n")
            stats = anet.stats
    elapsed = time.monotonic() - started
    print(f"records: {records}\nrequests: {stats.requests}\nretries: {stats.retries}\n"
          f"throttled answers: {stats.throttled}\nelapsed: {elapsed:.1f}s\n"
          f"output files:\n  " + "\n  ".join(files))
    return 0
