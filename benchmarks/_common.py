"""Shared pieces: figures and their goals, spreads, core pinning, the server subprocess, the
floor's Struct."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    """One row of the table: a median over ``runs``, its goal, and whether it is met."""

    key: str
    name: str
    value: float
    unit: str = ""
    goal: str = ""
    met: bool | None = None       # None: reported, no goal
    runs: list[float] = field(default_factory=list)
    fmt: str = "{:.2f}"
    note: str = ""

    def shown(self) -> str:
        text = self.fmt.format(self.value)
        return f"{text} {self.unit}".strip()

    def runs_text(self) -> str:
        """The spread of the rounds for the table: every value when there are few, else the
        count, the interquartile range and the range."""
        if len(self.runs) <= 5:
            return ", ".join(self.fmt.format(x) for x in self.runs)
        return f"{len(self.runs)} rounds, {spread(self.runs, self.fmt, iqr=True)}"

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if len(self.runs) >= 2:
            d["q1"], _, d["q3"] = quartiles(self.runs)
        return d


def median(xs: list[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def quartiles(xs: list[float]) -> tuple[float, float, float]:
    """First quartile, median and third quartile (inclusive method: a quartile lies within the
    data, so 5 rounds give their 2nd and 4th values)."""
    if len(xs) < 2:
        m = median(xs)
        return m, m, m
    q1, q2, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q1, q2, q3


def spread(xs: list[float], fmt: str = "{:.2f}", *, iqr: bool = False) -> str:
    """``min–max`` of the runs for the notes; with ``iqr``, ``IQR q1–q3, min–max``."""
    if len(xs) < 2:
        return ""
    span = f"{fmt.format(min(xs))}–{fmt.format(max(xs))}"
    if not iqr:
        return span
    q1, _, q3 = quartiles(xs)
    return f"IQR {fmt.format(q1)}–{fmt.format(q3)}, range {span}"


def cores() -> list[int]:
    """The CPUs this process may run on (all of ``os.cpu_count()`` where affinity is not
    available)."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def placement() -> tuple[int | None, int | None]:
    """(server core, client core): the first two allowed CPUs, or (None, None) when there are
    fewer than two or the platform cannot pin (then neither side is pinned)."""
    allowed = cores()
    if len(allowed) < 2 or not hasattr(os, "sched_setaffinity"):
        return None, None
    return allowed[0], allowed[1]


def pin_self(cpu: int | None) -> bool:
    """Pin this process to ``cpu``; False (and no change) where that is not possible."""
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return False
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError:
        return False
    return True


@contextlib.contextmanager
def pinned(cpu: int | None) -> Iterator[bool]:
    """Run the block pinned to ``cpu`` (yields whether it is), then restore the affinity."""
    before = cores() if hasattr(os, "sched_getaffinity") else None
    ok = pin_self(cpu)
    try:
        yield ok
    finally:
        if ok and before is not None:
            os.sched_setaffinity(0, set(before))


BOOSTED_ENV = "ACTIVENET_BENCH_BOOSTED"
NICE = -10


def rerun_boosted(argv: list[str]) -> int | None:
    """Run ``python -m benchmarks argv`` again in a session of its own, so that it gets an
    autogroup of its own whose priority it may raise (see ``raise_priority``); return its exit
    status. None (run here, unboosted) where that cannot help: not Linux, not root, or already
    the re-run. Linux's scheduler shares the cores between sessions (autogroups) before it
    looks at any process's nice value, so another session's test run takes half of the
    client's core whatever this process's nice is; with its own autogroup at nice -10 the
    walk keeps ~90 % of its core against one busy neighbour."""
    if (os.environ.get(BOOSTED_ENV) or not sys.platform.startswith("linux")
            or not hasattr(os, "geteuid") or os.geteuid() != 0):
        return None
    env = {**os.environ, BOOSTED_ENV: "1"}
    return subprocess.call([sys.executable, "-m", "benchmarks", *argv], env=env,
                           start_new_session=True)


def raise_priority() -> str:
    """Raise this session's autogroup and this process to nice -10 where permitted (children,
    the servers included, inherit both); return what was done, for the results."""
    done = []
    try:
        Path("/proc/self/autogroup").write_text(f"{NICE}\n")
        done.append(f"autogroup nice {NICE}")
    except OSError:
        pass
    try:
        os.setpriority(os.PRIO_PROCESS, 0, NICE)
        done.append(f"nice {NICE}")
    except (OSError, AttributeError):
        pass
    return ", ".join(done) or "normal"


