"""Command-line values parsed with each operation's own argument types."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from .._annotations import TypeInfo, read
from .._errors import RequestValidationError
from .._lenient import parse_flag
from .._operations.declare import Operation
from .._operations.params import Param


def _when(text: str, name: str) -> date | datetime:
    text = text.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise RequestValidationError(
            f"{text!r} is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM)",
            argument=name) from None


def _scalar(info: TypeInfo, text: str, name: str) -> Any:
    if info.kind == "literal":
        for o in info.options:
            if str(o) == text:
                return o
        raise RequestValidationError(
            f"{text!r}: expected one of {', '.join(map(str, info.options))}", argument=name)
    if info.kind == "enum":
        for m in info.options:
            if text in (str(m.value), m.name, m.name.lower()):
                return m
        raise RequestValidationError(
            f"{text!r}: expected one of {', '.join(f'{m.value} ({m.name})' for m in info.options)}",
            argument=name)
    if info.kind == "bool":
        flag = parse_flag(text)  # the spellings records accept: Y/N, yes/no, true/false, 1/0
        if isinstance(flag, bool):
            return flag
        raise RequestValidationError(f"{text!r}: expected true/false (or Y/N, 1/0)",
                                     argument=name)
    if info.kind == "int":
        try:
            return int(text)
        except ValueError:
            raise RequestValidationError(f"{text!r}: expected an integer",
                                         argument=name) from None
    if info.kind == "float":
        try:
            return float(text)
        except ValueError:
            raise RequestValidationError(f"{text!r}: expected a number",
                                         argument=name) from None
    if info.kind in ("date", "datetime") or info.member_kinds & {"date", "datetime"}:
        return _when(text, name)
    if info.member_kinds == {"int", "str"}:
        return int(text) if text.isdigit() else text
    return text  # text, and a time of day ("HH:MM"), which the operation checks


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
    info = read(param.annotation)
    if param.is_list and info.kind == "list" and info.item is not None:
        if info.item.member_kinds == {"int", "str"}:
            return _ids(text, param.name)
        return [_scalar(info.item, x.strip(), param.name) for x in text.split(",")
                if x.strip()]
    if param.is_list:  # one documented value or a list of them
        options = next(m for m in info.members if m.kind == "literal")
        return [_scalar(options, x.strip(), param.name) for x in text.split(",")]
    return _scalar(info, text, param.name)


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
