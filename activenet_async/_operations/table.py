"""The operation table: every declared operation, by documented name, complete on import.

The table is built from the declaration classes (``SystemOps``: one mixin per domain,
``InsightsOps``), which this module imports first; it is never filled as a side effect of some
other import, so whoever reads it reads all 67 operations. Order: the System API by domain in the
client's mixin order, each domain in declaration order, then the Insights API (the README table's
order).

Both mappings are read-only views: the defaults cannot be changed by accident for every later
client. A client takes its own copy of ``LIMITS`` and applies its ``limits=`` overrides to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .declare import Limits, Operation, declared_operations
from .insights import InsightsOps
from .system import SystemOps

__all__ = ["LIMITS", "OPERATIONS", "find"]


def _build() -> dict[str, Operation]:
    out: dict[str, Operation] = {}
    for op in (*declared_operations(SystemOps), *declared_operations(InsightsOps)):
        if op.name in out:
            raise RuntimeError(f"operation {op.name} declared twice")
        out[op.name] = op
    return out


#: Every operation by documented name (``GetActivities``, ``insights.memberships``).
OPERATIONS: Mapping[str, Operation] = MappingProxyType(_build())
#: The default limits of every operation (frozen ``Limits``); override them per client with
#: ``ActiveNet(limits=...)``.
LIMITS: Mapping[str, Limits] = MappingProxyType({n: op.limits for n, op in OPERATIONS.items()})


def find(name: str) -> Operation:
    """Look an operation up by documented name (``GetActivities``), method name
    (``get_activities``) or qualified method name (``insights.get_memberships``)."""
    if name in OPERATIONS:
        return OPERATIONS[name]
    for op in OPERATIONS.values():
        if name in (op.qualified, op.method if not op.namespace else None,
                    op.name.lower(), f"insights.{op.path}"):
            return op
    raise KeyError(name)