def child_env() -> dict[str, str]:
    """The environment of a child process: this repository on its path, after any PYTHONPATH
    given (so that ``PYTHONPATH=/other/copy python -m benchmarks``, run from outside the
    repository, measures that copy of the package in every process)."""
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}


def sig(api_key: str, secret: str) -> str:
    """The ACTIVE request signature (what every client, SDK or not, must send)."""
    return hashlib.sha256(f"{api_key}{secret}{int(time.time())}".encode()).hexdigest()


@dataclass
class Server:
    base_url: str
    org: str
    api_key: str
    secret: str
    proc: subprocess.Popen[str]
    cpu: int | None = None      # the core the server is pinned to, if it is

    @property
    def customers_url(self) -> str:
        return f"{self.base_url}/ANETGateway/rest/anet-insightsapi/customers"

    def set_latency(self, seconds: float) -> None:
        """Delay every later answer by ``seconds`` (a command on the server's stdin, answered
        once it applies, so the next request already sees it)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"latency": seconds}) + "\n")
        self.proc.stdin.flush()
        ack = json.loads(self.proc.stdout.readline() or "{}")
        if ack.get("latency") != seconds:
            raise RuntimeError(f"benchmark server did not set its latency: {ack!r}")


@contextlib.contextmanager
def server_process(kind: str, *, records: int, latency: float = 0.0,
                   cpu: int | None = None) -> Iterator[Server]:
    """Start ``benchmarks._server`` in a process of its own (pinned to ``cpu`` if given and
    possible); stop it on exit."""
    cmd = [sys.executable, "-m", "benchmarks._server", kind, "--records", str(records),
           "--latency", str(latency)]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=child_env())
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"benchmark server {kind} did not start")
        info = json.loads(line)
        yield Server(info["base_url"], info["org"], info["api_key"], info["secret"], proc,
                     info.get("cpu"))
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def json_type(value: Any) -> Any:
    if isinstance(value, bool):
        return bool
    if isinstance(value, int):
        return int
    if isinstance(value, float):
        return float
    if isinstance(value, str):
        return str
    raise TypeError(f"no scalar JSON type for {value!r}")


def floor_struct(sample: dict[str, Any], name: str = "FloorCustomer") -> type[msgspec.Struct]:
    """A plain msgspec Struct of exactly the JSON types of ``sample`` (lists of objects become
    lists of nested Structs): no leniency, no __post_init__, default Struct options."""
    fields: list[tuple[str, Any, Any]] = []
    for key, value in sample.items():
        if isinstance(value, list):
            item = floor_struct(value[0], name + "Item") if value else Any
            t: Any = list[item]  # type: ignore[valid-type]
        else:
            t = json_type(value)
        fields.append((key, t | None, None))
    return msgspec.defstruct(name, fields, kw_only=True)


def floor_envelope(record: type[msgspec.Struct]) -> type[msgspec.Struct]:
    """The Insights ``page``/``pageSize`` envelope around records of ``record``."""
    return msgspec.defstruct("FloorPage", [
        ("page", int), ("pageSize", int), ("pageRowCount", int), ("filteredRowCount", int),
        ("totalRowCount", int), ("data", list[record])], kw_only=True)  # type: ignore[valid-type]


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``fn``; return its result, wall seconds and CPU seconds of this process."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def _run_delay() -> float | None:
    """Seconds this thread has so far spent runnable but waiting for a core (Linux schedstat:
    the time another process held the core); None where the kernel does not say."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def measured(fn: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Run ``fn``; return its result and ``wall``, ``cpu`` (this process's user + system
    seconds) and, where the kernel reports it, ``waited``: the seconds this thread was ready to
    run but another process had its core. ``wall - waited`` is the wall time the walk would
    have taken with the core to itself, which the latency figures use."""
    d0, c0, t0 = _run_delay(), time.process_time(), time.perf_counter()
    result = fn()
    wall, cpu, d1 = time.perf_counter() - t0, time.process_time() - c0, _run_delay()
    out = {"wall": wall, "cpu": cpu}
    if d0 is not None and d1 is not None:
        out["waited"] = d1 - d0
    return result, out


def slope(times: list[float]) -> float:
    """Least-squares slope of request index against arrival time (requests per second)."""
    n = len(times)
    if n < 2:
        return float("nan")
    mx, my = sum(times) / n, (n - 1) / 2
    cov = sum((t - mx) * (i - my) for i, t in enumerate(times))
    var = sum((t - mx) ** 2 for t in times)
    return cov / var if var else float("inf")
