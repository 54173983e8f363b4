"""End-to-end walks against the fake server: every record exactly once, faults or not.

Each test compares what the SDK yields (raw dicts, so nothing is hidden by decoding) with the
records the fake server holds for the request, as a multiset: a lost record, a duplicate at a
window edge or a page fetched twice all fail it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any

import msgspec
import pytest

from activenet_async import ActiveNet, RetryPolicy
from activenet_async.records.insights import InsightsMembership
from activenet_async.testing import FakeActiveNet

FAST = RetryPolicy(backoff=0.001, backoff_max=0.005, attempts=8)


def key(rec: dict[str, Any]) -> bytes:
    return msgspec.json.encode(rec, order="sorted")


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet() as server:
        yield server


@pytest.fixture
async def client(fake: FakeActiveNet) -> AsyncIterator[ActiveNet]:
    async with fake.client(retry=FAST) as anet:
        yield anet


def served(fake: FakeActiveNet, op: str) -> Counter[bytes]:
    """Each record the server's answers held, once (the union of what a walk was sent)."""
    return Counter(key(r) for r in fake.served(op))


def expected_in_span(fake: FakeActiveNet, op: str, lo: datetime, hi: datetime) -> Counter[bytes]:
    recs, when = fake.records(op), fake.data.when[op]
    return Counter(key(r) for r, t in zip(recs, when, strict=True) if lo <= t < hi)


async def test_paged_walk_yields_every_record_once(fake: FakeActiveNet,
                                                   client: ActiveNet) -> None:
    """Catches: a page skipped or fetched twice by the concurrent prefetch, a wrong stop."""
    got = Counter([key(r) async for r in client.get_skip_dates(facility_id=1, page_size=37,
                                                                raw=True)])
    # SkipDate records carry no facility_id, so the fake serves them all for any facility.
    want = Counter(key(r) for r in fake.records("GetSkipDates"))
    assert got == want and sum(want.values()) == 1200
    all_rows = [r async for r in client.get_facility_charge_matrix(search_type=1,
                                                                  customer_type_id=1,
                                                                  facility_id=1, raw=True)]
    assert len(all_rows) == len({key(r) for r in all_rows})


async def test_paged_walk_without_counts_stops_on_short_page() -> None:
    """Catches: a System answer without headers.page_info (as in ACTIVE's examples) walked as
    one page, or looping forever."""
    async with FakeActiveNet(page_info=False) as fake, fake.client(retry=FAST) as anet:
        rows = [r async for r in anet.insights.get_customers(page_size=100, raw=True)]
        assert len(rows) == len(fake.records("insights.customers"))
        acts = [r async for r in anet.get_activities(page_size=100, raw=True)]
        assert Counter(map(key, acts)) == Counter(map(key, fake.records("GetActivities")))
        # ceil(1200 / 100) = 12 full pages, then one empty page ends the walk.
        assert sum(e.operation == "GetActivities" for e in fake.log) == 13


async def test_windowed_walk_over_three_years_yields_edges_once(fake: FakeActiveNet,
                                                                client: ActiveNet) -> None:
    """Catches: records stamped 00:00:00, 23:59:30 or 23:59:59.997 lost or repeated at a
    31-day window edge (the filter takes minutes only)."""
    pager = client.insights.get_memberships(modified_date_from=date(2023, 1, 1),
                                            modified_date_to=date(2025, 12, 31), raw=True)
    assert len(pager.slices) == 37
    got = Counter([key(r) async for r in pager])
    want = expected_in_span(fake, "insights.memberships", datetime(2023, 1, 1),
                            datetime(2026, 1, 1))
    # Everything asked for, plus what the last window's edge minute brought: each once.
    assert got == served(fake, "insights.memberships")
    assert not want - got and sum(got.values()) - sum(want.values()) == 1
    edge = [k for k in want if b"23:59:30" in k]
    assert len(edge) > 300


async def test_windowed_walk_decodes_records(fake: FakeActiveNet, client: ActiveNet) -> None:
    """Catches: the ownership filter failing on decoded (datetime) timestamps."""
    recs = await client.insights.get_memberships(
        modified_date_from=datetime(2024, 2, 27, 12, 0),
        modified_date_to=datetime(2024, 5, 3, 23, 59)).collect()
    assert all(isinstance(r, InsightsMembership) for r in recs)
    want = served(fake, "insights.memberships")
    assert len(recs) == sum(want.values())


async def test_audit_log_walk_to_the_millisecond(fake: FakeActiveNet, client: ActiveNet) -> None:
    """Catches: a record at 23:59:59.997 dropped or doubled by millisecond windows."""
    got = Counter([key(r) async for r in client.insights.get_membership_audit_log(
        datestamp_from=date(2023, 1, 1), datestamp_to=date(2025, 12, 31), raw=True)])
    want = expected_in_span(fake, "insights.membershipAuditLog", datetime(2023, 1, 1),
                            datetime(2026, 1, 1))
    assert got == want


async def test_stats_walk_in_day_windows(fake: FakeActiveNet, client: ActiveNet) -> None:
    """Catches: the last/first day of a 30-day window counted twice or not at all."""
    got = Counter([key(r) async for r in client.insights.get_membership_stats(
        start_date=date(2024, 1, 1), end_date=date(2024, 4, 4), raw=True)])
    want = expected_in_span(fake, "insights.membershipStats", datetime(2024, 1, 1),
                            datetime(2024, 4, 5))
    assert got == want
    spans = [(e.params["startDate"], e.params["endDate"]) for e in fake.log
             if e.operation == "insights.membershipStats"]
    assert all((date.fromisoformat(b) - date.fromisoformat(a)).days < 30 for a, b in spans)


