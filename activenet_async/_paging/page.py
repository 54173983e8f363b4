"""What a walk is made of (``Slice``: one window x one chunk) and what it yields (``Page``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .edges import Edge

__all__ = ["Page", "Slice"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Slice:
    """One window x one chunk of a walk: its own request parameters, its ``label`` (which
    window, which chunk: for errors and progress) and, for windows whose wire ranges overlap,
    where its window lies (to drop exact repeats of the previous window's edge records)."""

    index: int
    params: dict[str, str]
    label: dict[str, Any] = field(default_factory=dict)
    edge: Edge | None = None


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a walk: its records and the paging metadata the server sent.

    ``slice`` is the label of the slice (window x chunk) the page belongs to,
    ``slice_index`` its ``Slice.index`` and ``slices`` how many slices the walk has."""

    records: list[T]
    number: int
    total_pages: int | None
    total_records: int | None
    slice: dict[str, Any]
    last_sync_date: str | None = None
    slice_index: int = 0
    slices: int = 1

    @property
    def last_of_slice(self) -> bool:
        """Whether this is the last page of its slice (the slice is then complete)."""
        return self.total_pages is not None and self.number >= self.total_pages
