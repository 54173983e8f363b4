"""Traps a newcomer fell into on the command line: an existing file destroyed by a failed export,
no way to serve the fake for the command line, tracebacks and silent defaults for bad options,
progress lines that wrap, misleading error texts."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from activenet_async import ActiveNet, RetryPolicy, TransportError
from activenet_async._operations.table import OPERATIONS
from activenet_async.cli import main
from activenet_async.cli._progress import Progress
from activenet_async.testing import FakeActiveNet

from .test_cli import env_for, run

GOOD = b'{"kept": "the good file of an earlier export"}\n'


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet() as server:
        yield server


@pytest.fixture
def cli_env(fake: FakeActiveNet, monkeypatch: pytest.MonkeyPatch) -> None:
    for k in list(os.environ):
        if k.startswith("ACTIVENET_"):
            monkeypatch.delenv(k)
    for k, v in env_for(fake).items():
        if k.startswith("ACTIVENET_"):
            monkeypatch.setenv(k, v)


# -- a failed export never destroys an existing file -------------------------------------------

@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
async def test_failed_export_leaves_an_existing_file_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fmt: str) -> None:
    """Catches: ``--out x`` opened for writing (emptied) before the export succeeds, so that a
    failed authentication destroys the good file an earlier export left there."""
    out = tmp_path / f"x.{fmt}"
    out.write_bytes(GOOD)
    monkeypatch.setenv("ACTIVENET_SHARED_SECRET", "wrong-secret")
    assert run(["export", "get_sites", "--format", fmt, "--out", str(out), "--quiet"]) == 1
    assert out.read_bytes() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no partial left behind
    assert "--resume" not in capsys.readouterr().err  # nothing to resume


@pytest.mark.usefixtures("cli_env")
async def test_midway_failure_keeps_the_file_and_says_where_the_partial_is(
        fake: FakeActiveNet, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: an export that fails midway overwriting ``--out`` with a partial result, or not
    saying where the records that ``--resume`` continues are; then the resumed export must
    replace the old file with the complete one."""
    out = tmp_path / "audit.jsonl"
    out.write_bytes(GOOD)
    args = ["export", "insights.get_membership_audit_log", "--param",
            "datestamp_from=2023-01-01", "--param", "datestamp_to=2023-12-31", "--out",
            str(out), "--quiet", "--page-size", "25", "--raw", "--rate-limit", "1000"]
    fake.inject("quota", op="insights.membershipAuditLog", skip=10)
    assert run(args) == 1
    err = capsys.readouterr().err
    partial = Path(f"{out}.partial")
    assert out.read_bytes() == GOOD
    assert partial.exists() and partial.stat().st_size > 0
    assert str(partial) in err and "--resume" in err
    assert run([*args, "--resume"]) == 0
    want = sum(1 for t in fake.data.when["insights.membershipAuditLog"] if t.year == 2023)
    assert len(out.read_text().splitlines()) == want
    assert not partial.exists()


# -- python -m activenet_async.testing -------------------------------------------------------

