"""A one-line progress display on stderr: records, pages, slices (windows x chunks) done of
total, rate, ETA, fitted to the terminal's width."""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from .._paging.page import Page

# The ETA stays "--:--" until the walk has run this long (a first quick page says nothing).
_MIN_ESTIMATE_SECONDS = 1.0


def _fmt_secs(s: float) -> str:
    s = int(s)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


class Progress:
    """Counts pages as they are yielded and redraws at most ten times a second.

    Silent when ``enabled`` is false (``--quiet`` or stderr not a terminal); the counters are
    kept either way for the final summary.
    """

    def __init__(self, *, total_slices: int, done_slices: int = 0, enabled: bool = True,
                 stream: TextIO | None = None, label: str = "") -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.label = label
        self.total_slices = total_slices
        self.done_slices = done_slices
        self.records = 0
        self.pages = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._slice_progress = 0.0

    def page(self, page: Page[Any], kept: int) -> None:
        """Account for one page (``kept``: records written from it)."""
        self.records += kept
        self.pages += 1
        if page.last_of_slice:
            self.done_slices += 1
            self._slice_progress = 0.0
        elif page.total_pages:
            self._slice_progress = page.number / page.total_pages
        self.draw()

    def draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self._drawn < 0.1:
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-6)
        done = min(self.total_slices, self.done_slices + self._slice_progress)
        frac = done / self.total_slices if self.total_slices else 1.0
        # An estimate needs some progress and some time: the first page alone says nothing.
        estimate = 0 < frac < 1 and elapsed >= _MIN_ESTIMATE_SECONDS
        eta = _fmt_secs(elapsed / frac - elapsed) if estimate else "--:--"
        self.stream.write("\r" + self.line(frac, eta, self.records / elapsed))
        if final:
            self.stream.write("\n")
        self.stream.flush()

    def line(self, frac: float, eta: str, rate: float) -> str:
        """The progress line, fitted to the terminal's width (it must not wrap: a wrapped line
        cannot be redrawn in place). Less important parts go first when space is short."""
        width = shutil.get_terminal_size((80, 24)).columns - 1
        slices = f"{self.done_slices:,}/{self.total_slices:,} slices"
        records = f"{self.records:,} records"
        speed = f"{rate:,.0f}/s"
        pages = f"{self.pages:,} pages"
        for label, bar_width, parts in (
                (True, 24, (slices, pages, records, speed, f"ETA {eta}")),
                (True, 12, (slices, pages, records, speed, f"ETA {eta}")),
                (False, 12, (slices, pages, records, speed, f"ETA {eta}")),
                (False, 10, (slices, records, speed, f"ETA {eta}")),
                (False, 0, (slices, records, f"ETA {eta}")),
                (False, 0, (records, eta))):
            fields = list(parts)
            if bar_width:
                filled = int(frac * bar_width)
                fields.insert(0, "[" + "#" * filled + "-" * (bar_width - filled) + "]")
            if label and self.label:
                fields.insert(0, self.label)
            text = "  ".join(fields) + " "
            if len(text) <= width:
                return text
        return text[:max(width, 0)]
