"""Lenient field types for records, and the parsers behind them (sans-I/O).

ACTIVE's data is messy: flags arrive as "Y"/"N", "Yes"/"No" or JSON booleans, numbers as strings,
dates as "2021-09-14 19:21:05.0", "2000/01/01" or "MM/DD/YYYY", and the reference's own examples
hold placeholders ("mock allowDropin data") in flag and date fields.

Two mechanisms keep decoding fast and total:

* Fields declared with the aliases below (``LenientBool``, ``LenientDate``,
  ``LenientDateTime``, ``LenientInt``, ``LenientFloat``) are decoded by msgspec as loose JSON
  scalars and normalised in a per-class ``__post_init__`` built once at class creation. Type
  checkers see the plain Python type.
* Fields declared with plain types (``int``, ``datetime``, ...) take msgspec's C path; a value
  msgspec rejects sends the page down a slow path (``_decode``) that converts record by record
  and, in a record msgspec rejects, field by field with the same parsers below, setting a value
  that fits nowhere to None. Each such value is counted in the call's or walk's
  ``DecodeReport`` (``_warnings``), which warns once per call or walk per operation and field.

Record modules must not use ``from __future__ import annotations``: the markers are read from
the evaluated annotations when each record class is created.
"""

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Final, Union

import msgspec

from ._annotations import Kind, TypeInfo, read
from ._warnings import LenientValueWarning, active_report

__all__ = [
    "BAD",
    "FALSE_SPELLINGS",
    "TRUE_SPELLINGS",
    "LenientBool",
    "LenientDate",
    "LenientDateTime",
    "LenientFloat",
    "LenientInt",
    "LenientMarker",
    "LenientValueWarning",
    "Record",
    "lenient_kind",
    "lenient_parser",
    "parse_date",
    "parse_datetime",
    "parse_flag",
    "parse_float",
    "parse_int",
]


class _Bad:
    __slots__ = ()

    def __repr__(self) -> str:
        return "BAD"


#: Returned by a parser for a value that cannot be read as the field's type.
BAD: Final = _Bad()

#: How ACTIVE (and a person typing ``--param``) spells yes and no, upper-cased: the one list
#: that record decoding and the command line read.
TRUE_SPELLINGS: Final = frozenset({"Y", "YES", "TRUE", "T", "1", "ON"})
FALSE_SPELLINGS: Final = frozenset({"N", "NO", "FALSE", "F", "0", "OFF"})


def parse_flag(v: Any) -> Any:
    """"Y"/"N", "Yes"/"No", "true"/"false", 1/0, JSON booleans -> bool; "" -> None."""
    if v.__class__ is bool or v is None:
        return v
    if isinstance(v, str):
        s = v.strip().upper()
        if s in TRUE_SPELLINGS:
            return True
        if s in FALSE_SPELLINGS:
            return False
        return None if not s else BAD
    if isinstance(v, int | float) and v in (0, 1):
        return bool(v)
    return BAD


def parse_int(v: Any) -> Any:
    """Numbers and numeric strings -> int ("12", "12.0", 12.0); "" -> None."""
    if v.__class__ is int or v is None:
        return v
    if isinstance(v, str):
        s = v.strip().replace(",", "")
        if not s:
            return None
        try:
            return int(s)
        except ValueError:
            try:
                f = float(s)
            except ValueError:
                return BAD
            return int(f) if f.is_integer() else BAD
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, bool):
        return int(v)
    return BAD


def parse_float(v: Any) -> Any:
    """Numbers and numeric strings ("1,234.50", "$5") -> float; "" -> None."""
    if v is None or v.__class__ is float:
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        s = v.strip().replace(",", "").lstrip("$")
        if not s:
            return None
        try:
            return float(s)
        except ValueError:
            return BAD
    return BAD


_YMD = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
                  r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"
                  r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?")


def _parts(s: str) -> tuple[int, int, int, int, int, int, int] | None:
    m = _YMD.fullmatch(s)
    if m:
        y, mo, d, hh, mm, ss, frac = m.groups()
        us = int((frac or "0").ljust(6, "0"))
        return (int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), us)
    m = _MDY.fullmatch(s)
    if m:
        mo, d, y, hh, mm, ss, ampm = m.groups()
        h = int(hh or 0)
        if ampm:
            h = h % 12 + (12 if ampm.upper() == "PM" else 0)
        return (int(y), int(mo), int(d), h, int(mm or 0), int(ss or 0), 0)
    return None


