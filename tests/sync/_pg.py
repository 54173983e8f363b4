"""A real PostgreSQL server for the sync tests, started by the tests on 127.0.0.1.

``initdb`` refuses to run as root, so when the tests run as root (CI) the cluster belongs to the
``postgres`` system user (created by the ``postgresql`` package; created here when missing) and
every server command runs through ``runuser``. Password authentication (scram-sha-256) for
every connection, a free port, a temporary folder removed at the end.

Without the server binaries the tests skip, unless ``ACTIVENET_REQUIRE_SERVERS=1`` (CI), where
they fail: CI must run them.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SKIP_REASON = "PostgreSQL server not installed (apt-get install postgresql)"


@dataclass
class PgServer:
    """A running server: where it listens and the loader role's credentials."""

    host: str
    port: int
    user: str
    password: str
    database: str

    def url(self, *, with_password: bool = True, database: str | None = None) -> str:
        auth = f"{self.user}:{self.password}" if with_password else self.user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database or self.database}"

    def connect(self) -> object:
        import psycopg2

        return psycopg2.connect(host=self.host, port=self.port, user=self.user,
                                password=self.password, dbname=self.database)


def _bindir() -> Path | None:
    candidates: list[str] = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner() -> list[str]:
    """The prefix that runs a server command as a non-root user."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", "-u", "postgres"], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server on 127.0.0.1 with a password-protected ``loader`` role owning the
    ``activenet`` database."""
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("ACTIVENET_REQUIRE_SERVERS") == "1":
            pytest.fail(f"{SKIP_REASON}; ACTIVENET_REQUIRE_SERVERS=1 requires it")
        pytest.skip(SKIP_REASON)
    import psycopg2

    prefix = _as_owner()
    root = Path(tempfile.mkdtemp(prefix="activenet-pg-"))
    data, log = root / "data", root / "server.log"
    admin_pw, loader_pw = secrets.token_hex(16), "pw-" + secrets.token_hex(12)
    (root / "pw").write_text(admin_pw)
    if prefix:
        shutil.chown(root, "postgres")
        shutil.chown(root / "pw", "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=scram-sha-256", f"--pwfile={root / 'pw'}", "-E", "UTF8"], **run)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                    "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"], **run)
    try:
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="postgres",
                                 password=admin_pw, dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute("CREATE ROLE loader LOGIN PASSWORD %s", (loader_pw,))
            cur.execute("CREATE DATABASE activenet OWNER loader")
        admin.close()
        yield PgServer("127.0.0.1", port, "loader", loader_pw, "activenet")
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
