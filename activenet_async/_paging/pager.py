"""The Pager: every record of an operation, across pages, windows and chunks.

A pager is the plan of a walk (its slices, where their pages come from, the page size); each
``pages()`` is one walk (``PageWalk``, in ``walker``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._warnings import DecodeReport
from .page import Page, Slice

if TYPE_CHECKING:
    # The walk and the source import the transport (aiohttp): loaded by the first walk, so
    # that the operation table, whose declarations name Pager, stays free of I/O imports
    # (`activenet-async operations` starts without aiohttp).
    from .source import PageSource
    from .walker import PageWalk

__all__ = ["Pager"]

T = TypeVar("T")


class Pager(Generic[T]):
    """Every record of an operation, across pages, windows and chunks.

    ``async for rec in pager`` yields records; ``async for page in pager.pages()`` yields pages;
    ``await pager.collect()`` returns them all as a list. A pager can be walked more than once;
    each walk sends its own requests. ``pager.report`` counts what decoding repaired, skipped
    or did not know in the most recent walk.

    ``source`` fetches one page of one slice (``source.raw()`` the same undecoded).
    ``start_pages`` and ``seen`` continue an interrupted walk (see ``resume``).
    """

    def __init__(self, *, operation: str, slices: Sequence[Slice], source: PageSource,
                 page_size: int, concurrency: int = 8,
                 on_page: Callable[[Page[Any]], None] | None = None,
                 start_pages: Mapping[int, int] | None = None,
                 seen: Mapping[str, Any] | None = None) -> None:
        self.operation = operation
        self.source = source
        self.page_size = page_size
        self.concurrency = max(1, concurrency)
        self.on_page = on_page
        self.start_pages: Mapping[int, int] = dict(start_pages or {})
        self.seen: Mapping[str, Any] = dict(seen or {})
        self._slices = slices
        self._report = DecodeReport()

    def raw(self) -> Pager[dict[str, Any]]:
        """The same walk yielding the undecoded JSON objects (for exporters)."""
        return Pager(operation=self.operation, slices=self._slices, source=self.source.raw(),
                     page_size=self.page_size, concurrency=self.concurrency,
                     on_page=self.on_page, start_pages=self.start_pages, seen=self.seen)

    def resume(self, done_slices: Collection[int] = (),
               next_pages: Mapping[int, int] | None = None,
               seen: Mapping[str, Any] | None = None) -> Pager[T]:
        """The rest of this walk: without the slices (by ``Slice.index``) already done, and
        starting slice ``i`` at page ``next_pages[i]`` (for an export picking up after a crash).

        ``seen`` is the interrupted walk's ``pages().seen()`` taken after the last page it
        yielded: with it, records at a window edge that the interrupted walk yielded are not
        yielded again (without it, such an edge record may come twice).
        """
        done = set(done_slices)
        return Pager(operation=self.operation,
                     slices=[s for s in self._slices if s.index not in done],
                     source=self.source, page_size=self.page_size,
                     concurrency=self.concurrency, on_page=self.on_page,
                     start_pages=next_pages, seen=seen)

    @property
    def report(self) -> DecodeReport:
        """What decoding repaired (values decoded as None), skipped (list elements that were
        not records) or did not know (unknown keys) during this pager's most recent walk,
        with counts; empty before the first walk. Each kind also warned once in that walk."""
        return self._report

    @property
    def slices(self) -> Sequence[Slice]:
        """The slices (windows x chunks) this pager walks (one when nothing needs splitting)."""
        return self._slices

    def pages(self) -> PageWalk[T]:
        """A walk yielding pages in order, each with its records and paging metadata."""
        from .walker import PageWalk

        walk: PageWalk[T] = PageWalk(
            operation=self.operation, slices=self._slices, source=self.source,
            page_size=self.page_size, concurrency=self.concurrency, on_page=self.on_page,
            start_pages=self.start_pages, seen=self.seen)
        self._report = walk.report
        return walk

    def __aiter__(self) -> AsyncIterator[T]:
        return _Records(self.pages())

    async def collect(self) -> list[T]:
        """All records as one list (mind the memory on long walks)."""
        out: list[T] = []
        walk = self.pages()
        try:
            async for page in walk:
                out.extend(page.records)
        finally:
            await walk.aclose()
        return out

    def __repr__(self) -> str:
        return f"<Pager {self.operation} slices={len(self._slices)} page_size={self.page_size}>"


class _Records(Generic[T]):
    """Flattens a walk's pages into records; closing it closes the walk."""

    def __init__(self, walk: PageWalk[T]) -> None:
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