def test_fake_server_runs_for_the_command_line(tmp_path: Path) -> None:
    """Catches: no way to serve the fake outside Python, or a first stdout line that is not the
    JSON object (base_url, org, api_key, shared_secret) a script needs to point the command
    line at it; and a server that does not stop cleanly on Ctrl-C."""
    server = subprocess.Popen(
        [sys.executable, "-m", "activenet_async.testing", "--rate-limit", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        settings = json.loads(server.stdout.readline())
        assert settings["base_url"].startswith("http://127.0.0.1:")
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")}
        env.update({"ACTIVENET_ORG": settings["org"], "ACTIVENET_API_KEY": settings["api_key"],
                    "ACTIVENET_SHARED_SECRET": settings["shared_secret"],
                    "ACTIVENET_BASE_URL": settings["base_url"]})
        out = tmp_path / "sites.csv"
        done = subprocess.run(
            [sys.executable, "-m", "activenet_async", "export", "get_sites", "--format", "csv",
             "--out", str(out), "--quiet"], env=env, capture_output=True, text=True,
            timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert len(out.read_text().splitlines()) == 13
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


# -- bad options are usage errors that say what to do ----------------------------------------

@pytest.mark.usefixtures("cli_env")
def test_missing_env_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a FileNotFoundError traceback for ``--env-file nope.env``."""
    assert main(["export", "get_sites", "--env-file", "nope.env", "--out", "-"]) == 2
    err = capsys.readouterr().err
    assert "nope.env" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "fast"])
def test_rate_limit_must_be_above_zero(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: ``--rate-limit 0`` silently taken as the default of 2 (while -1 is refused)."""
    with pytest.raises(SystemExit) as info:
        main(["export", "get_sites", "--out", "-", "--rate-limit", value])
    assert info.value.code == 2
    assert "--rate-limit" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
def test_id_lists_are_integers(capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: ``--param site_ids=1,x`` accepted (and answered with every site's records)."""
    assert main(["export", "get_activities", "--param", "site_ids=1,x", "--out", "-"]) == 2
    err = capsys.readouterr().err
    assert "site_ids" in err and "'x'" in err and "integer" in err


def test_unknown_operation_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a misspelt operation answered without a "did you mean"."""
    assert main(["export", "get_activites", "--out", "-"]) == 2
    assert "did you mean get_activities" in capsys.readouterr().err
    assert main(["operations", "insights.get_membership"]) == 2
    assert "insights.get_memberships" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
def test_parquet_without_pyarrow_is_a_usage_error(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: ``--format parquet`` without pyarrow failing with exit 1 (or a traceback) after
    the walk started, instead of a usage error that says how to install it."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an environment without it sees
    out = tmp_path / "s.parquet"
    assert main(["export", "get_sites", "--format", "parquet", "--out", str(out)]) == 2
    assert "pip install 'activenet-async[parquet]'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.usefixtures("cli_env")
def test_out_in_a_missing_folder_is_a_usage_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a FileNotFoundError traceback for ``--out no/such/folder/x.jsonl``."""
    out = tmp_path / "no" / "x.jsonl"
    assert main(["export", "get_sites", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out.parent) in err and "Traceback" not in err


def test_two_missing_variables_are_named_in_the_plural(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: "missing ACTIVENET_ORG and ACTIVENET_API_KEY: set it"."""
    for k in list(os.environ):
        if k.startswith("ACTIVENET_"):
            monkeypatch.delenv(k)
    assert main(["export", "get_sites", "--out", "-"]) == 2
    err = capsys.readouterr().err
    assert "ACTIVENET_ORG and ACTIVENET_API_KEY" in err and "set them" in err


@pytest.mark.usefixtures("cli_env")
def test_resume_of_another_job_explains_in_words(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: a resume mismatch reported as a Python dict dump."""
    out = tmp_path / "s.jsonl"
    job = {"operation": "GetSites", "params": [], "format": "csv", "page_size": None,
           "raw": False}
    Path(f"{out}.progress.json").write_text(json.dumps(
        {"version": 1, "job": job, "done_units": [], "next_pages": {}, "position": None,
         "records": 0}))
    assert main(["export", "get_sites", "--out", str(out), "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--format was csv, now jsonl" in err
    assert "{" not in err and "'operation'" not in err


async def test_connect_error_on_plain_http_does_not_mention_tls() -> None:
    """Catches: aiohttp's "ssl:default" (its TLS setting) in the error about an http:// URL
    that could not be reached, which sends a newcomer looking at certificates."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed: nothing listens there
    async with ActiveNet(org="orgtest", api_key="k", base_url=f"http://127.0.0.1:{port}",
                         rate_limit=1000, retry=RetryPolicy(backoff=0.001, backoff_max=0.01)
                         ) as anet:
        with pytest.raises(TransportError) as info:
            await anet.get_organization()
    text = str(info.value)
    assert "ssl" not in text.lower()
    assert f"127.0.0.1:{port}" in text


@pytest.mark.parametrize("columns", [80, 200])
def test_operations_list_has_a_header_and_whole_words(
        columns: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Catches: the operations list without a header row, lines wider than the terminal, or
    descriptions cut mid-word."""
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["operations"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").split("\n")
    assert lines[0].split()[:2] == ["OPERATION", "KIND"]
    assert "DESCRIPTION" in " ".join(lines[:2])
    rows: dict[str, list[str]] = {}
    for line in lines[1:]:
        assert len(line) < columns, line
        if line.strip() == "DESCRIPTION":
            continue
        if not line.startswith(" "):
            qualified, _kind, _name, *words = line.split()
            rows[qualified] = words
        else:
            rows[list(rows)[-1]] += line.split()
    assert len(rows) == len(OPERATIONS)
    for op in OPERATIONS.values():
        assert rows[op.qualified] == op.summary.split(), op.qualified


async def test_debug_log_shows_the_query_but_no_credentials(
        fake: FakeActiveNet, caplog: pytest.LogCaptureFixture) -> None:
    """Catches: a DEBUG line per request without its query parameters (what was asked), or
    with the key or the signature in it."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    async with fake.client() as anet:
        await anet.get_activities(site_ids=[1, 2]).collect()
    lines = [r.getMessage() for r in caplog.records if "/activities" in r.getMessage()]
    assert lines and all("site_ids=1%2C2" in x or "site_ids=1,2" in x for x in lines)
    assert not any(re.search(r"api_key|sig=|fake-key|fake-secret", x) for x in lines)


# -- the progress line -----------------------------------------------------------------------

def _page(last: bool) -> Any:
    return SimpleNamespace(last_of_slice=last, number=1, total_pages=None)


def test_progress_line_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches: a progress line wider than the terminal (at 60 columns it wrapped, and a
    wrapped line cannot be redrawn in place), a first ETA of 0:00 before there is any
    estimate, and record counts without thousands separators."""
    monkeypatch.setenv("COLUMNS", "60")
    stream = io.StringIO()
    progress = Progress(total_slices=2000, enabled=True, stream=stream,
                        label="insights.get_membership_audit_log")
    progress.records = 1_234_000
    progress.page(_page(last=True), 500)
    first = stream.getvalue().split("\r")[-1]
    assert "0:00" not in first and "--:--" in first
    assert "1,234,500 records" in first
    for width in (60, 80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        progress.started -= 30  # 30 s later: an ETA exists
        progress.draw(final=True)
        line = stream.getvalue().split("\r")[-1].rstrip("\n")
        assert len(line) < width, line
        assert "1,234,500 records" in line and "ETA" in line


async def test_cancelled_while_finishing_leaves_output_or_partial_never_a_dangling_progress(
        fake: FakeActiveNet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches: a cancellation (a job worker's SIGTERM) arriving while the finished export is
    moved into place: the rename went through in its thread but the progress file stayed, so
    the retry's ``--resume`` found no partial output and failed instead of starting over."""
    import asyncio
    import threading

    from activenet_async.cli import _writers
    from activenet_async.cli._export import export

    entered, release = threading.Event(), threading.Event()
    close = _writers.JsonlWriter.close

    def slow_close(self: Any) -> None:
        entered.set()
        release.wait(10)
        close(self)

    monkeypatch.setattr(_writers.JsonlWriter, "close", slow_close)
    out = tmp_path / "sites.jsonl"
    op = OPERATIONS["GetSites"]
    async with fake.client() as anet:
        task = asyncio.ensure_future(export(anet, op, {}, fmt="jsonl", out=str(out),
                                            job={"operation": op.name}, resume=False,
                                            progress=None))
        await asyncio.to_thread(entered.wait, 10)
        task.cancel()
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.2)  # the thread finishes the step it started
    assert out.exists() and len(out.read_text().splitlines()) == len(fake.records("GetSites"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
