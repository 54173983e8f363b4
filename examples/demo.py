"""Walk three years of Insights memberships and all activities on the built-in fake server."""

from __future__ import annotations

import asyncio
import time
from datetime import date

from activenet_async.testing import FakeActiveNet


async def main() -> None:
    async with FakeActiveNet(rate_limit=20) as fake, fake.client(rate_limit=20) as anet:
        started = time.perf_counter()
        memberships = 0
        async for _ in anet.insights.get_memberships(modified_date_from=date(2023, 1, 1),
                                                     modified_date_to=date(2025, 12, 31)):
            memberships += 1
        sites = await anet.get_sites().collect()
        s = anet.stats
        print(f"memberships: {memberships}, sites: {len(sites)}, requests: {s.requests}, "
              f"retries: {s.retries}, throttled: {s.throttled}, "
              f"elapsed: {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    asyncio.run(main())