async def test_chunked_id_list_walk(fake: FakeActiveNet, client: ActiveNet) -> None:
    """Catches: ids lost between chunks, a chunk over the cap, duplicate ids doubling records."""
    ids = [*range(1, 1301), 5, 5, 7]
    rows = [r async for r in client.get_customers(customer_ids=ids, raw=True)]
    want = [r for r in fake.records("GetCustomers") if r["customer_id"] in set(ids)]
    assert Counter(map(key, rows)) == Counter(map(key, want))
    sizes = [len(e.params["customer_ids"].split(",")) for e in fake.log
             if e.operation == "GetCustomers"]
    assert max(sizes) <= 500 and sum(sizes) >= 1200


@pytest.mark.parametrize("kind", ["500", "503", "504", "html", "xml", "empty", "truncate",
                                  "drop", "throttle", "throttle_bare", "throttle_429"])
async def test_walks_survive_faults(fake: FakeActiveNet, client: ActiveNet, kind: str) -> None:
    """Catches: a fault that silently shortens a walk instead of being retried."""
    fake.inject(kind, times=2, op="insights.memberships", skip=3)  # type: ignore[arg-type]
    fake.inject(kind, times=1, op="GetActivities", page=3)  # type: ignore[arg-type]
    got = Counter([key(r) async for r in client.insights.get_memberships(
        modified_date_from=date(2023, 6, 1), modified_date_to=date(2024, 6, 1), raw=True)])
    assert got == served(fake, "insights.memberships")
    assert not expected_in_span(fake, "insights.memberships", datetime(2023, 6, 1),
                                datetime(2024, 6, 2)) - got
    acts = [r async for r in client.get_activities(page_size=100, raw=True)]
    assert Counter(map(key, acts)) == Counter(map(key, fake.records("GetActivities")))
    assert client.stats.retries >= 3


async def test_walk_with_random_faults(fake: FakeActiveNet, client: ActiveNet) -> None:
    """Catches: exactly-once broken under a steady 10% of mixed faults on every scheme."""
    fake.faults.rate = 0.10
    got = Counter([key(r) async for r in client.insights.get_membership_audit_log(
        datestamp_from=date(2023, 1, 1), datestamp_to=date(2024, 12, 31), page_size=50,
        raw=True)])
    assert got == expected_in_span(fake, "insights.membershipAuditLog", datetime(2023, 1, 1),
                                   datetime(2025, 1, 1))
    cust = [r async for r in client.insights.get_customers(page_size=60, raw=True)]
    assert Counter(map(key, cust)) == Counter(map(key, fake.records("insights.customers")))
    assert fake.faults.injected > 5


async def test_string_counts_are_read() -> None:
    """Catches: Insights counts sent as strings ("135") breaking the page count."""
    async with FakeActiveNet(string_counts=True) as fake, fake.client(retry=FAST) as anet:
        rows = [r async for r in anet.insights.get_customers(page_size=250, raw=True)]
        assert len(rows) == len(fake.records("insights.customers"))
        assert sum(e.operation == "insights.customers" for e in fake.log) == 5


async def test_pages_are_yielded_in_order_with_metadata(client: ActiveNet) -> None:
    """Catches: concurrent prefetch yielding pages out of order."""
    numbers = [(p.number, p.total_pages, len(p.records))
               async for p in client.get_activities(page_size=100).pages()]
    assert [n for n, _, _ in numbers] == list(range(1, 13))
    assert all(t == 12 for _, t, _ in numbers)


@pytest.mark.parametrize(("method", "kwargs", "op"), [
    ("get_memberships", {"modified_date_from": date(2023, 1, 1),
                         "modified_date_to": date(2025, 12, 31)}, "insights.memberships"),
    ("get_membership_audit_log", {"datestamp_from": date(2023, 1, 1),
                                  "datestamp_to": date(2025, 12, 31)},
     "insights.membershipAuditLog"),
    ("get_membership_stats", {"start_date": date(2024, 1, 1), "end_date": date(2024, 4, 4)},
     "insights.membershipStats"),
])
async def test_insights_windows_fetched_concurrently_under_the_limit(
        method: str, kwargs: dict[str, Any], op: str) -> None:
    """Catches: windows walked one after another (no overlap at the server), or concurrent
    windows that break the key's rate limit, on the three windowed Insights walks."""
    async with FakeActiveNet(rate_limit=20, latency=0.15) as fake:
        fake.records(op)
        async with fake.client(rate_limit=20, retry=FAST) as anet:
            rows = [r async for r in getattr(anet.insights, method)(**kwargs, raw=True)]
        start, end = kwargs[next(iter(kwargs))], kwargs[list(kwargs)[1]]
        want = expected_in_span(fake, op, datetime.combine(start, datetime.min.time()),
                                datetime.combine(end, datetime.min.time()).replace(
                                    hour=23, minute=59, second=59, microsecond=999999))
        assert not want - Counter(map(key, rows))
        assert Counter(map(key, rows)) == served(fake, op)
        assert fake.max_in_flight >= 2
        assert fake.max_in_window(1.0) <= 20
        assert not [e for e in fake.log if e.status == 403]
