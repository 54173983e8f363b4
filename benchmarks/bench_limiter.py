"""Figure 1: the limiter at a key's contract rate, with several pagers walking at once.

The package's ``FakeActiveNet`` enforces the rate like ACTIVE's gateway (a 403
``ERR_403_DEVELOPER_OVER_QPS`` for a request over the limit in any rolling second) and logs the
arrival time of every request. Three pagers share one client and one key (``GetActivities``
through the System API's ``page_info`` header, ``GetFacilities`` likewise and Insights
``/customers`` through ``page``/``pageSize``), each walked with the SDK's default concurrency of
8. From the server's log:

* achieved ÷ allowed: the steady rate (least-squares slope of requests-so-far against arrival
  time, so that the burst a rolling window allows at the start does not count as speed) divided
  by the key's rate;
* the most requests the server saw in any rolling second (closed window of 1.000 s);
* throttled answers (403s), which should be none.

The server runs on its own thread in this process (the fake's default), so that the client's CPU
work cannot delay the moments the server sees requests arrive.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from ._common import Figure, median, slope, spread

PAGERS = 3


async def _walk(rate: float, pages_per_pager: int, page_size: int) -> dict[str, Any]:
    from activenet_async.testing import Dataset, FakeActiveNet

    records = pages_per_pager * page_size
    fake = FakeActiveNet(rate_limit=rate, dataset=Dataset(paged_size=records))
    async with fake, fake.client(rate_limit=rate) as anet:
        pagers = [anet.get_activities(page_size=page_size),
                  anet.get_facilities(page_size=page_size),
                  anet.insights.get_customers(page_size=page_size)]

        async def drain(pager: Any) -> int:
            n = 0
            async for _ in pager:
                n += 1
            return n

        t0 = time.monotonic()
        counts = await asyncio.gather(*(drain(p) for p in pagers))
        wall = time.monotonic() - t0
        throttled_client = anet.stats.throttled
    if counts != [records] * PAGERS:
        raise AssertionError(f"walks returned {counts}, not {records} each")
    ok = sorted(e.at for e in fake.log if e.status == 200)
    return {"rate": rate, "requests": len(fake.log), "accepted": len(ok),
            "throttled": sum(1 for e in fake.log if e.status == 403),
            "throttled_client": throttled_client, "steady_rps": slope(ok),
            "span_rps": (len(ok) - 1) / (ok[-1] - ok[0]) if len(ok) > 1 else float("nan"),
            "max_in_1s": fake.max_in_window(1.0), "wall": wall}


def _prepare(records: int) -> None:
    """Build the fake's data sets once (they are cached per process) outside the timing."""
    from activenet_async._operations.table import find
    from activenet_async.testing import Dataset

    ds = Dataset(paged_size=records)
    for name in ("GetActivities", "GetFacilities", "insights.customers"):
        ds.records(find(name))


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    rounds = runs or (1 if quick else 3)
    # 2/s: 3 pagers x 21 pages = 63 requests (~31 s); 20/s: 3 x 70 = 210 requests (~11 s).
    plans = [(2.0, 21, 50), (20.0, 70, 15)]
    details: dict[str, Any] = {}
    figs: list[Figure] = []
    for rate, pages, size in plans:
        _prepare(pages * size)
        walks = [asyncio.run(_walk(rate, pages, size)) for _ in range(rounds)]
        eff = [w["steady_rps"] / rate for w in walks]
        peak = [float(w["max_in_1s"]) for w in walks]
        throttled = sum(w["throttled"] for w in walks)
        r = f"{rate:g}/s"
        figs.append(Figure(
            f"limiter.{rate:g}.efficiency",
            f"Limiter at {r}, {walks[0]['requests']} requests by {PAGERS} pagers at once: "
            f"achieved ÷ {rate:g}", median(eff), "×", "≥ 0.95", median(eff) >= 0.95, eff,
            fmt="{:.3f}",
            note=f"steady {median([w['steady_rps'] for w in walks]):.2f} req/s; first-to-last "
                 f"{median([w['span_rps'] for w in walks]):.2f} req/s; walk "
                 f"{median([w['wall'] for w in walks]):.1f} s; {throttled} throttled; runs "
                 f"{spread(eff, '{:.3f}')}"))
        figs.append(Figure(
            f"limiter.{rate:g}.peak", f"Limiter at {r}: most requests in any rolling second",
            max(peak), "", f"≤ {rate:g}", max(peak) <= rate, peak, fmt="{:.0f}",
            note="the highest of all runs"))
        details[r] = walks
    return figs, details
