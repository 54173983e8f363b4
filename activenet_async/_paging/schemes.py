"""Paging schemes: how an operation asks for page ``n`` of size ``s``, and which envelope its
answers come in.

* ``SystemPaging``: the System API's ``page_info`` request header (JSON).
* ``InsightsPagePaging``: Insights ``page`` / ``pageSize`` query parameters.
* ``InsightsNumberPaging``: Insights ``page_number`` / ``total_records_per_page`` parameters.
* ``NoPaging``: one request answers everything.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .._decode import Shape

__all__ = ["InsightsNumberPaging", "InsightsPagePaging", "NoPaging", "Paging", "SystemPaging"]


class Paging:
    """How an operation pages. ``shape`` is the envelope its answers come in."""

    shape: Shape = "system"
    paged: bool = True

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: dict[str, str]) -> None:
        """Put page ``page`` of size ``size`` (and any sort order) into the request."""


class NoPaging(Paging):
    """A single request answers everything."""

    paged = False

    def __init__(self, shape: Shape = "system") -> None:
        self.shape = shape

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: dict[str, str]) -> None:
        pass


class SystemPaging(Paging):
    """System API: ``page_info: {"page_number", "total_records_per_page", "order_by"?,
    "order_option"?}`` request header; the answer's ``headers.page_info.total_page``."""

    shape: Shape = "system"

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: dict[str, str]) -> None:
        info: dict[str, Any] = {"page_number": page, "total_records_per_page": size, **sort}
        headers["page_info"] = msgspec.json.encode(info).decode()


class InsightsPagePaging(Paging):
    """Insights customers / membership statistics: ``page`` and ``pageSize`` parameters."""

    shape: Shape = "insights_paged"

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: dict[str, str]) -> None:
        params["page"] = str(page)
        params["pageSize"] = str(size)


class InsightsNumberPaging(Paging):
    """Insights memberships / audit log: ``page_number`` and ``total_records_per_page``."""

    shape: Shape = "insights_headers"

    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: dict[str, str]) -> None:
        params["page_number"] = str(page)
        params["total_records_per_page"] = str(size)
