"""The fake server's deterministic synthetic data set: records built from the record Structs.

Every operation gets records whose fields follow the Struct's types: the first ``*_id`` field is
a unique key (1..N), ``site_id``/``center_id`` cycle through a dozen sites and twenty centers,
flags are "Y"/"N", dates and date-times are spread over the data set's span. The field a window
filters on (``modified_date_time``, ``beg_datestamp``...) gets timestamps that crowd the edges of
days: 00:00:00, 23:59:30 and 23:59:59.997 besides the middle of the day, so that a walk split
into windows meets records at every edge.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any, get_type_hints

import msgspec

from .._annotations import TypeInfo, read
from .._lenient import lenient_parser
from .._operations.declare import Operation

__all__ = ["Dataset", "synthesize"]

_EDGE_TIMES = (timedelta(0), timedelta(hours=23, minutes=59, seconds=30),
               timedelta(hours=12, minutes=34, seconds=56, milliseconds=789),
               timedelta(hours=23, minutes=59, seconds=59, milliseconds=997))


def _first_kind(info: TypeInfo) -> TypeInfo:
    """What a field's value is made as: for a union of several types, its first member
    (``int | str`` is made an int)."""
    return info.members[0] if info.members else info


_FIELDS: dict[type[Any], dict[str, TypeInfo]] = {}


def _fields(cls: type[Any]) -> dict[str, TypeInfo]:
    """Each field's annotation, read once per Struct (records are made by the thousand)."""
    infos = _FIELDS.get(cls)
    if infos is None:
        hints = get_type_hints(cls, include_extras=True)
        infos = _FIELDS[cls] = {name: read(t) for name, t in hints.items()}
    return infos


def _fmt_dt(t: datetime, api: str) -> str:
    if api == "insights":
        return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d}".rstrip("0")[:3] \
            if t.microsecond else t.strftime("%Y-%m-%d %H:%M:%S.0")
    return t.strftime("%Y-%m-%d %H:%M:%S")


def synthesize(cls: type[Any], i: int, *, api: str = "system", when: datetime | None = None,
               stamp_field: str | tuple[str, str] | None = None,
               depth: int = 0) -> dict[str, Any]:
    """One synthetic JSON record of Struct ``cls`` (index ``i``); ``stamp_field`` (one field,
    or a date field and a time-of-day field) shows ``when``."""
    from .._lenient import parse_date, parse_datetime, parse_flag, parse_float, parse_int

    rng = random.Random(i * 7919 + len(cls.__name__))
    base = when or datetime(2024, 1, 1) + timedelta(hours=7 * i)
    out: dict[str, Any] = {}
    key_done = False
    for f in msgspec.structs.fields(cls):
        name = f.encode_name
        info = _fields(cls).get(f.name) or read(Any)
        parse = lenient_parser(info)
        kind = _first_kind(info)
        if name == stamp_field:
            out[name] = _fmt_dt(base, api)
        elif isinstance(stamp_field, tuple) and name in stamp_field:
            out[name] = (base.strftime("%Y-%m-%d") if name == stamp_field[0]
                         else base.strftime("%I:%M %p"))
        elif parse is parse_flag:
            out[name] = "Y" if i % 3 else "N"
        elif parse is parse_int:
            out[name] = str(i % 90)
        elif parse is parse_float:
            out[name] = f"{(i % 400) * 1.25:.2f}"
        elif parse is parse_datetime or kind.kind == "datetime":
            out[name] = _fmt_dt(base - timedelta(days=rng.randint(0, 400)), api)
        elif parse is parse_date or kind.kind == "date":
            out[name] = (base.date() - timedelta(days=rng.randint(0, 400))).isoformat()
        elif kind.kind == "bool":
            out[name] = i % 2 == 0
        elif kind.kind == "int":
            if name.endswith("_id") and not key_done:
                out[name], key_done = i + 1, True
            elif name == "site_id":
                out[name] = i % 12 + 1
            elif name == "center_id":
                out[name] = i % 20 + 1
            else:
                out[name] = i % 97 + 1
        elif kind.kind == "float":
            out[name] = round((i % 400) * 1.25, 2)
        elif kind.kind == "str":
            out[name] = f"{name} {i}"
        elif kind.kind == "list" and kind.item is not None and depth < 2:
            item = kind.item
            if item.kind == "struct":
                out[name] = [synthesize(item.type, i, api=api, depth=depth + 1)]
            elif item.kind == "int":
                out[name] = [i % 97 + 1]
            elif item.kind == "str":
                out[name] = [f"{name} {i}"]
            else:
                out[name] = []
        elif kind.kind == "struct" and depth < 2:
            out[name] = synthesize(kind.type, i, api=api, depth=depth + 1)
        else:
            out[name] = None
    return out


