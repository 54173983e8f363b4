"""Output writers of the export command: JSON Lines, CSV and Parquet, each resumable.

A writer appends records and, at ``checkpoint()``, makes everything written so far durable and
returns its position; after a crash the export truncates back to the last position recorded
in its progress file, so a page is never half in the output. JSON Lines and CSV persist on
every checkpoint (a flush); Parquet buffers rows and persists them as numbered part files,
merged into the final file at the end.

Nothing is written at the output path itself until the export completes: records go to
``<out>.partial`` (Parquet: ``<out>.parts/``), which ``close()`` makes durable (fsync) and moves
into place with one ``os.replace``. A failed export thus never destroys an existing file; its
partial file stays only when a progress file records how to continue it (``--resume``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, get_type_hints

import msgspec

from .._annotations import TypeInfo, read
from .._decode import dump_json
from .._errors import RequestValidationError
from .._lenient import lenient_kind


def _iso(v: date | datetime) -> str:
    return v.isoformat(sep=" ") if isinstance(v, datetime) else v.isoformat()


def columns(record_type: Any) -> list[tuple[str, str]]:
    """(JSON key, attribute) of each field of a record Struct, in declaration order."""
    if isinstance(record_type, type) and issubclass(record_type, msgspec.Struct):
        return [(f.encode_name, f.name) for f in msgspec.structs.fields(record_type)]
    return []


def _value(r: Any, key: str, attr: str) -> Any:
    return r.get(key) if isinstance(r, dict) else getattr(r, attr, None)


def partial_path(out: str) -> Path:
    """Where a JSON Lines or CSV export to ``out`` writes until it completes."""
    return Path(f"{out}.partial")


def partial_output(out: str, fmt: str) -> Path:
    """Where an unfinished export to ``out`` keeps its records (what ``--resume`` continues)."""
    return Path(f"{out}.parts") if fmt == "parquet" else partial_path(out)


def _fsync_and_replace(tmp: Path, final: Path) -> None:
    """Move the finished ``tmp`` to ``final`` atomically, its bytes (and the rename) on disk."""
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)
    try:
        fd = os.open(final.parent, os.O_RDONLY)
    except OSError:  # a platform whose folders cannot be opened (Windows): the rename stands
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Writer:
    """Base of the writers: ``write`` records, ``checkpoint`` to persist, ``close`` to finish
    (the output appears at its path), or ``abandon`` after a failure."""

    def write(self, records: list[Any]) -> None:
        raise NotImplementedError

    def checkpoint(self) -> dict[str, Any] | None:
        """Persist what was written; its position, or None if it is still buffered."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output and move it into place (blocking: run it off the event loop)."""
        raise NotImplementedError

    def abandon(self, *, keep: bool) -> None:
        """Stop after a failure; leave the output path untouched. ``keep``: leave the partial
        output for ``--resume`` (a progress file points into it), else remove it."""
        raise NotImplementedError


class _FileWriter(Writer):
    def __init__(self, path: str, position: dict[str, Any] | None) -> None:
        self._stdout = path == "-"
        self.path = Path(path)
        self.partial = partial_path(path)
        if self._stdout:
            self._f: BinaryIO = sys.stdout.buffer
        else:
            if position and not self.partial.exists():
                raise RequestValidationError(
                    f"the partial output {self.partial} is gone, so the export cannot "
                    f"continue; remove {path}.progress.json to start over", argument="--resume")
            mode = "r+b" if position else "wb"
            self._f = open(self.partial, mode)  # type: ignore[assignment]  # noqa: SIM115
            if position:
                self._f.truncate(position["offset"])
                self._f.seek(position["offset"])
        self.header_written = bool(position and position.get("offset"))

    def checkpoint(self) -> dict[str, Any] | None:
        self._f.flush()
        return None if self._stdout else {"offset": self._f.tell()}

    def close(self) -> None:
        self._f.flush()
        if not self._stdout:
            self._f.close()
            _fsync_and_replace(self.partial, self.path)

    def abandon(self, *, keep: bool) -> None:
        if self._stdout:
            self._f.flush()
            return
        self._f.close()
        if not keep:
            self.partial.unlink(missing_ok=True)


class JsonlWriter(_FileWriter):
    """One JSON object per line."""

    def write(self, records: list[Any]) -> None:
        self._f.write(b"".join(dump_json(r) + b"\n" for r in records))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime | date):
        return _iso(v)
    if isinstance(v, str | int | float):
        return str(v)
    return dump_json(v).decode()


