"""Shared pieces: figures and their goals, the server subprocess, medians, the floor's Struct."""

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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median(xs: list[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def spread(xs: list[float], fmt: str = "{:.2f}") -> str:
    """``min-max`` of the runs, for the notes."""
    if len(xs) < 2:
        return ""
    return f"{fmt.format(min(xs))}–{fmt.format(max(xs))}"


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

    @property
    def customers_url(self) -> str:
        return f"{self.base_url}/ANETGateway/rest/anet-insightsapi/customers"


@contextlib.contextmanager
def server_process(kind: str, *, records: int, latency: float = 0.0) -> Iterator[Server]:
    """Start ``benchmarks._server`` in a process of its own; stop it on exit."""
    cmd = [sys.executable, "-m", "benchmarks._server", kind, "--records", str(records),
           "--latency", str(latency)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=child_env())
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"benchmark server {kind} did not start")
        info = json.loads(line)
        yield Server(info["base_url"], info["org"], info["api_key"], info["secret"], proc)
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
