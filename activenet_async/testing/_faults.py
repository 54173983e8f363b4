"""Fault injection for the fake server: what to break, how often, on which requests."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Fault", "FaultKind", "Faults"]

FaultKind = Literal[
    "500", "502", "503", "504",      # HTTP errors (System envelope-less bodies)
    "html",                          # HTTP 200 with an HTML gateway page
    "xml",                           # HTTP 200 with an XML gateway page
    "empty",                         # HTTP 200 with an empty body
    "truncate",                      # HTTP 200, JSON cut in half (Content-Length honest)
    "drop",                          # connection closed mid-body
    "delay",                         # answer after ``seconds``
    "throttle",                      # 403 ERR_403_DEVELOPER_OVER_QPS, Retry-After: 1
    "throttle_bare",                 # the same without Retry-After
    "throttle_429",                  # 429 Too Many Requests
    "quota",                         # 403 ERR_403_DEVELOPER_OVER_RATE
    "code",                          # HTTP 200 with headers.response_code = ``code``
    "auth",                          # 403 not authorized
]


@dataclass
class Fault:
    """One scheduled fault: ``times`` matching requests get it (operation name and page number
    restrict which ones match; ``skip`` lets that many matching requests through first)."""

    kind: FaultKind
    times: int = 1
    op: str | None = None
    page: int | None = None
    skip: int = 0
    seconds: float = 0.0
    code: str = "0002"
    message: str = "Internal error"

    def matches(self, op: str | None, page: int | None) -> bool:
        return ((self.op is None or self.op == op)
                and (self.page is None or self.page == page))


@dataclass
class Faults:
    """The scheduled faults, plus an optional random fault rate (seeded, reproducible)."""

    scheduled: list[Fault] = field(default_factory=list)
    rate: float = 0.0
    kinds: tuple[FaultKind, ...] = ("500", "503", "504", "html", "drop", "throttle", "truncate")
    rng: random.Random = field(default_factory=lambda: random.Random(1234))
    injected: int = 0

    def pick(self, op: str | None, page: int | None) -> Fault | None:
        for f in self.scheduled:
            if f.times > 0 and f.matches(op, page):
                if f.skip > 0:
                    f.skip -= 1
                    continue
                f.times -= 1
                self.injected += 1
                return f
        if self.rate and self.rng.random() < self.rate:
            self.injected += 1
            return Fault(self.rng.choice(self.kinds))
        return None
