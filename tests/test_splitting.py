"""Property tests of the date-window splitter and the id chunker (activenet_async._paging.windows).

A walk over a long date range is only as good as its windows: a gap loses records, an overlap
repeats them, a window wider than the documented limit makes ACTIVE refuse the request. These
tests pin all three for every resolution and every limit.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activenet_async._paging.windows import (
    Resolution,
    Window,
    chunk,
    span_bounds,
    split_span,
    window_step,
)

RESOLUTIONS: tuple[Resolution, ...] = get_args(Resolution)
MIN_DT = datetime(2000, 1, 1)
MAX_DT = datetime(2030, 12, 31)
FIVE_YEARS = timedelta(days=5 * 366)
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)

starts = st.datetimes(min_value=MIN_DT, max_value=MAX_DT)
lengths = st.timedeltas(min_value=timedelta(0), max_value=FIVE_YEARS)
limits = st.integers(min_value=1, max_value=40).map(lambda d: timedelta(days=d))
resolutions = st.sampled_from(RESOLUTIONS)


@st.composite
def spans(draw: st.DrawFn) -> tuple[datetime, date | datetime]:
    """A start datetime and an end (date or datetime) not before it, up to ~5 years later."""
    start = draw(starts)
    end = start + draw(lengths)
    return start, (end.date() if draw(st.booleans()) else end)


def windows_for(start: datetime, end: date | datetime, limit: timedelta,
                res: Resolution) -> tuple[datetime, datetime, list[Window]]:
    lo, hi = span_bounds(start, end, res)
    return lo, hi, split_span(lo, hi, window_step(limit, res), res)


def owners(ws: list[Window], t: datetime) -> list[int]:
    """The windows whose half-open true-time span ``[start, stop)`` holds ``t``."""
    return [i for i, w in enumerate(ws) if w.start <= t < w.stop]


def is_whole_minute(t: datetime) -> bool:
    return t.second == 0 and t.microsecond == 0


def is_midnight(t: datetime) -> bool:
    return t.time() == time()


# ---- structure of the windows -----------------------------------------------------------------

@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits, res=resolutions)
def test_windows_tile_the_span_without_gap_overlap_or_empties(
        span: tuple[datetime, date | datetime], limit: timedelta, res: Resolution) -> None:
    """Would fail if the splitter left a gap or an overlap between windows (records lost or
    repeated at an edge), did not reach exactly the requested bounds, or produced an empty
    window (a wasted or malformed request)."""
    lo, hi, ws = windows_for(*span, limit, res)
    assert hi > lo
    assert ws, "a non-empty span must give at least one window"
    assert ws[0].start == lo
    assert ws[-1].stop == hi
    for a, b in itertools.pairwise(ws):
        assert a.stop == b.start
    for w in ws:
        assert w.stop > w.start


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits, res=resolutions)
def test_wire_span_never_exceeds_limit(span: tuple[datetime, date | datetime],
                                       limit: timedelta, res: Resolution) -> None:
    """Would fail if a window's wire ``from``..``to`` exceeded the documented limit, either in
    elapsed time or (for limits of two days or more) in calendar days counted inclusively, so
    that ACTIVE would refuse the request whichever way it counts."""
    _, _, ws = windows_for(*span, limit, res)
    for w in ws:
        a, b = w.wire(res)
        assert a <= b, (w, res)
        assert b - a <= limit, (w, res, limit)
        if limit >= 2 * DAY:
            assert (b.date() - a.date()).days + 1 <= limit.days, (w, res, limit)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits, res=resolutions)
def test_interior_edges_fall_on_the_resolution(span: tuple[datetime, date | datetime],
                                               limit: timedelta, res: Resolution) -> None:
    """Would fail if an interior edge of a minute window were not a whole minute (adjacent
    minute requests would then overlap by more than the edge minute) or an edge of a day
    window were not midnight (a day filter cannot express a partial day)."""
    lo, _, ws = windows_for(*span, limit, res)
    interior = [w.start for w in ws[1:]]
    if res == "minute":
        assert all(is_whole_minute(t) for t in interior)
    elif res == "day":
        assert is_midnight(lo)
        assert all(is_midnight(w.start) and is_midnight(w.stop) for w in ws)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits, res=resolutions, data=st.data())
def test_every_instant_has_exactly_one_owner(span: tuple[datetime, date | datetime],
                                             limit: timedelta, res: Resolution,
                                             data: st.DataObject) -> None:
    """Would fail if a record stamped at some instant of the span were kept by no window (lost)
    or by two (yielded twice), including instants exactly on a window edge; and, for minute
    filters, if a record's owner window did not request the record's minute on the wire."""
    lo, hi, ws = windows_for(*span, limit, res)
    edges = [w.start for w in ws]
    probes = [lo, hi - timedelta(microseconds=1), *edges[:50], *edges[-50:]]
    probes += [lo + data.draw(st.timedeltas(min_value=timedelta(0),
                                            max_value=hi - lo - timedelta(microseconds=1)))
               for _ in range(10)]
    for t in probes:
        own = owners(ws, t)
        assert len(own) == 1, (t, own)
        w = ws[own[0]]
        a, b = w.wire(res)
        if res == "minute":
            assert a <= t <= b, (t, a, b)
        elif res == "day":
            assert a.date() <= t.date() <= b.date(), (t, a, b)
        else:
            assert a <= t < b + timedelta(milliseconds=1), (t, a, b)
    # Instants outside [lo, hi) belong to nobody.
    assert owners(ws, lo - timedelta(microseconds=1)) == []
    assert owners(ws, hi) == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits)
def test_day_wire_ranges_are_consecutive_disjoint_dates(
        span: tuple[datetime, date | datetime], limit: timedelta) -> None:
    """Would fail if two day requests shared a date (records of that day fetched and yielded
    twice) or skipped one (lost), or if the dates sent did not start at the first requested
    date and end at the last."""
    start, end = span
    _, _, ws = windows_for(start, end, limit, "day")
    wires = [w.wire("day") for w in ws]
    assert wires[0][0].date() == start.date()
    last = end.date() if isinstance(end, datetime) else end
    assert wires[-1][1].date() == last
    for (_, b), (a2, _) in itertools.pairwise(wires):
        assert a2 == b + DAY
    for a, b in wires:
        assert is_midnight(a) and is_midnight(b)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(span=spans(), limit=limits, res=resolutions)
def test_window_count_is_not_wasteful(span: tuple[datetime, date | datetime],
                                      limit: timedelta, res: Resolution) -> None:
    """Would fail if the splitter cut far more windows than the step requires (every extra
    window is an extra request against a rate limit of 2 per second)."""
    lo, hi, ws = windows_for(*span, limit, res)
    step = window_step(limit, res)
    # Only the first window can come out short (its ragged start snapped to the resolution).
    assert len(ws) <= -(-(hi - lo) // step) + 1


@given(start=starts, back=st.timedeltas(min_value=timedelta(microseconds=1),
                                         max_value=FIVE_YEARS),
       res=resolutions, limit=limits)
def test_empty_or_reversed_span_gives_no_window(start: datetime, back: timedelta,
                                                res: Resolution, limit: timedelta) -> None:
    """Would fail if a reversed range produced a request instead of nothing."""
    assert split_span(start, start, window_step(limit, res), res) == []
    assert split_span(start, start - back, window_step(limit, res), res) == []


@given(span=spans(), res=resolutions)
def test_no_limit_gives_one_window(span: tuple[datetime, date | datetime],
                                   res: Resolution) -> None:
    """Would fail if an operation without a window limit had its range split anyway."""
    lo, hi = span_bounds(*span, res)
    assert split_span(lo, hi, None, res) == [Window(lo, hi)]


# ---- span_bounds and window_step ------------------------------------------------------------

def test_span_bounds_examples() -> None:
    """Would fail if an inclusive end argument were read as exclusive (the last day or minute
    lost) or a date end meant anything but the whole day."""
    d0, d1 = date(2024, 1, 1), date(2024, 1, 31)
    assert span_bounds(d0, d1, "day") == (datetime(2024, 1, 1), datetime(2024, 2, 1))
    assert span_bounds(datetime(2024, 1, 1, 13, 5), datetime(2024, 1, 3, 1, 0), "day") == (
        datetime(2024, 1, 1), datetime(2024, 1, 4))
    assert span_bounds(d0, d1, "minute") == (datetime(2024, 1, 1), datetime(2024, 2, 1))
    assert span_bounds(datetime(2024, 1, 1, 8), datetime(2024, 1, 1, 23, 59, 30), "minute") == (
        datetime(2024, 1, 1, 8), datetime(2024, 1, 2))
    assert span_bounds(datetime(2024, 1, 1), datetime(2024, 1, 1, 10, 0, 0, 5000),
                       "millisecond") == (datetime(2024, 1, 1),
                                          datetime(2024, 1, 1, 10, 0, 0, 6000))
    assert span_bounds(d0, d1, "millisecond") == (datetime(2024, 1, 1), datetime(2024, 2, 1))


@pytest.mark.parametrize(("limit", "res", "step"), [
    (timedelta(days=31), "minute", timedelta(days=30)),
    (timedelta(days=31), "millisecond", timedelta(days=30)),
    (timedelta(days=31), "day", timedelta(days=31)),
    (timedelta(days=1), "minute", timedelta(days=1) - MINUTE),
    (timedelta(days=1), "day", timedelta(days=1)),
    (timedelta(days=1), "millisecond", timedelta(days=1) - timedelta(milliseconds=1)),
    (timedelta(hours=5), "day", timedelta(days=1)),
])
def test_window_step_examples(limit: timedelta, res: Resolution, step: timedelta) -> None:
    """Would fail if the step of a limit changed: too long and ACTIVE refuses the window, too
    short and a walk makes needless requests."""
    assert window_step(limit, res) == step


# ---- concrete walks -----------------------------------------------------------------------

def test_three_years_of_minute_windows_with_31_day_limit() -> None:
    """Would fail if three years under a 31-day limit took other than 37 windows of 30 days
    (1095 days / 30), or if the windows were not cut at midnight."""
    lo, hi, ws = windows_for(datetime(2021, 1, 1), date(2023, 12, 31), timedelta(days=31),
                             "minute")
    assert (lo, hi) == (datetime(2021, 1, 1), datetime(2024, 1, 1))
    assert len(ws) == 37
    assert ws[1].start == datetime(2021, 1, 31)
    assert all(w.stop - w.start == timedelta(days=30) for w in ws[:-1])
    assert ws[0].wire("minute") == (datetime(2021, 1, 1), datetime(2021, 1, 31))


def test_95_days_of_day_windows_with_30_day_limit() -> None:
    """Would fail if 95 days under a 30-day day filter took other than 4 requests, or if their
    inclusive from/to dates overlapped or skipped a day."""
    start = date(2024, 1, 1)
    end = start + timedelta(days=94)
    _, _, ws = windows_for(datetime.combine(start, time()), end, timedelta(days=30), "day")
    assert len(ws) == 4
    wires = [tuple(x.date() for x in w.wire("day")) for w in ws]
    assert wires == [
        (date(2024, 1, 1), date(2024, 1, 30)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 30)),
        (date(2024, 3, 31), date(2024, 4, 4)),
    ]


def test_minute_window_with_ragged_start() -> None:
    """Would fail if a start with seconds were not floored on the wire (records in the start
    minute missed) or if the first interior edge kept those seconds."""
    _, _, ws = windows_for(datetime(2024, 5, 1, 10, 30, 45, 123), datetime(2024, 6, 15, 12, 0),
                           timedelta(days=31), "minute")
    assert ws[0].start == datetime(2024, 5, 1, 10, 30, 45, 123)
    assert ws[0].stop == datetime(2024, 5, 31, 10, 30)
    assert ws[0].wire("minute") == (datetime(2024, 5, 1, 10, 30), datetime(2024, 5, 31, 10, 30))
    assert ws[-1].stop == datetime(2024, 6, 15, 12, 1)
    assert ws[-1].wire("minute")[1] == datetime(2024, 6, 15, 12, 1)


def test_millisecond_windows_are_exact() -> None:
    """Would fail if the audit log's millisecond windows overlapped on the wire (``to`` must be
    one millisecond before the next ``from``)."""
    _, _, ws = windows_for(datetime(2024, 1, 1), date(2024, 3, 31), timedelta(days=31),
                           "millisecond")
    assert len(ws) == 4
    for a, b in itertools.pairwise(ws):
        assert a.wire("millisecond")[1] + timedelta(milliseconds=1) == b.wire("millisecond")[0]


def test_one_day_span_one_window_each_resolution() -> None:
    """Would fail if a single day under a long limit were split or widened."""
    for res in RESOLUTIONS:
        _, _, ws = windows_for(datetime(2024, 2, 29), date(2024, 2, 29), timedelta(days=30), res)
        assert ws == [Window(datetime(2024, 2, 29), datetime(2024, 3, 1))]


# ---- chunk ------------------------------------------------------------------------------

ids = st.lists(st.one_of(st.integers(-5, 60), st.text(max_size=3)), max_size=120)


@given(values=ids, size=st.one_of(st.none(), st.integers(min_value=1, max_value=50)))
def test_chunk_properties(values: list[Any], size: int | None) -> None:
    """Would fail if chunking lost an id, repeated one (its records would be yielded twice),
    reordered them, exceeded the documented list cap, or made an empty chunk."""
    got = chunk(values, size)
    unique = list(dict.fromkeys(values))
    flat = [v for c in got for v in c]
    assert flat == unique
    assert len(flat) == len(set(flat))
    if not unique:
        assert got == [[]]
        return
    assert all(c for c in got)
    if size is None:
        assert len(got) == 1
    else:
        assert all(len(c) <= size for c in got)
        assert len(got) == -(-len(unique) // size)


@given(values=ids, size=st.integers(min_value=1, max_value=50))
def test_chunk_accepts_any_iterable(values: list[Any], size: int) -> None:
    """Would fail if a generator (consumed once) chunked differently from a list."""
    assert chunk(iter(values), size) == chunk(values, size)


def test_chunk_examples() -> None:
    """Would fail on the documented edge cases: no ids is one empty chunk (one request, the
    filter left out), size None means no cap, duplicates collapse in first-seen order."""
    assert chunk([], 5) == [[]]
    assert chunk([], None) == [[]]
    assert chunk([1, 2, 3], None) == [[1, 2, 3]]
    assert chunk(range(12), 5) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]
    assert chunk([3, 1, 3, 2, 1], 2) == [[3, 1], [2]]
    assert chunk(["a", "b"], 2) == [["a", "b"]]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(lo=starts, length=st.timedeltas(min_value=timedelta(microseconds=1),
                                       max_value=timedelta(days=200)),
       limit=limits, data=st.data())
def test_minute_windows_with_ragged_bounds_request_every_owned_record(
        lo: datetime, length: timedelta, limit: timedelta, data: st.DataObject) -> None:
    """Would fail if, for bounds that are not whole minutes, a minute window's wire range did
    not reach its last partial minute (``to`` must be ceil(stop), not floor(stop)), so that a
    record the window owns would never be requested."""
    hi = lo + length
    ws = split_span(lo, hi, window_step(limit, "minute"), "minute")
    assert ws[0].start == lo and ws[-1].stop == hi
    assert all(w.wire("minute")[1] - w.wire("minute")[0] <= limit for w in ws)
    probes = [hi - timedelta(microseconds=1), *(w.stop - timedelta(microseconds=1) for w in ws)]
    probes += [lo + data.draw(st.timedeltas(min_value=timedelta(0),
                                            max_value=length - timedelta(microseconds=1)))
               for _ in range(5)]
    for t in probes:
        own = owners(ws, t)
        assert len(own) == 1
        a, b = ws[own[0]].wire("minute")
        assert a <= t <= b


def test_minute_wire_rounds_outwards() -> None:
    """Would fail if a minute window's wire range were not [floor(start), ceil(stop)]."""
    w = Window(datetime(2024, 1, 1, 10, 0, 30), datetime(2024, 1, 1, 10, 5, 30))
    assert w.wire("minute") == (datetime(2024, 1, 1, 10, 0), datetime(2024, 1, 1, 10, 6))
    assert w.wire("millisecond") == (datetime(2024, 1, 1, 10, 0, 30),
                                     datetime(2024, 1, 1, 10, 5, 29, 999000))
