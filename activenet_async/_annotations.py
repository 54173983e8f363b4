"""One reader of type annotations (sans-I/O): what an argument or a record field is declared as.

The operation table (argument validation and wire formats), the command line (``--param``
values), the fake server's data (synthetic records), the lenient records (which fields get a
parser), the exporters (Parquet types) and the dlt loader (column types) all ask the same
questions of an annotation: is None allowed, which markers does ``Annotated`` carry, is it a
list and of what, a ``Literal`` or an ``Enum`` and of which values, a date, a Struct, a union of
what. :func:`read` answers them once, in a small typed :class:`TypeInfo`; each caller then
decides what the answer means for it (markers are returned as written: the reader knows no
caller's marker class).
"""

from __future__ import annotations

import enum
import types
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, time
from typing import Annotated, Any, Literal, NamedTuple, TypeVar, Union, cast, get_args, get_origin

import msgspec

__all__ = ["Kind", "TypeInfo", "read"]

#: What an annotation is, with None and ``Annotated`` markers taken off.
Kind = Literal["bool", "int", "float", "str", "date", "datetime", "time", "literal", "enum",
               "list", "struct", "union", "any", "other"]

M = TypeVar("M")

_SCALARS: dict[Any, Kind] = {bool: "bool", int: "int", float: "float", str: "str",
                             date: "date", datetime: "datetime", time: "time"}
# Generic origins read as "a list of items": what arguments and record fields use.
_LISTS = (list, set, frozenset, Iterable, Sequence, Collection)


class TypeInfo(NamedTuple):
    """An annotation, read (immutable; a NamedTuple because record classes are read by the
    hundred at import, and it is built fastest).

    ``type``: the annotation without None and without ``Annotated`` (``bool``, ``list[int]``,
    ``Literal["A", "B"]``, ``int | str``). ``optional``: None was allowed. ``markers``: the
    ``Annotated`` metadata, outermost first. ``options``: a Literal's values or an Enum's
    members. ``item``: a list's item. ``members``: a union's alternatives (None left out).
    """

    annotation: Any
    kind: Kind
    type: Any
    optional: bool = False
    markers: tuple[object, ...] = ()
    options: tuple[Any, ...] = ()
    item: TypeInfo | None = None
    members: tuple[TypeInfo, ...] = ()

    def marker(self, cls: type[M]) -> M | None:
        """The first marker that is a ``cls``, or None."""
        for m in self.markers:
            if isinstance(m, cls):
                return cast(M, m)  # narrowed already; mypy reads a type[M] check as Any
        return None

    @property
    def member_kinds(self) -> frozenset[Kind]:
        """The kinds of a union's alternatives (empty for anything else)."""
        return frozenset(m.kind for m in self.members)


def read(annotation: Any) -> TypeInfo:
    """Read an evaluated annotation (``typing.get_type_hints(..., include_extras=True)``);
    string annotations are refused with a TypeError (evaluate them first).

    Not cached here: typing compares unions and Literals regardless of order
    (``int | str == str | int``), so a cache keyed by annotation could hand back another
    annotation's member order. Callers that read often keep their own per-class results."""
    if isinstance(annotation, str):
        raise TypeError(f"string annotation {annotation!r}: evaluate annotations first "
                        "(typing.get_type_hints)")
    t, optional, markers = annotation, False, ()
    while True:
        origin = get_origin(t)
        if origin is Annotated:
            base, *meta = get_args(t)
            t, markers = base, (*markers, *meta)
        elif origin in (Union, types.UnionType):
            args = get_args(t)
            rest = tuple(a for a in args if a is not type(None))
            optional = optional or len(rest) < len(args)
            if len(rest) != 1:
                t = Union[rest]  # noqa: UP007 - rebuilt from a tuple
                break
            t = rest[0]
        else:
            break
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        members = tuple(read(a) for a in get_args(t))
        return TypeInfo(annotation, "union", t, optional, markers, members=members)
    if origin is Literal:
        return TypeInfo(annotation, "literal", t, optional, markers, get_args(t))
    if origin in _LISTS or t in _LISTS:
        args = get_args(t)
        item = read(args[0] if args else Any)
        return TypeInfo(annotation, "list", t, optional, markers, item=item)
    kind: Kind = _SCALARS.get(t, "other") if isinstance(t, type) else "other"
    if t is Any:
        kind = "any"
    elif kind == "other" and isinstance(t, type) and issubclass(t, enum.Enum):
        return TypeInfo(annotation, "enum", t, optional, markers, tuple(t))
    elif kind == "other" and isinstance(t, type) and issubclass(t, msgspec.Struct):
        kind = "struct"
    return TypeInfo(annotation, kind, t, optional, markers)