class CsvWriter(_FileWriter):
    """One row per record; columns follow the record Struct, nested values as JSON text."""

    def __init__(self, path: str, position: dict[str, Any] | None, record_type: Any) -> None:
        super().__init__(path, position)
        self.columns = columns(record_type)

    def write(self, records: list[Any]) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if not self.columns and records:
            first = records[0]
            self.columns = ([(k, k) for k in first] if isinstance(first, dict)
                            else columns(type(first)))
        if not self.header_written:
            w.writerow([k for k, _ in self.columns])
            self.header_written = True
        for r in records:
            w.writerow([_cell(_value(r, k, a)) for k, a in self.columns])
        self._f.write(buf.getvalue().encode())


# ---- Parquet ---------------------------------------------------------------------------

def _arrow_type(t: Any) -> Any:
    return _arrow_of(read(t))


def _arrow_of(info: TypeInfo) -> Any:
    import pyarrow as pa

    by_kind: dict[str, Any] = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(),
                               "datetime": pa.timestamp("us"), "date": pa.date32()}
    kind = lenient_kind(info) or info.kind  # a lenient field is typed by what it decodes to
    if kind in by_kind:
        return by_kind[kind]
    if info.kind == "list" and info.item is not None:
        return pa.list_(_arrow_of(info.item))
    if info.kind == "struct":
        return pa.struct(_arrow_fields(info.type))
    return pa.string()  # text, and a union of several types (kept as its JSON text)


def _arrow_fields(cls: type[Any]) -> list[Any]:
    import pyarrow as pa

    hints = get_type_hints(cls, include_extras=True)
    return [pa.field(f.encode_name, _arrow_type(hints[f.name]))
            for f in msgspec.structs.fields(cls)]


def _plain(v: Any, t: Any) -> Any:
    """A record value as pyarrow expects it for type ``t``."""
    import pyarrow as pa

    if v is None:
        return None
    if isinstance(v, msgspec.Struct):
        return {f.encode_name: _plain(getattr(v, f.name), t.field(f.encode_name).type)
                for f in msgspec.structs.fields(v)}
    if isinstance(v, list) and pa.types.is_list(t):
        return [_plain(x, t.value_type) for x in v]
    if pa.types.is_string(t) and not isinstance(v, str):
        return dump_json(v).decode()
    return v


class ParquetWriter(Writer):
    """Rows buffered into numbered part files beside the output, merged at close."""

    def __init__(self, path: str, position: dict[str, Any] | None, record_type: Any,
                 rows_per_part: int = 50_000) -> None:
        try:
            import pyarrow as pa
        except ImportError:  # pragma: no cover - depends on the environment
            raise SystemExit("Parquet needs pyarrow: pip install 'activenet-async[parquet]'"
                             ) from None
        self.path = Path(path)
        self.parts = partial_output(path, "parquet")
        self.parts.mkdir(exist_ok=True)
        self.schema = pa.schema(_arrow_fields(record_type))
        self.columns = [(k, a, self.schema.field(k).type) for k, a in columns(record_type)]
        self.n_parts = int(position["parts"]) if position else 0
        for stale in self.parts.glob("part-*.parquet"):
            if int(stale.stem.split("-")[1]) >= self.n_parts:
                stale.unlink()  # written after the last recorded checkpoint
        self.rows: list[dict[str, Any]] = []
        self.rows_per_part = rows_per_part

    def write(self, records: list[Any]) -> None:
        for r in records:
            self.rows.append({k: _plain(_value(r, k, a), t) for k, a, t in self.columns})

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        tmp = self.parts / f".part-{self.n_parts:05d}.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.parts / f"part-{self.n_parts:05d}.parquet")
        self.n_parts += 1
        self.rows = []

    def checkpoint(self) -> dict[str, Any] | None:
        if len(self.rows) < self.rows_per_part:
            return None
        self._flush()
        return {"parts": self.n_parts}

    def final_checkpoint(self) -> dict[str, Any]:
        if self.rows:
            self._flush()
        return {"parts": self.n_parts}

    def close(self) -> None:
        import pyarrow.parquet as pq

        self.final_checkpoint()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(tmp, self.schema) as out:
            for i in range(self.n_parts):
                out.write_table(pq.read_table(self.parts / f"part-{i:05d}.parquet"))
        _fsync_and_replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)

    def abandon(self, *, keep: bool) -> None:
        if not keep:
            shutil.rmtree(self.parts, ignore_errors=True)


def open_writer(fmt: str, path: str, position: dict[str, Any] | None,
                record_type: Any) -> Writer:
    """The writer of ``fmt`` at ``path``, continuing at ``position`` when resuming."""
    if fmt == "jsonl":
        return JsonlWriter(path, position)
    if fmt == "csv":
        return CsvWriter(path, position, record_type)
    return ParquetWriter(path, position, record_type)