def parse_datetime(v: Any) -> Any:
    """ISO date-times (space or T, 0-6 fraction digits), "YYYY/MM/DD ...", "MM/DD/YYYY ...",
    plain dates (midnight) -> datetime, aware when the value carries an offset ("Z",
    "-07:00"), naive otherwise; "" -> None."""
    if v is None or v.__class__ is datetime:
        return v
    if v.__class__ is date:
        return datetime(v.year, v.month, v.day)
    if not isinstance(v, str):
        return BAD
    s = v.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s)  # an offset, when sent, is kept (an aware datetime)
    except ValueError:
        pass
    p = _parts(s)
    if p is None:
        return BAD
    try:
        return datetime(*p)
    except ValueError:
        return BAD


def parse_date(v: Any) -> Any:
    """"YYYY-MM-DD", "YYYY/MM/DD", "MM/DD/YYYY", "2019-1-1" and date-times -> date; "" -> None."""
    if v is None or v.__class__ is date:
        return v
    if v.__class__ is datetime:
        return v.date()
    if not isinstance(v, str):
        return BAD
    s = v.strip()
    if not s:
        return None
    if len(s) == 10 and s[4] == "-":
        try:
            return date.fromisoformat(s)
        except ValueError:
            return BAD
    dt = parse_datetime(s)
    return dt.date() if isinstance(dt, datetime) else dt


class LenientMarker:
    """Annotation marker of a lenient field: its parser, and the kind of value the parser
    gives (see :func:`lenient_parser`, :func:`lenient_kind`)."""

    __slots__ = ("kind", "parse")

    def __init__(self, parse: Callable[[Any], Any], kind: Kind) -> None:
        self.parse = parse
        self.kind = kind


def _lenient_marker(info: TypeInfo) -> LenientMarker | None:
    marker = info.marker(LenientMarker)
    if marker is not None:
        return marker
    for member in info.members:  # in a union, a lenient member decides
        found = _lenient_marker(member)
        if found is not None:
            return found
    return None


def lenient_parser(info: TypeInfo) -> Callable[[Any], Any] | None:
    """The parser of a lenient field (``parse_flag`` for ``LenientBool | None``...), or None
    for a field of a plain type. In a union, a lenient member decides."""
    marker = _lenient_marker(info)
    return None if marker is None else marker.parse


def lenient_kind(info: TypeInfo) -> Kind | None:
    """The kind of value a lenient field decodes to ("bool" for ``LenientBool | None``,
    "date", "datetime", "int", "float"), or None for a field of a plain type: what columns
    and schemas are typed by."""
    marker = _lenient_marker(info)
    return None if marker is None else marker.kind


if TYPE_CHECKING:
    LenientBool = bool
    LenientDate = date
    LenientDateTime = datetime
    LenientInt = int
    LenientFloat = float
else:
    # msgspec reads the loose scalar union; the marker tells Record which parser to run.
    LenientBool = Annotated[Union[bool, int, float, str],  # noqa: UP007
                            LenientMarker(parse_flag, "bool")]
    LenientDate = Annotated[str, LenientMarker(parse_date, "date")]
    LenientDateTime = Annotated[str, LenientMarker(parse_datetime, "datetime")]
    LenientInt = Annotated[Union[int, float, str], LenientMarker(parse_int, "int")]  # noqa: UP007
    LenientFloat = Annotated[Union[float, str], LenientMarker(parse_float, "float")]  # noqa: UP007


# The operation whose response is being decoded, for warnings ("GetActivities: field ...").
current_operation: ContextVar[str | None] = ContextVar("activenet_operation", default=None)


def report_bad_value(owner: str, field: str, value: Any) -> None:
    """Count (and warn once per call or walk) that ``owner.field`` held ``value``, which does
    not fit and was decoded as None. Outside a call, walk or page, every occurrence warns."""
    active_report().lenient_value(current_operation.get() or owner, f"{owner}.{field}", value)


def _parser_of(annotation: Any) -> Callable[[Any], Any] | None:
    if isinstance(annotation, str):
        raise TypeError("record modules must not use string annotations "
                        "(no `from __future__ import annotations`)")
    return lenient_parser(read(annotation))


def _slow(owner: str, name: str, parse: Callable[[Any], Any], v: Any) -> Any:
    """The general parser of one value; None (with a warning) for a value that does not fit."""
    r = parse(v)
    if r is BAD:
        report_bad_value(owner, name, v)
        return None
    return r


