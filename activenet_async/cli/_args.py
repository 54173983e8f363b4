"""Command-line values parsed with each operation's own argument types."""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from .._errors import RequestValidationError
from .._operations.declare import Operation
from .._operations.params import Param

_TRUE = {"y", "yes", "true", "1", "on"}
_FALSE = {"n", "no", "false", "0", "off"}


def _base(t: Any) -> Any:
    if get_origin(t) in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        return args[0] if len(args) == 1 else t
    return t


def _when(text: str, name: str) -> date | datetime:
    text = text.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise RequestValidationError(
            f"{text!r} is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM)",
            argument=name) from None


def _scalar(t: Any, text: str, name: str) -> Any:
    t = _base(t)
    if get_origin(t) is Annotated:
        return _scalar(get_args(t)[0], text, name)
    if get_origin(t) is Literal:
        options = get_args(t)
        for o in options:
            if str(o) == text:
                return o
        raise RequestValidationError(f"{text!r}: expected one of {', '.join(map(str, options))}",
                                     argument=name)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        for m in t:
            if text in (str(m.value), m.name, m.name.lower()):
                return m
        raise RequestValidationError(
            f"{text!r}: expected one of {', '.join(f'{m.value} ({m.name})' for m in t)}",
            argument=name)
    if t is bool:
        low = text.strip().lower()
        if low in _TRUE or low in _FALSE:
            return low in _TRUE
        raise RequestValidationError(f"{text!r}: expected true/false (or Y/N, 1/0)",
                                     argument=name)
    if t is int:
        try:
            return int(text)
        except ValueError:
            raise RequestValidationError(f"{text!r}: expected an integer",
                                         argument=name) from None
    if t is float:
        try:
            return float(text)
        except ValueError:
            raise RequestValidationError(f"{text!r}: expected a number",
                                         argument=name) from None
    if t is time:
        return text
    if t in (date, datetime) or (get_origin(t) in (Union, types.UnionType)
                                 and set(get_args(t)) & {date, datetime}):
        return _when(text, name)
    if get_origin(t) in (Union, types.UnionType) and set(get_args(t)) == {int, str}:
        return int(text) if text.isdigit() else text
    return text


def _ids(text: str, name: str) -> list[int]:
    """An ID list (``1,2,3``): ACTIVE's ids are integers, whatever else the SDK accepts."""
    items = [x.strip() for x in text.split(",") if x.strip()]
    bad = [x for x in items if not (x.isascii() and x.isdigit())]
    if bad:
        raise RequestValidationError(
            f"{', '.join(map(repr, bad))}: expected integer IDs separated by commas, "
            "such as 1,2,3", argument=name)
    return [int(x) for x in items]


def parse_value(param: Param, text: str) -> Any:
    """The Python value of ``--param NAME=TEXT`` for ``param``: lists split on commas."""
    t = _base(param.annotation)
    if get_origin(t) is Annotated:
        inner = get_args(t)[0]
        if param.is_list:
            item = get_args(_base(inner))
            item_t = item[0] if item else str
            if set(get_args(item_t)) == {int, str}:
                return _ids(text, param.name)
            return [_scalar(item_t, x.strip(), param.name) for x in text.split(",")
                    if x.strip()]
        return _scalar(inner, text, param.name)
    if param.is_list:  # Literal-or-list
        lits = next(a for a in get_args(t) if get_origin(a) is Literal)
        return [_scalar(lits, x.strip(), param.name) for x in text.split(",")]
    return _scalar(t, text, param.name)


def parse_params(op: Operation, pairs: Iterable[str]) -> dict[str, Any]:
    """``NAME=VALUE`` strings to keyword arguments of ``op`` (path parameters included)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep:
            raise RequestValidationError(f"{pair!r}: write --param NAME=VALUE",
                                         argument="--param")
        param = op.params.get(name) or next(
            (p for p in op.params.values() if p.wire == name), None)
        if param is None:
            known = ", ".join(op.params) or "none"
            raise RequestValidationError(f"unknown parameter {name!r} (known: {known})",
                                         argument=name)
        out[param.name] = parse_value(param, text)
    return out


_JOB_WORDS = {"operation": "operation", "params": "--param values", "format": "--format",
              "page_size": "--page-size", "raw": "--raw"}


def job_difference(saved: dict[str, Any], job: dict[str, Any]) -> str:
    """In words, how the export command ``job`` differs from the ``saved`` one it would resume:
    ``--format was csv, now jsonl; --param values were a=1, now a=2``."""
    def show(v: Any) -> str:
        if isinstance(v, list):
            return " ".join(map(str, v)) or "none"
        return "not given" if v is None else str(v)

    changes = []
    for key in sorted(saved.keys() | job.keys()):
        before, now = saved.get(key), job.get(key)
        if before != now:
            what = _JOB_WORDS.get(key, key)
            verb = "were" if what.endswith("values") else "was"
            changes.append(f"{what} {verb} {show(before)}, now {show(now)}")
    return "; ".join(changes) or "nothing differs"
