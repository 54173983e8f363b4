"""How an operation is declared: once, as a typed method stub with an ``@operation(...)``
decorator that records its path, paging, record type, limits, checks, write body and
incremental loading; plus the reusable checks.

The decorator replaces the stub's body with the generic implementation: bind the arguments
like Python would (an unknown keyword is a TypeError), validate and encode them from the
annotations, split windows and lists, and hand the result to the client's dispatcher. It registers
nothing: ``table.py`` collects the declared operations from the declaration classes into the
table (``OPERATIONS``, ``LIMITS``) that feeds the README, the CLI and the client's limits.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from types import MappingProxyType
from typing import Any, Literal, TypeVar, get_type_hints

from .._errors import MissingArgumentError, RequestValidationError, shown
from .._paging import Paging, Unpaged
from .._paging.windows import Resolution
from .params import Param, make_param

__all__ = ["Body", "BodyShape", "Incremental", "Limits", "Operation", "WindowSpec",
           "declared_operations", "operation"]

F = TypeVar("F", bound=Callable[..., Any])
Kind = Literal["list", "one", "write", "bytes"]
Api = Literal["system", "insights"]
Check = Callable[[dict[str, Any]], None]


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """A date range an operation limits: its two arguments, the filter's resolution and, for
    minute filters, the record field holding the filtered timestamp (the walk tells edge
    records from interior ones by it; the fake server filters on it).

    ``overlap`` widens each interior window's end on the wire, for filters that test a
    record's *end* against ``to`` (instructor schedules): a record crossing a window edge is
    then fetched whole by the window it starts in, provided it lasts no longer than the
    overlap; the next window's copy is an exact repeat and is dropped."""

    start: str
    end: str
    resolution: Resolution
    record_field: str | tuple[str, str] | None = None
    overlap: timedelta = timedelta(0)


#: How a write's body objects go on the wire: ``{"body": [obj, ...]}``, one bare object (its
#: fields are the method's keyword arguments), or a bare JSON array.
BodyShape = Literal["wrapped_list", "object", "list"]


