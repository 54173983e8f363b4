"""The command line: demo, operations, export in every format, resume after a crash, errors a
person can act on, and help texts with examples."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest

from activenet_async.cli import main
from activenet_async.testing import FakeActiveNet

from ._reference import documented_operations

BIN = Path(sys.executable).parent


def env_for(fake: FakeActiveNet, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")}
    env.update({"ACTIVENET_ORG": fake.org, "ACTIVENET_API_KEY": fake.api_key,
                "ACTIVENET_SHARED_SECRET": fake.shared_secret or "",
                "ACTIVENET_BASE_URL": fake.base_url, **extra})
    return env


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet() as server:
        yield server


@pytest.fixture
def cli_env(fake: FakeActiveNet, monkeypatch: pytest.MonkeyPatch) -> None:
    for k, v in env_for(fake).items():
        if k.startswith("ACTIVENET_"):
            monkeypatch.setenv(k, v)


def canon(rec: dict[str, Any]) -> bytes:
    return msgspec.json.encode(rec, order="sorted")


def run(argv: list[str]) -> int:
    """Run the CLI in a worker thread: it starts its own event loop."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(main, argv).result()


@pytest.mark.slow  # ~15 s: the demo runs at ACTIVE's real rate limit of 2 requests a second
def test_demo_through_the_installed_command(tmp_path: Path) -> None:
    """Catches: the README's first command failing on a fresh install (entry point, fake
    server, export, summary)."""
    exe = BIN / "activenet-async"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "activenet_async"]
    out = subprocess.run([*cmd, "demo", "--out", str(tmp_path / "demo"), "--quiet"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    # 1,950 memberships of 2024-2025 plus the one stamped 2026-01-01 00:00:00, which the last
    # window's edge minute brings and the walk keeps (it never drops what the server sends).
    assert "records: 3151" in out.stdout and "requests:" in out.stdout
    assert "throttled answers:" in out.stdout and "elapsed:" in out.stdout
    lines = (tmp_path / "demo" / "memberships.jsonl").read_text().splitlines()
    assert len(lines) == 1951
    assert len((tmp_path / "demo" / "activities.csv").read_text().splitlines()) == 1201


@pytest.mark.parametrize("command", [[], ["demo"], ["operations"], ["export"]])
def test_help_reads_well(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a command without usage examples in its --help."""
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "usage: activenet-async" in text
    assert "example" in text or "activenet-async demo" in text


def test_operations_list_and_describe(capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: the CLI's table drifting from the SDK's (every documented operation,
    parameters, limits)."""
    assert main(["operations"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("OPERATION")
    assert sum(1 for line in lines[1:] if not line.startswith(" ")) == sum(
        map(len, documented_operations().values()))
    assert main(["operations", "GetActivities"]) == 0
    text = capsys.readouterr().out
    assert "site_ids" in text and "≤5" in text and "page_info header ≤500" in text
    assert main(["operations", "insights.get_memberships"]) == 0
    assert "31 days" in capsys.readouterr().out
    assert main(["operations", "nope"]) == 2


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
async def test_export_each_format(fake: FakeActiveNet, tmp_path: Path, fmt: str) -> None:
    """Catches: an export that loses records, a wrong column set, or a broken format."""
    out = tmp_path / f"m.{fmt}"
    code = run(["export", "insights.get_memberships", "--param",
                "modified_date_from=2024-01-01", "--param", "modified_date_to=2024-06-30",
                "--format", fmt, "--out", str(out), "--quiet", "--page-size", "40",
                "--rate-limit", "1000"])
    assert code == 0
    want = [r for r, t in zip(fake.records("insights.memberships"),
                              fake.data.when["insights.memberships"], strict=True)
            if str(t) >= "2024-01-01" and str(t) <= "2024-07-01 00:00:00"]  # edge minute kept
    ids = Counter((r["customer_id"], r["modified_date_time"]) for r in want)
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.read_text().splitlines()]
        got = Counter((r["customer_id"], r["modified_date_time"]) for r in rows)
        assert len(rows) == len(want)
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(out.open()))
        assert list(rows[0])[:3] == ["customer_id", "package_id", "customer_first_name"]
        got = Counter(int(r["customer_id"]) for r in rows)
        ids = Counter(r["customer_id"] for r in want)
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.schema.field("modified_date_time").type.unit == "us"
        assert str(table.schema.field("automatic_renewal").type) == "bool"
        got = Counter(table.column("customer_id").to_pylist())
        ids = Counter(r["customer_id"] for r in want)
    assert got == ids if fmt != "jsonl" else sum(got.values()) == sum(ids.values())
    assert not Path(f"{out}.progress.json").exists()


@pytest.mark.usefixtures("cli_env")
async def test_export_fails_midway_then_resumes_exactly_once(fake: FakeActiveNet,
                                                             tmp_path: Path) -> None:
    """Catches: a resumed export that repeats or drops the records of the page it stopped on."""
    out = tmp_path / "audit.jsonl"
    args = ["export", "insights.get_membership_audit_log", "--param",
            "datestamp_from=2023-01-01", "--param", "datestamp_to=2024-12-31",
            "--out", str(out), "--quiet", "--page-size", "25", "--raw", "--rate-limit", "1000"]
    fake.inject("quota", op="insights.membershipAuditLog", skip=40)
    assert run(args) == 1
    state = json.loads(Path(f"{out}.progress.json").read_text())
    assert state["done_slices"] and state["records"] > 0
    assert run([*args, "--resume"]) == 0
    rows = Counter(canon(json.loads(x)) for x in out.read_text().splitlines())
    want = Counter(canon(r) for r, t in zip(fake.records("insights.membershipAuditLog"),
                                             fake.data.when["insights.membershipAuditLog"],
                                             strict=True) if t.year in (2023, 2024))
    assert rows == want


def test_export_killed_with_sigkill_then_resumed(tmp_path: Path) -> None:
    """Catches: output and progress file out of step after kill -9 (a page written twice or
    lost); the resumed file must hold every record exactly once."""
    script = tmp_path / "serve.py"
    script.write_text(
        "import asyncio, sys\n"
        "from activenet_async.testing import FakeActiveNet\n"
        "async def main():\n"
        "    async with FakeActiveNet(threaded=False, latency=0.05) as f:\n"
        "        f.records('GetCustomers')\n"
        "        print(f.base_url, flush=True)\n"
        "        await asyncio.sleep(120)\n"
        "asyncio.run(main())\n")
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")}
        env.update({"ACTIVENET_ORG": "orgtest", "ACTIVENET_API_KEY": "fake-key",
                    "ACTIVENET_SHARED_SECRET": "fake-secret", "ACTIVENET_BASE_URL": base})
        out = tmp_path / "customers.jsonl"
        args = [sys.executable, "-m", "activenet_async", "export", "get_customers",
                "--param", "customer_ids=" + ",".join(map(str, range(1, 1201))),
                "--page-size", "20", "--out", str(out), "--quiet", "--rate-limit", "1000"]
        proc = subprocess.Popen(args, env=env)
        progress = Path(f"{out}.progress.json")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if progress.exists() and json.loads(progress.read_text() or "{}").get(
                    "records", 0) >= 300:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert progress.exists()
        done = subprocess.run([*args, "--resume"], env=env, timeout=120, check=False)
        assert done.returncode == 0
        rows = [json.loads(x)["customer_id"] for x in out.read_text().splitlines()]
        assert sorted(rows) == list(range(1, 1201))
    finally:
        server.kill()
        server.wait()


MEMBERSHIP_ARGS = ["export", "insights.get_memberships", "--param",
                   "modified_date_from=2023-11-01", "--param", "modified_date_to=2024-04-30",
                   "--quiet", "--page-size", "20", "--raw", "--rate-limit", "1000"]


def crowd_window_edges(fake: FakeActiveNet, shift: timedelta) -> None:
    """Add memberships the shifted filter sees exactly on each window edge (two windows send
    them) and just beside it."""
    from activenet_async._operations.table import OPERATIONS

    op = OPERATIONS["insights.memberships"]
    lo = datetime(2023, 11, 1)
    for k in range(1, 7):
        edge = lo + k * timedelta(days=30)
        for off in (timedelta(0), timedelta(seconds=30), -timedelta(milliseconds=3)):
            fake.data.add_at(op, edge - shift + off)


@pytest.mark.parametrize("extra", [0, 4, 8])
async def test_export_stopped_after_a_window_edge_resumes_exactly_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: int) -> None:
    """Catches: a resumed windowed export that repeats an edge record the stopped run already
    wrote (the edge memory missing from the progress file), or loses one, on a server whose
    filter runs 5 hours behind the records' clock."""
    shift = timedelta(hours=-5)
    async with FakeActiveNet(filter_shift=shift) as fake:
        crowd_window_edges(fake, shift)
        for k, v in env_for(fake).items():
            if k.startswith("ACTIVENET_"):
                monkeypatch.setenv(k, v)
        # A run without faults says how many requests the first window takes. The walk holds
        # at most 2 x concurrency (16) pages it has not yet handed over, plus the head: once
        # first + 17 requests have gone out, the first window is written, whatever order the
        # adaptive depth sent them in (a fixed count was timing-dependent on a loaded machine).
        assert run([*MEMBERSHIP_ARGS, "--out", str(tmp_path / "probe.jsonl")]) == 0
        sent = [e.params for e in fake.log if e.operation == "insights.memberships"]
        first = sum(1 for q in sent if q["modified_date_from"] == sent[0]["modified_date_from"])
        skip = first + 17 + extra
        assert skip < len(sent)  # the stopped run must stop before the end
        fake.log.clear()
        out = tmp_path / "m.jsonl"
        args = [*MEMBERSHIP_ARGS, "--out", str(out)]
        fake.inject("quota", op="insights.memberships", skip=skip)
        assert run(args) == 1
        state = json.loads(Path(f"{out}.progress.json").read_text())
        assert state["done_slices"] and state["seen"]
        assert run([*args, "--resume"]) == 0
        rows = Counter(canon(json.loads(x)) for x in out.read_text().splitlines())
        assert rows == Counter(canon(r) for r in fake.served("insights.memberships"))


def test_export_killed_across_a_window_edge_then_resumed(tmp_path: Path) -> None:
    """Catches: after kill -9 in a windowed export, the resumed file holding an edge record
    twice (or missing one the server sent outside its window)."""
    expected = tmp_path / "expected.json"
    script = tmp_path / "serve.py"
    script.write_text(
        "import asyncio, json, sys\n"
        "from datetime import datetime, timedelta\n"
        "from activenet_async._operations.table import OPERATIONS\n"
        "from activenet_async.testing import FakeActiveNet\n"
        "async def main():\n"
        "    shift = timedelta(hours=6)\n"
        "    async with FakeActiveNet(threaded=False, latency=0.03, filter_shift=shift) as f:\n"
        "        op = OPERATIONS['insights.memberships']\n"
        "        for k in range(1, 8):\n"
        "            e = datetime(2023, 11, 1) + k * timedelta(days=30)\n"
        "            f.data.add_at(op, e - shift)\n"
        "        lo, hi = datetime(2023, 11, 1), datetime(2024, 5, 1)\n"
        "        want = [r for r, t in zip(f.records(op.name), f.data.when[op.name])\n"
        "                if lo <= t + shift <= hi]\n"
        f"        open({str(expected)!r}, 'w').write(json.dumps(want))\n"
        "        print(f.base_url, flush=True)\n"
        "        await asyncio.sleep(120)\n"
        "asyncio.run(main())\n")
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")}
        env.update({"ACTIVENET_ORG": "orgtest", "ACTIVENET_API_KEY": "fake-key",
                    "ACTIVENET_SHARED_SECRET": "fake-secret", "ACTIVENET_BASE_URL": base})
        out = tmp_path / "m.jsonl"
        args = [sys.executable, "-m", "activenet_async", *MEMBERSHIP_ARGS, "--out", str(out)]
        proc = subprocess.Popen(args, env=env)
        progress = Path(f"{out}.progress.json")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = json.loads(progress.read_text() or "{}") if progress.exists() else {}
            if len(state.get("done_slices", [])) >= 2 and state.get("seen"):
                break
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert progress.exists()
        done = subprocess.run([*args, "--resume"], env=env, timeout=120, check=False)
        assert done.returncode == 0
        rows = Counter(canon(json.loads(x)) for x in out.read_text().splitlines())
        want = Counter(canon(r) for r in json.loads(expected.read_text()))
        assert rows == want
    finally:
        server.kill()
        server.wait()


@pytest.mark.usefixtures("cli_env")
async def test_stream_to_stdout(fake: FakeActiveNet, capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: `--out -` writing anything but JSON Lines to stdout."""
    assert run(["export", "get_sites", "--out", "-"]) == 0
    lines = capfd.readouterr().out.splitlines()
    assert len(lines) == 12 and all(json.loads(x)["site_id"] for x in lines)


def test_missing_credential_names_the_variable(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a KeyError traceback instead of a message naming the variable (exit 2)."""
    monkeypatch.delenv("ACTIVENET_API_KEY", raising=False)
    monkeypatch.setenv("ACTIVENET_ORG", "x")
    assert main(["export", "get_sites", "--out", "-"]) == 2
    assert "ACTIVENET_API_KEY" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
def test_bad_parameter_names_it_and_the_form(capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a bad --param value reaching the server, or an unhelpful message."""
    assert main(["export", "insights.get_memberships", "--param", "modified_date_from=soon",
                 "--param", "modified_date_to=2024-01-01", "--out", "-"]) == 2
    err = capsys.readouterr().err
    assert "modified_date_from" in err and "YYYY-MM-DD" in err
    assert main(["export", "get_activities", "--param", "colour=red", "--out", "-"]) == 2
    assert "colour" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
async def test_auth_failure_suggests_what_to_check(fake: FakeActiveNet, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: an authentication failure reported without a hint, or as a usage error."""
    monkeypatch.setenv("ACTIVENET_SHARED_SECRET", "wrong-secret")
    code = run(["export", "get_sites", "--out", str(tmp_path / "s.jsonl"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "authentication failed" in err and "clock" in err and "wrong-secret" not in err


def test_env_file(fake: FakeActiveNet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches: --env-file not read (quotes, comments, export prefixes)."""
    for k in list(os.environ):
        if k.startswith("ACTIVENET_"):
            monkeypatch.delenv(k)
    env = tmp_path / ".env"
    env.write_text(f"# settings\nexport ACTIVENET_ORG={fake.org}\n"
                   f"ACTIVENET_API_KEY='{fake.api_key}'\n"
                   f'ACTIVENET_SHARED_SECRET="{fake.shared_secret}"\n'
                   f"ACTIVENET_BASE_URL={fake.base_url}\n")
    assert run(["export", "get_sites", "--env-file", str(env), "--out",
                str(tmp_path / "s.csv"), "--format", "csv", "--quiet", "--rate-limit", "50"]) == 0
    assert len((tmp_path / "s.csv").read_text().splitlines()) == 13
