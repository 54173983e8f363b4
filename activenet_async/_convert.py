"""The slow path of decoding: records converted from Python objects, value by value (sans-I/O).

A page goes here only when msgspec's typed decoder rejects it (see ``_decode``). Each record is
first handed to ``msgspec.convert`` whole (C speed); a record that is rejected there is rebuilt
field by field from the record type's own description (``msgspec.inspect``):

* a key the type does not declare is dropped and reported (``UnknownFieldWarning``);
* a value that fits is kept; one that does not is coerced with the parsers of ``_lenient`` (numbers
  sent as strings, flags, dates), and when nothing fits it becomes None and is reported
  (``LenientValueWarning``); an empty string becomes None silently, as in the fast path;
* a nested object or list is converted the same way, so any number of misfits in one record is
  repaired (no pass limit).

Nothing here reads the text of another library's error messages: which value is wrong is found
from the values and the declared types themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

import msgspec
from msgspec import inspect as mi

from ._lenient import BAD, parse_date, parse_datetime, parse_flag, parse_float, parse_int
from ._warnings import DecodeReport

__all__ = ["Context", "convert_record", "convert_value"]


@dataclass(slots=True)
class Context:
    """Who is decoding: the operation (for messages) and the report that counts misfits."""

    operation: str
    report: DecodeReport


_ARRAYS = (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)
_PARSERS = {
    mi.BoolType: parse_flag,
    mi.IntType: parse_int,
    mi.FloatType: parse_float,
    mi.DateTimeType: parse_datetime,
    mi.DateType: parse_date,
}
# The Python classes a JSON scalar already has when it fits the type as it is.
_EXACT: dict[type[mi.Type], tuple[type, ...]] = {
    mi.StrType: (str,),
    mi.IntType: (int,),
    mi.FloatType: (float, int),
    mi.BoolType: (bool,),
    mi.DateTimeType: (datetime,),
    mi.DateType: (date,),
    mi.TimeType: (time,),
}


# msgspec.inspect types are not hashable; those of the cached type_info below live as long as
# the process, so their id is a stable key (the entry keeps the type alive).
_MEMBERS: dict[int, tuple[mi.Type, tuple[mi.Type, ...]]] = {}


def _members(t: mi.Type) -> tuple[mi.Type, ...]:
    """The alternatives of a type: Optional/Union flattened, metadata unwrapped, None left out."""
    hit = _MEMBERS.get(id(t))
    if hit is not None and hit[0] is t:
        return hit[1]
    found = _flatten(t)
    if len(_MEMBERS) < 4096:
        _MEMBERS[id(t)] = (t, found)
    return found


def _flatten(t: mi.Type) -> tuple[mi.Type, ...]:
    if isinstance(t, mi.Metadata):
        return _flatten(t.type)
    if isinstance(t, mi.UnionType):
        return tuple(x for m in t.types for x in _flatten(m))
    if isinstance(t, mi.NoneType):
        return ()
    return (t,)


@dataclass(frozen=True, slots=True)
class _Spec:
    """One field: its attribute name, its type, and the Python classes a JSON value may have
    to be kept as it is (no conversion needed: the common case, checked first)."""

    name: str
    kind: mi.Type
    accept: frozenset[type]


def _accepts(t: mi.Type) -> frozenset[type]:
    out: set[type] = set()
    for m in _members(t):
        if isinstance(m, mi.AnyType):
            return frozenset({str, int, float, bool, dict, list})
        if isinstance(m, mi.FloatType):
            out.add(float)  # an int is converted to float, as msgspec does
        else:
            out.update(_EXACT.get(type(m), ()))
    return frozenset(out)


@lru_cache(maxsize=512)
def _fields(cls: type[msgspec.Struct]) -> tuple[dict[str, _Spec], bool]:
    """A Struct's fields by JSON key, and whether the Struct reports keys it lacks."""
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    forbid = cls.__struct_config__.forbid_unknown_fields
    return {f.encode_name: _Spec(f.name, f.type, _accepts(f.type)) for f in info.fields}, forbid


def convert_record(obj: dict[str, Any], cls: type[msgspec.Struct], ctx: Context) -> Any:
    """``obj`` as a ``cls``: whole by msgspec when it fits, else field by field."""
    try:
        return msgspec.convert(obj, cls, strict=False)
    except msgspec.ValidationError:
        pass
    fields, forbid = _fields(cls)
    owner = cls.__name__
    kwargs: dict[str, Any] = {}
    for key, value in obj.items():
        f = fields.get(key)
        if f is None:
            if forbid:
                ctx.report.unknown_field(ctx.operation, f"{owner}.{key}")
            continue
        if value is None:
            continue
        if value.__class__ in f.accept:
            kwargs[f.name] = value
        else:
            kwargs[f.name] = convert_value(value, f.kind, owner, key, ctx)
    # Struct.__init__ runs the record's __post_init__ (the lenient fields' parsers), as decoding
    # does; it checks no types, which is why every value above was checked or converted.
    return cls(**kwargs)


def convert_value(value: Any, t: mi.Type, owner: str, field: str, ctx: Context, *,
                  outcome: str = "decoded as None") -> Any:
    """``value`` converted to ``t``; None (reported unless it was empty) when nothing fits."""
    if value is None:
        return None
    members = _members(t)
    if isinstance(value, dict):
        for m in members:
            if isinstance(m, mi.StructType):
                return convert_record(value, m.cls, ctx)
            if isinstance(m, mi.DictType):
                return {k: convert_value(v, m.value_type, owner, field, ctx)
                        for k, v in value.items()}
            if isinstance(m, mi.AnyType):
                return value
    elif isinstance(value, list):
        for m in members:
            if isinstance(m, _ARRAYS):
                return _convert_list(value, m, owner, field, ctx)
            if isinstance(m, mi.AnyType):
                return value
    else:
        kind = value.__class__
        for m in members:
            if isinstance(m, mi.AnyType):
                return value
            exact = _EXACT.get(type(m))
            # bool is an int to Python, not to JSON: True fits only a bool (or a lenient) field
            if exact is not None and kind in exact:
                return float(value) if isinstance(m, mi.FloatType) else value
        for m in members:
            fixed = _coerce(m, value)
            if fixed is not BAD:
                return fixed
    if not (isinstance(value, str) and not value.strip()):
        ctx.report.lenient_value(ctx.operation, f"{owner}.{field}", value, outcome=outcome)
    return None


_DROPPED = "dropped from the list"


def _convert_list(value: list[Any], t: Any, owner: str, field: str, ctx: Context) -> Any:
    item_type: mi.Type = t.item_type
    out = []
    for item in value:
        # A list item that fits nowhere (or is null) is dropped rather than kept as a None
        # the type does not allow; reported either way.
        if item is None:
            ctx.report.lenient_value(ctx.operation, f"{owner}.{field}[]", item, outcome=_DROPPED)
            continue
        fixed = convert_value(item, item_type, owner, f"{field}[]", ctx, outcome=_DROPPED)
        if fixed is None:
            continue
        out.append(fixed)
    if isinstance(t, mi.SetType):
        return set(out)
    if isinstance(t, mi.FrozenSetType):
        return frozenset(out)
    if isinstance(t, mi.VarTupleType):
        return tuple(out)
    return out


def _coerce(m: mi.Type, value: Any) -> Any:
    if isinstance(m, mi.StrType):
        # A number where text was due ("zip_code": 85748) is the same text.
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int | float):
            return str(value)
        return BAD
    parse = _PARSERS.get(type(m))
    return parse(value) if parse is not None else BAD
