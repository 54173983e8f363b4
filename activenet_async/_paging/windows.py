"""Date windows and ID chunks (pure functions, property-tested).

A window is half-open in true time, ``[start, stop)``; adjacent windows share their edge, so
together they cover the span with no gap and no overlap. How a window goes on the wire depends
on the filter's resolution:

* ``day`` filters (``yyyy-mm-dd``, inclusive): whole days, ``from=start``, ``to=stop - 1 day``.
* ``minute`` filters (``YYYY-MM-DD HH:MM``, inclusive, no seconds): the request asks for
  ``[floor(start), ceil(stop)]`` so that a record stamped 23:59:30 is inside *some* request
  whatever the server makes of "23:59". Adjacent requests share their edge minute, so a record
  at an edge is fetched twice; the walk yields it once (``edges`` drops exact repeats of the
  previous window's records, and nothing else).
* ``millisecond`` filters (``YYYY/MM/DD HH:MM:SS.SSS``): ``to=stop - 1 ms``, exact.

Window spans are conservative: a "31 days" limit gives windows whose wire ``to - from`` is at
most 30 days, so the limit holds whether the server counts elapsed time or calendar days.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeVar

__all__ = [
    "Resolution",
    "Window",
    "chunk",
    "span_bounds",
    "split_span",
    "window_step",
]

H = TypeVar("H", bound=Hashable)
Resolution = Literal["day", "minute", "millisecond"]

_UNIT = {"day": timedelta(days=1), "minute": timedelta(minutes=1),
         "millisecond": timedelta(milliseconds=1)}


@dataclass(frozen=True, slots=True)
class Window:
    """``[start, stop)`` in the organization's local time."""

    start: datetime
    stop: datetime

    def wire(self, resolution: Resolution) -> tuple[datetime, datetime]:
        """The inclusive ``(from, to)`` to send for this window."""
        if resolution == "day":
            return self.start, self.stop - timedelta(days=1)
        if resolution == "minute":
            return _floor_minute(self.start), _ceil_minute(self.stop)
        return self.start, self.stop - timedelta(milliseconds=1)


def _floor_minute(t: datetime) -> datetime:
    return t.replace(second=0, microsecond=0)


def _ceil_minute(t: datetime) -> datetime:
    f = _floor_minute(t)
    return f if f == t else f + timedelta(minutes=1)


def _as_datetime(v: date | datetime) -> datetime:
    return v if isinstance(v, datetime) else datetime.combine(v, time())


def span_bounds(start: date | datetime, end: date | datetime,
                resolution: Resolution) -> tuple[datetime, datetime]:
    """The half-open ``[start, stop)`` meant by an inclusive ``start``..``end`` argument pair.

    A ``date`` end means the whole day; a ``datetime`` end means up to and including that
    instant at the filter's resolution (a minute filter's "23:59" covers 23:59:59).
    """
    lo = _as_datetime(start)
    if resolution == "day":
        lo = datetime.combine(lo.date(), time())
        hi = datetime.combine((end.date() if isinstance(end, datetime) else end), time())
        return lo, hi + timedelta(days=1)
    if not isinstance(end, datetime):
        return lo, datetime.combine(end, time()) + timedelta(days=1)
    if resolution == "minute":
        return lo, _floor_minute(end) + timedelta(minutes=1)
    return lo, end + timedelta(milliseconds=1)


def window_step(limit: timedelta, resolution: Resolution) -> timedelta:
    """The true-time length of one window for a documented limit (see module doc)."""
    if resolution == "day":
        return max(timedelta(days=1), timedelta(days=limit.days))
    # Wire span of a window: minute -> step (+ up to a minute of rounding), ms -> step - 1 ms.
    # Keep ``to - from`` one day under the limit when the limit is counted in days.
    slack = timedelta(days=1) if limit >= timedelta(days=2) else _UNIT[resolution]
    return max(_UNIT[resolution], limit - slack)


def split_span(start: datetime, stop: datetime, step: timedelta | None,
               resolution: Resolution = "minute") -> list[Window]:
    """Cover ``[start, stop)`` with adjacent windows no longer than ``step``.

    Interior edges fall on whole minutes (days for day filters), so that minute-resolution
    requests overlap only at the edge minute. An empty span gives no window.
    """
    if stop <= start:
        return []
    if step is None:
        return [Window(start, stop)]
    out: list[Window] = []
    lo = start
    while lo < stop:
        hi = min(stop, lo + step)
        if hi < stop and resolution != "millisecond":
            # Snap an interior edge down to the resolution, never making a window empty.
            snapped = (datetime.combine(hi.date(), time()) if resolution == "day"
                       else _floor_minute(hi))
            if snapped > lo:
                hi = snapped
        out.append(Window(lo, hi))
        lo = hi
    return out


def chunk(values: Iterable[H], size: int | None) -> list[list[H]]:
    """Split ``values`` into lists of at most ``size``, dropping repeated values (a repeated ID
    in two chunks would yield its records twice). ``size=None`` means one chunk."""
    seen: dict[H, None] = dict.fromkeys(values)
    unique: Sequence[H] = list(seen)
    if not unique:
        return [[]]
    if size is None or size >= len(unique):
        return [list(unique)]
    return [list(unique[i:i + size]) for i in range(0, len(unique), size)]
