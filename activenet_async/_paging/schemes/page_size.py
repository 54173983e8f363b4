"""``PageAndPageSize``: Insights customers / membership statistics page with ``page`` and
``pageSize`` query parameters and answer ``{page, pageSize, pageRowCount, filteredRowCount,
totalRowCount, data}``, with counts that are sometimes strings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import msgspec

from ..._convert import Context
from ..._decode import ParsedPage, api_error, count, envelope_object, record_list
from .base import Paging
from .page_info import Headers, check_code, lenient_headers

__all__ = ["InsightsPageEnvelope", "PageAndPageSize"]

T = TypeVar("T")


class InsightsPageEnvelope(msgspec.Struct, Generic[T], kw_only=True):
    """An Insights ``page``/``pageSize`` answer."""

    page: int | None = None
    pageSize: int | None = None
    pageRowCount: int | None = None
    filteredRowCount: int | None = None
    totalRowCount: int | None = None
    data: list[T] | None = None
    errorMsg: str | None = None
    # A gateway or backend error in the System shape, where the Insights page was due.
    headers: Headers | None = None


_COUNTS = ("page", "pageSize", "pageRowCount", "filteredRowCount", "totalRowCount")


class PageAndPageSize(Paging):
    """Insights customers / membership statistics: ``page`` and ``pageSize`` parameters."""

    description = "page/pageSize"
    query_params = frozenset({"page", "pageSize"})
    records_key = "data"

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: Mapping[str, str]) -> None:
        params["page"] = str(page)
        params["pageSize"] = str(size)

    # -- response side ---------------------------------------------------------------------
    def envelope_type(self, rtype: Any) -> Any:
        return InsightsPageEnvelope[rtype]

    def from_envelope(self, env: Any, *, operation: str, status: int,
                      body: bytes) -> ParsedPage[Any]:
        if env.errorMsg is not None:
            raise api_error(env.errorMsg, status, operation)
        if env.headers is not None and env.data is None:
            check_code(env.headers, operation, status)
        total = env.filteredRowCount if env.filteredRowCount is not None else env.totalRowCount
        pages = None
        if total is not None and env.pageSize:
            pages = -(-total // env.pageSize) if total else 0
        return ParsedPage(env.data or [], page_number=env.page, page_size=env.pageSize,
                          total_pages=pages, total_records=total, page_records=env.pageRowCount)

    def from_lenient(self, obj: Any, ctx: Context, *, status: int,
                     body: bytes) -> tuple[ParsedPage[Any], list[Any] | None]:
        operation = ctx.operation
        obj = envelope_object(obj, body, status, operation)
        counts: dict[str, Any] = {k: count(obj.get(k), k, ctx) for k in _COUNTS}
        env = InsightsPageEnvelope[Any](headers=lenient_headers(obj.get("headers"), ctx),
                                        **counts)
        parsed = self.from_envelope(env, operation=operation, status=status, body=body)
        return parsed, record_list(obj, "data", body, status, operation)

    # -- the server's end ------------------------------------------------------------------
    def requested(self, params: Mapping[str, str],
                  headers: Mapping[str, str]) -> tuple[int | None, int]:
        return int(params.get("page", 1)), int(params.get("pageSize", 100))

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        def num(n: int) -> Any:
            return str(n) if string_counts else n
        return {"page": num(page or 1), "pageSize": num(size), "pageRowCount": num(len(records)),
                "filteredRowCount": num(total), "totalRowCount": num(total), "data": records}
