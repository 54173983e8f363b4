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

The fast path decodes the bytes straight into ``Envelope[Record]`` with msgspec (no dicts).
Records forbid keys they do not declare, so a page with an unknown key, a misfit value, an
element that is not an object, an odd envelope value or bytes that are not UTF-8 is rejected
there and goes down the slow path: decode to Python objects (Windows-1252 when the bytes are not
UTF-8), read the envelope leniently, skip elements that are not objects and convert record by
record (``_convert``). What the slow path repairs, drops or skips is counted in the call's or
walk's ``DecodeReport`` and warned once per call or walk. Nothing here depends on the type or
the wording of msgspec's errors: any rejection sends the page down the slow path, which decides
from the bytes and values themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar

import msgspec

from ._convert import Context, convert_record
from ._errors import APIError, DecodeError, scrub
from ._lenient import BAD, current_operation, parse_int
from ._warnings import DecodeReport, current_report

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
    """What one response says: its records and whatever paging metadata it carried.

    ``elements`` is how many elements the response's record list held when some were skipped
    (not objects); None when every element became a record. A walker telling a full page from
    a short one counts ``received``, not ``len(records)``.
    """

    records: list[T]
    page_number: int | None = None
    page_size: int | None = None
    total_pages: int | None = None
    total_records: int | None = None
    page_records: int | None = None
    last_sync_date: str | None = None
    elements: int | None = None

    @property
    def received(self) -> int:
        """How many elements the response's record list held (skipped ones included)."""
        return len(self.records) if self.elements is None else self.elements


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


_BOM = b"\xef\xbb\xbf"


def decode_page(body: bytes, *, shape: Shape, rtype: Any, operation: str,
                status: int = 200) -> ParsedPage[Any]:
    """Decode one response body of ``shape`` into records of ``rtype`` (``Any`` for raw dicts).

    Raises APIError for error envelopes and DecodeError for bodies that are not the documented
    JSON. A record value that does not fit its field becomes None, a key the record type does
    not know is dropped and an element that is not an object is skipped: each is counted in the
    report in force (``current_report``; a fresh one per page outside a call or walk) and
    warned once per report.
    """
    report = current_report.get()
    rtoken = None
    if report is None:  # a bare call: one report for this page, so each problem warns once
        report = DecodeReport()
        rtoken = current_report.set(report)
    token = current_operation.set(operation)
    try:
        if body[:3] == _BOM:
            body = body[3:]
        env: Any
        try:
            env = _decoder(shape, rtype).decode(body)
        except (msgspec.DecodeError, UnicodeError):
            # Whatever msgspec disliked (a value, a key, an element, the bytes), the slow path
            # finds it from the data; msgspec's exception types and texts are not consulted.
            return _slow_page(body, shape, rtype, Context(operation, report), status)
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
        if rtoken is not None:
            current_report.reset(rtoken)


# ---- slow path ---------------------------------------------------------------------------

def _untyped(body: bytes, ctx: Context, status: int) -> Any:
    """The body as Python objects; bytes that are not UTF-8 are read as Windows-1252."""
    try:
        return msgspec.json.decode(body)
    except (msgspec.DecodeError, UnicodeError):
        pass
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        # Declared UTF-8 but is not ("Façons" in Latin-1): Windows-1252 is the plausible source
        # (every byte but five maps to a character), rather than fail the walk.
        ctx.report.not_utf8(ctx.operation)
        fixed = body.decode("cp1252", errors="replace").encode("utf-8")
        try:
            return msgspec.json.decode(fixed)
        except msgspec.DecodeError:
            pass
    raise DecodeError("body is not JSON", status=status, excerpt=excerpt(body),
                      operation=ctx.operation) from None


def _split(body: bytes, shape: Shape) -> Any:
    """The body as Python objects, except the records: each left as its raw JSON bytes, so that
    the records that fit are decoded straight from bytes (a page is here for one bad record, an
    odd envelope value or an unknown key, rarely for all). None when the body is not JSON of
    the expected outline; the whole-page path then decides."""
    try:
        if shape == "bare":
            return msgspec.json.decode(body, type=list[msgspec.Raw])
        key = "data" if shape == "insights_paged" else "body"
        top = msgspec.json.decode(body, type=dict[str, msgspec.Raw])
        return {k: msgspec.json.decode(v, type=list[msgspec.Raw]) if k == key
                else msgspec.json.decode(v) for k, v in top.items()}
    except (msgspec.DecodeError, UnicodeError):
        return None


