"""What a list operation looks like as a database table: its name, its column types (declared
from the record Struct, never guessed from values), its primary key, and its rows.

Scalar fields map to dlt data types (``bool``, ``bigint``, ``double``, ``date``,
``timestamp``, ``text``); a nested Struct is flattened into ``parent__child`` columns, as dlt
flattens nested objects; a list becomes a child table (dlt's ``<table>__<field>``), so it gets no
column here. A record with no natural key (``primary_key == ("_row_hash",)`` in the operation
table) is keyed by ``_row_hash``, a digest of its content.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, get_type_hints

import msgspec

from .._annotations import Kind, TypeInfo, read
from .._lenient import lenient_kind
from .._operations.declare import Operation

__all__ = ["ROW_HASH", "arrow_schema", "arrow_table", "column_hints", "rows", "table_name"]

#: The primary key of records that have no natural one.
ROW_HASH = "_row_hash"

_BY_KIND: dict[Kind, str] = {"bool": "bool", "int": "bigint", "float": "double", "date": "date",
                             "datetime": "timestamp", "str": "text"}


def table_name(op: Operation) -> str:
    """``get_activities`` -> ``activities``; ``insights.get_memberships`` ->
    ``insights_memberships`` (the names CONTRACT.md fixes)."""
    base = op.method.removeprefix("get_")
    return f"insights_{base}" if op.namespace == "insights" else base


def _scalar(t: Any) -> str | None:
    """The dlt data type of a scalar annotation; None for lists and Structs."""
    return _data_type(read(t))


def _data_type(info: TypeInfo) -> str | None:
    lenient = lenient_kind(info)  # a lenient member decides (LenientBool | None, ...)
    if lenient is not None:
        return _BY_KIND[lenient]
    if info.kind == "union":
        kinds = {_data_type(m) for m in info.members}
        if len(kinds) == 1:
            return kinds.pop()
        return "text" if None not in kinds else None
    if info.kind == "literal":
        return "bigint" if all(isinstance(v, int) and not isinstance(v, bool)
                               for v in info.options) else "text"
    if info.kind in ("list", "struct"):
        return None
    return _BY_KIND.get(info.kind, "text")


def _struct_of(t: Any) -> type[msgspec.Struct] | None:
    info = read(t)
    return info.type if info.kind == "struct" else None


def _columns(cls: type[msgspec.Struct], prefix: str, out: dict[str, dict[str, Any]]) -> None:
    hints = get_type_hints(cls, include_extras=True)
    for f in msgspec.structs.fields(cls):
        t = hints[f.name]
        name = prefix + f.encode_name
        nested = _struct_of(t)
        if nested is not None:
            _columns(nested, name + "__", out)
            continue
        kind = _scalar(t)
        if kind is None:
            continue  # a list: dlt loads it as a child table
        col: dict[str, Any] = {"name": name, "data_type": kind, "nullable": True}
        if kind == "timestamp":
            # ACTIVE's date-times are the organization's local time, without an offset.
            col["timezone"] = False
        out[name] = col


def column_hints(op: Operation) -> dict[str, dict[str, Any]]:
    """dlt column schemas of ``op``'s table, from its record Struct (primary key not null)."""
    out: dict[str, dict[str, Any]] = {}
    if isinstance(op.record, type) and issubclass(op.record, msgspec.Struct):
        _columns(op.record, "", out)
    if op.primary_key == (ROW_HASH,):
        out[ROW_HASH] = {"name": ROW_HASH, "data_type": "text"}
    for key in op.primary_key:
        out[key] = {**out.get(key, {"name": key, "data_type": "text"}), "nullable": False,
                    "primary_key": True}
    return out


_BUILTIN = (datetime, date)


def arrow_schema(op: Operation) -> Any:
    """The Arrow schema of ``op``'s rows when its record is flat (scalars only), else None.

    Flat records go to dlt as Arrow tables: dlt then writes them as they are, with no
    row-by-row normalisation (measured: half the time of a load). Records with lists or
    nested objects go as dicts, which dlt unnests into child tables and flattened columns.
    """
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow comes with the sync extra
        return None
    cls = op.record
    if not (isinstance(cls, type) and issubclass(cls, msgspec.Struct)):
        return None
    hints = get_type_hints(cls, include_extras=True)
    if any(_scalar(hints[f.name]) is None for f in msgspec.structs.fields(cls)):
        return None
    types_ = {"bigint": pa.int64(), "text": pa.string(), "bool": pa.bool_(),
              "double": pa.float64(), "date": pa.date32(), "timestamp": pa.timestamp("us")}
    return pa.schema([pa.field(name, types_[col["data_type"]], nullable=col["nullable"])
                      for name, col in column_hints(op).items()])


def arrow_table(op: Operation, records: list[Any], schema: Any) -> Any:
    """``records`` as an Arrow table of ``schema`` (see :func:`arrow_schema`)."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows(op, records), schema=schema)


def rows(op: Operation, records: list[Any]) -> list[dict[str, Any]]:
    """Records as dicts keyed by the API's JSON names, dates kept as ``date``/``datetime``
    (dlt then needs no parsing), plus ``_row_hash`` where the record has no natural key."""
    out: list[dict[str, Any]] = msgspec.to_builtins(records, builtin_types=_BUILTIN)
    if op.primary_key == (ROW_HASH,):
        encode = msgspec.json.encode
        for rec, row in zip(records, out, strict=True):
            row[ROW_HASH] = hashlib.blake2b(encode(rec), digest_size=16).hexdigest()
    return out
