"""Request bodies of the write operations: validated and encoded before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from ._errors import RequestValidationError
from ._ops import Operation
from .records.customer_requests import BODY_SHAPES, REQUEST_BODIES, REQUIRED_BODY_FIELDS


def _item(op: Operation, body_type: type[Any], value: Any, where: str) -> Any:
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
        except msgspec.ValidationError as e:
            # "... - at `$.login_name`": name the field (a keyword argument for object bodies)
            m = re.search(r"at `\$\.?([^`]*)`", str(e))
            field = m.group(1) if m and m.group(1) else ""
            arg = ".".join(x for x in (where, field) if x) or "body"
            raise RequestValidationError(str(e).split(" - at ")[0], argument=arg,
                                         operation=op.name) from None
    else:
        raise RequestValidationError(
            f"expected a {body_type.__name__} or a mapping, got {type(value).__name__}",
            argument=where, operation=op.name)
    _check_strings(op, item, where)
    for field in REQUIRED_BODY_FIELDS.get(op.name, ()):
        if getattr(item, field, None) is None:
            raise RequestValidationError("is required", argument=f"{where}.{field}",
                                         operation=op.name)
    return item


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
    shape = BODY_SHAPES[op.name]
    body_type = REQUEST_BODIES[op.name]
    if shape == "object":
        # The body's fields are the method's keyword arguments: errors name them directly.
        item = _item(op, body_type, args, "")
        payload: Any = item
    else:
        items = args.get("body")
        if items is None or isinstance(items, str | bytes | Mapping) or not isinstance(
                items, Iterable):
            raise RequestValidationError(
                f"expected an iterable of {body_type.__name__} (or mappings)",
                argument="body", operation=op.name)
        objs = [_item(op, body_type, v, f"body[{i}]") for i, v in enumerate(items)]
        if not objs:
            raise RequestValidationError("nothing to send", argument="body", operation=op.name)
        payload = {"body": objs} if shape == "wrapped_list" else objs
    try:
        return msgspec.json.encode(payload)
    except (TypeError, UnicodeEncodeError) as e:
        raise RequestValidationError(str(e), argument="body", operation=op.name) from None
