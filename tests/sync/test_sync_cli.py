"""``activenet-async sync`` into DuckDB files against the fake server: the Done-when command
run twice, usage errors, failures, --full-refresh, Ctrl-C, and the missing extra."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from activenet_async.cli import main
from activenet_async.testing import FakeActiveNet

from .conftest import count, requests_of, stamped

DONE_WHEN = ["sync", "get_activities", "insights.get_memberships",
             "--param", "modified_date_from=2023-01-01", "--rate-limit", "1000"]


def test_done_when_twice_into_duckdb(fake_env: FakeActiveNet, tmp_path: Path,
                                     capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: the README's command failing, a table missing records or holding one twice,
    a second run that asks for everything again, a summary without rows or requests."""
    fake = fake_env
    assert main(DONE_WHEN) == 0
    err = capfd.readouterr().err
    assert "activities" in err and "insights_memberships" in err and "requests" in err
    fake.log.clear()
    assert main(DONE_WHEN) == 0
    last = max(fake.data.when["insights.memberships"]) - timedelta(hours=1)
    assert min(r["modified_date_from"] for r in requests_of(fake, "insights.memberships")) \
        == f"{last:%Y-%m-%d %H:%M}"
    cur = duckdb.connect(str(tmp_path / "activenet.duckdb")).cursor()
    n = stamped(fake, "insights.memberships", datetime(2023, 1, 1))
    assert count(cur, "select count(*) from activenet_data.insights_memberships") == n
    assert count(cur, "select count(distinct (membership_id, customer_id)) "
                      "from activenet_data.insights_memberships") == n
    assert count(cur, "select count(*) from activenet_data.activities") == 1200
    assert count(cur, "select count(distinct activity_id) from activenet_data.activities") == 1200


@pytest.mark.parametrize(("argv", "message"), [
    (["get_activities", "--param", "bogus=1"], "no named operation takes 'bogus'"),
    (["get_nothing"], "unknown operation"),
    (["get_organization"], "not a list operation"),
    (["get_activities", "--to", "mysql://h/db"], "unsupported --to"),
    (["insights.get_memberships", "--param", "modified_date_from=someday"], "not a date"),
    (["get_activities", "--param", "site_ids"], "NAME=VALUE"),
])
def test_usage_errors_exit_2_before_any_request(fake_env: FakeActiveNet, argv: list[str],
                                                message: str,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: a bad command line that sends requests, fails late or exits 1."""
    assert main(["sync", *argv]) == 2
    assert message in capfd.readouterr().err
    assert fake_env.log == []


def test_missing_credentials_exit_2(dlt_home: Path, monkeypatch: pytest.MonkeyPatch,
                                    capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: sync without ACTIVENET_API_KEY crashing instead of naming the variable."""
    for k in ("ACTIVENET_ORG", "ACTIVENET_API_KEY"):
        monkeypatch.delenv(k, raising=False)
    assert main(["sync", "get_sites"]) == 2
    assert "ACTIVENET_API_KEY" in capfd.readouterr().err


def test_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: sync without dlt installed failing with a traceback instead of exit 2 and the
    install command."""
    monkeypatch.setitem(sys.modules, "dlt", None)  # makes `import dlt` raise ImportError
    assert main(["sync", "get_sites"]) == 2
    assert "pip install 'activenet-async[sync]'" in capfd.readouterr().err


def test_api_failure_exits_1_and_keeps_state(fake_env: FakeActiveNet, tmp_path: Path,
                                             capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: a failed walk reported as success or as a usage error, or a failure that
    advances the saved state."""
    fake = fake_env
    fake.inject("auth", times=10_000, op="insights.memberships", skip=2)
    assert main(DONE_WHEN) == 1
    err = capfd.readouterr().err
    assert "sync failed" in err and "AuthenticationError" in err
    fake.faults.scheduled.clear()
    fake.log.clear()
    assert main(DONE_WHEN) == 0
    assert min(r["modified_date_from"] for r in requests_of(fake, "insights.memberships")) \
        == "2023-01-01 00:00"


def test_full_refresh_starts_again_from_the_parameter(fake_env: FakeActiveNet,
                                                      tmp_path: Path) -> None:
    """Catches: --full-refresh that keeps the saved state (asking only for recent changes)
    or that leaves the old rows in place."""
    fake = fake_env
    assert main([*DONE_WHEN, "--quiet"]) == 0
    fake.log.clear()
    assert main([*DONE_WHEN, "--quiet", "--full-refresh"]) == 0
    assert min(r["modified_date_from"] for r in requests_of(fake, "insights.memberships")) \
        == "2023-01-01 00:00"
    cur = duckdb.connect(str(tmp_path / "activenet.duckdb")).cursor()
    n = stamped(fake, "insights.memberships", datetime(2023, 1, 1))
    assert count(cur, "select count(*) from activenet_data.insights_memberships") == n


def test_ctrl_c_exits_130(dlt_home: Path, tmp_path: Path) -> None:
    """Catches: Ctrl-C reported as a failure (dlt wraps KeyboardInterrupt) or hanging on the
    background walks."""
    slow = FakeActiveNet(latency=0.05)
    asyncio.run(slow.start())
    try:
        env = {**os.environ, "ACTIVENET_ORG": slow.org, "ACTIVENET_API_KEY": slow.api_key,
               "ACTIVENET_SHARED_SECRET": slow.shared_secret or "",
               "ACTIVENET_BASE_URL": slow.base_url}
        # 5 requests/s: the ~50 requests left after the fifth take seconds, so the interrupt
        # lands mid-sync even on a loaded machine (at 1000/s the sync could finish first).
        slow_cmd = [*DONE_WHEN[:-1], "5"]
        proc = subprocess.Popen([sys.executable, "-m", "activenet_async", *slow_cmd],
                                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(requests_of(slow, "insights.memberships")) < 5:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "interrupted" in err
    finally:
        asyncio.run(slow.close())


def test_summary_reports_decoding_warnings(fake_env: FakeActiveNet,
                                           capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: a value decoded as None during a sync without a word in the summary (the
    walk runs on another thread, whose warnings must still reach the user)."""
    records = fake_env.records("GetActivityTypes")  # this server's list; its dicts are shared
    records[0] = {**records[0], "prevent_further_use": "mock flag data"}
    assert main(["sync", "get_activity_types", "--rate-limit", "1000"]) == 0
    err = capfd.readouterr().err
    assert "warning:" in err and "prevent_further_use" in err