@lru_cache(maxsize=512)
def _record_decoder(rtype: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(rtype, strict=False)


def _slow_page(body: bytes, shape: Shape, rtype: Any, ctx: Context,
               status: int) -> ParsedPage[Any]:
    operation = ctx.operation

    def bad(what: str) -> DecodeError:
        return DecodeError(what, status=status, excerpt=excerpt(body), operation=operation)

    obj = _split(body, shape) if rtype is not Any else None
    if obj is None:
        obj = _untyped(body, ctx, status)
    if shape == "bare":
        if isinstance(obj, dict) and "errorMsg" in obj:
            msg = scrub(str(obj["errorMsg"]))
            raise APIError(msg, api_message=msg, status=status, operation=operation)
        if not isinstance(obj, list):
            raise bad(f"expected a JSON array, got {_json_type(obj)}")
        return _with_records(ParsedPage([]), obj, rtype, ctx)
    if not isinstance(obj, dict):
        raise bad(f"expected a JSON object, got {_json_type(obj)}")
    key = "data" if shape == "insights_paged" else "body"
    raw_records = obj.get(key)
    error = obj.get("errorMsg")
    if error is not None:
        msg = scrub(str(error))
        raise APIError(msg, api_message=msg, status=status, operation=operation)
    headers = _lenient_headers(obj.get("headers"), ctx)
    # The envelope speaks first: an error or "no results" code stands whatever the body holds.
    if shape == "insights_paged":
        counts: dict[str, Any] = {k: _count(obj.get(k), k, ctx) for k in _PAGED_COUNTS}
        env = _InsightsPaged[Any](headers=headers, **counts)
        parsed = _from_paged(env, operation, status)
    else:
        parsed = _from_headers([], headers, operation, status, body,
                               require_headers=shape == "system")
        if _code(headers.response_code if headers else None) == NO_RESULTS:
            return parsed
    if raw_records is not None and not isinstance(raw_records, list):
        raise bad(f"`{key}` is {_json_type(raw_records)}, not an array")
    return _with_records(parsed, raw_records or [], rtype, ctx)


def _with_records(parsed: ParsedPage[Any], raw: list[Any], rtype: Any,
                  ctx: Context) -> ParsedPage[Any]:
    """Convert a page's raw records; elements that are not objects are skipped and reported."""
    if rtype is Any:  # raw=True: the elements as sent, whatever they are
        parsed.records = raw
        return parsed
    out = []
    decoder = _record_decoder(rtype)
    for i, rec in enumerate(raw):
        if isinstance(rec, msgspec.Raw):
            try:
                out.append(decoder.decode(rec))
                continue
            except (msgspec.DecodeError, UnicodeError):
                rec = _raw_value(rec, ctx)
        if isinstance(rec, dict):
            out.append(convert_record(rec, rtype, ctx))
        else:
            ctx.report.skipped_record(ctx.operation, i, rec)
    parsed.records = out
    if len(out) != len(raw):
        parsed.elements = len(raw)
    return parsed


def _raw_value(raw: msgspec.Raw, ctx: Context) -> Any:
    """One element's JSON as Python objects. Its outline was parsed with the page, so only
    its text can be wrong: bytes that are not UTF-8, read as Windows-1252."""
    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, UnicodeError):
        ctx.report.not_utf8(ctx.operation)
        return msgspec.json.decode(bytes(raw).decode("cp1252", errors="replace").encode())


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_PAGED_COUNTS = ("page", "pageSize", "pageRowCount", "filteredRowCount", "totalRowCount")
_INFO_COUNTS = ("total_records", "total_records_per_page", "total_page", "total_pages",
                "filtered_records", "filtered_page", "page_records", "page_number")
_INFO_TEXTS = ("order_by", "order_option", "last_sync_date")


def _count(value: Any, name: str, ctx: Context) -> int | None:
    """A paging count as sent: a number, a numeric string, or unknown (None) for ``""``/null.
    A value that is no count at all is reported and left unknown: never guessed."""
    n = parse_int(value) if not isinstance(value, bool) else BAD
    if isinstance(n, int) and n >= 0:
        return n
    if n is not None:
        ctx.report.lenient_value(ctx.operation, f"page_info.{name}", value)
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return value if isinstance(value, str) else str(value)


def _lenient_headers(value: Any, ctx: Context) -> _Headers | None:
    """``headers`` read as leniently as a record: odd values become None, never an error."""
    if not isinstance(value, dict):
        return None
    code = value.get("response_code")
    if isinstance(code, bool) or not isinstance(code, str | int):
        code = _text(code)
    info = value.get("page_info")
    page_info = None
    if isinstance(info, dict):
        fields: dict[str, Any] = {k: _count(info.get(k), k, ctx) for k in _INFO_COUNTS}
        fields.update((k, _text(info.get(k))) for k in _INFO_TEXTS)
        page_info = PageInfo(**fields)
    return _Headers(response_code=code, response_message=_text(value.get("response_message")),
                    page_info=page_info)


def dump_json(obj: Any) -> bytes:
    """Encode records, dicts or lists to JSON bytes (msgspec writes dates as ISO 8601)."""
    return msgspec.json.encode(obj)
