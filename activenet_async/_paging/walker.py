"""The engine behind Pager: pages of every slice fetched concurrently, yielded in order.

The walk fetches the first page of a slice (one window x one chunk), learns how many pages there
are, and fetches the rest concurrently, yielding pages strictly in order; first pages of later
slices are fetched ahead as capacity allows. At most ``2 * concurrency`` pages are held at once
(in flight or fetched and waiting unyielded), so memory stays flat however long the walk.
Breaking out of the loop, cancelling the consumer or an exception in it cancels every in-flight
fetch.

Depth. ``concurrency`` requests are in flight, more when the walk observes that this is not
enough (``_Depth``): when the consumer sits idle waiting for the next page (measured: behind
20 ms of latency, 8 in flight left a walk 15-20 % slower than with none), the depth grows by
what the idle time says is missing, up to the memory bound, ``2 * concurrency``, and never
beyond it; it falls back to ``concurrency`` once the waits stop. The key's rate limiter still
paces every request.

Each walk owns one :class:`DecodeReport`, in force (``current_report``) inside every fetch task
it starts, and one :class:`EdgeMemory` that drops exact repeats at overlapping window edges and
nothing else (see ``edges``).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import heapq
import time
import weakref
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .._decode import ParsedPage
from .._errors import ActiveNetError, WalkError
from .._warnings import DecodeReport, current_report
from .edges import EdgeMemory
from .page import Page, Slice
from .source import PageSource

__all__ = ["PageWalk"]

T = TypeVar("T")


@dataclass(slots=True)
class _SliceState:
    total: int | None = None       # pages known to exist
    scheduled: int = 0             # highest page number scheduled
    next_yield: int = 1
    last_digest: bytes | None = None
    stop_at: int | None = None     # an empty page ended the slice early
    claimed_more: bool = False
    first: int = 1                 # page the walk starts this slice at (resumed exports)
    counted: bool = False          # some page of this slice carried counts
    most_records: int | None = None  # the largest total_records any page announced
    anomaly: tuple[int, str] | None = None
    verify_at: int | None = None   # the total fell at this page: check nothing shifted
    prev_records: list[Any] | None = None  # the slice's last yielded page: that check, repeats


class PageWalk(Generic[T]):
    """One walk of a :class:`Pager` (``pager.pages()``): its pages in order, each with its
    records and paging metadata. Ordered, bounded, concurrent, cancellable: ``break`` out of
    the loop (or ``await walk.aclose()``) cancels every fetch in flight.

    ``report`` counts what decoding repaired, skipped or did not know during this walk;
    ``seen()`` is the window-edge memory to hand to ``Pager.resume`` when a walk is continued
    later from the pages it yielded."""

    def __init__(self, *, operation: str, slices: Sequence[Slice], source: PageSource,
                 page_size: int, concurrency: int,
                 on_page: Callable[[Page[Any]], None] | None = None,
                 start_pages: Mapping[int, int] | None = None,
                 seen: Mapping[str, Any] | None = None) -> None:
        self.operation = operation
        self.report = DecodeReport()
        self._source = source
        self._paged = source.paged
        self._page_size = page_size
        self._concurrency = concurrency
        self._on_page = on_page
        # Every fetch task runs in this context, so decoding reports into this walk's report.
        self._ctx = contextvars.copy_context()
        self._ctx.run(current_report.set, self.report)
        self._edges: EdgeMemory | None = None
        if any(s.edge is not None for s in slices):
            self._edges = EdgeMemory(operation, dict(seen) if seen else None)
        self._slices = slices
        self._state = [_SliceState() for _ in self._slices]
        starts = start_pages or {}
        for st, sl in zip(self._state, self._slices, strict=True):
            first = starts.get(sl.index, 1)
            st.next_yield = first
            st.first = first
        self._tasks: dict[tuple[int, int], asyncio.Task[tuple[ParsedPage[Any], bytes]]] = {}
        self._heap: list[tuple[int, int]] = []
        self._learned: set[tuple[int, int]] = set()
        self._depth = _Depth(concurrency)
        self._next_slice = 0       # first slice whose page 1 is not scheduled yet
        self._cu = 0              # slice being yielded
        self._closed = False

    def __aiter__(self) -> PageWalk[T]:
        return self

    # -- scheduling ------------------------------------------------------------------------
    def _running(self) -> int:
        return sum(1 for t in self._tasks.values() if not t.done())

    def _fill(self) -> None:
        cap = self._depth.target
        bound = 2 * self._concurrency
        head = (self._cu, self._state[self._cu].next_yield) if self._cu < len(self._slices) \
            else None
        while self._running() < cap:
            cand: tuple[int, int] | None = self._heap[0] if self._heap else None
            first = self._first_job()
            if first is not None and (cand is None or first < cand):
                cand = first
            if cand is None:
                return
            if len(self._tasks) >= bound and cand != head:
                return
            if cand == first:
                self._next_slice += 1
                self._state[cand[0]].scheduled = max(self._state[cand[0]].scheduled, cand[1])
            else:
                heapq.heappop(self._heap)
            self._start(cand)

    def _first_job(self) -> tuple[int, int] | None:
        """The first page of the next slice not started yet."""
        if self._next_slice >= len(self._slices):
            return None
        return (self._next_slice, self._state[self._next_slice].first)

    def _start(self, key: tuple[int, int]) -> None:
        sl, page = key
        task = asyncio.get_running_loop().create_task(
            self._source.fetch(self._slices[sl], page, self._page_size), context=self._ctx)
        # A weak reference: the walk must stay collectable while its fetches run, so that a
        # loop left with `break` frees it and __del__ cancels them.
        task.add_done_callback(functools.partial(_learn_weak, weakref.ref(self), key))
        self._tasks[key] = task

    def _spawn(self, coro: Coroutine[Any, Any, tuple[ParsedPage[Any], bytes]]
               ) -> asyncio.Task[tuple[ParsedPage[Any], bytes]]:
        """A task in this walk's context (its DecodeReport in force)."""
        return asyncio.get_running_loop().create_task(coro, context=self._ctx)

    def seen(self) -> dict[str, Any]:
        """The window-edge records remembered so far (JSON-compatible): pass it to
        ``Pager.resume(..., seen=...)`` with the slices and pages yielded up to now, so that the
        continued walk drops exactly the repeats this one would have."""
        return self._edges.snapshot() if self._edges is not None else {}

    @staticmethod
    def _flag(st: _SliceState, page: int, why: str) -> None:
        if st.anomaly is None or page < st.anomaly[0]:
            st.anomaly = (page, why)
        st.stop_at = page if st.stop_at is None else min(st.stop_at, page)

    def _schedule_through(self, u: int, last: int) -> None:
        st = self._state[u]
        while st.scheduled < last:
            st.scheduled += 1
            heapq.heappush(self._heap, (u, st.scheduled))

    def _learn(self, key: tuple[int, int], task: asyncio.Task[Any]) -> None:
        """As soon as a page arrives, schedule the pages it reveals (once per page: both the
        task's done-callback and the consumer, whichever comes first, call this)."""
        if key in self._learned or task.cancelled() or task.exception() is not None \
                or self._closed:
            return
        self._learned.add(key)
        u, n = key
        parsed: ParsedPage[Any] = task.result()[0]
        st = self._state[u]
        if not self._paged:
            st.total = 1
            return
        got = parsed.received  # skipped non-record elements still fill a page
        if parsed.total_records is not None:
            if st.most_records is not None and parsed.total_records < st.most_records:
                # Records were deleted meanwhile. Harmless if behind the pages served so far;
                # if before them, the rest shifted left and some were never served: the walk
                # re-reads the previous page before going on (see _verify).
                st.verify_at = n if st.verify_at is None else min(st.verify_at, n)
            st.most_records = max(st.most_records or 0, parsed.total_records)
        if parsed.total_pages is None and st.counted and (st.total is None or n < st.total):
            self._flag(st, n, "a page came without paging counts although earlier pages had "
                              "them; the result would be short")
        if parsed.total_pages is not None:
            st.counted = True
            # The latest answer's count wins: a walk sees records added (or removed) meanwhile.
            st.total = max(parsed.total_pages, 1)
            if got == 0 and n < parsed.total_pages:
                st.claimed_more = True
        else:
            # No counts in the answer (pages are then fetched one after another): a full page
            # means there may be another, a short one is the last.
            st.total = n + 1 if got >= self._page_size else n
        if got == 0:
            st.stop_at = n if st.stop_at is None else min(st.stop_at, n)
        elif st.stop_at is None:
            self._schedule_through(u, st.total)
        if not self._closed:
            self._fill()

    # -- yielding --------------------------------------------------------------------------
    async def __anext__(self) -> Page[T]:
        try:
            return await self._next()
        except BaseException:
            await self.aclose()
            raise

    async def _next(self) -> Page[T]:
        while True:
            if self._closed or self._cu >= len(self._slices):
                await self.aclose()
                raise StopAsyncIteration
            u, st = self._cu, self._state[self._cu]
            last = st.stop_at if st.stop_at is not None else st.total
            if last is not None and st.next_yield > max(last, 0):
                if st.claimed_more:
                    raise self._walk_error(
                        u, st.next_yield - 1,
                        "an empty page claims more pages follow; the result would be short")
                self._cu += 1
                self._drop_slice(u)
                continue
            key = (u, st.next_yield)
            if key not in self._tasks:
                self._fill()
            if key not in self._tasks:
                # The head of the walk must progress even when every slot is taken by later
                # pages: start it (one over the bound), taking it off the queue first.
                if key in self._heap:
                    self._heap.remove(key)
                    heapq.heapify(self._heap)
                elif key == self._first_job():
                    self._next_slice += 1
                    st.scheduled = max(st.scheduled, key[1])
                else:  # pragma: no cover - scheduling invariant
                    raise RuntimeError(f"page {key} of {self.operation} was never scheduled")
                self._start(key)
            task = self._tasks[key]
            waited = not task.done()
            if waited:
                wall, cpu = time.perf_counter(), time.thread_time()
            try:
                parsed, digest = await asyncio.shield(task)
            except ActiveNetError as exc:
                exc.context.update(self._slices[u].label)
                exc.context["page"] = key[1]
                raise
            if waited:
                # Wall time not spent on this thread's CPU: the loop sat idle for the page.
                idle = (time.perf_counter() - wall) - (time.thread_time() - cpu)
                if self._depth.page(idle):
                    self._fill()
            else:
                self._depth.page(0.0)
            # The done-callback may not have run yet: learn the page count now.
            self._learn(key, task)
            del self._tasks[key]
            if st.anomaly is not None and st.anomaly[0] <= key[1]:
                raise self._walk_error(u, st.anomaly[0], st.anomaly[1])
            if st.verify_at is not None and st.verify_at <= key[1]:
                await self._verify(u, key[1])
            # The sampled digests differ for nearly every pair of pages; only when they match
            # are the records compared in full (C-level Struct equality, no second pass over
            # the bytes), so a page is called a repeat exactly when its records are.
            if st.last_digest is not None and digest == st.last_digest and parsed.records \
                    and parsed.records == st.prev_records:
                raise self._walk_error(u, key[1], "the server sent the same page twice")
            st.last_digest = digest
            st.prev_records = parsed.records
            st.next_yield += 1
            self._fill()
            sl = self._slices[u]
            records = parsed.records
            if sl.edge is not None and self._edges is not None:
                records = self._edges.filter(sl.edge, records)
            page = Page(records, key[1], st.total if self._paged else 1,
                        parsed.total_records, sl.label, parsed.last_sync_date,
                        sl.index, len(self._slices))
            if self._on_page is not None:
                self._on_page(page)
            return page

    async def _verify(self, u: int, n: int) -> None:
        """The total fell before page ``n``: re-read page ``n - 1``. Unchanged, the deleted
        records lay behind it and nothing was skipped; changed, records shifted onto pages
        already served and some would be lost, so the walk stops with its place."""
        st = self._state[u]
        st.verify_at = None
        if st.prev_records is None or n <= st.first:
            return
        again, _ = await self._spawn(self._source.fetch(self._slices[u], n - 1, self._page_size))
        if again.records != st.prev_records:
            raise self._walk_error(
                u, n, f"records were deleted during the walk (the total fell to "
                      f"{st.most_records if again.total_records is None else again.total_records}"
                      ") and later records moved onto pages already served; walk this "
                      "window/chunk again")

    def _drop_slice(self, u: int) -> None:
        for key in [k for k in self._tasks if k[0] == u]:
            self._tasks.pop(key).cancel()
        self._heap = [k for k in self._heap if k[0] != u]
        heapq.heapify(self._heap)

    def _walk_error(self, u: int, page: int, why: str) -> WalkError:
        err = WalkError(why, operation=self.operation)
        err.context.update(self._slices[u].label)
        err.context["page"] = page
        return err

    async def aclose(self) -> None:
        """Cancel every in-flight fetch and wait for them to finish."""
        self._closed = True
        tasks = list(self._tasks.values())
        self._tasks.clear()
        self._heap.clear()
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def __del__(self) -> None:
        # A loop left with `break` drops the iterator without aclose(): cancel right away.
        for t in self._tasks.values():
            if not t.done():
                t.cancel()


