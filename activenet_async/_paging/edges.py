"""Exact repeats at window edges: the only records a windowed walk ever drops.

Minute-resolution windows overlap on the wire: window ``k`` asks up to its edge minute and
window ``k + 1`` starts at it (instructor schedules reach a day further), so a record at an edge
comes back twice. Nobody outside ACTIVE knows which clock or field its filter compares (a server
filtering in UTC while records show local time shifts every window by hours), so the walk trusts
the server: it keeps every record it is sent, whatever timestamp the record carries, and drops a
record only when it is an exact repeat of one the *previous window of the same chunk* sent.

Exactness. Records are compared by a 128-bit BLAKE2b digest of their JSON encoding (the decoded
record, or the raw object with ``raw=True``). Two different records collide with probability
about ``n * m / 2**128`` for ``n`` remembered and ``m`` checked records: below 1e-28 for a
million each, far below any hardware error rate. Repeats are matched as a multiset: a record the
server sent twice inside one answer is yielded twice, and a copy in the next window cancels at
most one remembered copy.

Memory. A record of window ``k`` can come back in window ``k + 1`` only if its timestamp lies near
their shared edge. So window ``k`` remembers only the records stamped at or after ``TOLERANCE``
(2 days, plus the window's wire overlap) before the next window's start, those stamped more than
``TOLERANCE`` before its own start, and those without a readable timestamp; the last window
remembers nothing. The walk therefore holds, per chunk, the edge records of at most two windows
(the last finished one and the one being walked), and that is also all a resumed export stores.
Exact as long as a server's filter is within ``TOLERANCE`` of the records' own field; beyond it a
record may be yielded twice, never lost. Records the server sends more than ``TOLERANCE`` outside
the asked window are kept and logged at DEBUG on the ``activenet_async`` logger.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import msgspec

from .._lenient import parse_datetime

__all__ = ["TOLERANCE", "Edge", "EdgeMemory", "fingerprint", "stamp"]

log = logging.getLogger("activenet_async")

#: How far a server's filter may stray from a record's own timestamp with repeats still matched.
TOLERANCE = timedelta(days=2)

StampField = str | tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class Edge:
    """Where one slice's window lies on the wire, for telling edge records from interior ones.

    ``window`` is the slice's position on the window axis, ``lane`` the chunk (combination of
    list chunks) it walks; ``start``/``stop`` the inclusive wire range asked; ``next_start`` the
    wire start of the next window (None for the last); ``field`` the record field holding the
    filtered timestamp; ``tolerance`` how far a server's filter may stray from it."""

    window: int
    lane: int
    start: datetime
    stop: datetime
    next_start: datetime | None
    field: StampField
    tolerance: timedelta = TOLERANCE


def _get(rec: Any, name: str) -> Any:
    return rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)


def _as_naive(v: Any) -> datetime | None:
    if v.__class__ is not datetime:
        if isinstance(v, date) and not isinstance(v, datetime):
            return datetime(v.year, v.month, v.day)
        v = parse_datetime(v) if isinstance(v, str) else None
        if not isinstance(v, datetime):
            return None
    # An offset names the same wall time the organization sees closely enough for a 2-day
    # tolerance; comparing aware with naive times would raise.
    return v.replace(tzinfo=None) if v.tzinfo is not None else v


def stamp(rec: Any, field: StampField) -> datetime | None:
    """A record's own timestamp: one date-time field, or a (date, time-of-day) pair of fields
    such as GetRefunds' ``receipt_date`` + ``receipt_time`` ("11:11 AM"); None if unreadable."""
    if field is None:
        return None
    if isinstance(field, tuple):
        d = _as_naive(_get(rec, field[0]))
        t = _get(rec, field[1])
        if d is not None and isinstance(t, str) and t.strip():
            tm = parse_datetime(f"01/01/2000 {t.strip()}")
            if isinstance(tm, datetime):
                d = d.replace(hour=tm.hour, minute=tm.minute, second=tm.second)
        return d
    v = _get(rec, field)
    return None if v is None else _as_naive(v)


def _shift(t: datetime, by: timedelta) -> datetime:
    """``t + by``, held at the calendar's ends (a window may start at datetime.min)."""
    try:
        return t + by
    except OverflowError:
        return datetime.min if by < timedelta(0) else datetime.max


def fingerprint(rec: Any) -> bytes:
    """128 bits identifying a record's content (see the module doc for why that is enough)."""
    return hashlib.blake2b(msgspec.json.encode(rec), digest_size=16).digest()


