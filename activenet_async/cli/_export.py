"""The export loop: walk an operation, write its records, checkpoint, resume.

Records go to a partial file beside ``--out`` that is moved into place only when the export
completes (see ``_writers``), so a failed export never destroys an existing file there.
The progress file ``<out>.progress.json`` (written atomically after the output is flushed)
records the job (operation, parameters, format), the slices (windows x chunks) complete, the next
page of the slice in progress, the output position, and the digests of the window-edge records
the next window may send again (a few per window edge: see ``edges``). ``--resume`` checks the
job is the same, truncates the output back to that position and continues from there, so the
final file holds every record exactly once whatever stopped the previous run (Ctrl-C, a crash,
kill -9).
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._client import ActiveNet
from .._errors import RequestValidationError
from .._operations.declare import Operation
from .._paging.pager import Pager
from .._warnings import DecodeReport
from ._args import job_difference
from ._progress import Progress
from ._writers import ParquetWriter, open_writer


@dataclass
class State:
    """What a resumed export needs to know."""

    job: dict[str, Any]
    done_slices: list[int] = field(default_factory=list)
    next_pages: dict[int, int] = field(default_factory=dict)
    position: dict[str, Any] | None = None
    records: int = 0
    seen: dict[str, Any] = field(default_factory=dict)  # the walk's window-edge memory

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "job": self.job, "done_slices": sorted(self.done_slices),
                "next_pages": {str(k): v for k, v in self.next_pages.items()},
                "position": self.position, "records": self.records, "seen": self.seen}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        # "done_units": the same list, as progress files written before the rename call it.
        done = data.get("done_slices", data.get("done_units", []))
        return cls(job=data["job"], done_slices=list(done),
                   next_pages={int(k): int(v) for k, v in data.get("next_pages", {}).items()},
                   position=data.get("position"), records=int(data.get("records", 0)),
                   seen=dict(data.get("seen") or {}))


def state_path(out: str) -> Path:
    return Path(f"{out}.progress.json")


def save_state(path: Path, state: State) -> None:
    """Write the progress file atomically (a crash leaves the old or the new one)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state.to_json()))
    os.replace(tmp, path)


def load_state(path: Path, job: dict[str, Any]) -> State | None:
    if not path.exists():
        return None
    state = State.from_json(json.loads(path.read_text()))
    if state.job != job:
        raise RequestValidationError(
            f"{path} belongs to another export ({job_difference(state.job, job)}); rerun that "
            "command to finish it, or remove the file (or use another --out) to start this one",
            argument="--resume")
    return state


@dataclass
class Summary:
    """The end of an export, for the closing line; ``report`` is what decoding repaired,
    skipped or did not know (``lines()`` gives it for the summary)."""

    records: int
    pages: int
    slices: int
    output: str
    report: DecodeReport = field(default_factory=DecodeReport)

    def lines(self) -> list[str]:
        """The decode report's lines, for the closing summary on stderr."""
        return self.report.summary()


async def export(anet: ActiveNet, op: Operation, kwargs: dict[str, Any], *, fmt: str,
                 out: str, job: dict[str, Any], resume: bool, progress: Progress | None,
                 raw: bool = False) -> Summary:
    """Walk ``op`` with ``kwargs`` and write every record to ``out``."""
    target: Any = anet.insights if op.namespace == "insights" else anet
    pager: Pager[Any] = getattr(target, op.method)(**kwargs)
    if raw:
        pager = pager.raw()
    stdout = out == "-"
    spath = state_path(out)
    state = load_state(spath, job) if resume and not stdout else None
    if state is None:
        state = State(job=job)
        if not stdout and spath.exists():
            spath.unlink()
    else:
        pager = pager.resume(state.done_slices, state.next_pages, state.seen)
    total_slices = len(pager.slices) + len(state.done_slices)
    if progress is not None:
        progress.total_slices, progress.done_slices = total_slices, len(state.done_slices)
        progress.records = state.records
    writer = open_writer(fmt, out, state.position, op.record)
    try:
        # Progress not yet persisted (Parquet buffers rows): applied to `state` at each checkpoint.
        pending_done: list[int] = []
        pending_next: dict[int, int] = {}
        pending_records = 0
        pages = 0
        walk = pager.pages()
        async for page in walk:
            writer.write(page.records)
            pages += 1
            pending_records += len(page.records)
            if page.last_of_slice:
                pending_done.append(page.slice_index)
                pending_next.pop(page.slice_index, None)
            else:
                pending_next[page.slice_index] = page.number + 1
            position = writer.checkpoint()
            if position is not None:
                state.done_slices.extend(pending_done)
                for u in pending_done:
                    state.next_pages.pop(u, None)
                state.next_pages.update(pending_next)
                state.records += pending_records
                state.position = position
                # Taken now, the edge memory matches exactly the pages persisted so far.
                state.seen = walk.seen()
                pending_done, pending_next, pending_records = [], {}, 0
                if not stdout:
                    save_state(spath, state)
            if progress is not None:
                progress.page(page, len(page.records))
        if isinstance(writer, ParquetWriter):
            writer.final_checkpoint()
    except BaseException:
        # The output path keeps what it held; the partial output stays only where a progress
        # file records how to continue it.
        writer.abandon(keep=not stdout and spath.exists())
        raise
    def finish() -> None:
        # fsync, Parquet merge, rename, then the progress file: one step off the event loop. A
        # cancellation arriving meanwhile cannot split it (the thread runs on), so the folder
        # holds either the partial output and its progress file, or the output and neither.
        writer.close()
        if not stdout:
            spath.unlink(missing_ok=True)

    await asyncio.to_thread(finish)
    state.records += pending_records
    if progress is not None:
        progress.draw(final=True)
    return Summary(state.records, pages, total_slices, out, walk.report)
