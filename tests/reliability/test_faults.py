"""Faults on every paging scheme: each walk yields every record exactly once, or raises the
documented error with enough context to resume; never a silent short result, never a hang.

The matrix crosses the three paging schemes, plain and split (System ``page_info`` header:
GetActivities and GetCustomers in ``customer_ids`` chunks; Insights ``page``/``pageSize``:
insights.customers and membershipStats in 30-day windows; Insights ``page_number``:
insights.memberships and the audit log in 31-day windows), each walked with nine pages per
window/chunk, with the fake server's faults. Outputs are compared as multisets of raw records
with what the fake holds (a lost, repeated or invented record fails the test). Every walk runs
under ``asyncio.timeout(HANG)``: a retry loop or a pager that waits forever fails instead of
hanging the suite.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec
import pytest

from activenet_async import (
    ActiveNet,
    ActiveNetError,
    APIError,
    AuthenticationError,
    DecodeError,
    Pager,
    QuotaExceededError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    TransportError,
    WalkError,
)
from activenet_async.testing import Dataset, FakeActiveNet

HANG = 30.0  # seconds: far above any walk here; reaching it means a hang
FAST = RetryPolicy(backoff=0.001, backoff_max=0.01, attempts=4, throttle_attempts=3,
                   timeout=5.0)
# "Slow responses past the timeout": the fake answers after DELAY_S, the client gives up at
# TIMEOUT_S per try.
TIMEOUT_S, DELAY_S = 0.3, 1.0
SLOW = FAST.with_(timeout=TIMEOUT_S)
WINDOW0 = (datetime(2024, 1, 1), datetime(2024, 1, 30))  # inside the first window of each scheme


def key(rec: dict[str, Any]) -> bytes:
    return msgspec.json.encode(rec, order="sorted")


def in_span(fake: FakeActiveNet, op: str, lo: datetime, hi: datetime) -> Counter[bytes]:
    recs, when = fake.records(op), fake.data.when[op]
    return Counter(key(r) for r, t in zip(recs, when, strict=True) if lo <= t < hi)


@dataclass(frozen=True)
class Scheme:
    """One way of walking: the operation, how to start the (raw) walk, what it must yield,
    which label names its units and which server records belong to its first unit."""

    id: str
    op: str
    split: str | None
    walk: Callable[[ActiveNet], Pager[Any]]
    want: Callable[[FakeActiveNet], Counter[bytes]]
    in_unit0: Callable[[FakeActiveNet, int], bool]


def _all(fake: FakeActiveNet, i: int) -> bool:
    return True


def _stamp_in_window0(op: str) -> Callable[[FakeActiveNet, int], bool]:
    def test(fake: FakeActiveNet, i: int) -> bool:
        return WINDOW0[0] <= fake.data.when[op][i] < WINDOW0[1]
    return test


def _customer_in_chunk0(fake: FakeActiveNet, i: int) -> bool:
    return 1 <= fake.records("GetCustomers")[i]["customer_id"] <= 500


SCHEMES = [
    # System page_info, one unit of 9 pages (1200 / 134).
    Scheme("system", "GetActivities", None,
           lambda a: a.get_activities(page_size=134, raw=True),
           lambda f: Counter(map(key, f.records("GetActivities"))), _all),
    # System page_info, three chunks of customer_ids (500, 500, 300 ids): 9, 9 and 4 pages.
    Scheme("system-chunks", "GetCustomers", "chunk",
           lambda a: a.get_customers(customer_ids=[*range(1, 1301), 3, 3], page_size=56,
                                     raw=True),
           lambda f: Counter(key(r) for r in f.records("GetCustomers")
                             if 1 <= r["customer_id"] <= 1300), _customer_in_chunk0),
    # Insights page/pageSize, one unit of 9 pages.
    Scheme("insights-page", "insights.customers", None,
           lambda a: a.insights.get_customers(page_size=134, raw=True),
           lambda f: Counter(map(key, f.records("insights.customers"))), _all),
    # Insights page/pageSize in three 30-day windows of 9 pages each.
    Scheme("insights-page-windows", "insights.membershipStats", "window",
           lambda a: a.insights.get_membership_stats(start_date=date(2024, 1, 1),
                                                     end_date=date(2024, 3, 29), page_size=9,
                                                     raw=True),
           lambda f: in_span(f, "insights.membershipStats", datetime(2024, 1, 1),
                             datetime(2024, 3, 30)),
           _stamp_in_window0("insights.membershipStats")),
    # Insights page_number in minute windows (edge records fetched twice, kept once): 9 pages.
    # The last window asks up to 2024-04-01 00:00 inclusive: a record stamped exactly then is
    # what the server sends, and the walk keeps whatever the server sends.
    Scheme("insights-number-windows", "insights.memberships", "window",
           lambda a: a.insights.get_memberships(modified_date_from=date(2024, 1, 1),
                                                modified_date_to=date(2024, 3, 31),
                                                page_size=10, raw=True),
           lambda f: in_span(f, "insights.memberships", datetime(2024, 1, 1),
                             datetime(2024, 4, 1, 0, 0, 0, 1)),
           _stamp_in_window0("insights.memberships")),
    # Insights page_number in millisecond windows (the audit log): 9 pages.
    Scheme("insights-number-audit", "insights.membershipAuditLog", "window",
           lambda a: a.insights.get_membership_audit_log(datestamp_from=date(2024, 1, 1),
                                                         datestamp_to=date(2024, 3, 31),
                                                         page_size=9, raw=True),
           lambda f: in_span(f, "insights.membershipAuditLog", datetime(2024, 1, 1),
                             datetime(2024, 4, 1)),
           _stamp_in_window0("insights.membershipAuditLog")),
]
BY_ID = {s.id: s for s in SCHEMES}
INSIGHTS_PAGE = {"insights-page", "insights-page-windows"}


async def walk(pager: Pager[Any], into: list[Any] | None = None) -> list[Any]:
    """Every record of ``pager`` (appended to ``into`` as they come), under the hang bound."""
    out = [] if into is None else into
    async with asyncio.timeout(HANG):
        async for rec in pager:
            out.append(rec)
    return out


def sdk_tasks() -> list[asyncio.Task[Any]]:
    me = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t is not me and not t.done()
            and "fetch" in repr(t.get_coro())]


def held_connections(anet: ActiveNet) -> int:
    session = anet.session
    if session is None or session.connector is None:
        return 0
    return sum(len(v) for v in session.connector._acquired_per_host.values())


async def assert_nothing_left(anet: ActiveNet) -> None:
    for _ in range(5):
        await asyncio.sleep(0)
    assert sdk_tasks() == []
    assert held_connections(anet) == 0


def pages_served(fake: FakeActiveNet, op: str) -> int:
    return max((e.page or 0) for e in fake.log if e.operation == op)


# -- faults the retries absorb ----------------------------------------------------------------

TRANSIENT = ["500", "502", "503", "504", "html", "xml", "empty", "truncate", "drop", "delay"]
# Each throttle pauses the key for its Retry-After (1 s, or 1 s assumed when absent): one
# scheme per paging strategy keeps the file fast.
THROTTLES = [(s, k) for s in ("system-chunks", "insights-page-windows",
                              "insights-number-windows")
             for k in ("throttle", "throttle_bare", "throttle_429")]


@pytest.mark.parametrize(("scheme_id", "kind"),
                         [(s.id, k) for s in SCHEMES for k in TRANSIENT] + THROTTLES)
async def test_transient_fault_is_retried_and_walk_is_exact(scheme_id: str, kind: str) -> None:
    """Catches: a 5xx/504 burst, a gateway HTML/XML page, an empty or truncated body, a
    connection dropped mid-body, an answer slower than the timeout or a Mashery throttle (with
    or without Retry-After, or 429) on the page that announces the page count (page 1) or
    mid-walk (page 7, twice in a row; a throttle once) being taken as data, as the end of the
    walk, or skipped: the walk must retry and still yield every record exactly once."""
    scheme = BY_ID[scheme_id]
    async with FakeActiveNet() as fake, fake.client(
            retry=SLOW if kind == "delay" else FAST) as anet:
        # A throttle pauses the whole key for a second: one is enough to make the point.
        plan = [(7, 1)] if kind.startswith("throttle") else [(1, 1), (7, 2)]
        for page, times in plan:
            fake.inject(kind, times=times, op=scheme.op, page=page,  # type: ignore[arg-type]
                        seconds=DELAY_S)
        got = await walk(scheme.walk(anet))
        assert Counter(map(key, got)) == scheme.want(fake)
        injected = sum(times for _, times in plan)
        assert fake.faults.injected == injected
        assert anet.stats.retries >= injected
        await assert_nothing_left(anet)


async def test_random_mixed_faults_on_every_scheme() -> None:
    """Catches: exactly-once breaking under a steady 10% of mixed faults (any page, any
    window or chunk, several on one page) on any of the paging schemes."""
    async with FakeActiveNet() as fake, fake.client(retry=FAST.with_(attempts=10)) as anet:
        fake.faults.rate = 0.10
        fake.faults.kinds = ("500", "502", "503", "504", "html", "xml", "empty", "truncate",
                             "drop")
        for scheme in SCHEMES:
            got = await walk(scheme.walk(anet))
            assert Counter(map(key, got)) == scheme.want(fake), scheme.id
        assert fake.faults.injected >= 10
        await assert_nothing_left(anet)


# -- faults the retries cannot absorb ---------------------------------------------------------

PERSISTENT: list[tuple[str, type[ActiveNetError]]] = [
    ("500", ServerError),
    ("504", ServerError),
    ("html", ServerError),
    ("xml", ServerError),
    ("empty", ServerError),
    ("truncate", DecodeError),
    ("drop", TransportError),
    ("delay", TransportError),
    ("code", APIError),        # HTTP 200, response_code "0002", on page 7 of 9
    ("quota", QuotaExceededError),
    ("auth", AuthenticationError),
]



def _persistent_params() -> Iterator[Any]:
    for s in SCHEMES:
        for kind, exc in PERSISTENT:
            yield pytest.param(s.id, kind, exc, id=f"{s.id}-{kind}")
    yield pytest.param("system", "throttle_429", RateLimitError, id="system-throttle_429")


@pytest.mark.parametrize(("scheme_id", "kind", "error"), list(_persistent_params()))
async def test_persistent_fault_raises_documented_error_with_resume_context(
        scheme_id: str, kind: str, error: type[ActiveNetError]) -> None:
    """Catches: a fault that outlasts the retries (persistent 5xx, gateway pages, truncated
    bodies, dropped connections, timeouts, response_code "0002" on page 7 of 9, the monthly
    quota or a refused key mid-walk) ending the walk silently short, raising an undocumented
    type, losing the operation or the window/chunk/page it happened at, or leaving fetches
    running; and that context not being enough to resume: resuming from it must yield exactly
    the records the failed walk did not."""
    scheme = BY_ID[scheme_id]
    policy = SLOW.with_(attempts=3) if kind == "delay" else FAST.with_(throttle_attempts=2)
    async with FakeActiveNet() as fake, fake.client(retry=policy) as anet:
        fake.inject(kind, times=10**6, op=scheme.op, page=7,  # type: ignore[arg-type]
                    seconds=DELAY_S)
        pager = scheme.walk(anet)
        got: list[Any] = []
        with pytest.raises(error) as info:
            await walk(pager, got)
        err = info.value
        assert type(err) is error
        assert err.operation == scheme.op
        assert err.context["page"] == 7
        if scheme.split is not None:
            assert err.context[scheme.split] == pager.slices[0].label[scheme.split]
        assert scheme.op in str(err) and "page=7" in str(err)
        if kind == "code":
            assert isinstance(err, APIError) and err.code == "0002"
        await assert_nothing_left(anet)

        # Resume from the error's context once the fault is gone.
        fake.faults.scheduled.clear()
        unit = next(u for u in pager.slices
                    if all(err.context.get(k) == v for k, v in u.label.items()))
        rest = pager.resume(done_slices=[u.index for u in pager.slices if u.index < unit.index],
                            next_pages={unit.index: err.context["page"]})
        await walk(rest, got)
        assert Counter(map(key, got)) == scheme.want(fake)


# -- the data set changes during the walk -----------------------------------------------------

def change_during_walk(fake: FakeActiveNet, op: str,
                       change: Callable[[list[dict[str, Any]], list[datetime] | None], None]
                       ) -> list[bool]:
    """Run ``change(records, stamps)`` on the server's data when the first request for a page
    beyond 1 of ``op`` arrives: page 1 of the unit has been served with the old counts, every
    later page sees the new data. Returns a flag list that becomes [True] once it ran."""
    done: list[bool] = []
    original = fake.data.records

    def records(operation: Any) -> list[dict[str, Any]]:
        recs = original(operation)
        if operation.name == op and not done and any(
                e.operation == op and (e.page or 1) > 1 for e in fake.log):
            done.append(True)
            change(recs, fake.data.when.get(op))
        return recs

    fake.data.records = records  # type: ignore[method-assign]
    return done


def unit0_indexes(fake: FakeActiveNet, scheme: Scheme) -> list[int]:
    return [i for i in range(len(fake.records(scheme.op))) if scheme.in_unit0(fake, i)]


@pytest.mark.parametrize("scheme_id", list(BY_ID))
async def test_total_page_grows_during_walk(scheme_id: str) -> None:
    """Catches: records created during a walk (the server's total_page grows between pages
    of a window/chunk; the fake appends them at the end) being lost because the pager keeps
    the page count of page 1, or yielded twice."""
    scheme = BY_ID[scheme_id]
    async with FakeActiveNet() as fake, fake.client(retry=FAST) as anet:
        idx = unit0_indexes(fake, scheme)
        before = sum(scheme.want(fake).values())
        extra = max(25, len(idx) // 4)

        def grow(recs: list[dict[str, Any]], stamps: list[datetime] | None) -> None:
            for n, i in enumerate(idx[:extra]):
                recs.append({**recs[i], "added_during_walk": n})
                if stamps is not None:
                    stamps.append(stamps[i])

        done = change_during_walk(fake, scheme.op, grow)
        got = await walk(scheme.walk(anet))
        assert done == [True]
        want = scheme.want(fake)
        assert sum(want.values()) == before + extra
        assert Counter(map(key, got)) == want
        assert pages_served(fake, scheme.op) > 9, "the walk never saw the grown page count"


@pytest.mark.parametrize("scheme_id", list(BY_ID))
async def test_total_page_shrinks_at_the_tail(scheme_id: str) -> None:
    """Catches: a walk whose later pages report fewer pages (records deleted behind the pages
    already served) looping on the now-empty pages, failing, or dropping records that still
    exist: every remaining record once, nothing invented."""
    scheme = BY_ID[scheme_id]
    async with FakeActiveNet() as fake, fake.client(retry=FAST) as anet:
        original = scheme.want(fake)
        idx = unit0_indexes(fake, scheme)
        gone = set(idx[-max(25, len(idx) // 4):])

        def shrink(recs: list[dict[str, Any]], stamps: list[datetime] | None) -> None:
            keep = [i for i in range(len(recs)) if i not in gone]
            recs[:] = [recs[i] for i in keep]
            if stamps is not None:
                stamps[:] = [stamps[i] for i in keep]

        done = change_during_walk(fake, scheme.op, shrink)
        got = Counter(map(key, await walk(scheme.walk(anet))))
        assert done == [True]
        remaining = scheme.want(fake)
        assert sum(remaining.values()) < sum(original.values())
        assert not remaining - got, "a record that still exists was not yielded"
        assert not got - original, "a record was invented or yielded twice"




@pytest.mark.parametrize("scheme_id", list(BY_ID))
async def test_total_page_shrinks_at_the_front(scheme_id: str) -> None:
    """Catches: records deleted from the first page of a window/chunk after it was served
    making records that still exist slide onto that page and vanish from the walk without an
    error: the walk must yield every remaining record or raise WalkError with its place."""
    scheme = BY_ID[scheme_id]
    async with FakeActiveNet() as fake, fake.client(retry=FAST) as anet:
        original = scheme.want(fake)
        idx = unit0_indexes(fake, scheme)
        gone = set(idx[2:2 + max(25, len(idx) // 4)])

        def shrink(recs: list[dict[str, Any]], stamps: list[datetime] | None) -> None:
            keep = [i for i in range(len(recs)) if i not in gone]
            recs[:] = [recs[i] for i in keep]
            if stamps is not None:
                stamps[:] = [stamps[i] for i in keep]

        done = change_during_walk(fake, scheme.op, shrink)
        pager = scheme.walk(anet)
        try:
            got = Counter(map(key, await walk(pager)))
        except WalkError as err:
            assert err.operation == scheme.op and "page" in err.context
            if scheme.split is not None:
                assert scheme.split in err.context
            return
        assert done == [True]
        remaining = scheme.want(fake)
        assert not remaining - got, "a record that still exists was not yielded"
        assert not got - original, "a record was invented or yielded twice"


# -- a small data set with no page counts at all -----------------------------------------------

@pytest.mark.parametrize("kind", ["500", "html", "truncate", "drop", "empty"])
async def test_faults_without_page_counts(kind: str) -> None:
    """Catches: a System walk without headers.page_info (pages fetched one after another, a
    short page ends the walk) taking a faulty answer for the short last page."""
    async with FakeActiveNet(page_info=False, dataset=Dataset(paged_size=905)) as fake, \
            fake.client(retry=FAST) as anet:
        fake.inject(kind, times=2, op="GetActivities", page=5)  # type: ignore[arg-type]
        got = await walk(anet.get_activities(page_size=100, raw=True))
        assert Counter(map(key, got)) == Counter(map(key, fake.records("GetActivities")))
        assert pages_served(fake, "GetActivities") == 10
