"""ACTIVE's API reference, read by the tests that compare the SDK with it.

It sits beside the repository (``../shared/api-reference``), as in CI. Facts such as how many
operations there are come from its texts, never from numbers written into the tests: the texts
win over the catalog derived from them (its README says so).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["REFERENCE", "documented_operations", "reference_text"]

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "api-reference"

# System API: each operation opens with its documented name alone on a line (GetSites,
# PostCustomers, ...), and shows one example request line (GET /sites HTTP/1.1).
_SYSTEM_NAME = re.compile(r"^(?:Get|Post|Put)[A-Za-z]+$", re.M)
_SYSTEM_REQUEST = re.compile(r"^(?:GET|POST|PUT) /\S* HTTP/1\.1$", re.M)
# Insights API: each operation gives its path as  Path:  `/customers`.
_INSIGHTS_PATH = re.compile(r"^Path:\s+`/(\w+)`", re.M)
_INSIGHTS_FILES = ("insights-customers.txt", "insights-memberships.txt")


def reference_text(name: str) -> str:
    """The text of one reference file; an AssertionError naming the path when it is missing."""
    path = REFERENCE / name
    assert path.exists(), f"the API reference is missing: {path}"
    return path.read_text(encoding="utf-8")


@functools.cache
def documented_operations() -> dict[str, frozenset[str]]:
    """The operations the reference documents, by API, named as the SDK's operation table keys
    them: ``{"system": {"GetSites", ...}, "insights": {"insights.customers", ...}}``."""
    system = reference_text("system-api.txt")
    names = _SYSTEM_NAME.findall(system)
    requests = _SYSTEM_REQUEST.findall(system)
    # Two independent readings must agree, so that a change of layout fails here, loudly.
    assert len(names) == len(set(names)) == len(requests), (len(names), len(requests))
    insights = [f"insights.{path}" for file in _INSIGHTS_FILES
                for path in _INSIGHTS_PATH.findall(reference_text(file))]
    assert len(insights) == len(set(insights)), insights
    return {"system": frozenset(names), "insights": frozenset(insights)}
