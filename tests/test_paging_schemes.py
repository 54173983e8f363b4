"""The paging schemes own both sides of the wire: what the fake server answers with a scheme's
``answer`` reads back through the same scheme's ``read``; and an export progress file written
before ``Unit`` became ``Slice`` still resumes."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from activenet_async._paging import (
    PageAndPageSize,
    PageInfoHeader,
    PageNumberParams,
    Paging,
    Unpaged,
)
from activenet_async.cli._export import State

SCHEMES: list[Paging] = [PageInfoHeader(), PageAndPageSize(), PageNumberParams(),
                         Unpaged("system"), Unpaged("insights")]


@pytest.mark.parametrize("scheme", SCHEMES, ids=repr)
@pytest.mark.parametrize("string_counts", [False, True])
def test_answer_reads_back(scheme: Paging, string_counts: bool) -> None:
    """Catches: a scheme whose request/answer side and response side disagree (the fake server
    writing an envelope its own reader does not understand)."""
    records = [{"id": i} for i in range(3)]
    page = 2 if scheme.paged else None
    body = msgspec.json.encode(scheme.answer(records, page=page, size=3, total=8,
                                             string_counts=string_counts))
    parsed = scheme.read(body, rtype=Any, operation="T")
    assert parsed.records == records
    if scheme.paged:
        assert parsed.total_pages == 3 and parsed.total_records == 8


@pytest.mark.parametrize("scheme", SCHEMES, ids=repr)
def test_request_side_round_trips(scheme: Paging) -> None:
    """Catches: the fake server reading page and size from other parameters than the client
    puts them in, or a scheme adding query parameters it does not declare."""
    params: dict[str, str] = {}
    headers: dict[str, str] = {}
    scheme.apply(params, headers, 4, 25, {})
    assert set(params) == scheme.query_params
    assert scheme.requested(params, headers) == ((4, 25) if scheme.paged else (None, 0))


def test_progress_file_of_the_previous_version_resumes() -> None:
    """Catches: ``--resume`` forgetting the slices done when the progress file names them
    ``done_units`` (written before the rename)."""
    old = {"version": 1, "job": {"op": "x"}, "done_units": [0, 2], "next_pages": {"1": 3},
           "position": None, "records": 5, "seen": {}}
    state = State.from_json(old)
    assert state.done_slices == [0, 2] and state.next_pages == {1: 3}
    assert State.from_json(state.to_json()).done_slices == [0, 2]


def test_only_the_schemes_know_their_envelopes() -> None:
    """Catches: a module outside ``_paging/schemes`` branching on an envelope's name again
    (the shape strings the schemes replaced), instead of asking the scheme."""
    import re
    from pathlib import Path

    import activenet_async

    root = Path(activenet_async.__file__).parent
    # (A write body's ``body.shape``, wrapped list or object, is not an envelope.)
    pattern = re.compile(r"[\"'](insights_paged|insights_headers|bare)[\"']|paging\.shape\b")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "schemes" not in p.parts and pattern.search(p.read_text())]
    assert offenders == []