@dataclass(frozen=True, slots=True)
class Body:
    """The JSON body of a write: the Struct of one body object, the shape the objects go in,
    the fields the reference marks mandatory (checked before sending) and, verbatim, the
    reference's requirements that depend on the organization (``conditional``: documented,
    not checkable by a client)."""

    type: type[Any]
    shape: BodyShape
    required: tuple[str, ...] = ()
    conditional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Incremental:
    """How a list operation loads incrementally (the dlt loader): its modified-date range
    arguments and the record field that holds each record's modification time (None: the
    record has none; the loader then uses the run's start time, less a clock overlap)."""

    start: str
    end: str | None
    cursor: str | None


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits of one operation; override them per client (``ActiveNet(limits=...)``) when
    ACTIVE sets other values for an organization.

    ``page_size``: the largest page the operation serves (None: not paged). ``window``: the
    longest date range one request may span. ``lists``: the most ids one comma list may hold
    (kept as a read-only copy, so that the defaults cannot be changed in place).
    """

    page_size: int | None = None
    window: timedelta | None = None
    lists: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        def bad(what: str, value: object) -> RequestValidationError:
            return RequestValidationError(f"{what} must be positive, got {shown(value)}",
                                          argument="limits")

        ps = self.page_size
        if ps is not None and (isinstance(ps, bool) or not isinstance(ps, int) or ps < 1):
            raise bad("page_size", ps)
        if self.window is not None and (not isinstance(self.window, timedelta)
                                        or self.window <= timedelta(0)):
            raise bad("window", self.window)
        for name, cap in self.lists.items():
            if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
                raise bad(f"lists[{name!r}]", cap)
        # A copy: the caller's dict (or the table's) may change later; this one cannot.
        object.__setattr__(self, "lists", MappingProxyType(dict(self.lists)))

    def with_(self, *, page_size: int | None = None, window: timedelta | None = None,
              lists: Mapping[str, int] | None = None) -> Limits:
        """A copy with the given limits replaced (lists are merged); values are checked."""
        return replace(self, page_size=self.page_size if page_size is None else page_size,
                       window=self.window if window is None else window,
                       lists={**self.lists, **(lists or {})})


@dataclass(frozen=True, eq=False)
class Operation:
    """One documented operation and everything the engine needs to call it (read-only: one
    instance serves every client).

    ``primary_key``: the fields that identify a record of a list operation (loaders merge on
    them). ``("_row_hash",)`` marks a record with no natural key: a loader keys such a row by a
    hash of its content, so a rerun adds no duplicate but a changed row is a new row.
    ``incremental``: the modified-date filter a loader resumes from. ``body``: a write's body.
    """

    name: str
    method: str
    api: Api
    http: str
    path: str
    kind: Kind
    record: Any
    paging: Paging
    summary: str
    limits: Limits
    window: WindowSpec | None = None
    checks: tuple[Check, ...] = ()
    rename: Mapping[str, str] = field(default_factory=dict)
    write_key: bool = False
    namespace: str = ""
    primary_key: tuple[str, ...] = ()
    incremental: Incremental | None = None
    body: Body | None = None
    fn: Callable[..., Any] | None = None

    @property
    def qualified(self) -> str:
        """The method name as users write it: ``get_activities``, ``insights.get_memberships``."""
        return f"{self.namespace}.{self.method}" if self.namespace else self.method

    @property
    def path_params(self) -> tuple[str, ...]:
        """Names of the path parameters, in order."""
        import string

        return tuple(f[1] for f in string.Formatter().parse(self.path) if f[1])

    @functools.cached_property
    def signature(self) -> inspect.Signature:
        """The stub's signature (how arguments bind)."""
        assert self.fn is not None
        return inspect.signature(self.fn)

    @functools.cached_property
    def params(self) -> dict[str, Param]:
        """Query (and path) parameters, built from the stub's annotations on first use."""
        assert self.fn is not None
        hints = get_type_hints(self.fn, include_extras=True)
        out: dict[str, Param] = {}
        for name, p in self.signature.parameters.items():
            if name in ("self", "page_size", "raw", "body") or p.kind is p.VAR_KEYWORD:
                continue
            if self.kind == "write" and name not in self.path_params:
                continue
            out[name] = make_param(name, hints[name], p.default is p.empty,
                                   self.rename.get(name, name))
        return out

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Arguments by name, as Python binds them (TypeError on unknown or missing ones),
        without the ones left at None. ``raw=True`` (undecoded dicts, for exporters) is
        accepted by every read operation."""
        raw = kwargs.pop("raw", False) if self.kind != "write" else False
        # bind_partial raises TypeError for unknown or surplus arguments, as any function
        # does; a missing required one is found here, from the signature, not from its text.
        bound = self.signature.bind_partial(None, *args, **kwargs)
        for name, param in self.signature.parameters.items():
            if param.default is inspect.Parameter.empty and name not in bound.arguments and \
                    param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                raise MissingArgumentError("is required", argument=name, operation=self.name)
        for name, value in bound.arguments.items():
            if value is None and name != "self" and \
                    self.signature.parameters[name].default is inspect.Parameter.empty:
                raise MissingArgumentError("is required (None given)", argument=name,
                                           operation=self.name)
        # A generator is read once by validation and again by the splitter: keep a list.
        out = {k: list(v) if isinstance(v, Iterator) else v
               for k, v in bound.arguments.items() if k != "self" and v is not None}
        if raw:
            out["raw"] = True
        return out

    def encode(self, args: Mapping[str, Any]) -> dict[str, str]:
        """Validate every argument and write it in its wire format (lists not yet split)."""
        try:
            for check in self.checks:
                check(dict(args))
        except RequestValidationError as e:
            e.operation = self.name
            raise
        out: dict[str, str] = {}
        for name, param in self.params.items():
            if name in args:
                try:
                    out[param.wire] = param.encode(args[name], name)
                except RequestValidationError as e:
                    e.operation = self.name
                    raise
        return out


def operation(name: str, path: str, record: Any = None, *, kind: Kind = "list",
              api: Api = "system", http: str = "GET", paging: Paging | None = None,
              page_size: int | None = None, window: WindowSpec | None = None,
              window_limit: timedelta | None = None, lists: Mapping[str, int] | None = None,
              checks: tuple[Check, ...] = (), rename: Mapping[str, str] | None = None,
              write_key: bool = False, namespace: str = "", primary_key: tuple[str, ...] = (),
              incremental: Incremental | None = None,
              body: Body | None = None) -> Callable[[F], F]:
    """Declare one documented operation on a method stub (see the module docstring)."""
    if (kind == "write") != (body is not None):
        raise TypeError(f"{name}: a write declares its body (body=Body(...)); a read does not")

    def decorate(fn: F) -> F:
        paging_ = paging or Unpaged(api)
        limits = Limits(page_size=page_size if paging_.paged else None, window=window_limit,
                        lists=dict(lists or {}))
        summary = " ".join((inspect.getdoc(fn) or "").split("\n\n", 1)[0].split())
        op = Operation(name=name, method=fn.__name__, api=api, http=http, path=path,
                       kind=kind, record=record, paging=paging_, summary=summary,
                       limits=limits, window=window, checks=checks,
                       rename=dict(rename or {}), write_key=write_key, namespace=namespace,
                       primary_key=primary_key, incremental=incremental, body=body, fn=fn)
        if kind == "list":
            @functools.wraps(fn)
            def call_list(self: Any, *args: Any, **kwargs: Any) -> Any:
                return self._dispatcher.pager(op, op.bind(args, kwargs))
            wrapper: Callable[..., Any] = call_list
        else:
            @functools.wraps(fn)
            async def call_one(self: Any, *args: Any, **kwargs: Any) -> Any:
                return await self._dispatcher.call(op, op.bind(args, kwargs))
            wrapper = call_one
        wrapper.__activenet_operation__ = op  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]
    return decorate


def declared_operations(cls: type) -> list[Operation]:
    """The operations declared on ``cls`` and its bases, in method resolution order and, within
    each class, in declaration order."""
    out: list[Operation] = []
    for klass in cls.__mro__:
        for fn in vars(klass).values():
            op = getattr(fn, "__activenet_operation__", None)
            if isinstance(op, Operation) and op not in out:
                out.append(op)
    return out


# ---- reusable checks -------------------------------------------------------------------

def at_least_one(*names: str) -> Check:
    """At least one of ``names`` must be given."""
    def check(args: dict[str, Any]) -> None:
        if not any(n in args for n in names):
            raise RequestValidationError(f"give at least one of {', '.join(names)}",
                                         argument=names[0])
    return check


def exactly_one(*names: str) -> Check:
    """Exactly one of ``names`` must be given."""
    def check(args: dict[str, Any]) -> None:
        given = [n for n in names if n in args]
        if len(given) != 1:
            raise RequestValidationError(f"give exactly one of {', '.join(names)}",
                                         argument=names[0])
    return check


def together(*names: str) -> Check:
    """Either all of ``names`` or none."""
    def check(args: dict[str, Any]) -> None:
        given = [n for n in names if n in args]
        if given and len(given) != len(names):
            missing = [n for n in names if n not in args]
            raise RequestValidationError(f"must be given together with {', '.join(given)}",
                                         argument=missing[0])
    return check


def ordered(start: str, end: str) -> Check:
    """``start`` must not come after ``end`` (when both are given)."""
    def check(args: dict[str, Any]) -> None:
        a, b = args.get(start), args.get(end)
        if a is None or b is None:
            return
        from .._paging.windows import span_bounds

        try:
            lo, hi = span_bounds(a, b, "minute")
            reversed_ = hi <= lo
        except (TypeError, AttributeError, ValueError):
            return  # a wrong type (or naive/aware mix) is reported by the argument's check
        except OverflowError:
            raise RequestValidationError("is at the very end of the calendar; give a real date",
                                         argument=end) from None
        if reversed_:
            raise RequestValidationError(f"{start} ({a}) is after {end} ({b})", argument=end)
    return check


def positive(*names: str) -> Check:
    """Ints that must be >= 1 when given."""
    def check(args: dict[str, Any]) -> None:
        for n in names:
            v = args.get(n)
            if isinstance(v, int) and not isinstance(v, bool) and v < 1:
                raise RequestValidationError(f"must be a positive integer, got {shown(v)}",
                                             argument=n)
    return check


def bitmask(name: str, length: int = 7) -> Check:
    """A string of ``length`` '0'/'1' characters (``days_of_week``: Sunday first)."""
    def check(args: dict[str, Any]) -> None:
        v = args.get(name)
        if v is not None and (not isinstance(v, str) or len(v) != length
                              or set(v) - {"0", "1"}):
            raise RequestValidationError(
                f"must be {length} characters of 0/1 (Sunday first), e.g. '0101000'",
                argument=name)
    return check