@dataclass(slots=True)
class _Lane:
    """The remembered edge records of one window of one chunk: timestamp -> digest counts."""

    window: int
    seen: dict[datetime | None, Counter[bytes]] = field(default_factory=dict)

    def add(self, t: datetime | None, fp: bytes) -> None:
        c = self.seen.get(t)
        if c is None:
            c = self.seen[t] = Counter()
        c[fp] += 1

    def take(self, t: datetime | None, fp: bytes) -> bool:
        c = self.seen.get(t)
        if not c or not c[fp]:
            return False
        c[fp] -= 1
        if not c[fp]:
            del c[fp]
        return True

    def size(self) -> int:
        return sum(c.total() for c in self.seen.values())

    def to_json(self) -> list[Any]:
        return [self.window, [[None if t is None else t.isoformat(), fp.hex(), n]
                              for t, c in self.seen.items() for fp, n in c.items()]]

    @classmethod
    def from_json(cls, data: list[Any]) -> _Lane:
        lane = cls(int(data[0]))
        for t, fp, n in data[1]:
            key = None if t is None else datetime.fromisoformat(t)
            for _ in range(int(n)):
                lane.add(key, bytes.fromhex(fp))
        return lane


class EdgeMemory:
    """The edge records a walk still needs, per chunk: those of the last finished window (to
    drop their repeats) and those of the window being walked (for the next one).

    ``snapshot()`` is JSON-compatible and ``EdgeMemory(operation, snapshot)`` restores it, so a
    resumed walk drops exactly the repeats the interrupted one would have dropped."""

    def __init__(self, operation: str, snapshot: dict[str, Any] | None = None) -> None:
        self.operation = operation
        self._prev: dict[int, _Lane] = {}
        self._cur: dict[int, _Lane] = {}
        self.dropped = 0
        for key, (prev, cur) in (snapshot or {}).items():
            if prev is not None:
                self._prev[int(key)] = _Lane.from_json(prev)
            if cur is not None:
                self._cur[int(key)] = _Lane.from_json(cur)

    def remembered(self) -> int:
        """How many record digests are held (for the memory bound and its tests)."""
        return sum(x.size() for d in (self._prev, self._cur) for x in d.values())

    def snapshot(self) -> dict[str, Any]:
        """The memory as JSON-compatible data, for a progress file."""
        keys = sorted(set(self._prev) | set(self._cur))
        return {str(k): [self._prev[k].to_json() if k in self._prev else None,
                         self._cur[k].to_json() if k in self._cur else None] for k in keys}

    def _lanes(self, edge: Edge) -> tuple[_Lane | None, _Lane]:
        lane, w = edge.lane, edge.window
        cur = self._cur.get(lane)
        if cur is None or cur.window != w:
            # The slice starts: the window before it (if it was walked) becomes the reference.
            if cur is not None and cur.window == w - 1:
                self._prev[lane] = cur
            cur = self._cur[lane] = _Lane(w)
        prev = self._prev.get(lane)
        if prev is not None and prev.window != w - 1:
            del self._prev[lane]
            prev = None
        return prev, cur

    def filter(self, edge: Edge, records: list[Any]) -> list[Any]:
        """The records of one page of ``edge``'s slice, less exact repeats of the previous
        window's; remembers this page's edge records for the next window."""
        prev, cur = self._lanes(edge)
        tol = edge.tolerance
        far_lo, far_hi = _shift(edge.start, -tol), _shift(edge.stop, tol)
        keep_from = None if edge.next_start is None else _shift(edge.next_start, -tol)
        stamp_field = edge.field
        one = stamp_field if isinstance(stamp_field, str) else None
        seen = prev.seen if prev is not None and prev.seen else None
        out: list[Any] = []
        far = 0
        example: datetime | None = None
        for rec in records:
            if one is not None:  # the common case, inlined: one naive date-time field
                v = rec.get(one) if rec.__class__ is dict else getattr(rec, one, None)
                t = v if v.__class__ is datetime and v.tzinfo is None else (
                    None if v is None else _as_naive(v))
            else:
                t = stamp(rec, stamp_field)
            fp: bytes | None = None
            if seen is not None and t in seen and prev is not None:
                fp = fingerprint(rec)
                if prev.take(t, fp):
                    self.dropped += 1
                    if keep_from is not None and (t is None or t >= keep_from or t < far_lo):
                        cur.add(t, fp)
                    continue
            if t is None:
                if keep_from is not None:
                    cur.add(t, fp if fp is not None else fingerprint(rec))
            elif keep_from is not None and (t >= keep_from or t < far_lo):
                cur.add(t, fp if fp is not None else fingerprint(rec))
                if t < far_lo or t > far_hi:
                    far += 1
                    example = t
            elif t < far_lo or t > far_hi:
                far += 1
                example = t
            out.append(rec)
        if far and log.isEnabledFor(logging.DEBUG):
            log.debug("%s: %d record(s) came back stamped more than %s outside the window "
                      "%s..%s asked (e.g. %s); kept", self.operation, far, tol,
                      f"{edge.start:%Y-%m-%d %H:%M}", f"{edge.stop:%Y-%m-%d %H:%M}", example)
        return out
