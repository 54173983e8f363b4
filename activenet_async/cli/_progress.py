"""A one-line progress display on stderr: records, pages, units done of total, rate, ETA."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from .._paging import Page


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

    def __init__(self, *, total_units: int, done_units: int = 0, enabled: bool = True,
                 stream: TextIO | None = None, label: str = "") -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.label = label
        self.total_units = total_units
        self.done_units = done_units
        self.records = 0
        self.pages = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._unit_progress = 0.0

    def page(self, page: Page[Any], kept: int) -> None:
        """Account for one page (``kept``: records written from it)."""
        self.records += kept
        self.pages += 1
        if page.last_of_unit:
            self.done_units += 1
            self._unit_progress = 0.0
        elif page.total_pages:
            self._unit_progress = page.number / page.total_pages
        self.draw()

    def draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self._drawn < 0.1:
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-6)
        done = min(self.total_units, self.done_units + self._unit_progress)
        frac = done / self.total_units if self.total_units else 1.0
        width = 24
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        eta = _fmt_secs(elapsed / frac - elapsed) if 0 < frac < 1 else "--:--"
        line = (f"\r{self.label} [{bar}] {self.done_units}/{self.total_units} units  "
                f"{self.pages} pages  {self.records} records  "
                f"{self.records / elapsed:,.0f}/s  ETA {eta} ")
        self.stream.write(line)
        if final:
            self.stream.write("\n")
        self.stream.flush()
