"""Argument types and their wire formats (sans-I/O).

Operation methods annotate each argument with a plain Python type or one of the aliases below;
the operation table reads those annotations once and from them validates every value before any
request and writes it in the format ACTIVE documents. Type checkers see the plain type.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated, Any

from .._annotations import read
from .._errors import RequestValidationError, shown

__all__ = [
    "AuditStamp",
    "Day",
    "HourMinute",
    "IdList",
    "Minute",
    "Param",
    "StrList",
    "TrueFalse",
    "YesNo",
    "ZeroOne",
]


@dataclass(frozen=True, slots=True)
class Wire:
    """Annotation marker: how to check and write one argument (``wire_format`` names the format
    for people: ``"Y/N"``, ``"YYYY-MM-DD"``)."""

    wire_format: str
    encode: Callable[[Any, str], str]


def _bool(true: str, false: str) -> Callable[[Any, str], str]:
    def enc(v: Any, name: str) -> str:
        if not isinstance(v, bool):
            raise RequestValidationError(f"expected True or False, got {shown(v)}", argument=name)
        return true if v else false
    return enc


def _day(v: Any, name: str) -> str:
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            raise RequestValidationError(
                "expected a date or a naive datetime (ACTIVE takes no offsets)", argument=name)
        v = v.date()
    if not isinstance(v, date):
        raise RequestValidationError(f"expected a date, got {shown(v)}", argument=name)
    return v.isoformat()


def _minute(v: Any, name: str) -> str:
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            raise RequestValidationError(
                "expected a naive datetime in the organization's local time (ACTIVE takes no "
                "offsets)", argument=name)
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}"
    if isinstance(v, date):
        # "HH:MM is optional": a plain date is sent as one, and the server reads it as the
        # whole day, as ACTIVE documents (windowed walks send explicit times instead).
        return v.isoformat()
    raise RequestValidationError(f"expected a date or datetime, got {shown(v)}", argument=name)


def _audit(v: Any, name: str) -> str:
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            raise RequestValidationError("expected a naive datetime", argument=name)
        return (f"{v.year:04d}/{v.month:02d}/{v.day:02d} {v.hour:02d}:{v.minute:02d}:"
                f"{v.second:02d}.{v.microsecond // 1000:03d}")
    if isinstance(v, date):
        return f"{v.year:04d}/{v.month:02d}/{v.day:02d} 00:00:00.000"
    raise RequestValidationError(f"expected a date or datetime, got {shown(v)}", argument=name)


def _hhmm(v: Any, name: str) -> str:
    if isinstance(v, time):
        return v.strftime("%H:%M")
    if isinstance(v, str) and len(v) == 5 and v[2] == ":":
        try:
            time.fromisoformat(v)
            return v
        except ValueError:
            pass
    raise RequestValidationError(
        f"expected a time of day (datetime.time or 'HH:MM'), got {shown(v)}", argument=name)


_MAX_INT = 2**63 - 1  # ACTIVE's ids are 64-bit at most


def _check_text(s: str, name: str) -> str:
    """Refuse control characters and lone surrogates (not encodable, silently dropped by the
    URL library)."""
    if any(ord(c) < 32 for c in s):
        raise RequestValidationError("control characters are not allowed", argument=name)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestValidationError("is not valid Unicode text (lone surrogate)",
                                     argument=name) from None
    return s


def _check_int(v: int, name: str) -> str:
    if not -_MAX_INT <= v <= _MAX_INT:
        raise RequestValidationError(f"{shown(v)} is out of range (64-bit)", argument=name)
    return str(v)


def _scalar_id(v: Any, name: str) -> str:
    if isinstance(v, bool) or not isinstance(v, int | str):
        raise RequestValidationError(f"list items must be ints or strings, got {shown(v)}",
                                     argument=name)
    s = _check_int(v, name) if isinstance(v, int) else _check_text(v, name).strip()
    if not s or "," in s or any(ord(c) < 32 for c in s):
        raise RequestValidationError(
            f"list item {shown(v)} is empty or holds a comma or a control character", argument=name)
    return s


def as_list(v: Any, name: str) -> list[Any]:
    """An iterable argument as a list; a bare string or a mapping is refused."""
    if isinstance(v, str | bytes | Mapping) or not isinstance(v, Iterable):
        raise RequestValidationError(
            f"expected a list (any iterable) of values, got {type(v).__name__}", argument=name)
    items = list(v)
    for item in items:
        _scalar_id(item, name)
    return items


def _comma(v: Any, name: str) -> str:
    items = as_list(v, name)
    if not items:
        raise RequestValidationError("empty list: leave the argument out instead",
                                     argument=name)
    return ",".join(_scalar_id(i, name) for i in items)


YES_NO = Wire("Y/N", _bool("Y", "N"))
TRUE_FALSE = Wire("true/false", _bool("true", "false"))
ZERO_ONE = Wire("1/0", _bool("1", "0"))
DAY = Wire("YYYY-MM-DD", _day)
MINUTE = Wire("YYYY-MM-DD HH:MM", _minute)
AUDIT = Wire("YYYY/MM/DD HH:MM:SS.SSS", _audit)
HHMM = Wire("HH:MM", _hhmm)
COMMA = Wire("comma list", _comma)
_DEFAULT_WIRE = {"bool": YES_NO, "date": DAY, "datetime": MINUTE}

#: A flag sent as "Y"/"N".
YesNo = Annotated[bool, YES_NO]
#: A flag sent as "true"/"false".
TrueFalse = Annotated[bool, TRUE_FALSE]
#: A flag sent as "1"/"0".
ZeroOne = Annotated[bool, ZERO_ONE]
#: A date sent as "YYYY-MM-DD".
Day = Annotated[date, DAY]
#: A date-time sent as "YYYY-MM-DD HH:MM" (a plain date is sent as "YYYY-MM-DD").
Minute = Annotated[date | datetime, MINUTE]
#: The audit log's "YYYY/MM/DD HH:MM:SS.SSS".
AuditStamp = Annotated[date | datetime, AUDIT]
#: A time of day sent as "HH:MM".
HourMinute = Annotated[time | str, HHMM]
#: Any iterable of ids (ints or strings), sent comma-separated.
IdList = Annotated[Iterable[int | str], COMMA]
#: Any iterable of strings, sent comma-separated.
StrList = Annotated[Iterable[str], COMMA]


def _plain(kind: Any) -> Callable[[Any, str], str]:
    def enc(v: Any, name: str) -> str:
        if kind is int:
            if isinstance(v, bool) or not isinstance(v, int):
                raise RequestValidationError(f"expected an int, got {shown(v)}", argument=name)
            return _check_int(v, name)
        if kind is float:
            if isinstance(v, int) and not isinstance(v, bool):
                return _check_int(v, name)
            if not isinstance(v, float) or not math.isfinite(v):
                raise RequestValidationError(f"expected a finite number, got {shown(v)}",
                                             argument=name)
            return repr(v)
        if not isinstance(v, str):
            raise RequestValidationError(f"expected a string, got {type(v).__name__}",
                                         argument=name)
        return _check_text(v, name)
    return enc


def _literal(options: tuple[Any, ...]) -> Callable[[Any, str], str]:
    def enc(v: Any, name: str) -> str:
        if isinstance(v, enum.Enum):
            v = v.value
        # `0.0 in (0, 1)` is true in Python: also require the type of a documented value.
        if isinstance(v, bool) or v not in options or not any(
                type(v) is type(o) for o in options):
            raise RequestValidationError(
                f"{shown(v)} is not one of {', '.join(map(repr, options))}", argument=name)
        return str(v)
    return enc


def _enum(cls: type[enum.Enum]) -> Callable[[Any, str], str]:
    values = tuple(m.value for m in cls)
    lit = _literal(values)

    def enc(v: Any, name: str) -> str:
        return lit(v.value if isinstance(v, cls) else v, name)
    return enc


def _literal_list(options: tuple[Any, ...]) -> Callable[[Any, str], str]:
    lit = _literal(options)

    def enc(v: Any, name: str) -> str:
        if isinstance(v, str):
            return lit(v, name)
        items = as_list(v, name)
        if not items:
            raise RequestValidationError("empty list", argument=name)
        return ",".join(lit(i, name) for i in items)
    return enc


@dataclass(frozen=True, slots=True)
class Param:
    """One argument of an operation: Python name, wire name, format, and whether it is a
    comma list (which the splitter may chunk)."""

    name: str
    wire: str
    wire_format: str
    encode: Callable[[Any, str], str]
    is_list: bool
    required: bool
    annotation: Any = None


def make_param(name: str, annotation: Any, required: bool, wire_name: str) -> Param:
    """Build the Param of one argument from its evaluated annotation."""
    info = read(annotation)
    enc: Callable[[Any, str], str]
    is_list = False
    wire = info.marker(Wire)
    if wire is not None:
        enc, is_list, fmt = wire.encode, wire is COMMA, wire.wire_format
    elif info.kind == "literal":
        enc, fmt = _literal(info.options), _one_of(info.options)
    elif info.kind == "union" and info.member_kinds == {"int", "str"}:
        enc, fmt = _scalar_id, "int or str"
    elif info.kind == "union" and "literal" in info.member_kinds and \
            info.member_kinds <= {"literal", "list"}:
        # One documented value or a list of them (statistics_category).
        options = next(m.options for m in info.members if m.kind == "literal")
        enc, is_list, fmt = _literal_list(options), True, f"{_one_of(options)} or a list"
    elif info.kind == "enum":
        enc = _enum(info.type)
        fmt = " | ".join(f"{m.value} ({m.name})" for m in info.options)
    elif info.kind in _DEFAULT_WIRE:
        # A bare bool/date/datetime: the format ACTIVE uses most (Y/N, YYYY-MM-DD, minutes).
        default = _DEFAULT_WIRE[info.kind]
        enc, fmt = default.encode, default.wire_format
    elif info.kind in ("int", "float", "str"):
        enc, fmt = _plain(info.type), info.kind
    else:
        raise TypeError(f"unsupported annotation for {name}: {annotation!r}")
    return Param(name, wire_name, fmt, enc, is_list, required, annotation)


def _one_of(options: tuple[Any, ...]) -> str:
    return " | ".join(repr(o) for o in options)

