"""ACTIVE Net as a dlt source: one resource per list operation, merged on its primary key,
incremental where the API filters by modification date.

>>> import dlt
>>> from activenet_async.dlt import activenet_source
>>> source = activenet_source(
...     ["get_activities", "insights.get_memberships"],
...     params={"modified_date_from": datetime(2024, 1, 1)},
...     client={"org": "orgtest", "api_key": "...", "shared_secret": "..."})
>>> dlt.pipeline("activenet", destination="duckdb", dataset_name="activenet").run(source)

Tables are named after the method without ``get_`` (``activities``), Insights ones prefixed
``insights_``; column types come from the record Structs; nested lists become child tables;
rows are merged on the operation table's ``primary_key`` (``_row_hash``, a content digest, where
a record has no natural key).

Incremental loading: an operation with a modified-date filter (``modified_date_from``, the audit
log's ``datestamp_from``) keeps in dlt's resource state where its last successful run ended: the
latest modification time among the records it loaded (never later than the range it asked for),
or, for a record type without such a field, the time the run started. The next run asks from
there less ``overlap``; records seen twice are merged away by the primary key. The state is
written after the walk's last page, and dlt commits it only with a successful extract, so a run
that fails or is killed does not advance it: the rerun asks again from the same point. The state
belongs to one set of other parameters: changing them starts again from ``params``' date.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, cast

import dlt
from dlt.common.schema.typing import TColumnSchema
from dlt.extract import DltResource, DltSource

from ._errors import RequestValidationError
from ._operations.declare import Incremental, Operation
from ._operations.table import OPERATIONS, find
from ._sync.columns import arrow_schema, arrow_table, column_hints, rows, table_name
from ._sync.feed import Feed, WalkStats

__all__ = ["INCREMENTAL", "Incremental", "activenet_source", "resolve", "table_name"]


#: Operations with a modified-date filter, by documented name: each declares it on its
#: ``@operation(..., incremental=Incremental(...))``; this is the table's view of them.
INCREMENTAL: Mapping[str, Incremental] = MappingProxyType(
    {op.name: op.incremental for op in OPERATIONS.values() if op.incremental is not None})

#: Overlap for operations whose records carry no modification time: covers the difference
#: between this machine's clock and the organization's local time.
CLOCK_OVERLAP = timedelta(days=1)


def resolve(names: Iterable[str | tuple[str, Mapping[str, Any]]],
            params: Mapping[str, Any] | None = None) -> list[tuple[Operation, dict[str, Any]]]:
    """Operations and their keyword arguments: each ``params`` entry goes to every operation
    that takes it (a name none takes is a :class:`RequestValidationError`); a ``(name,
    kwargs)`` item adds arguments of its own. Unknown or non-list operations are errors too."""
    out: list[tuple[Operation, dict[str, Any]]] = []
    seen: set[str] = set()
    for item in names:
        name, own = (item, {}) if isinstance(item, str) else (item[0], dict(item[1]))
        try:
            op = find(name)
        except KeyError:
            raise RequestValidationError(f"unknown operation {name!r}",
                                         argument="operations") from None
        if op.kind != "list":
            raise RequestValidationError(f"{op.qualified} is not a list operation",
                                         argument="operations")
        if op.name in seen:
            raise RequestValidationError(f"{op.qualified} is named twice", argument="operations")
        seen.add(op.name)
        kwargs = {k: v for k, v in (params or {}).items() if k in op.params}
        out.append((op, {**kwargs, **own}))
    unused = [k for k in (params or {}) if not any(k in op.params for op, _ in out)]
    if unused:
        raise RequestValidationError(
            f"no named operation takes {', '.join(map(repr, unused))}", argument=unused[0])
    return out


def _fingerprint(args: Mapping[str, Any], inc: Incremental) -> str:
    rest = {k: v for k, v in args.items() if k not in (inc.start, inc.end, "page_size")}
    return json.dumps(rest, sort_keys=True, default=str)


def _as_datetime(v: Any) -> datetime | None:
    if isinstance(v, datetime):
        return v.replace(tzinfo=None)  # wall-clock time, like the API's naive values
    if isinstance(v, date):
        return datetime.combine(v, datetime.min.time())
    return None


class _Window:
    """The range one incremental run asks for, and where it ended."""

    def __init__(self, op: Operation, inc: Incremental, args: dict[str, Any],
                 state: Mapping[str, Any], overlap: timedelta) -> None:
        self.inc = inc
        self.started = datetime.now().replace(microsecond=0)
        self.fingerprint = _fingerprint(args, inc)
        self.explicit_end = _as_datetime(args.get(inc.end)) if inc.end else None
        saved = state.get("incremental")
        if saved and saved.get("params") == self.fingerprint and saved.get("end"):
            lag = overlap if inc.cursor else CLOCK_OVERLAP
            args[inc.start] = datetime.fromisoformat(saved["end"]) - lag
        if inc.end and inc.end not in args and op.params[inc.end].required \
                and inc.start in args:
            args[inc.end] = self.started
        if inc.end and inc.start in args and inc.end in args:
            lo, hi = _as_datetime(args[inc.start]), _as_datetime(args[inc.end])
            if lo is not None and hi is not None and lo > hi:
                args[inc.start] = hi  # saved state ahead of this machine's clock
        self.seen: datetime | None = None

    def see(self, records: Sequence[Any]) -> None:
        field = self.inc.cursor
        if field is None:
            return
        for r in records:
            t = _as_datetime(getattr(r, field, None))
            if t is not None and (self.seen is None or t > self.seen):
                self.seen = t

    def end(self) -> datetime | None:
        """Where this run ended (None: nothing to record, keep the saved state)."""
        if self.seen is not None:
            cap = self.explicit_end or self.started + CLOCK_OVERLAP  # a bogus future stamp
            return min(self.seen, cap)
        if self.explicit_end is not None:
            return self.explicit_end
        return None if self.inc.cursor else self.started


class _Shared:
    """The feed of one source: started by the first resource that runs, closed by the last."""

    def __init__(self, feed: Feed, owned: bool) -> None:
        self.feed, self.owned = feed, owned
        self.users = 0
        self.lock = threading.Lock()

    def acquire(self) -> Feed:
        with self.lock:
            self.users += 1
        return self.feed

    def release(self) -> None:
        with self.lock:
            self.users -= 1
            last = self.users == 0
        if last and self.owned:
            self.feed.close()


#: Records per item handed to dlt: dlt validates the table's hints once per item, which cost
#: more than the conversion itself with one item per 500-record page.
BATCH = 10_000


def _convert(op: Operation, records: list[Any], schema: Any) -> Any:
    return rows(op, records) if schema is None else arrow_table(op, records, schema)


def _resource(shared: _Shared, op: Operation, kwargs: Mapping[str, Any],
              overlap: timedelta) -> DltResource:
    table = table_name(op)
    inc = op.incremental
    schema = arrow_schema(op)

    def pages() -> Iterator[Any]:  # Arrow tables (flat records) or lists of dicts
        state = dlt.current.resource_state()
        args = dict(kwargs)
        window = _Window(op, inc, args, state, overlap) if inc else None
        feed = shared.acquire()
        batch: list[Any] = []
        try:
            for page in feed.pages(op, args, WalkStats(table)):
                if page.records:
                    if window is not None:
                        window.see(page.records)
                    batch.extend(page.records)
                if len(batch) >= BATCH:
                    yield _convert(op, batch, schema)
                    batch = []
            if batch:
                yield _convert(op, batch, schema)
        finally:
            shared.release()
        # Only reached when the walk completed: a failed run leaves the state as it was.
        if window is not None:
            end = window.end()
            if end is not None:
                state["incremental"] = {"end": end.isoformat(), "params": window.fingerprint}

    return dlt.resource(pages, name=table, write_disposition="merge",
                        primary_key=list(op.primary_key),
                        columns=cast("dict[str, TColumnSchema]", column_hints(op)))


def activenet_source(operations: Iterable[str | tuple[str, Mapping[str, Any]]], *,
                     params: Mapping[str, Any] | None = None,
                     client: Mapping[str, Any] | None = None, feed: Feed | None = None,
                     overlap: timedelta = timedelta(hours=1)) -> DltSource:
    """A dlt source with one resource per named list operation (see the module docstring).

    ``client``: keyword arguments of :class:`~activenet_async.ActiveNet` (the client is built
    on a background event loop, so it is not passed ready-made); or ``feed``, a
    :class:`~activenet_async._sync.feed.Feed` the caller owns (its walk statistics then stay
    readable after the run). ``params`` go to every operation that takes them; an item
    ``(name, {...})`` of ``operations`` adds arguments for that operation only.
    """
    resolved = resolve(operations, params)
    if feed is None:
        if client is None:
            raise RequestValidationError("give client= (ActiveNet arguments) or feed=",
                                         argument="client")
        options = dict(client)

        def make() -> Any:
            from ._client import ActiveNet

            return ActiveNet(**options)

        shared = _Shared(Feed(make), owned=True)
    else:
        shared = _Shared(feed, owned=False)
    resources = [_resource(shared, op, kwargs, overlap) for op, kwargs in resolved]

    @dlt.source(name="activenet")
    def activenet() -> list[DltResource]:
        return resources

    source: DltSource = activenet()
    return source
