"""Response envelopes and record decoding (sans-I/O).

Four shapes arrive:

* ``system``: ``{"headers": {"response_code", "response_message", "page_info"?}, "body": [...]}``;
  "0000" is success, "0001" (No Results Found) an empty result, anything else an APIError even
  on HTTP 200.
* ``insights_paged``: ``{page, pageSize, pageRowCount, filteredRowCount, totalRowCount, data}``
  with counts that are sometimes strings.
* ``insights_headers``: the system shape with ``headers.page_info`` (``total_page`` in the
  examples, ``total_pages`` in the tables: both read).
* ``bare``: a JSON array of records.

The fast path decodes the bytes straight into ``Envelope[Record]`` with msgspec (no dicts). Only
if msgspec rejects something does the page go down the slow path: decode to Python objects, read
the envelope by hand, and convert record by record, coercing or nulling the offending values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar

import msgspec
from msgspec import inspect as mi

from ._errors import APIError, DecodeError, scrub
from ._types import (
    BAD,
    current_operation,
    parse_date,
    parse_datetime,
    parse_flag,
    parse_float,
    parse_int,
    report_bad_value,
)

T = TypeVar("T")
Shape = Literal["system", "insights_paged", "insights_headers", "bare"]

SUCCESS = "0000"
NO_RESULTS = "0001"


class PageInfo(msgspec.Struct, kw_only=True):
    """Paging metadata of ``headers.page_info`` (System and Insights memberships/audit log)."""

    total_records: int | None = None
    total_records_per_page: int | None = None
    total_page: int | None = None
    total_pages: int | None = None
    filtered_records: int | None = None
    filtered_page: int | None = None
    page_records: int | None = None
    page_number: int | None = None
    order_by: str | None = None
    order_option: str | None = None
    last_sync_date: str | None = None


class _Headers(msgspec.Struct, kw_only=True):
    response_code: str | int | None = None
    response_message: str | None = None
    page_info: PageInfo | None = None


class _SystemEnvelope(msgspec.Struct, Generic[T], kw_only=True):
    headers: _Headers | None = None
    body: list[T] | None = None
    errorMsg: str | None = None


class _InsightsPaged(msgspec.Struct, Generic[T], kw_only=True):
    page: int | None = None
    pageSize: int | None = None
    pageRowCount: int | None = None
    filteredRowCount: int | None = None
    totalRowCount: int | None = None
    data: list[T] | None = None
    errorMsg: str | None = None
    # A gateway or backend error in the System shape, where the Insights page was due.
    headers: _Headers | None = None


@dataclass(slots=True)
class ParsedPage(Generic[T]):
    """What one response says: its records and whatever paging metadata it carried."""

    records: list[T]
    page_number: int | None = None
    page_size: int | None = None
    total_pages: int | None = None
    total_records: int | None = None
    page_records: int | None = None
    last_sync_date: str | None = None


def excerpt(body: bytes, limit: int = 160) -> str:
    """A short printable excerpt of a body for error messages."""
    text = body[:limit * 2].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


@lru_cache(maxsize=512)
def _decoder(shape: Shape, rtype: Any) -> msgspec.json.Decoder[Any]:
    if shape == "bare":
        return msgspec.json.Decoder(list[rtype], strict=False)
    env = _InsightsPaged if shape == "insights_paged" else _SystemEnvelope
    return msgspec.json.Decoder(env[rtype], strict=False)


def _code(code: str | int | None) -> str | None:
    if code is None:
        return None
    return code if isinstance(code, str) else f"{code:04d}"


def _from_headers(records: list[Any], headers: _Headers | None, operation: str, status: int,
                  body: bytes, *, require_headers: bool) -> ParsedPage[Any]:
    if headers is None:
        if require_headers:
            raise DecodeError("response has no `headers` object", status=status,
                              excerpt=excerpt(body), operation=operation)
        return ParsedPage(records)
    code = _code(headers.response_code)
    if code == NO_RESULTS:
        records = []
    elif code not in (SUCCESS, None):
        message = scrub(headers.response_message) if headers.response_message else None
        raise APIError(f"response_code {code}: {message or 'no message'}",
                       code=code, api_message=message, status=status, operation=operation)
    info = headers.page_info
    if info is None:
        return ParsedPage(records)
    # filtered_page counts the pages of what the filters keep (Insights); total_page(s) the rest.
    pages = info.filtered_page or info.total_page or info.total_pages
    if pages is None and info.total_records is not None and info.total_records_per_page:
        pages = -(-info.total_records // info.total_records_per_page)
    return ParsedPage(records, page_number=info.page_number, page_size=info.total_records_per_page,
                      total_pages=pages,
                      total_records=info.filtered_records if info.filtered_records is not None
                      else info.total_records,
                      page_records=info.page_records, last_sync_date=info.last_sync_date)


def _from_paged(env: _InsightsPaged[Any], operation: str, status: int) -> ParsedPage[Any]:
    if env.errorMsg is not None:
        msg = scrub(env.errorMsg)
        raise APIError(msg, api_message=msg, status=status, operation=operation)
    if env.headers is not None and env.data is None:
        code = _code(env.headers.response_code)
        if code not in (SUCCESS, NO_RESULTS, None):
            message = scrub(env.headers.response_message) if env.headers.response_message \
                else None
            raise APIError(f"response_code {code}: {message or 'no message'}", code=code,
                           api_message=message, status=status, operation=operation)
    total = env.filteredRowCount if env.filteredRowCount is not None else env.totalRowCount
    pages = None
    if total is not None and env.pageSize:
        pages = -(-total // env.pageSize) if total else 0
    return ParsedPage(env.data or [], page_number=env.page, page_size=env.pageSize,
                      total_pages=pages, total_records=total, page_records=env.pageRowCount)


def decode_page(body: bytes, *, shape: Shape, rtype: Any, operation: str,
                status: int = 200) -> ParsedPage[Any]:
    """Decode one response body of ``shape`` into records of ``rtype`` (``Any`` for raw dicts).

    Raises APIError for error envelopes and DecodeError for bodies that are not the documented
    JSON; a record value that does not fit its field becomes None with a warning.
    """
    token = current_operation.set(operation)
    try:
        env: Any
        try:
            env = _decoder(shape, rtype).decode(body)
        except msgspec.ValidationError:
            return _slow_page(body, shape, rtype, operation, status)
        except UnicodeDecodeError:
            # Declared UTF-8 but is not ("Façons" in Latin-1): read it as Windows-1252, the
            # plausible source, rather than fail the walk.
            return decode_page(_transcode(body, operation), shape=shape, rtype=rtype,
                               operation=operation, status=status)
        except msgspec.DecodeError:
            raise DecodeError("body is not JSON", status=status, excerpt=excerpt(body),
                              operation=operation) from None
        if shape == "bare":
            return ParsedPage(env)
        if shape == "insights_paged":
            return _from_paged(env, operation, status)
        if env.errorMsg is not None:
            raise APIError(scrub(env.errorMsg), api_message=scrub(env.errorMsg), status=status,
                           operation=operation)
        return _from_headers(env.body or [], env.headers, operation, status, body,
                             require_headers=shape == "system")
    finally:
        current_operation.reset(token)


def _transcode(body: bytes, operation: str) -> bytes:
    """A body that is not UTF-8, re-encoded from Windows-1252 (one warning per operation)."""
    fixed = body.decode("cp1252", errors="replace").encode("utf-8")
    report_bad_value("body", "encoding", "not UTF-8; read as Windows-1252")
    if fixed == body:  # pragma: no cover - cannot happen for an undecodable body
        raise DecodeError("body is not UTF-8", excerpt=excerpt(body), operation=operation)
    return fixed


# ---- slow path ---------------------------------------------------------------------------

def _slow_page(body: bytes, shape: Shape, rtype: Any, operation: str,
               status: int) -> ParsedPage[Any]:
    def bad(what: str) -> DecodeError:
        return DecodeError(what, status=status, excerpt=excerpt(body), operation=operation)

    try:
        obj = msgspec.json.decode(body)
    except UnicodeDecodeError:
        return _slow_page(_transcode(body, operation), shape, rtype, operation, status)
    except msgspec.DecodeError:
        # e.g. a truncated body whose first record already needed repair
        raise bad("body is not JSON") from None

    if shape == "bare":
        if isinstance(obj, dict) and "errorMsg" in obj:
            msg = scrub(str(obj["errorMsg"]))
            raise APIError(msg, api_message=msg, status=status, operation=operation)
        if not isinstance(obj, list):
            raise bad(f"expected a JSON array, got {type(obj).__name__}")
        return ParsedPage(convert_records(obj, rtype, operation))
    if not isinstance(obj, dict):
        raise bad(f"expected a JSON object, got {type(obj).__name__}")
    key = "data" if shape == "insights_paged" else "body"
    raw_records = obj.get(key)
    meta = {k: v for k, v in obj.items() if k != key}
    env: Any
    try:
        env = msgspec.convert(meta, _InsightsPaged[Any] if shape == "insights_paged"
                              else _SystemEnvelope[Any], strict=False)
    except msgspec.ValidationError as e:
        raise bad(f"malformed envelope ({e})") from None
    # The envelope speaks first: an error or "no results" code stands whatever the body holds.
    if shape == "insights_paged":
        parsed = _from_paged(env, operation, status)
    else:
        if env.errorMsg is not None:
            raise APIError(scrub(str(env.errorMsg)), api_message=scrub(str(env.errorMsg)),
                           status=status, operation=operation)
        parsed = _from_headers([], env.headers, operation, status, body,
                               require_headers=shape == "system")
        if _code(env.headers.response_code if env.headers else None) == NO_RESULTS:
            return parsed
    if raw_records is not None and not isinstance(raw_records, list):
        raise bad(f"`{key}` is {type(raw_records).__name__}, not an array")
    parsed.records = convert_records(raw_records or [], rtype, operation)
    return parsed


_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_AT = re.compile(r" - at `\$(.*)`$")
_COERCE = {
    mi.BoolType: parse_flag,
    mi.IntType: parse_int,
    mi.FloatType: parse_float,
    mi.DateTimeType: parse_datetime,
    mi.DateType: parse_date,
}


@lru_cache(maxsize=256)
def _info(rtype: Any) -> mi.Type:
    return mi.type_info(rtype)


def _unwrap(t: mi.Type) -> list[mi.Type]:
    if isinstance(t, mi.Metadata):
        return _unwrap(t.type)
    if isinstance(t, mi.UnionType):
        return [x for m in t.types for x in _unwrap(m) if not isinstance(x, mi.NoneType)]
    return [t]


def _child(t: mi.Type, seg: str | int) -> mi.Type | None:
    for m in _unwrap(t):
        if isinstance(seg, int) and isinstance(m, mi.ListType | mi.SetType | mi.FrozenSetType
                                               | mi.VarTupleType):
            return m.item_type
        if isinstance(seg, str) and isinstance(m, mi.StructType):
            for f in m.fields:
                if f.encode_name == seg:
                    return f.type
        if isinstance(seg, str) and isinstance(m, mi.DictType):
            return m.value_type
    return None


def _coerce(t: mi.Type, value: Any) -> Any:
    for m in _unwrap(t):
        if isinstance(m, mi.StrType) and isinstance(value, int | float | bool):
            return str(value).lower() if isinstance(value, bool) else str(value)
        fn = _COERCE.get(type(m))
        if fn is not None:
            r = fn(value)
            if r is not BAD:
                return r
    return BAD


def _owner_and_field(path: list[str | int], root: mi.Type) -> tuple[str, str]:
    owner = getattr(root, "cls", None)
    t: mi.Type | None = root
    for seg in path[:-1]:
        t = _child(t, seg) if t is not None else None
        for m in _unwrap(t) if t is not None else []:
            if isinstance(m, mi.StructType):
                owner = m.cls
    field = next((str(s) for s in reversed(path) if isinstance(s, str)), "?")
    return (owner.__name__ if owner else "record"), field


def convert_records(raw: list[Any], rtype: Any, operation: str) -> list[Any]:
    """Convert raw records one by one, repairing values msgspec rejects (see module doc)."""
    if rtype is Any:
        return raw
    root = _info(rtype)
    out = []
    for i, rec in enumerate(raw):
        for _ in range(64):  # each pass repairs one value; a record has far fewer bad ones
            try:
                out.append(msgspec.convert(rec, rtype, strict=False))
                break
            except msgspec.ValidationError as e:
                rec = _repair(rec, str(e), root, operation, i)
        else:
            raise DecodeError(f"record {i} could not be repaired", operation=operation)
    return out


def _repair(rec: Any, message: str, root: mi.Type, operation: str, index: int) -> Any:
    m = _AT.search(message)
    if not m or not m.group(1) or not isinstance(rec, dict):
        raise DecodeError(f"record {index} is not an object of the documented shape "
                          f"({message})", operation=operation)
    # findall gives "" for the group that did not match
    path: list[str | int] = [g1 if g1 else int(g2)
                             for g1, g2 in _SEGMENT.findall(m.group(1))]
    container: Any = rec
    t: mi.Type | None = root
    for seg in path[:-1]:
        container = container[seg]
        t = _child(t, seg) if t is not None else None
    leaf = path[-1]
    value = container[leaf]
    target = _child(t, leaf) if t is not None else None
    fixed = _coerce(target, value) if target is not None else BAD
    if fixed is BAD:
        if not (isinstance(value, str) and not value.strip()):
            owner, field = _owner_and_field(path, root)
            report_bad_value(owner, field, value)
        fixed = None
        if isinstance(leaf, int):  # a bad list item: drop the item rather than keep a None
            del container[leaf]
            return rec
    container[leaf] = fixed
    return rec


def dump_json(obj: Any) -> bytes:
    """Encode records, dicts or lists to JSON bytes (msgspec writes dates as ISO 8601)."""
    return msgspec.json.encode(obj)
