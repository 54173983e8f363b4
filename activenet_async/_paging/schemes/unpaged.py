"""``Unpaged``: one request answers everything, in its API's envelope (the System envelope, or
the bare JSON array of the Insights API's unpaged operations: ``BareArray``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ..._convert import Context
from ..._decode import ParsedPage, api_error, bad_body, json_type
from .base import Paging
from .page_info import PageInfoHeader

__all__ = ["BareArray", "Unpaged"]


class BareArray(Paging):
    """The answer is a JSON array of records (Insights' unpaged operations)."""

    paged = False
    description = "one call"

    def envelope_type(self, rtype: Any) -> Any:
        return list[rtype]

    def from_envelope(self, env: Any, *, operation: str, status: int,
                      body: bytes) -> ParsedPage[Any]:
        return ParsedPage(env)

    def from_lenient(self, obj: Any, ctx: Context, *, status: int,
                     body: bytes) -> tuple[ParsedPage[Any], list[Any] | None]:
        if isinstance(obj, dict) and "errorMsg" in obj:
            raise api_error(obj["errorMsg"], status, ctx.operation)
        if not isinstance(obj, list):
            raise bad_body(f"expected a JSON array, got {json_type(obj)}", body, status,
                           ctx.operation)
        return ParsedPage([]), obj

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        return records


class Unpaged(Paging):
    """A single request answers everything; its answer comes in the envelope of ``api``:
    the System envelope (``"system"``) or a bare array (``"insights"``)."""

    paged = False
    description = "one call"

    def __init__(self, api: Literal["system", "insights"] = "system") -> None:
        #: The scheme whose envelope the answers come in.
        self.reads: Paging = PageInfoHeader() if api == "system" else BareArray()
        self._api = api

    def read(self, body: bytes, *, rtype: Any, operation: str,
             status: int = 200) -> ParsedPage[Any]:
        # The whole response side is the envelope's scheme's (its decoder, its lenient reading).
        return self.reads.read(body, rtype=rtype, operation=operation, status=status)

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        return self.reads.answer(records, page=None, size=size, total=total, counts=False)

    def __repr__(self) -> str:
        return f"Unpaged({self._api!r})"
