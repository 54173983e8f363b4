"""What decoding repaired, skipped or did not recognise: the warning classes and the per-call
(or per-walk) report that counts them.

A response never fails a walk for one odd value, one unknown key or one element that is not a
record; it is reported instead. Each kind of problem warns once per call or walk per
(operation, field) and is counted every time, so that a user sees at the end of a walk how many
values were nulled, which keys ACTIVE added and how many elements were skipped
(``pager.report``, and the command line's summary).

The report in force is a context variable: a walk sets its own in each of its fetch tasks, a
single call sets one for its request, and decoding outside both gets a fresh report per call of
:func:`active_report`, that is, warns every time.
"""

from __future__ import annotations

import warnings
from collections import Counter
from contextvars import ContextVar
from typing import Any

__all__ = [
    "ActiveNetWarning",
    "DecodeReport",
    "LenientValueWarning",
    "SkippedRecordWarning",
    "UnknownFieldWarning",
    "active_report",
    "current_report",
]


class ActiveNetWarning(UserWarning):
    """Base of every warning the SDK emits about a response."""


class LenientValueWarning(ActiveNetWarning):
    """A response value did not fit its field and was decoded as None (``raw=True`` keeps it)."""


class UnknownFieldWarning(ActiveNetWarning):
    """A response carried a key its record type does not declare (``raw=True`` keeps it)."""


class SkippedRecordWarning(ActiveNetWarning):
    """An element of a response's record list was not an object and was skipped."""


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class DecodeReport:
    """Counts of what decoding repaired, skipped or did not know, for one call or walk.

    ``lenient[(operation, "Record.field")]``: values decoded as None (or repaired);
    ``unknown[(operation, "Record.key")]``: keys the record type does not declare;
    ``skipped[operation]``: list elements that were not records; ``transcoded[operation]``:
    bodies that were not UTF-8 and were read as Windows-1252. The first occurrence of each key
    also emits the matching warning.
    """

    __slots__ = ("lenient", "skipped", "transcoded", "unknown")

    def __init__(self) -> None:
        self.lenient: Counter[tuple[str, str]] = Counter()
        self.unknown: Counter[tuple[str, str]] = Counter()
        self.skipped: Counter[str] = Counter()
        self.transcoded: Counter[str] = Counter()

    def __bool__(self) -> bool:
        return bool(self.lenient or self.unknown or self.skipped or self.transcoded)

    def lenient_value(self, operation: str, where: str, value: Any, *,
                      outcome: str = "decoded as None") -> None:
        """``where`` (``"Record.field"``) held ``value``, which does not fit and became None
        (or, for an item of a list, was dropped: ``outcome`` says which)."""
        key = (operation, where)
        self.lenient[key] += 1
        if self.lenient[key] == 1:
            warnings.warn(LenientValueWarning(
                f"{operation}: {where} = {_shown(value)} does not fit its type; {outcome} "
                "(raw=True keeps the original; further occurrences in this call are counted, "
                "not reported)"), stacklevel=3)

    def not_utf8(self, operation: str) -> None:
        """A body declared UTF-8 was not, and was read as Windows-1252."""
        self.transcoded[operation] += 1
        if self.transcoded[operation] == 1:
            warnings.warn(LenientValueWarning(
                f"{operation}: the response body is not UTF-8; read as Windows-1252 (further "
                "occurrences in this call are counted, not reported)"), stacklevel=3)

    def unknown_field(self, operation: str, where: str) -> None:
        """A response carried ``where`` (``"Record.key"``), which the record type lacks."""
        key = (operation, where)
        self.unknown[key] += 1
        if self.unknown[key] == 1:
            warnings.warn(UnknownFieldWarning(
                f"{operation}: the response has a key {where} that the SDK does not know; it "
                "is not in the record (raw=True keeps it)"), stacklevel=3)

    def skipped_record(self, operation: str, position: int, value: Any) -> None:
        """Element ``position`` of a page's record list was ``value``, not a record."""
        self.skipped[operation] += 1
        if self.skipped[operation] == 1:
            warnings.warn(SkippedRecordWarning(
                f"{operation}: element {position} of the response's records is "
                f"{_shown(value)}, not a record; skipped (raw=True yields it as is)"),
                stacklevel=3)

    def merge(self, other: DecodeReport) -> None:
        """Add ``other``'s counts to this report (no warnings)."""
        self.lenient.update(other.lenient)
        self.unknown.update(other.unknown)
        self.skipped.update(other.skipped)
        self.transcoded.update(other.transcoded)

    def summary(self) -> list[str]:
        """One line per counted problem, most frequent first (for summaries and logs)."""
        lines = [f"{n:,} value(s) of {op} {where} did not fit: decoded as None (or dropped)"
                 for (op, where), n in self.lenient.most_common()]
        lines += [f"{op} sent an unknown key {where} ({n:,} time(s))"
                  for (op, where), n in self.unknown.most_common()]
        lines += [f"{n:,} element(s) of {op} skipped: not records"
                  for op, n in self.skipped.most_common()]
        lines += [f"{n:,} response(s) of {op} were not UTF-8: read as Windows-1252"
                  for op, n in self.transcoded.most_common()]
        return lines

    def __repr__(self) -> str:
        return (f"<DecodeReport lenient={sum(self.lenient.values())} "
                f"unknown={sum(self.unknown.values())} skipped={sum(self.skipped.values())}>")


#: The report of the call or walk whose response is being decoded.
current_report: ContextVar[DecodeReport | None] = ContextVar("activenet_report", default=None)


def active_report() -> DecodeReport:
    """The report in force, or a fresh one (decoding outside a call or walk warns each time)."""
    report = current_report.get()
    return report if report is not None else DecodeReport()
