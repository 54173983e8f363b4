"""Record decoding shared by every paging scheme (sans-I/O).

Each scheme (``_paging.schemes``) owns its envelope: the msgspec type its answers decode into
and how that envelope's counts and codes read, strictly and leniently; ``Paging.read`` drives
the decoding. What is the same for every envelope lives here: the cached decoders, the record
conversion and the slow path.

The fast path decodes the bytes straight into the scheme's envelope of records with msgspec (no
dicts). Records forbid keys they do not declare, so a page with an unknown key, a misfit value,
an element that is not an object, an odd envelope value or bytes that are not UTF-8 is rejected
there and goes down the slow path: decode to Python objects (Windows-1252 when the bytes are not
UTF-8), let the scheme read its envelope leniently, skip elements that are not objects and
convert record by record (``_convert``). What the slow path repairs, drops or skips is counted
in the call's or walk's ``DecodeReport`` and warned once per call or walk. Nothing here depends
on the type or the wording of msgspec's errors: any rejection sends the page down the slow
path, which decides from the bytes and values themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Protocol, TypeVar

import msgspec

from ._convert import Context, convert_record
from ._errors import APIError, DecodeError, scrub
from ._lenient import BAD, parse_int

__all__ = ["BOM", "Envelope", "ParsedPage", "api_error", "bad_body", "count", "decode_page",
           "decoder", "dump_json", "excerpt", "json_type", "slow_page", "text"]

T = TypeVar("T")


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


class Envelope(Protocol):
    """The response side of a paging scheme, as ``decode_page`` uses it."""

    #: The key of the envelope object that holds the records; None: the body is the array.
    records_key: str | None

    def __hash__(self) -> int:  # decoders are cached per scheme and record type
        ...

    def envelope_type(self, rtype: Any) -> Any:
        """The msgspec type a well-formed answer with records of ``rtype`` decodes into."""
        ...

    def from_envelope(self, env: Any, *, operation: str, status: int,
                      body: bytes) -> ParsedPage[Any]:
        """The page a strictly decoded envelope says (APIError for an error envelope)."""
        ...

    def from_lenient(self, obj: Any, ctx: Context, *, status: int,
                     body: bytes) -> tuple[ParsedPage[Any], list[Any] | None]:
        """The page (without records) and the raw record list of a body decoded to Python
        objects (records possibly still raw JSON); None for the list when the envelope
        settles the page by itself (no results)."""
        ...

    def read(self, body: bytes, *, rtype: Any, operation: str,
             status: int = 200) -> ParsedPage[Any]:
        """One answer's records and paging metadata."""
        ...


def excerpt(body: bytes, limit: int = 160) -> str:
    """A short printable excerpt of a body for error messages."""
    text = body[:limit * 2].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


def bad_body(what: str, body: bytes, status: int, operation: str) -> DecodeError:
    """The DecodeError for a body that is JSON but not of the documented outline."""
    return DecodeError(what, status=status, excerpt=excerpt(body), operation=operation)


def api_error(message: Any, status: int, operation: str) -> APIError:
    """The APIError for an ``{"errorMsg": ...}`` answer (Insights)."""
    msg = scrub(str(message))
    return APIError(msg, api_message=msg, status=status, operation=operation)


def envelope_object(obj: Any, body: bytes, status: int, operation: str) -> dict[str, Any]:
    """A lenient reading's envelope: the JSON object itself, after an ``errorMsg`` it carries
    (an APIError) and anything but an object (a DecodeError) have been refused."""
    if not isinstance(obj, dict):
        raise bad_body(f"expected a JSON object, got {json_type(obj)}", body, status, operation)
    if obj.get("errorMsg") is not None:
        raise api_error(obj["errorMsg"], status, operation)
    return obj


def record_list(obj: dict[str, Any], key: str, body: bytes, status: int,
                operation: str) -> list[Any]:
    """The envelope's records (``obj[key]``, missing or null: none); a DecodeError if they
    are not an array."""
    raw = obj.get(key)
    if raw is not None and not isinstance(raw, list):
        raise bad_body(f"`{key}` is {json_type(raw)}, not an array", body, status, operation)
    return raw or []


@lru_cache(maxsize=512)
def decoder(scheme: Envelope, rtype: Any) -> msgspec.json.Decoder[Any]:
    """The msgspec decoder of ``scheme``'s envelope with records of ``rtype`` (cached)."""
    return msgspec.json.Decoder(scheme.envelope_type(rtype), strict=False)


BOM = b"\xef\xbb\xbf"


def decode_page(body: bytes, *, scheme: Envelope, rtype: Any, operation: str,
                status: int = 200) -> ParsedPage[Any]:
    """Decode one response body in ``scheme``'s envelope into records of ``rtype`` (``Any``
    for raw dicts): ``scheme.read(...)`` (see ``Paging.read``), as a function."""
    return scheme.read(body, rtype=rtype, operation=operation, status=status)


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


def _split(body: bytes, key: str | None) -> Any:
    """The body as Python objects, except the records: each left as its raw JSON bytes, so that
    the records that fit are decoded straight from bytes (a page is here for one bad record, an
    odd envelope value or an unknown key, rarely for all). None when the body is not JSON of
    the expected outline; the whole-page path then decides."""
    try:
        if key is None:
            return msgspec.json.decode(body, type=list[msgspec.Raw])
        top = msgspec.json.decode(body, type=dict[str, msgspec.Raw])
        return {k: msgspec.json.decode(v, type=list[msgspec.Raw]) if k == key
                else msgspec.json.decode(v) for k, v in top.items()}
    except (msgspec.DecodeError, UnicodeError):
        return None


@lru_cache(maxsize=512)
def _record_decoder(rtype: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(rtype, strict=False)


def slow_page(body: bytes, scheme: Envelope, rtype: Any, ctx: Context,
              status: int) -> ParsedPage[Any]:
    """A page the fast path rejected: decoded to Python objects (records left as raw JSON
    where they can be), its envelope read leniently by ``scheme``, its records converted one
    by one; what was repaired, dropped or skipped is reported in ``ctx.report``."""
    obj = _split(body, scheme.records_key) if rtype is not Any else None
    if obj is None:
        obj = _untyped(body, ctx, status)
    parsed, raw = scheme.from_lenient(obj, ctx, status=status, body=body)
    if raw is None:
        return parsed
    return _with_records(parsed, raw, rtype, ctx)


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


def json_type(value: Any) -> str:
    """The JSON name of a decoded value's type (for error messages)."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def count(value: Any, name: str, ctx: Context) -> int | None:
    """A paging count as sent: a number, a numeric string, or unknown (None) for ``""``/null.
    A value that is no count at all is reported and left unknown: never guessed."""
    n = parse_int(value) if not isinstance(value, bool) else BAD
    if isinstance(n, int) and n >= 0:
        return n
    if n is not None:
        ctx.report.lenient_value(ctx.operation, f"page_info.{name}", value)
    return None


def text(value: Any) -> str | None:
    """An envelope text as sent, or None for a value that is no text (an object, a list)."""
    if value is None or isinstance(value, dict | list):
        return None
    return value if isinstance(value, str) else str(value)


def dump_json(obj: Any) -> bytes:
    """Encode records, dicts or lists to JSON bytes (msgspec writes dates as ISO 8601)."""
    return msgspec.json.encode(obj)