class _Depth:
    """How many requests a walk keeps in flight, tuned from what it observes.

    After each page the consumer takes: if it waited idle for that page (the loop had nothing
    to do for more than ``_IDLE`` of a page's CPU time and more than ``_MIN_IDLE``), more
    requests go in flight, one per page's worth of CPU time it sat idle (at least one), up to
    ``2 * concurrency`` (the walk's memory bound); after ``_CALM`` x depth pages in a row
    without such a wait, one fewer, down to ``concurrency``, where it starts. (Fewer than
    ``concurrency`` against a fast server saved no CPU in measurements and left the loop idle
    more often.)"""

    __slots__ = ("_calm", "_ceiling", "_floor", "_last_cpu", "_page_cpu", "target")

    _CALM = 2
    _IDLE = 0.5
    # Waits shorter than this never deepen the walk: a server answering within a few ms is
    # kept busy by ``concurrency`` requests, and the walk then asks in the order it always has.
    _MIN_IDLE = 0.005

    def __init__(self, concurrency: int) -> None:
        self._ceiling = 2 * concurrency
        self._floor = concurrency
        self.target = concurrency
        self._calm = 0
        self._page_cpu = 0.0           # moving average of this thread's CPU per page
        self._last_cpu: float | None = None

    def page(self, idle: float) -> bool:
        """Record one page taken after ``idle`` seconds of waiting; True when the depth grew."""
        now = time.thread_time()
        if self._last_cpu is not None:
            self._page_cpu += (now - self._last_cpu - self._page_cpu) * 0.25
        self._last_cpu = now
        if idle > self._IDLE * self._page_cpu:
            # Any idle wait keeps the depth from falling; only a long one deepens it.
            self._calm = 0
            if idle > self._MIN_IDLE and self.target < self._ceiling:
                # Idle for k pages' worth of CPU: about k more requests would have filled it.
                more = int(idle / self._page_cpu) if self._page_cpu > 0 else 1
                self.target = min(self._ceiling, self.target + max(1, more))
                return True
            return False
        self._calm += 1
        if self._calm >= self._CALM * self.target and self.target > self._floor:
            self.target -= 1
            self._calm = 0
        return False


def _learn_weak(ref: weakref.ref[PageWalk[Any]], key: tuple[int, int],
                task: asyncio.Task[Any]) -> None:
    walk = ref()
    if walk is not None:
        walk._learn(key, task)
