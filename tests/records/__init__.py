"""Record tests. Which record type each operation returns is declared once, on the operation
(``@operation(..., record)``); the tests read it from the operation table."""

from typing import Any

from activenet_async._operations.table import OPERATIONS


def records_of(module: str) -> dict[str, Any]:
    """The record type of every operation whose record lives in ``activenet_async.records.
    <module>``, by documented name (Insights names without their ``insights.`` prefix). The
    photo, image bytes rather than a JSON record, is left out."""
    return {op.name.removeprefix("insights."): op.record for op in OPERATIONS.values()
            if getattr(op.record, "__module__", "") == f"activenet_async.records.{module}"
            and op.kind != "bytes"}
