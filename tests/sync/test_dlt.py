"""The dlt source against the fake server and real DuckDB files: tables, types, keys, child
tables, incremental state, failed and killed runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import dlt
import duckdb
import pytest

from activenet_async import RequestValidationError
from activenet_async._operations.table import find
from activenet_async._sync.columns import column_hints
from activenet_async.dlt import activenet_source, resolve
from activenet_async.testing import FakeActiveNet

from .conftest import client_options, count, requests_of, stamped

START = datetime(2023, 1, 1)
DUCK_TYPES = {"bigint": "BIGINT", "text": "VARCHAR", "bool": "BOOLEAN", "double": "DOUBLE",
              "date": "DATE", "timestamp": "TIMESTAMP"}


def pipeline(path: Path) -> Any:
    return dlt.pipeline("test_sync", destination=dlt.destinations.duckdb(str(path)),
                        dataset_name="activenet")


def state_of(p: Any, table: str) -> dict[str, Any]:
    return dict(p.state["sources"]["activenet"]["resources"].get(table, {}))


def wire(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def test_tables_keys_types_and_child_tables(fake: FakeActiveNet, tmp_path: Path) -> None:
    """Catches: a table missing rows or holding a key twice, a column typed from values
    instead of the Struct, a nested list not loaded as a child table linked to its parent, a
    record without natural key not keyed by its content."""
    db = tmp_path / "a.duckdb"
    source = activenet_source(
        ["get_customers", "insights.get_memberships", "get_centers",
         ("get_skip_dates", {"facility_id": 1})],
        params={"modified_date_from": START}, client=client_options(fake))
    pipeline(db).run(source)
    con = duckdb.connect(str(db))
    cur = con.cursor()
    raw_customers = fake.records("GetCustomers")
    expected = {"customers": ("customer_id", len(raw_customers)),
                "insights_memberships": ("membership_id, customer_id",
                                         stamped(fake, "insights.memberships", START)),
                "centers": ("center_id", len(fake.records("GetCenters"))),
                "skip_dates": ("_row_hash", len(fake.records("GetSkipDates")))}
    for table, (key, n) in expected.items():
        assert count(cur, f"select count(*) from activenet.{table}") == n, table
        assert count(cur, f"select count(distinct ({key})) from activenet.{table}") == n, table
    families = sum(len(r["families"] or []) for r in raw_customers)
    assert families > 0
    assert count(cur, "select count(*) from activenet.customers__families") == families
    assert count(cur, "select count(*) from activenet.customers__families f left join "
                      "activenet.customers c on f._dlt_parent_id = c._dlt_id "
                      "where c._dlt_id is null") == 0
    from dlt.common.normalizers.naming.snake_case import NamingConvention

    naming = NamingConvention()
    for op_name, table in [("insights.memberships", "insights_memberships"),
                           ("GetCenters", "centers"), ("GetCustomers", "customers")]:
        cur.execute("select column_name, data_type from information_schema.columns "
                    "where table_schema = 'activenet' and table_name = ?", [table])
        actual = dict(cur.fetchall())
        for name, col in column_hints(find(op_name)).items():
            column = "__".join(naming.normalize_identifier(p) for p in name.split("__"))
            assert actual.get(column) == DUCK_TYPES[col["data_type"]], (table, column)
    # a nested object is flattened into typed columns
    assert any(c.startswith("monday_hours_of_operation__") for c in column_hints_of(cur))


def column_hints_of(cur: Any) -> list[str]:
    cur.execute("select column_name from information_schema.columns where "
                "table_schema = 'activenet' and table_name = 'centers'")
    return [r[0] for r in cur.fetchall()]


def test_second_run_asks_only_from_where_the_first_ended(fake: FakeActiveNet,
                                                          tmp_path: Path) -> None:
    """Catches: a rerun that asks for everything again, that starts after the last change
    (no overlap), or that adds duplicate rows."""
    db = tmp_path / "b.duckdb"
    p = pipeline(db)
    ops = ["get_activities", "insights.get_memberships"]
    p.run(activenet_source(ops, params={"modified_date_from": START},
                           client=client_options(fake)))
    last_change = max(fake.data.when["insights.memberships"])
    activity_change = max(datetime.fromisoformat(r["modified_date_time"])
                          for r in fake.records("GetActivities"))
    assert state_of(p, "insights_memberships")["incremental"]["end"] == last_change.isoformat()
    fake.log.clear()
    p.run(activenet_source(ops, params={"modified_date_from": START},
                           client=client_options(fake)))
    firsts = sorted(r["modified_date_from"] for r in requests_of(fake, "insights.memberships"))
    assert firsts[0] == wire(last_change - timedelta(hours=1))
    (activities,) = {r["modified_date_from"] for r in requests_of(fake, "GetActivities")}
    assert activities == wire(activity_change - timedelta(hours=1))
    cur = duckdb.connect(str(db)).cursor()
    n = stamped(fake, "insights.memberships", START)
    assert count(cur, "select count(*) from activenet.insights_memberships") == n
    assert count(cur, "select count(distinct (membership_id, customer_id)) "
                      "from activenet.insights_memberships") == n
    assert count(cur, "select count(*) from activenet.activities") == 1200


def test_failed_run_keeps_state_and_rerun_loads_exactly_once(fake: FakeActiveNet,
                                                            tmp_path: Path) -> None:
    """Catches: a failed run that advances the saved state (the next run would skip what the
    failure never loaded), or a rerun that loads rows twice."""
    db = tmp_path / "c.duckdb"
    p = pipeline(db)
    first_to = datetime(2024, 7, 1)
    p.run(activenet_source([("insights.get_memberships", {"modified_date_to": first_to})],
                           params={"modified_date_from": START}, client=client_options(fake)))
    saved = state_of(p, "insights_memberships")
    assert datetime.fromisoformat(saved["incremental"]["end"]) <= first_to
    fake.inject("500", times=10_000, op="insights.memberships", skip=3)
    with pytest.raises(Exception) as failed:
        p.run(activenet_source(["insights.get_memberships"],
                               params={"modified_date_from": START},
                               client=client_options(fake)))
    assert "ServerError" in repr(failed.value) or "500" in str(failed.value)
    assert state_of(p, "insights_memberships") == saved
    fake.faults.scheduled.clear()
    fake.log.clear()
    p.run(activenet_source(["insights.get_memberships"], params={"modified_date_from": START},
                           client=client_options(fake)))
    resumed = datetime.fromisoformat(saved["incremental"]["end"]) - timedelta(hours=1)
    assert min(r["modified_date_from"] for r in requests_of(fake, "insights.memberships")) \
        == wire(resumed)
    cur = duckdb.connect(str(db)).cursor()
    n = stamped(fake, "insights.memberships", START)
    assert count(cur, "select count(*) from activenet.insights_memberships") == n
    assert count(cur, "select count(distinct (membership_id, customer_id)) "
                      "from activenet.insights_memberships") == n


def test_killed_run_then_rerun_loads_exactly_once(dlt_home: Path, tmp_path: Path) -> None:
    """Catches: a run killed with SIGKILL mid-walk that leaves state behind (the rerun would
    start late and lose records) or a half-loaded package that the rerun loads twice."""
    import asyncio

    slow = FakeActiveNet(latency=0.05)
    asyncio.run(slow.start())
    try:
        env = {**os.environ, "ACTIVENET_ORG": slow.org, "ACTIVENET_API_KEY": slow.api_key,
               "ACTIVENET_SHARED_SECRET": slow.shared_secret or "",
               "ACTIVENET_BASE_URL": slow.base_url}
        cmd = [sys.executable, "-m", "activenet_async", "sync", "insights.get_memberships",
               "--param", "modified_date_from=2023-01-01", "--to", "duckdb:///k.duckdb",
               "--rate-limit", "1000", "--quiet"]
        proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(requests_of(slow, "insights.memberships")) < 10:
            assert proc.poll() is None, "the sync ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        slow.log.clear()
        done = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert min(r["modified_date_from"] for r in requests_of(slow, "insights.memberships")) \
            == "2023-01-01 00:00"
        cur = duckdb.connect(str(tmp_path / "k.duckdb")).cursor()
        n = stamped(slow, "insights.memberships", START)
        assert count(cur, "select count(*) from activenet_data.insights_memberships") == n
        assert count(cur, "select count(distinct (membership_id, customer_id)) "
                          "from activenet_data.insights_memberships") == n
    finally:
        asyncio.run(slow.close())


def test_params_go_to_every_operation_taking_them() -> None:
    """Catches: a parameter given to an operation that does not take it, one silently
    ignored when no named operation takes it, or a non-list operation accepted."""
    jobs = dict((op.name, kw) for op, kw in resolve(
        ["get_activities", "get_sites", ("get_customers", {"customer_ids": [1]})],
        {"modified_date_from": START}))
    assert jobs == {"GetActivities": {"modified_date_from": START}, "GetSites": {},
                    "GetCustomers": {"modified_date_from": START, "customer_ids": [1]}}
    with pytest.raises(RequestValidationError, match="no named operation takes 'bogus'"):
        resolve(["get_activities"], {"bogus": 1})
    with pytest.raises(RequestValidationError, match="not a list operation"):
        resolve(["get_organization"])
    with pytest.raises(RequestValidationError, match="unknown operation"):
        resolve(["get_nothing"])


def test_every_operation_without_arguments_loads_once_per_key(fake: FakeActiveNet,
                                                              tmp_path: Path) -> None:
    """Catches: an operation whose Arrow table (flat records) or dict rows (nested ones) do
    not load, lose rows, or break the primary key, across the whole operation table."""
    from dlt.common.normalizers.naming.snake_case import NamingConvention

    from activenet_async._operations.table import OPERATIONS
    from activenet_async._sync.columns import table_name

    naming = NamingConvention()
    ops = []
    for op in OPERATIONS.values():
        if op.kind != "list":
            continue
        try:
            op.encode(op.bind((), {}))
        except (RequestValidationError, TypeError):
            continue  # needs arguments
        ops.append(op)
    assert len(ops) >= 20
    db = tmp_path / "all.duckdb"
    pipeline(db).run(activenet_source([op.qualified for op in ops],
                                      client=client_options(fake)))
    cur = duckdb.connect(str(db)).cursor()
    for op in ops:
        table, key = table_name(op), ", ".join(
            naming.normalize_identifier(k) for k in op.primary_key)
        n = len(fake.records(op.name))
        if n == 0:
            continue
        assert count(cur, f"select count(*) from activenet.{table}") == n, table
        assert count(cur, f"select count(distinct ({key})) from activenet.{table}") == n, table


def test_state_belongs_to_the_other_parameters(fake: FakeActiveNet, tmp_path: Path) -> None:
    """Catches: state saved by a run over some sites reused for a run over other sites (whose
    older changes would then never be asked for)."""
    p = pipeline(tmp_path / "f.duckdb")

    def run(sites: list[int]) -> str:
        fake.log.clear()
        p.run(activenet_source([("get_activities", {"site_ids": sites})],
                               params={"modified_date_from": START},
                               client=client_options(fake)))
        (first,) = {r["modified_date_from"] for r in requests_of(fake, "GetActivities")}
        return first

    assert run([1]) == wire(START)
    assert run([2]) == wire(START)
    assert run([2]) > wire(START)
