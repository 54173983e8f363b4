"""The System API's envelope and the two schemes answering in it.

* ``PageInfoHeader``: the System API's ``page_info`` request header (JSON); the answer's
  ``headers.page_info`` carries the counts.
* ``PageNumberParams``: Insights memberships / audit log: ``page_number`` and
  ``total_records_per_page`` query parameters; answers in the System envelope, where
  ``headers`` may be missing.

``{"headers": {"response_code", "response_message", "page_info"?}, "body": [...]}``: "0000" is
success, "0001" (No Results Found) an empty result, anything else an APIError even on HTTP 200.
``page_info`` holds ``total_page`` in the examples, ``total_pages`` in the tables: both read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import msgspec

from ..._convert import Context
from ..._decode import (
    ParsedPage,
    api_error,
    bad_body,
    count,
    envelope_object,
    record_list,
    text,
)
from ..._errors import APIError, scrub
from .base import Paging

__all__ = ["NO_RESULTS", "SUCCESS", "Headers", "PageInfo", "PageInfoHeader", "PageNumberParams",
           "SystemEnvelope", "check_code", "lenient_headers"]

T = TypeVar("T")

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


class Headers(msgspec.Struct, kw_only=True):
    """The ``headers`` object of a System envelope."""

    response_code: str | int | None = None
    response_message: str | None = None
    page_info: PageInfo | None = None


class SystemEnvelope(msgspec.Struct, Generic[T], kw_only=True):
    """A System API answer: ``headers`` and the ``body`` list (``errorMsg``: a gateway error)."""

    headers: Headers | None = None
    body: list[T] | None = None
    errorMsg: str | None = None


def _code(code: str | int | None) -> str | None:
    if code is None:
        return None
    return code if isinstance(code, str) else f"{code:04d}"


def check_code(headers: Headers | None, operation: str, status: int) -> str | None:
    """The response code of ``headers`` ("0000", "0001" or None); APIError for any other."""
    code = _code(headers.response_code) if headers is not None else None
    if code not in (SUCCESS, NO_RESULTS, None):
        assert headers is not None
        message = scrub(headers.response_message) if headers.response_message else None
        raise APIError(f"response_code {code}: {message or 'no message'}",
                       code=code, api_message=message, status=status, operation=operation)
    return code


_INFO_COUNTS = ("total_records", "total_records_per_page", "total_page", "total_pages",
                "filtered_records", "filtered_page", "page_records", "page_number")
_INFO_TEXTS = ("order_by", "order_option", "last_sync_date")


def lenient_headers(value: Any, ctx: Context) -> Headers | None:
    """``headers`` read as leniently as a record: odd values become None, never an error."""
    if not isinstance(value, dict):
        return None
    code = value.get("response_code")
    if isinstance(code, bool) or not isinstance(code, str | int):
        code = text(code)
    info = value.get("page_info")
    page_info = None
    if isinstance(info, dict):
        fields: dict[str, Any] = {k: count(info.get(k), k, ctx) for k in _INFO_COUNTS}
        fields.update((k, text(info.get(k))) for k in _INFO_TEXTS)
        page_info = PageInfo(**fields)
    return Headers(response_code=code, response_message=text(value.get("response_message")),
                   page_info=page_info)


class PageInfoHeader(Paging):
    """System API: ``page_info: {"page_number", "total_records_per_page", "order_by"?,
    "order_option"?}`` request header; the answer's ``headers.page_info.total_page``."""

    description = "page_info header"
    sort_keys: tuple[str, ...] = ("order_by", "order_option")
    records_key = "body"
    #: System answers always carry ``headers``; one without is not the documented JSON.
    require_headers = True

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: Mapping[str, str]) -> None:
        info: dict[str, Any] = {"page_number": page, "total_records_per_page": size, **sort}
        headers["page_info"] = msgspec.json.encode(info).decode()

    # -- response side ---------------------------------------------------------------------
    def envelope_type(self, rtype: Any) -> Any:
        return SystemEnvelope[rtype]

    def from_envelope(self, env: Any, *, operation: str, status: int,
                      body: bytes) -> ParsedPage[Any]:
        if env.errorMsg is not None:
            raise api_error(env.errorMsg, status, operation)
        return self.from_headers(env.body or [], env.headers, operation, status, body)

    def from_headers(self, records: list[Any], headers: Headers | None, operation: str,
                     status: int, body: bytes) -> ParsedPage[Any]:
        """The page ``headers`` describe, holding ``records`` (none on "No Results")."""
        if headers is None:
            if self.require_headers:
                raise bad_body("response has no `headers` object", body, status, operation)
            return ParsedPage(records)
        if check_code(headers, operation, status) == NO_RESULTS:
            records = []
        info = headers.page_info
        if info is None:
            return ParsedPage(records)
        # filtered_page counts the pages of what the filters keep (Insights); total_page(s)
        # the rest.
        pages = info.filtered_page or info.total_page or info.total_pages
        if pages is None and info.total_records is not None and info.total_records_per_page:
            pages = -(-info.total_records // info.total_records_per_page)
        return ParsedPage(records, page_number=info.page_number,
                          page_size=info.total_records_per_page, total_pages=pages,
                          total_records=info.filtered_records
                          if info.filtered_records is not None else info.total_records,
                          page_records=info.page_records, last_sync_date=info.last_sync_date)

    def from_lenient(self, obj: Any, ctx: Context, *, status: int,
                     body: bytes) -> tuple[ParsedPage[Any], list[Any] | None]:
        operation = ctx.operation
        obj = envelope_object(obj, body, status, operation)
        headers = lenient_headers(obj.get("headers"), ctx)
        # The envelope speaks first: an error or "no results" code stands whatever the body
        # holds.
        parsed = self.from_headers([], headers, operation, status, body)
        if headers is not None and _code(headers.response_code) == NO_RESULTS:
            return parsed, None
        return parsed, record_list(obj, "body", body, status, operation)

    # -- the server's end ------------------------------------------------------------------
    def requested(self, params: Mapping[str, str],
                  headers: Mapping[str, str]) -> tuple[int | None, int]:
        info = msgspec.json.decode(headers.get("page_info", "{}"))
        return int(info.get("page_number", 1)), int(info.get("total_records_per_page", 50))

    def sort_requested(self, headers: Mapping[str, str]) -> dict[str, str] | None:
        info = msgspec.json.decode(headers.get("page_info", "{}"))
        if not info.get("order_by"):
            return None
        desc = str(info.get("order_option", "ASC")).upper() == "DESC"
        return {"order_by": str(info["order_by"]), "order_option": "DESC" if desc else "ASC"}

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        code, message = ("0000", "Successful") if records else ("0001", "No Results Found")
        headers: dict[str, Any] = {"response_code": code, "response_message": message}
        if counts and page is not None:
            headers["page_info"] = {**self._counts(total, size, page), **(sort or {})}
        return {"headers": headers, "body": records}

    @staticmethod
    def _counts(total: int, size: int, page: int) -> dict[str, Any]:
        return {"total_records": total, "total_records_per_page": size,
                "total_page": -(-total // size) if total else 0, "page_number": page}


class PageNumberParams(PageInfoHeader):
    """Insights memberships / audit log: ``page_number`` and ``total_records_per_page`` query
    parameters; answers in the System envelope (``headers`` optional)."""

    description = "page_number"
    query_params = frozenset({"page_number", "total_records_per_page"})
    sort_keys = ()
    require_headers = False

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: Mapping[str, str]) -> None:
        params["page_number"] = str(page)
        params["total_records_per_page"] = str(size)

    def requested(self, params: Mapping[str, str],
                  headers: Mapping[str, str]) -> tuple[int | None, int]:
        return (int(params.get("page_number", 1)),
                int(params.get("total_records_per_page", 100)))

    def sort_requested(self, headers: Mapping[str, str]) -> dict[str, str] | None:
        return None

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        # These Insights answers always carry their counts, and say 0000 even when empty.
        headers: dict[str, Any] = {"response_code": "0000", "response_message": "Successful"}
        if page is not None:
            info = self._counts(total, size, page)
            headers["page_info"] = {**info, "filtered_records": total,
                                    "filtered_page": info["total_page"],
                                    "page_records": len(records),
                                    "last_sync_date": "2026-01-01 00:00:00.0"}
        return {"headers": headers, "body": records}
