"""The operations table of the README, generated from the operation table in the code.

``python -m activenet_async._operations.readme`` prints it; ``--write README.md`` replaces
the part of the README between the ``operations:start`` / ``operations:end`` markers (a test
fails when the README is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .declare import Operation
from .table import OPERATIONS

START, END = "<!-- operations:start -->", "<!-- operations:end -->"


def paging(op: Operation) -> str:
    """How the operation pages, e.g. ``page_info ≤500``."""
    if not op.paging.paged:
        return op.paging.description
    return f"{op.paging.description} ≤{op.limits.page_size}"


def limits(op: Operation) -> str:
    """The list caps and window span the SDK splits on."""
    parts = [f"{name} ≤{cap}" for name, cap in op.limits.lists.items()]
    if op.window is not None and op.limits.window is not None:
        parts.append(f"{op.window.start}..{op.window.end} ≤{op.limits.window.days} days "
                     f"({op.window.resolution}s)")
    return ", ".join(parts) or "—"


def record(op: Operation) -> str:
    if op.kind == "bytes":
        return "`CustomerPhoto`"
    name = getattr(op.record, "__name__", "—")
    return f"`list[{name}]`" if op.kind == "write" else f"`{name}`"


def ordered_operations() -> list[Operation]:
    """Every operation, grouped by domain as the client's mixins are (general, activities,
    ...), in declaration order; the Insights API last (the table's own order)."""
    return list(OPERATIONS.values())


def markdown() -> str:
    """The whole table: System API by domain, then the Insights API."""
    rows = ["| # | Operation | Method | HTTP | Paging | Split on | Record |",
            "|---:|---|---|---|---|---|---|"]
    for i, op in enumerate(ordered_operations(), 1):
        call = f"`{op.qualified}()`" if op.kind == "list" else f"`await {op.qualified}()`"
        rows.append(f"| {i} | {op.name} | {call} | {op.http} /{op.path} | {paging(op)} | "
                    f"{limits(op)} | {record(op)} |")
    return "\n".join(rows) + "\n"


def replace_in(text: str) -> str:
    """``text`` with the table between the markers regenerated."""
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{markdown()}{END}{tail}"


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--write":
        path = Path(argv[1])
        path.write_text(replace_in(path.read_text()))
        return 0
    sys.stdout.write(markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
