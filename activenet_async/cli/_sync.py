"""``activenet-async sync``: load list operations into DuckDB or PostgreSQL through dlt.

The walks run concurrently on a background event loop under the key's one limiter (see
``activenet_async._sync.feed``); dlt extracts, normalises and loads in this thread. The database
password (from the URL or ``PGPASSWORD``) is never printed: every message is scrubbed of it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from typing import Any, Literal, TextIO
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .._errors import ActiveNetError, RequestValidationError
from .._operations.declare import Operation
from .._operations.table import find
from .._warnings import ActiveNetWarning
from ._sync_args import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE

INSTALL_HINT = "sync needs dlt and the database drivers: pip install 'activenet-async[sync]'"

@dataclass
class Target:
    """A parsed ``--to``: the dlt destination's name and credentials, and what to scrub."""

    kind: str
    credentials: str
    shown: str
    secret: str | None

    def scrub(self, text: str) -> str:
        """``text`` without the password (raw and URL-quoted forms)."""
        if self.secret:
            for form in {self.secret, quote(self.secret, safe="")}:
                text = text.replace(form, "***")
        return text


def parse_target(url: str) -> Target:
    """``duckdb:///PATH`` or ``postgresql://USER[:PASS]@HOST[:PORT]/DB`` (password also from
    PGPASSWORD); anything else is a usage error."""
    if url.startswith("duckdb:///"):
        path = url.removeprefix("duckdb:///")
        if not path:
            raise RequestValidationError("duckdb:///PATH needs a file path", argument="--to")
        return Target("duckdb", path, path, None)
    parts = urlsplit(url)
    if parts.scheme in ("postgresql", "postgres"):
        if not parts.hostname or not parts.path.strip("/"):
            raise RequestValidationError("write postgresql://USER@HOST:PORT/DATABASE",
                                         argument="--to")
        password = unquote(parts.password) if parts.password else os.environ.get("PGPASSWORD")
        user = parts.username or ""
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        auth = quote(unquote(user), safe="")
        shown = urlunsplit(("postgresql", f"{auth}@{host}" if user else host, parts.path, "", ""))
        if password:
            auth += ":" + quote(password, safe="")
        creds = urlunsplit(("postgresql", f"{auth}@{host}", parts.path, parts.query, ""))
        return Target("postgres", creds, shown, password)
    raise RequestValidationError(
        f"unsupported --to {urlunsplit((parts.scheme, parts.hostname or '', '', '', ''))!r}: "
        "use duckdb:///PATH or postgresql://USER@HOST:PORT/DB", argument="--to")


# ---- progress ------------------------------------------------------------------------------

class Progress:
    """Per-operation progress on stderr: redrawn in place on a terminal, one line per finished
    operation otherwise. Runs on its own thread while dlt holds this one."""

    def __init__(self, feed: Any, tables: list[str], stream: TextIO, enabled: bool,
                 scrub: Any) -> None:
        self.feed, self.tables, self.stream = feed, tables, stream
        self.enabled, self.scrub = enabled, scrub
        self.tty = stream.isatty()
        self.reported: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.enabled:
            self.draw(final=True)

    def _loop(self) -> None:
        while not self._stop.wait(0.2 if self.tty else 0.5):
            self.draw()

    def draw(self, final: bool = False) -> None:
        """Redraw the line (terminal) or print the operations finished since the last call."""
        parts = []
        for table in self.tables:
            st = self.feed.stats.get(table)
            if st is None:
                parts.append(f"{table}: waiting")
                continue
            state = "done" if st.finished else f"{st.slices_done}/{st.slices} slices"
            parts.append(f"{table}: {st.records:,} records, {st.pages} pages, {state}")
            if not self.tty and st.finished and table not in self.reported:
                self.reported.add(table)
                self.stream.write(self.scrub(f"activenet-async: {parts[-1]}\n"))
        if self.tty:
            end = "\n" if final else ""
            self.stream.write("\r\x1b[K" + self.scrub(" | ".join(parts))[:240] + end)
        self.stream.flush()


# ---- the command -----------------------------------------------------------------------------

def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"activenet-async: {message}\n")
    return code


def _chain(e: BaseException) -> list[BaseException]:
    """``e`` and what caused it (dlt wraps a resource's exception in its own)."""
    out: list[BaseException] = []
    cur: BaseException | None = e
    while cur is not None and cur not in out:
        out.append(cur)
        inner = getattr(cur, "exception", None)
        cur = inner if isinstance(inner, BaseException) else cur.__cause__ or cur.__context__
    return out


def _parse(args: argparse.Namespace) -> list[tuple[Operation, dict[str, Any]]]:
    from ._args import parse_value

    ops: list[Operation] = []
    for name in args.operations:
        try:
            op = find(name)
        except KeyError:
            raise RequestValidationError(f"unknown operation {name!r}; `activenet-async "
                                         "operations` lists them", argument="OPERATION") from None
        if op.kind != "list":
            raise RequestValidationError(f"{op.qualified} is not a list operation",
                                         argument="OPERATION")
        ops.append(op)
    kwargs: list[dict[str, Any]] = [{} for _ in ops]
    for pair in args.param:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep:
            raise RequestValidationError(f"{pair!r}: write --param NAME=VALUE",
                                         argument="--param")
        takers = [i for i, op in enumerate(ops) if name in op.params]
        if not takers:
            raise RequestValidationError(f"no named operation takes {name!r}", argument=name)
        for i in takers:
            kwargs[i][name] = parse_value(ops[i].params[name], text)
    return list(zip(ops, kwargs, strict=True))


