"""Windowed walks against servers whose filter is off the records' own clock: every record the
server sends is yielded, each once; only exact repeats at overlapping window edges are dropped,
also across ``Pager.resume``.

The fake server filters on a clock shifted by ``filter_shift`` and says which records its
answers held (``served``): a walk must yield exactly that union, each record once.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activenet_async import ActiveNet, Pager, RetryPolicy
from activenet_async._operations.table import OPERATIONS
from activenet_async._paging.edges import TOLERANCE, Edge, EdgeMemory, fingerprint, stamp
from activenet_async.testing import FakeActiveNet

FAST = RetryPolicy(backoff=0.001, backoff_max=0.005, attempts=8)
SHIFTS = [timedelta(hours=5), timedelta(hours=-5), timedelta(hours=26), timedelta(hours=-30)]
MEMBERSHIPS = "insights.memberships"


def key(rec: Any) -> bytes:
    return msgspec.json.encode(rec, order="sorted")


def served(fake: FakeActiveNet, op: str) -> Counter[bytes]:
    return Counter(key(r) for r in fake.served(op))


def wire_edges(pager: Pager[Any], start: str) -> list[datetime]:
    """The interior window edges of a pager, as sent (``start`` names the wire parameter)."""
    starts = sorted({datetime.fromisoformat(u.params[start]) for u in pager.slices})
    return starts[1:]


def crowd_edges(fake: FakeActiveNet, op: str, edges: list[datetime],
                shift: timedelta) -> list[dict[str, Any]]:
    """Add records the shifted filter sees exactly on each edge (so two windows send them),
    just after and just before it, and two identical copies of one on-edge record."""
    added = []
    for e in edges:
        for off in (timedelta(0), timedelta(seconds=30), -timedelta(milliseconds=3)):
            added.append(fake.data.add_at(OPERATIONS[op], e - shift + off))
    twin = dict(added[0])
    fake.records(op).append(twin)
    fake.data.when[op].append(edges[0] - shift)
    return [*added, twin]


@pytest.mark.parametrize("shift", SHIFTS, ids=str)
async def test_400_day_memberships_walk_on_a_shifted_clock_yields_the_union_once(
        shift: timedelta) -> None:
    """Catches: records the server sent with a timestamp outside their window dropped (44 of
    4,995 were lost with a 5-hour shift), an on-edge record fetched by two windows yielded
    twice, or two identical records of one answer collapsed into one."""
    async with FakeActiveNet(filter_shift=shift) as fake, fake.client(retry=FAST) as anet:
        pager = anet.insights.get_memberships(modified_date_from=date(2023, 2, 1),
                                              modified_date_to=datetime(2024, 3, 6, 23, 59),
                                              page_size=50, raw=True)
        edges = wire_edges(pager, "modified_date_from")
        assert len(edges) >= 12
        added = crowd_edges(fake, MEMBERSHIPS, edges, shift)
        got = Counter([key(r) async for r in pager])
        want = served(fake, MEMBERSHIPS)
        assert got == want
        on_edge = [key(r) for r in added[0::3]]
        assert all(got[k] == 1 for k in on_edge[1:-1])
        assert got[on_edge[0]] == 2  # the twin: both copies of each answer, once per copy
        # Records stamped outside the span asked (on the records' own clock) are there too.
        lo, hi = datetime(2023, 2, 1), datetime(2024, 3, 7)
        outside = [r for r, t in zip(fake.records(MEMBERSHIPS), fake.data.when[MEMBERSHIPS],
                                     strict=True) if not lo <= t < hi and key(r) in got]
        assert outside
        # Decoded records: the same count.
        decoded = await anet.insights.get_memberships(
            modified_date_from=date(2023, 2, 1), modified_date_to=datetime(2024, 3, 6, 23, 59),
            page_size=50).collect()
        assert len(decoded) == sum(want.values())


@pytest.mark.parametrize("shift", [timedelta(hours=7), timedelta(hours=-7)], ids=str)
async def test_system_refunds_walk_on_a_shifted_clock_yields_the_union_once(
        shift: timedelta) -> None:
    """Catches: a System windowed walk (GetRefunds: date + "11:11 AM" time fields) losing the
    refunds a server filtering on another clock sends, or repeating edge refunds."""
    async with FakeActiveNet(filter_shift=shift) as fake, fake.client(retry=FAST) as anet:
        pager = anet.get_refunds(date_time_from=date(2023, 3, 1), date_time_to=date(2024, 3, 31),
                                 page_size=40, raw=True)
        edges = wire_edges(pager, "date_time_from")
        assert len(edges) >= 12
        crowd_edges(fake, "GetRefunds", edges, shift)
        got = Counter([key(r) async for r in pager])
        assert got == served(fake, "GetRefunds")
        rows = await anet.get_refunds(date_time_from=date(2023, 3, 1),
                                      date_time_to=date(2024, 3, 31)).collect()
        assert len(rows) == sum(got.values())


@pytest.mark.parametrize("shift", [timedelta(hours=3), timedelta(hours=-9)], ids=str)
async def test_chunked_instructor_schedule_walk_yields_the_union_once(shift: timedelta) -> None:
    """Catches: repeats matched against the wrong chunk's window (windows x chunks), or the
    one-day overlap of instructor-schedule windows yielding schedules twice."""
    async with FakeActiveNet(filter_shift=shift) as fake, fake.client(retry=FAST) as anet:
        op = "GetInstructorSchedules"
        lo, hi = datetime(2023, 3, 1), datetime(2023, 9, 1)
        ids = [r["instructor_id"] for r, t in zip(fake.records(op), fake.data.when[op],
                                                  strict=True)
               if lo - timedelta(days=4) <= t <= hi + timedelta(days=4)]
        pager = anet.get_instructor_schedules(date_from=lo, date_to=hi - timedelta(minutes=1),
                                              instructor_ids=ids, raw=True)
        edges = wire_edges(pager, "date_from")
        assert len(edges) == 2 and len(pager.slices) > 3 * 40
        got = Counter([key(r) async for r in pager])
        want = served(fake, op)
        assert got == want and sum(want.values()) > 400


async def walk_in_two(pager: Pager[Any], cut: int) -> Counter[bytes]:
    """Walk ``cut`` pages, stop as a crashed export would, resume from its saved state."""
    got: Counter[bytes] = Counter()
    done: list[int] = []
    nxt: dict[int, int] = {}
    walk = pager.pages()
    n = 0
    async for page in walk:
        got.update(key(r) for r in page.records)
        if page.last_of_slice:
            done.append(page.slice_index)
            nxt.pop(page.slice_index, None)
        else:
            nxt[page.slice_index] = page.number + 1
        n += 1
        if n == cut:
            break
    seen = walk.seen()
    await walk.aclose()
    rest = pager.resume(done, nxt, seen)
    got.update([key(r) async for r in rest])
    return got


async def test_resumed_walk_is_exactly_once_whatever_page_it_stopped_on() -> None:
    """Catches: the edge memory left out of the resumable state (an edge record yielded before
    the stop is yielded again after it), or restored wrongly."""
    shift = timedelta(hours=-5)
    async with FakeActiveNet(filter_shift=shift) as fake, fake.client(retry=FAST) as anet:
        def pager() -> Pager[Any]:
            return anet.insights.get_memberships(modified_date_from=date(2024, 1, 1),
                                                 modified_date_to=date(2024, 4, 30),
                                                 page_size=12, raw=True)
        crowd_edges(fake, MEMBERSHIPS, wire_edges(pager(), "modified_date_from"), shift)
        full = Counter([key(r) async for r in pager()])
        assert full == served(fake, MEMBERSHIPS)
        pages = len([p async for p in pager().pages()])
        assert pages > 20
        for cut in range(1, pages):
            assert await walk_in_two(pager(), cut) == full, cut


# -- the memory itself ---------------------------------------------------------------------

def _edge(window: int, lane: int = 0, *, last: bool = False) -> Edge:
    start = datetime(2024, 1, 1) + timedelta(days=30 * window)
    stop = start + timedelta(days=30)
    return Edge(window, lane, start, stop, None if last else stop, "t")


def _rec(t: datetime, n: int = 0) -> dict[str, Any]:
    return {"t": f"{t:%Y-%m-%d %H:%M:%S}", "n": n}


def test_only_exact_repeats_of_the_previous_window_are_dropped() -> None:
    """Catches: a record dropped because it merely resembles one (same time, other content),
    a repeat matched against another chunk, or the same record sent twice in one answer
    collapsed."""
    mem = EdgeMemory("op")
    edge_t = datetime(2024, 1, 31)
    a, b = _rec(edge_t, 1), _rec(edge_t, 2)
    assert mem.filter(_edge(0), [a, a, b]) == [a, a, b]
    assert mem.filter(_edge(0, lane=1), [a]) == [a]       # another chunk: its own memory
    assert mem.filter(_edge(1), [a, _rec(edge_t, 3)]) == [_rec(edge_t, 3)]
    assert mem.filter(_edge(1), [a, b, b]) == [b]           # one a and one b left to cancel
    assert mem.dropped == 3


def test_memory_holds_only_edge_records_and_forgets_them() -> None:
    """Catches: the memory growing with every record of a window (unbounded on long walks)
    or keeping windows it no longer needs."""
    mem = EdgeMemory("op")
    days = [datetime(2024, 1, 1) + timedelta(hours=6 * i) for i in range(4 * 30)]
    mem.filter(_edge(0), [_rec(t) for t in days])
    # Only what lies within the tolerance of the next window's start is remembered.
    near = sum(t >= datetime(2024, 1, 31) - TOLERANCE for t in days)
    assert mem.remembered() == near == 8
    later = [t + timedelta(days=30) for t in days]
    mem.filter(_edge(1), [_rec(t) for t in later])
    mem.filter(_edge(2, last=True), [_rec(t + timedelta(days=60)) for t in days])
    assert mem.remembered() == near  # window 1's edge; window 0's is gone, the last adds none


def test_records_far_outside_are_kept_remembered_and_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    """Catches: a record sent far outside the asked window dropped, or kept without a word."""
    mem = EdgeMemory("GetThings")
    far = _rec(datetime(2020, 5, 5))
    undated = {"n": 7}
    with caplog.at_level(logging.DEBUG, logger="activenet_async"):
        assert mem.filter(_edge(0), [far, undated]) == [far, undated]
    assert "GetThings: 1 record(s)" in caplog.text and "kept" in caplog.text
    assert mem.filter(_edge(1), [far, undated]) == []


def test_snapshot_round_trips_through_json() -> None:
    """Catches: a progress file that cannot hold the memory, or restores other counts."""
    mem = EdgeMemory("op")
    t = datetime(2024, 1, 30, 23, 59)
    mem.filter(_edge(0), [_rec(t), _rec(t), {"n": 1}])
    snap = msgspec.json.decode(msgspec.json.encode(mem.snapshot()))
    again = EdgeMemory("op", snap)
    assert again.snapshot() == mem.snapshot() and again.remembered() == 3
    assert again.filter(_edge(1), [_rec(t), _rec(t), _rec(t), {"n": 1}]) == [_rec(t)]


def test_stamps_of_every_shape() -> None:
    """Catches: a timestamp field in a form the walk cannot read (date + "11:11 AM", an aware
    date-time, a date) making an edge record look undated or breaking the comparison."""
    from datetime import UTC

    assert stamp({"d": "2016-10-10", "t": "11:11 PM"}, ("d", "t")) == datetime(2016, 10, 10,
                                                                               23, 11)
    assert stamp({"d": date(2016, 10, 10), "t": None}, ("d", "t")) == datetime(2016, 10, 10)
    assert stamp({"x": datetime(2024, 1, 1, 5, tzinfo=UTC)}, "x") == datetime(2024, 1, 1, 5)
    assert stamp({"x": "soon"}, "x") is None and stamp({}, "x") is None
    assert fingerprint({"a": 1}) != fingerprint({"a": 2}) and len(fingerprint({})) == 16


async def test_non_windowed_walks_carry_no_edge_memory(anet: ActiveNet) -> None:
    """Catches: walks without overlapping windows paying for the edge memory."""
    p = anet.insights.get_membership_audit_log(datestamp_from=date(2024, 1, 1),
                                               datestamp_to=date(2024, 6, 1))
    assert len(p.slices) > 1 and all(u.edge is None for u in p.slices)
    assert p.pages().seen() == {}
    assert all(u.edge is None for u in anet.get_customers(customer_ids=range(2000)).slices)


@settings(max_examples=200, deadline=None)
@given(offsets=st.lists(st.integers(0, 3 * 30 * 24 * 60), min_size=1, max_size=60),
       seconds=st.sampled_from([0, 30, 59]),
       twins=st.lists(st.integers(0, 59), max_size=5),
       shift=st.integers(-47 * 60, 47 * 60), data=st.data())
def test_property_any_shift_within_tolerance_yields_the_union_once(
        offsets: list[int], seconds: int, twins: list[int], shift: int,
        data: st.DataObject) -> None:
    """Catches, for any records, any clock shift under the tolerance, any order of answers
    and identical records in the data: a record the server sent lost, or one yielded more
    often than the data holds it."""
    start = datetime(2024, 1, 1)
    data_set = [_rec(start + timedelta(minutes=m, seconds=seconds), i)
                for i, m in enumerate(offsets)]
    data_set += [dict(data_set[i]) for i in twins if i < len(data_set)]
    stamps = [datetime.fromisoformat(r["t"]) for r in data_set]
    edges = [_edge(k, last=k == 2) for k in range(3)]
    mem = EdgeMemory("op")
    got: Counter[bytes] = Counter()
    sent: set[int] = set()
    for e in edges:
        lo, hi = e.start, e.stop  # adjacent windows share their edge instant, both inclusive
        picked = [i for i, t in enumerate(stamps)
                  if lo <= t + timedelta(minutes=shift) <= hi]
        picked = data.draw(st.permutations(picked))
        sent.update(picked)
        half = len(picked) // 2  # two pages
        for page in (picked[:half], picked[half:]):
            got.update(key(r) for r in mem.filter(e, [data_set[i] for i in page]))
    assert got == Counter(key(data_set[i]) for i in sent)
