"""``activenet-async sync`` into a real PostgreSQL server started by the tests (see ``_pg``):
the Done-when command twice, and the password never shown."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from activenet_async.cli import main
from activenet_async.testing import FakeActiveNet

from ._pg import PgServer
from .conftest import count, requests_of, stamped

DONE_WHEN = ["sync", "get_activities", "insights.get_memberships",
             "--param", "modified_date_from=2023-01-01", "--rate-limit", "1000"]


def _drop(pg: PgServer, dataset: str) -> None:
    conn: Any = pg.connect()
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP SCHEMA IF EXISTS "{dataset}" CASCADE')
        cur.execute(f'DROP SCHEMA IF EXISTS "{dataset}_staging" CASCADE')
    conn.close()


def test_done_when_twice_into_postgres(fake_env: FakeActiveNet, pg_server: PgServer,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: loading into PostgreSQL failing, duplicate rows after a rerun, a rerun that
    asks for everything again, or the password (from PGPASSWORD) showing in the output."""
    fake = fake_env
    _drop(pg_server, "twice_ds")
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    argv = [*DONE_WHEN, "--to", pg_server.url(with_password=False), "--dataset", "twice_ds"]
    assert main(argv) == 0
    fake.log.clear()
    assert main(argv) == 0
    out = capfd.readouterr()
    assert pg_server.password not in out.out + out.err
    assert "insights_memberships" in out.err
    last = max(fake.data.when["insights.memberships"]) - timedelta(hours=1)
    assert min(r["modified_date_from"] for r in requests_of(fake, "insights.memberships")) \
        == f"{last:%Y-%m-%d %H:%M}"
    conn: Any = pg_server.connect()
    with conn.cursor() as cur:
        n = stamped(fake, "insights.memberships", datetime(2023, 1, 1))
        assert count(cur, "select count(*) from twice_ds.insights_memberships") == n
        assert count(cur, "select count(distinct (membership_id, customer_id)) "
                          "from twice_ds.insights_memberships") == n
        assert count(cur, "select count(*) from twice_ds.activities") == 1200
        assert count(cur, "select count(distinct activity_id) from twice_ds.activities") == 1200
        cur.execute("select data_type from information_schema.columns where table_schema = "
                    "'twice_ds' and table_name = 'insights_memberships' and "
                    "column_name = 'modified_date_time'")
        assert cur.fetchone()[0] == "timestamp without time zone"
    conn.close()


def test_password_in_the_url_is_never_printed(fake_env: FakeActiveNet, pg_server: PgServer,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    """Catches: the database password of --to showing in the progress, the summary, or the
    error of a failed connection."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    _drop(pg_server, "secret_ds")
    ok = main(["sync", "get_sites", "--to", pg_server.url(), "--dataset", "secret_ds"])
    assert ok == 0
    bad = main(["sync", "get_sites", "--to", pg_server.url(database="no_such_db"),
                "--dataset", "secret_ds"])
    assert bad == 1
    out = capfd.readouterr()
    text = out.out + out.err
    assert "sync failed" in text and "sites" in text
    assert pg_server.password not in text