def _precheck(op: Operation, kwargs: dict[str, Any]) -> None:
    """Validate arguments before any request; the range an incremental run fills in itself
    (its end, and its start once state is saved) is filled with a placeholder here."""
    from datetime import datetime

    from ..dlt import INCREMENTAL

    probe = dict(kwargs)
    inc = INCREMENTAL.get(op.name)
    if inc is not None:
        now = datetime.now().replace(second=0, microsecond=0)
        for name in (inc.end, inc.start):
            if name and name not in probe and op.params[name].required:
                probe[name] = probe.get(inc.end or "", now) if name == inc.start else now
    op.encode(op.bind((), probe))


def run_sync(args: argparse.Namespace) -> int:
    """Run ``activenet-async sync``; returns the exit status."""
    try:
        import dlt
    except ImportError:
        return _fail(INSTALL_HINT, EXIT_USAGE)
    from . import credentials

    try:
        target = parse_target(args.to)
        __import__("duckdb" if target.kind == "duckdb" else "psycopg2")
    except RequestValidationError as e:
        return _fail(str(e), EXIT_USAGE)
    except ImportError:
        return _fail(INSTALL_HINT, EXIT_USAGE)
    try:
        jobs = _parse(args)
        for op, kwargs in jobs:
            _precheck(op, kwargs)
        opts = credentials(args)
    except (RequestValidationError, TypeError) as e:
        return _fail(str(e), EXIT_USAGE)
    except Exception as e:  # a missing credential or an unreadable --env-file
        return _fail(str(e), EXIT_USAGE)

    from .._client import ActiveNet
    from .._sync.columns import table_name
    from .._sync.feed import Feed
    from ..dlt import activenet_source

    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")  # nothing leaves the machine
    # dlt gzips its intermediate files by default: a third of a load's time, for files it
    # deletes once loaded.
    os.environ.setdefault("DATA_WRITER__DISABLE_COMPRESSION", "true")
    digest = hashlib.sha256(f"{target.kind}|{target.shown}|{args.dataset}".encode()).hexdigest()
    destination = (dlt.destinations.duckdb(target.credentials) if target.kind == "duckdb"
                   else dlt.destinations.postgres(target.credentials))
    pipeline = dlt.pipeline(f"activenet_{digest[:12]}", destination=destination,
                            dataset_name=args.dataset)
    tables = [table_name(op) for op, _ in jobs]
    started = time.monotonic()
    show = not args.quiet
    with Feed(lambda: ActiveNet(**opts)) as feed, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        source = activenet_source([(op.qualified, kw) for op, kw in jobs], feed=feed)
        try:
            with Progress(feed, tables, sys.stderr, show, target.scrub):
                refresh: dict[str, Any] = ({"refresh": "drop_resources"}
                                           if args.full_refresh else {})
                # Bulk formats: DuckDB reads Parquet, PostgreSQL COPYs CSV; row-by-row INSERT
                # statements (dlt's default for both) load 20-50 times slower.
                fmt: Literal["parquet", "csv"] = ("parquet" if target.kind == "duckdb"
                                                  else "csv")
                info = pipeline.run(source, loader_file_format=fmt, **refresh)
        except KeyboardInterrupt:
            return _fail("interrupted; nothing was saved as done: rerun the same command",
                         EXIT_INTERRUPTED)
        except Exception as e:
            chain = _chain(e)
            if any(isinstance(x, KeyboardInterrupt) for x in chain):  # dlt wraps Ctrl-C
                return _fail("interrupted; nothing was saved as done: rerun the same command",
                             EXIT_INTERRUPTED)
            usage = next((x for x in chain if isinstance(x, RequestValidationError)), None)
            if usage is not None:
                return _fail(target.scrub(str(usage)), EXIT_USAGE)
            api = next((x for x in chain if isinstance(x, ActiveNetError)), None)
            cause = api or chain[-1]
            what = f"{type(cause).__name__}: {str(cause).strip()}"
            return _fail(target.scrub(f"sync failed: {what}\n  the saved state is unchanged: "
                                      "rerun the same command"), EXIT_FAILURE)
        requests = feed.requests
        walk_warnings = [w for st in feed.stats.values() for w in st.warnings]
    if show:
        _summary(pipeline, info, tables, target, requests, time.monotonic() - started,
                 walk_warnings + sorted({str(w.message) for w in caught
                                                 # the walks' reports count these already
                                                 if not issubclass(w.category, ActiveNetWarning)}))
    return 0


def _summary(pipeline: Any, info: Any, tables: list[str], target: Target, requests: int,
             elapsed: float, notes: list[str]) -> None:
    trace = pipeline.last_trace
    norm = trace.last_normalize_info if trace is not None else None
    counts: dict[str, int] = dict(norm.row_counts) if norm is not None else {}
    lines = [f"loaded into {target.kind} {target.shown} (dataset {pipeline.dataset_name}):"]
    for table in sorted(counts):
        if table.startswith("_dlt"):
            continue
        lines.append(f"  {table:40} {counts[table]:>10,} rows")
    for table in tables:
        if table not in counts:
            lines.append(f"  {table:40} {0:>10,} rows")
    lines.append(f"{requests:,} requests, {elapsed:.1f}s")
    lines += [f"warning: {n}" for n in notes]
    sys.stderr.write(target.scrub("\n".join(lines)) + "\n")