_CACHE: dict[tuple[Any, ...], tuple[list[dict[str, Any]], list[datetime]]] = {}


class Dataset:
    """The records of every operation, built on first use and kept (mutable for tests)."""

    def __init__(self, *, start: date = date(2023, 1, 1), days: int = 3 * 366 + 30,
                 paged_size: int = 1200, small_size: int = 12) -> None:
        self.start = start
        self.days = days
        self.paged_size = paged_size
        self.small_size = small_size
        self._records: dict[str, list[dict[str, Any]]] = {}
        # For windowed operations: each record's timestamp, whether or not a field shows it.
        self.when: dict[str, list[datetime]] = {}

    def stamp_field(self, op: Operation) -> str | tuple[str, str] | None:
        """The field the operation's window filters on (the fake's choice where the reference
        names none: the audit log filters on ``beg_datestamp``)."""
        if op.window is None:
            return None
        if op.window.record_field is not None:
            return op.window.record_field
        if op.name == "insights.membershipAuditLog":
            return "beg_datestamp"
        return None

    def records(self, op: Operation) -> list[dict[str, Any]]:
        """The raw JSON records of ``op`` (the same list on every call)."""
        recs = self._records.get(op.name)
        if recs is None:
            # Data sets are deterministic: build each once per process, copy the list per
            # Dataset (tests may append to it).
            ck = (op.name, self.start, self.days, self.paged_size, self.small_size)
            cached = _CACHE.get(ck)
            if cached is None:
                stamps: list[datetime] = []
                self.when.pop(op.name, None)
                built = self._build(op)
                cached = _CACHE[ck] = (built, list(self.when.get(op.name, stamps)))
            recs = self._records[op.name] = list(cached[0])
            if op.window is not None:
                self.when[op.name] = list(cached[1])
        return recs

    def _build(self, op: Operation) -> list[dict[str, Any]]:
        if op.record is None or op.kind in ("write", "bytes"):
            return []
        field = self.stamp_field(op)
        if op.window is not None:
            # Timestamped: four records a day at the edges of the day, over the whole span.
            out: list[dict[str, Any]] = []
            stamps = self.when.setdefault(op.name, [])
            for d in range(self.days):
                for k, off in enumerate(_EDGE_TIMES):
                    when = datetime.combine(self.start + timedelta(days=d), datetime.min.time())
                    when += off
                    out.append(synthesize(op.record, len(out), api=op.api, when=when,
                                          stamp_field=field))
                    stamps.append(when)
                    if k == 1 and d % 3:
                        break
            return out
        n = self.paged_size if op.paging.paged else self.small_size
        return [synthesize(op.record, i, api=op.api) for i in range(n)]

    def add_at(self, op: Operation, when: datetime) -> dict[str, Any]:
        """Append one record of windowed operation ``op`` stamped ``when`` (for edge tests);
        return it."""
        recs = self.records(op)
        rec = synthesize(op.record, len(recs), api=op.api, when=when,
                         stamp_field=self.stamp_field(op))
        recs.append(rec)
        self.when[op.name].append(when)
        return rec

    def add(self, op: Operation, n: int) -> None:
        """Append ``n`` records (records created during a walk)."""
        recs = self.records(op)
        for _ in range(n):
            recs.append(synthesize(op.record, len(recs), api=op.api))
            if op.name in self.when:
                self.when[op.name].append(self.when[op.name][-1])
