"""Walks run on an event loop of their own, pages handed to synchronous consumers (dlt).

dlt iterates its resources in the calling thread with plain generators; the SDK walks with
asyncio. A :class:`Feed` runs one event loop in a background thread, with one
:class:`ActiveNet` client on it (so every walk shares the key's one limiter), and an anyio task
group in which each walk runs as its own task. A walk hands its pages to its consumer through a
small bounded queue, so a slow consumer holds back only its own walk; an exception in a walk is
re-raised in its consumer; a consumer that stops early (an error elsewhere, Ctrl-C) cancels its
walk.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import anyio
from anyio.abc import TaskGroup

from .._operations.declare import Operation
from .._paging.page import Page

__all__ = ["Feed", "WalkStats"]

_DONE = object()


@dataclass
class WalkStats:
    """What one walk did, for progress displays and summaries."""

    table: str
    records: int = 0
    pages: int = 0
    slices_done: int = 0
    slices: int = 0
    finished: bool = False
    warnings: list[str] = field(default_factory=list)


class _Walk:
    """One running walk: its queue and its task's cancel scope."""

    def __init__(self, loop: asyncio.AbstractEventLoop, depth: int) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Any] = asyncio.Queue(depth)
        self.scope: anyio.CancelScope | None = None

    def get(self) -> Any:
        return asyncio.run_coroutine_threadsafe(self.queue.get(), self.loop).result()

    def cancel(self) -> None:
        if self.scope is not None:
            self.loop.call_soon_threadsafe(self.scope.cancel)


class Feed:
    """One background event loop, one client, any number of concurrent walks.

    ``client`` builds the client on the feed's loop (aiohttp sessions belong to one loop).
    ``pages(op, kwargs, stats)`` is a blocking iterator of the walk's pages (``stats`` counts
    them); the walk starts when it is first advanced. ``close()`` cancels what is still running
    and stops the loop.
    """

    def __init__(self, client: Callable[[], Any], *, depth: int = 4) -> None:
        self._make_client = client
        self._depth = depth
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tg: TaskGroup | None = None
        self._stop: asyncio.Event | None = None
        self._ready: Future[None] = Future()
        self._lock = threading.Lock()
        self.client: Any = None
        self._requests = 0
        self.stats: dict[str, WalkStats] = {}

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        """Start the loop thread and the client (idempotent); raises what building it raised."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="activenet-feed",
                                                daemon=True)
                self._thread.start()
        self._ready.result()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as e:  # pragma: no cover - reported through _ready
            if not self._ready.done():
                self._ready.set_exception(e)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            client = self._make_client()
            async with client, anyio.create_task_group() as tg:
                self.client, self._tg = client, tg
                self._ready.set_result(None)
                await self._stop.wait()
                tg.cancel_scope.cancel()
            self._requests += client.stats.requests
            self.client = None
        except BaseException as e:
            if not self._ready.done():
                self._ready.set_exception(e)
            raise

    def close(self) -> None:
        """Cancel every walk still running, close the client and stop the loop thread. A later
        walk starts a new loop and client (``requests`` keeps counting)."""
        with self._lock:
            loop, stop, thread = self._loop, self._stop, self._thread
            if loop is not None and stop is not None and not loop.is_closed():
                with contextlib.suppress(RuntimeError):  # the loop already ended
                    loop.call_soon_threadsafe(stop.set)
            if thread is not None:
                thread.join(timeout=10)
            self._thread, self._loop, self._tg, self._ready = None, None, None, Future()

    @property
    def requests(self) -> int:
        """Requests sent by this feed's clients so far."""
        client = self.client
        return self._requests + (client.stats.requests if client is not None else 0)

    def __enter__(self) -> Feed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- walks -----------------------------------------------------------------------------
    def pages(self, op: Operation, kwargs: Mapping[str, Any], stats: WalkStats
              ) -> Iterator[Page[Any]]:
        """Every page of ``op`` walked with ``kwargs``, in order; blocks between pages."""
        self.start()
        assert self._loop is not None and self._tg is not None
        self.stats[stats.table] = stats
        walk = _Walk(self._loop, self._depth)
        started: Future[None] = Future()

        def launch() -> None:
            assert self._tg is not None
            self._tg.start_soon(self._walk, op, dict(kwargs), walk, stats, started)

        self._loop.call_soon_threadsafe(launch)
        try:
            started.result()
            while True:
                item = walk.get()
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            walk.cancel()

    async def _walk(self, op: Operation, kwargs: dict[str, Any], walk: _Walk, stats: WalkStats,
                    started: Future[None]) -> None:
        with anyio.CancelScope() as scope:
            walk.scope = scope
            started.set_result(None)
            try:
                target = self.client.insights if op.namespace == "insights" else self.client
                pager = getattr(target, op.method)(**kwargs)
                stats.slices = len(pager.slices)
                async for page in pager.pages():
                    stats.pages += 1
                    stats.records += len(page.records)
                    if page.last_of_slice:
                        stats.slices_done += 1
                    await walk.queue.put(page)
                stats.warnings.extend(pager.report.summary())
                stats.finished = True
                await walk.queue.put(_DONE)
            except Exception as e:  # handed to the consumer, which re-raises it
                await walk.queue.put(e)