# Flag spellings answered by one dict lookup on the hot path (parse_flag handles the rest).
# Each spelling as ACTIVE writes it: upper, lower and capitalised ("Y", "y", "Yes", "true").
_FLAG_FAST: dict[Any, bool | None] = {
    **{c: True for w in TRUE_SPELLINGS for c in (w, w.lower(), w.capitalize())},
    **{c: False for w in FALSE_SPELLINGS for c in (w, w.lower(), w.capitalize())},
    "": None, 1: True, 0: False,
}

# Per kind: the statement that normalises ``v`` (bound to self.<name>) in the common case, and
# falls back to the general parser (``_slow``) otherwise. Generated once per record class, so
# decoding a record runs straight-line code with no per-field function call when values are
# ordinary (measured: about 2x faster than a loop over parser functions).
_TEMPLATES: dict[Callable[[Any], Any], str] = {
    # 1/0 are keys, so True/False and 1.0/0.0 are too (True == 1 == 1.0): a JSON boolean maps
    # to itself and is not stored again.
    parse_flag: """    v = self.{name}
    if v is not None:
        try:
            r = _FLAG_FAST[v]
        except KeyError:
            r = _slow(_owner, {name!r}, parse_flag, v)
        if r is not v:
            self.{name} = r
""",
    # LenientDateTime and LenientDate fields are str on the wire: `not v` is "" (None, as the
    # parsers say), without raising and catching an exception for every empty date.
    parse_datetime: """    v = self.{name}
    if v is not None:
        if not v:
            self.{name} = None
        else:
            try:
                self.{name} = _fromiso_dt(v)
            except (TypeError, ValueError):
                self.{name} = _slow(_owner, {name!r}, parse_datetime, v)
""",
    # A date field may carry a date-time ("1956-09-15 00:00:00.0", the documented birth_date).
    parse_date: """    v = self.{name}
    if v is not None:
        if not v:
            self.{name} = None
        else:
            try:
                self.{name} = _fromiso_d(v) if len(v) == 10 else _fromiso_dt(v).date()
            except (TypeError, ValueError):
                self.{name} = _slow(_owner, {name!r}, parse_date, v)
""",
    parse_int: """    v = self.{name}
    if v is not None and v.__class__ is not int:
        self.{name} = _slow(_owner, {name!r}, parse_int, v)
""",
    parse_float: """    v = self.{name}
    if v is not None and v.__class__ is not float:
        self.{name} = _slow(_owner, {name!r}, parse_float, v)
""",
}


def _make_post_init(owner: str, fields: tuple[tuple[str, Callable[[Any], Any]], ...]
                    ) -> Callable[[Any], None]:
    lines = ["def __post_init__(self, _FLAG_FAST=_FLAG_FAST, _fromiso_dt=_fromiso_dt, "
             "_fromiso_d=_fromiso_d):\n"]
    for name, parse in fields:
        if not name.isidentifier():  # pragma: no cover - Struct field names are identifiers
            raise TypeError(f"{owner}.{name} is not an identifier")
        lines.append(_TEMPLATES[parse].format(name=name))
    namespace: dict[str, Any] = {
        "_FLAG_FAST": _FLAG_FAST, "_slow": _slow, "_owner": owner,
        "_fromiso_dt": datetime.fromisoformat, "_fromiso_d": date.fromisoformat,
        "parse_flag": parse_flag, "parse_datetime": parse_datetime, "parse_date": parse_date,
        "parse_int": parse_int, "parse_float": parse_float}
    exec("".join(lines), namespace)  # generated from identifiers only (checked above)
    fn: Callable[[Any], None] = namespace["__post_init__"]
    return fn


class Record(msgspec.Struct, kw_only=True, gc=False, forbid_unknown_fields=True):
    """Base of every record: a msgspec Struct whose field names are the API's JSON keys.

    Every field is optional (a missing key decodes to None). Records are plain data: compare,
    copy, ``msgspec.structs.asdict`` or ``msgspec.json.encode`` them.

    msgspec itself refuses keys a record does not declare (``forbid_unknown_fields``): a page
    that carries one leaves the C fast path for ``_decode``'s slow path, which drops the key,
    reports it with an ``UnknownFieldWarning`` and decodes the rest. Pages without unknown keys
    (nearly all) pay nothing for the check.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        lenient: dict[str, Callable[[Any], Any]] = {}
        for klass in reversed(cls.__mro__):
            for name, ann in vars(klass).get("__annotations__", {}).items():
                parse = _parser_of(ann)
                if parse is not None:
                    lenient[name] = parse
                else:
                    lenient.pop(name, None)
        if lenient:
            post_init = _make_post_init(cls.__name__, tuple(lenient.items()))
            setattr(cls, "__post_init__", post_init)  # noqa: B010 - msgspec reads it later
