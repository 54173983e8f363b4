"""The Pager: every record of an operation, across pages, windows and chunks.

The walk itself (ordered, bounded, concurrent, cancellable) lives in ``walker``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Coroutine, Mapping, Sequence
from typing import Any, Generic, TypeVar

from .._decode import ParsedPage
from .._warnings import DecodeReport
from .walker import Page, Unit, _Walk

__all__ = ["Fetch", "Page", "Pager", "Unit"]

T = TypeVar("T")


# fetch(unit, page_number, page_size) -> (parsed page, digest of the body)
Fetch = Callable[[Unit, int, int], Coroutine[Any, Any, tuple[ParsedPage[Any], bytes]]]


class Pager(Generic[T]):
    """Every record of an operation, across pages, windows and chunks.

    ``async for rec in pager`` yields records; ``async for page in pager.pages()`` yields pages;
    ``await pager.collect()`` returns them all as a list. A pager can be walked more than once;
    each walk sends its own requests. ``pager.report`` counts what decoding repaired, skipped
    or did not know in the most recent walk.
    """

    def __init__(self, *, operation: str, units: Sequence[Unit], fetch: Fetch, paged: bool,
                 page_size: int, concurrency: int = 8,
                 on_page: Callable[[Page[Any]], None] | None = None,
                 raw_fetch: Fetch | None = None,
                 start_pages: Mapping[int, int] | None = None,
                 seen: Mapping[str, Any] | None = None) -> None:
        self.operation = operation
        self._units = units
        self._start_pages = dict(start_pages or {})
        self._fetch = fetch
        self._raw_fetch = raw_fetch
        self._paged = paged
        self.page_size = page_size
        self.concurrency = max(1, concurrency)
        self._on_page = on_page
        self._seen = dict(seen or {})
        self._report = DecodeReport()

    def raw(self) -> Pager[dict[str, Any]]:
        """The same walk yielding the undecoded JSON objects (for exporters)."""
        return Pager(operation=self.operation, units=self._units,
                     fetch=self._raw_fetch or self._fetch, paged=self._paged,
                     page_size=self.page_size, concurrency=self.concurrency,
                     on_page=self._on_page, start_pages=self._start_pages, seen=self._seen)

    def resume(self, done_units: Collection[int] = (),
               next_pages: Mapping[int, int] | None = None,
               seen: Mapping[str, Any] | None = None) -> Pager[T]:
        """The rest of this walk: without the units (by ``Unit.index``) already done, and
        starting unit ``i`` at page ``next_pages[i]`` (for an export picking up after a crash).

        ``seen`` is the interrupted walk's ``pages().seen()`` taken after the last page it
        yielded: with it, records at a window edge that the interrupted walk yielded are not
        yielded again (without it, such an edge record may come twice).
        """
        done = set(done_units)
        return Pager(operation=self.operation,
                     units=[u for u in self._units if u.index not in done],
                     fetch=self._fetch, paged=self._paged, page_size=self.page_size,
                     concurrency=self.concurrency, on_page=self._on_page,
                     raw_fetch=self._raw_fetch, start_pages=next_pages, seen=seen)

    @property
    def report(self) -> DecodeReport:
        """What decoding repaired (values decoded as None), skipped (list elements that were
        not records) or did not know (unknown keys) during this pager's most recent walk,
        with counts; empty before the first walk. Each kind also warned once in that walk."""
        return self._report

    @property
    def units(self) -> Sequence[Unit]:
        """The windows x chunks this pager walks (one when nothing needs splitting)."""
        return self._units

    def pages(self) -> _Walk[T]:
        """Pages in order, each with its records and paging metadata."""
        return _Walk(self)

    def __aiter__(self) -> AsyncIterator[T]:
        return _Records(_Walk[T](self))

    async def collect(self) -> list[T]:
        """All records as one list (mind the memory on long walks)."""
        out: list[T] = []
        walk: _Walk[T] = _Walk(self)
        try:
            async for page in walk:
                out.extend(page.records)
        finally:
            await walk.aclose()
        return out

    def __repr__(self) -> str:
        return f"<Pager {self.operation} units={len(self._units)} page_size={self.page_size}>"


class _Records(Generic[T]):
    """Flattens a walk's pages into records; closing it closes the walk."""

    def __init__(self, walk: _Walk[T]) -> None:
        self._walk = walk
        self._buf: list[T] = []
        self._i = 0

    def __aiter__(self) -> _Records[T]:
        return self

    async def __anext__(self) -> T:
        while self._i >= len(self._buf):
            page = await self._walk.__anext__()
            self._buf, self._i = page.records, 0
        rec = self._buf[self._i]
        self._i += 1
        return rec

    async def aclose(self) -> None:
        await self._walk.aclose()
