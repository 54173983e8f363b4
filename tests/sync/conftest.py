"""Fixtures of the dlt/sync tests: a fake server on its own thread (the tests are synchronous,
as dlt is), dlt kept inside the test's temporary folder, counting helpers, and the PostgreSQL
server of ``_pg``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from activenet_async import RetryPolicy
from activenet_async._operations.table import OPERATIONS
from activenet_async.testing import FakeActiveNet

from ._pg import PgServer, pg_server

__all__ = ["PgServer", "client_options", "count", "pg_server", "requests_of", "stamped"]


@pytest.fixture
def dlt_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """dlt's pipelines under tmp_path, telemetry off, tmp_path as working directory."""
    home = tmp_path / "dlt-home"
    monkeypatch.setenv("DLT_DATA_DIR", str(home))
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def fake(dlt_home: Path) -> Iterator[FakeActiveNet]:
    """The fake server, serving from its own thread."""
    server = FakeActiveNet()
    asyncio.run(server.start())
    yield server
    asyncio.run(server.close())


def client_options(fake: FakeActiveNet, **extra: Any) -> dict[str, Any]:
    """ActiveNet arguments for ``fake``: fast retries, no throttling."""
    return {"org": fake.org, "api_key": fake.api_key, "shared_secret": fake.shared_secret,
            "base_url": fake.base_url, "rate_limit": 1000.0,
            "retry": RetryPolicy(attempts=2, backoff=0.001, backoff_max=0.01), **extra}


@pytest.fixture
def fake_env(fake: FakeActiveNet, monkeypatch: pytest.MonkeyPatch) -> FakeActiveNet:
    """The ACTIVENET_* variables of the command line, pointing at ``fake``."""
    monkeypatch.setenv("ACTIVENET_ORG", fake.org)
    monkeypatch.setenv("ACTIVENET_API_KEY", fake.api_key)
    monkeypatch.setenv("ACTIVENET_SHARED_SECRET", fake.shared_secret or "")
    monkeypatch.setenv("ACTIVENET_BASE_URL", fake.base_url)
    return fake


def stamped(fake: FakeActiveNet, name: str, since: datetime) -> int:
    """How many records of windowed operation ``name`` the fake holds from ``since`` on."""
    fake.records(name)
    return sum(1 for t in fake.data.when[OPERATIONS[name].name] if t >= since)


def requests_of(fake: FakeActiveNet, name: str) -> list[dict[str, str]]:
    """The query parameters of every request the fake received for operation ``name``."""
    return [e.params for e in fake.log if e.operation == name]


def count(cursor: Any, sql: str) -> Any:
    """The first column of the first row of ``sql``."""
    cursor.execute(sql)
    return cursor.fetchone()[0]
