"""The rate limit as the server sees it: never above the limit in any rolling second, and
almost nothing lost. A short real run against the fake server (which enforces the limit like
the gateway), with the arrival times the server logged; no wall-clock speed assertion."""

from __future__ import annotations

import asyncio
from datetime import date

from activenet_async.testing import FakeActiveNet


async def test_four_pagers_at_two_per_second_hold_the_limit() -> None:
    """Catches: a limiter that lets 3 requests into some rolling second (the gateway then
    answers 403), one not shared between pagers of a key, or one that wastes the budget."""
    async with FakeActiveNet(rate_limit=2) as fake, fake.client(rate_limit=2.0) as anet:
        fake.records("insights.memberships")  # build the data before the clock matters

        async def walk(month: int) -> int:
            n = 0
            async for _ in anet.insights.get_memberships(
                    modified_date_from=date(2024, month, 1),
                    modified_date_to=date(2024, month, 28), page_size=18):
                n += 1
            return n

        counts = await asyncio.gather(*(walk(m) for m in (1, 2, 3, 4)))
        assert all(counts)
        ok = sorted(e.at for e in fake.log if e.status == 200)
        assert len(fake.log) >= 16
        assert fake.max_in_window(1.0) <= 2
        assert not [e for e in fake.log if e.status == 403], "the server had to throttle"
        # Requests after the first burst, over the time they took: >= 95 % of 2/s.
        achieved = (len(ok) - 2) / (ok[-1] - ok[0])
        assert achieved >= 0.95 * 2, achieved


async def test_clients_of_one_key_share_the_budget() -> None:
    """Catches: two clients of one key each spending the full rate (twice the limit)."""
    async with FakeActiveNet(rate_limit=5) as fake:
        fake.records("GetActivities")
        async with fake.client(rate_limit=5) as a, fake.client(rate_limit=5) as b:
            async def walk(c: object) -> int:
                return len(await c.get_activities(page_size=100).collect())  # type: ignore[attr-defined]
            await asyncio.gather(walk(a), walk(b))
        assert fake.max_in_window(1.0) <= 5
        assert not [e for e in fake.log if e.status == 403]
