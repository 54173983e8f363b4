"""Request bodies of the write operations: validated and encoded before anything is sent.

What a body is (its Struct, shape and mandatory fields) is declared with the operation
(``Body``); :func:`build_body` is the one place that turns a write's arguments into its bytes,
for the engine and for tests alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from .._annotations import read
from .._errors import RequestValidationError, shown
from .declare import Body, Operation


def _item(op: Operation, spec: Body, value: Any, where: str) -> Any:
    body_type = spec.type
    if isinstance(value, body_type):
        item = value
    elif isinstance(value, Mapping):
        known = {f.encode_name for f in msgspec.structs.fields(body_type)}
        unknown = sorted(str(k) for k in value if k not in known)
        if unknown:
            raise RequestValidationError(
                f"unknown field(s) {', '.join(unknown)} for {body_type.__name__}",
                argument=f"{where}.{unknown[0]}" if where else unknown[0], operation=op.name)
        try:
            item = msgspec.convert(dict(value), body_type, strict=True)
        # UnicodeError: msgspec refuses a lone surrogate in a string bound for a number field
        # with UnicodeEncodeError rather than a ValidationError; both mean "does not fit".
        except (msgspec.ValidationError, UnicodeError):
            # Name the field (a keyword argument for object bodies) by converting the values
            # one by one, not by reading msgspec's message.
            field, got = _misfit(dict(value), body_type)
            arg = ".".join(x for x in (where, field) if x) or "body"
            raise RequestValidationError(f"{shown(got)} does not fit this field", argument=arg,
                                         operation=op.name) from None
    else:
        raise RequestValidationError(
            f"expected a {body_type.__name__} or a mapping, got {type(value).__name__}",
            argument=where, operation=op.name)
    _check_strings(op, item, where)
    for field in spec.required:
        if getattr(item, field, None) is None:
            raise RequestValidationError("is required", argument=f"{where}.{field}",
                                         operation=op.name)
    return item


def _misfit(value: dict[str, Any], body_type: type[Any]) -> tuple[str, Any]:
    """The path (``"a.b[2]"``) and value of the first field of ``value`` that ``body_type``
    refuses, found by converting field by field (recursing into nested Structs and lists)."""
    for f in msgspec.structs.fields(body_type):
        if f.encode_name not in value:
            continue
        v = value[f.encode_name]
        try:
            msgspec.convert(v, f.type, strict=True)
            continue
        except (msgspec.ValidationError, UnicodeError):
            pass
        return _deeper(f.encode_name, v, f.type)
    return "", value  # several fields together (none alone is refused): name the body


def _deeper(path: str, v: Any, annotation: Any) -> tuple[str, Any]:
    """Within a refused value, the innermost part that is refused."""
    info = read(annotation)
    for t in (info, *info.members):
        if t.kind == "struct" and isinstance(v, Mapping):
            sub, got = _misfit(dict(v), t.type)
            return (f"{path}.{sub}" if sub else path), got
        if t.kind == "list" and t.item is not None and isinstance(v, list):
            for i, x in enumerate(v):
                try:
                    msgspec.convert(x, t.item.annotation, strict=True)
                except (msgspec.ValidationError, UnicodeError):
                    return _deeper(f"{path}[{i}]", x, t.item.annotation)
    return path, v


def _check_strings(op: Operation, value: Any, where: str) -> None:
    """Refuse text that cannot go out as UTF-8 (lone surrogates), naming the field."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise RequestValidationError("is not valid Unicode text (lone surrogate)",
                                         argument=where or "body", operation=op.name) from None
    elif isinstance(value, msgspec.Struct):
        for f in msgspec.structs.fields(value):
            _check_strings(op, getattr(value, f.name),
                           f"{where}.{f.encode_name}" if where else f.encode_name)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_strings(op, v, f"{where}[{i}]")


def build_body(op: Operation, args: dict[str, Any]) -> bytes:
    """The JSON body of ``op`` from its keyword arguments.

    Object-shaped bodies take their documented fields as keyword arguments; list-shaped bodies
    (``{"body": [...]}`` or a bare array) take ``body=`` as an iterable of Structs or mappings.
    """
    spec = op.body
    if spec is None:
        raise TypeError(f"{op.name} is not a write: it has no body")
    shape, body_type = spec.shape, spec.type
    if shape == "object":
        # The body's fields are the method's keyword arguments: errors name them directly.
        item = _item(op, spec, args, "")
        payload: Any = item
        sent: Any = item
    else:
        items = args.get("body")
        if items is None or isinstance(items, str | bytes | Mapping) or not isinstance(
                items, Iterable):
            raise RequestValidationError(
                f"expected an iterable of {body_type.__name__} (or mappings)",
                argument="body", operation=op.name)
        objs = [_item(op, spec, v, f"body[{i}]") for i, v in enumerate(items)]
        if not objs:
            raise RequestValidationError("nothing to send", argument="body", operation=op.name)
        payload = {"body": objs} if shape == "wrapped_list" else objs
        sent = objs
    try:
        return msgspec.json.encode(payload)
    # ValueError: an int field holding an int of over 4300 digits (converted, not writable).
    except (TypeError, ValueError, UnicodeEncodeError):
        where = "" if shape == "object" else "body"
        raise RequestValidationError(
            "cannot be written as JSON", argument=_unwritable(sent, where) or "body",
            operation=op.name) from None


def _unwritable(value: Any, where: str) -> str:
    """The path of the innermost part of ``value`` that JSON encoding refuses (the keyword
    argument for object bodies), found by encoding part by part."""
    parts: list[tuple[str, Any]] = []
    if isinstance(value, msgspec.Struct):
        parts = [(f"{where}.{f.encode_name}" if where else f.encode_name, getattr(value, f.name))
                 for f in msgspec.structs.fields(value)]
    elif isinstance(value, dict):
        parts = [(f"{where}.{k}" if where else str(k), v) for k, v in value.items()]
    elif isinstance(value, list):
        parts = [(f"{where}[{i}]", v) for i, v in enumerate(value)]
    for path, part in parts:
        try:
            msgspec.json.encode(part)
        except (TypeError, ValueError, UnicodeEncodeError):
            return _unwritable(part, path)
    return where
