"""What decoding repaired is counted per walk and per call, and shown: ``pager.report`` (the
pager's most recent walk), ``walk.report``, and the export's closing summary."""

from __future__ import annotations

import json
import warnings
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, LenientValueWarning, RetryPolicy
from activenet_async._operations.table import find
from activenet_async._warnings import DecodeReport
from activenet_async.cli._export import export
from activenet_async.testing import FakeActiveNet

from .conftest import example, serve

FAST = RetryPolicy(backoff=0.001, backoff_max=0.005, attempts=8)


def sites_with_bad_ids(n: int) -> bytes:
    doc = json.loads(example("GetSites"))
    doc["body"] = [dict(doc["body"][0], site_id="not a number") for _ in range(n)]
    return json.dumps(doc).encode()


def lenient(caught: list[warnings.WarningMessage]) -> int:
    return sum(issubclass(w.category, LenientValueWarning) for w in caught)


async def test_pager_report_counts_each_repair_and_warns_once_per_walk(
        anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches: repairs counted nowhere (or once per process), a report shared between walks,
    or a pager whose report is not its latest walk's."""
    serve(mocked, "/api/v1/sites", sites_with_bad_ids(3))
    pager = anet.get_sites()
    assert isinstance(pager.report, DecodeReport) and not pager.report
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            rows = await pager.collect()
        assert len(rows) == 3 and all(r.site_id is None for r in rows)
        assert lenient(caught) == 1
        assert pager.report.lenient == {("GetSites", "Site.site_id"): 3}
        assert any("GetSites" in line and "Site.site_id" in line
                   for line in pager.report.summary())
    walk = pager.pages()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        async for _ in walk:
            pass
    assert walk.report is pager.report and sum(walk.report.lenient.values()) == 3


async def test_single_calls_report_per_call(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches: a misfit value warned about only the first time in a process."""
    doc = json.loads(example("GetOrganization"))
    doc["body"][0]["retired"] = "perhaps"
    serve(mocked, "/api/v1/organization", json.dumps(doc).encode())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            org = await anet.get_organization()
            assert org.retired is None
    assert lenient(caught) == 2


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet() as server:
        yield server


def spoil_flags(fake: FakeActiveNet, every: int) -> int:
    """Give every ``every``-th membership a flag that is neither yes nor no."""
    recs = fake.records("insights.memberships")
    for i in range(0, len(recs), every):  # new dicts: the data set's records are shared
        recs[i] = dict(recs[i], automatic_renewal="sometimes")
    return len(recs[::every])


async def test_windowed_walk_counts_repairs_of_every_window(fake: FakeActiveNet) -> None:
    """Catches: the report not in force inside concurrent fetch tasks (windows fetched ahead
    would then decode without it and their repairs go uncounted)."""
    spoil_flags(fake, 7)
    async with fake.client(retry=FAST) as anet:
        pager = anet.insights.get_memberships(modified_date_from=date(2024, 1, 1),
                                              modified_date_to=date(2024, 12, 31),
                                              page_size=20)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            rows = await pager.collect()
    bad = sum(r["automatic_renewal"] == "sometimes" for r in fake.served("insights.memberships"))
    assert bad > 20 and len(pager.slices) > 10
    key = ("insights.memberships", "InsightsMembership.automatic_renewal")
    assert sum(r.automatic_renewal is None for r in rows) == bad
    # Counted as decoded: an edge record the next window sends again is decoded (and counted)
    # again before it is dropped as a repeat, at most once per window edge.
    assert bad <= pager.report.lenient[key] <= bad + len(pager.slices)
    assert lenient(caught) == 1


async def test_export_summary_lists_the_report(fake: FakeActiveNet, tmp_path: Path) -> None:
    """Catches: an export's closing summary silent about the values it nulled."""
    spoil_flags(fake, 5)
    op = find("insights.get_memberships")
    async with fake.client(retry=FAST) as anet:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summary = await export(anet, op, {"modified_date_from": date(2024, 1, 1),
                                              "modified_date_to": date(2024, 3, 31)},
                                   fmt="jsonl", out=str(tmp_path / "m.jsonl"), job={},
                                   resume=False, progress=None)
    (line,) = summary.lines()
    assert "InsightsMembership.automatic_renewal" in line and "decoded as None" in line
