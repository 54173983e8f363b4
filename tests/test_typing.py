"""What a type checker sees of the package: the public names as what they are, every record class
under ``activenet_async.records``, ``raw=`` on every read method, a typed test client.

The mypy test runs ``python -m mypy --strict`` once over small user files, as a user's CI would;
the record classes it imports are found in the record modules, not copied from a list."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest

import activenet_async.records as records
from activenet_async._operations.table import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent


def record_classes() -> list[type[Any]]:
    """Every record class that ``activenet_async/records/*.py`` defines (a response record or a
    request body): public ``msgspec.Struct`` subclasses, found in the modules themselves, not
    in ``activenet_async.records`` (which is what is being checked)."""
    found = []
    for info in pkgutil.iter_modules(records.__path__):
        module = importlib.import_module(f"{records.__name__}.{info.name}")
        found += [obj for name, obj in vars(module).items()
                  if not name.startswith("_") and inspect.isclass(obj)
                  and issubclass(obj, msgspec.Struct) and obj.__module__ == module.__name__]
    return sorted(found, key=lambda c: c.__name__)


def mypy(tmp_path: Path, **sources: str) -> subprocess.CompletedProcess[str]:
    """One ``mypy --strict`` run over user modules ``{name}.py`` (its cache in ``tmp_path``)."""
    paths = []
    for name, source in sources.items():
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(source))
        paths.append(str(path.name))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy_cache"),
         *paths],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False)


GOOD = """
    from collections.abc import Mapping
    from datetime import date
    from typing import assert_type

    from activenet_async import (
        LIMITS,
        ActiveNet,
        HTTPStatusError,
        Insights,
        Limiter,
        Limits,
        NotFoundError,
        Pager,
        Permit,
    )
    from activenet_async.records import Activity, Organization
    from activenet_async.testing import FakeActiveNet


    async def use(anet: ActiveNet, fake: FakeActiveNet) -> None:
        assert_type(fake.client(), ActiveNet)
        assert_type(anet.insights, Insights)
        assert_type(anet.get_activities(site_ids=[1]), Pager[Activity])
        async for record in anet.get_activities(raw=True):
            print(record)
        async for record in anet.get_activities(site_ids=[1], raw=True):
            print(record)
        org = await anet.get_organization(raw=True)
        print(org)
        detail = await anet.get_activity_detail(1, raw=True)
        print(detail)
        typed: Organization = await anet.get_organization()
        print(typed)
        async for m in anet.insights.get_memberships(
                modified_date_from=date(2024, 1, 1), modified_date_to=date(2024, 2, 1),
                raw=True):
            print(m)


    def status_of(err: Exception) -> int | None:
        if isinstance(err, HTTPStatusError):
            assert_type(err.status, int | None)
            return err.status
        return None


    not_found: HTTPStatusError = NotFoundError("gone", status=404)
    limits: Mapping[str, Limits] = LIMITS


    # A custom limiter written with public names only (Limiter.acquire returns a Permit).
    class OneAtATime:
        rate = 1.0

        async def acquire(self) -> Permit:
            return Permit(0.0, [0.0])

        def penalize(self, seconds: float) -> None:
            print(seconds)


    custom: Limiter = OneAtATime()
    client = ActiveNet(org="orgtest", api_key="k3y", limiter=OneAtATime())
"""

# Each line marked ``# E`` must be an error, and no other line may be.
BAD = """
    from activenet_async import ActivNet  # E: a typo is an unknown name, not Any
    from activenet_async import OPERATIONS  # E: internals are not exported
    from activenet_async import signature  # E
    from activenet_async import LIMITS
    from activenet_async.records import Activty  # E

    print(ActivNet, OPERATIONS, signature, Activty)
    LIMITS["GetSites"] = LIMITS["GetSites"]  # E: a read-only view
"""


def records_source(classes: list[type[Any]]) -> str:
    """A user module importing every record class from ``activenet_async.records`` and checking
    that each is the class itself (``Any``, from a module ``__getattr__``, would fail)."""
    names = [c.__name__ for c in classes]
    lines = ["from typing import assert_type", "",
             "from activenet_async.records import (", *(f"    {n}," for n in names), ")", ""]
    lines += [f"assert_type({n}, type[{n}])" for n in names]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_type_checkers_see_the_public_names(tmp_path: Path) -> None:
    """Catches: a module-level ``__getattr__`` visible to type checkers, which makes every name
    (a typo such as ``ActivNet`` included) ``Any``; an internal still exported; read methods
    without ``raw=``, so that ``get_activities(raw=True)`` is rejected; ``FakeActiveNet.client()``
    typed ``Any``; ``HTTPStatusError`` or its ``status`` unknown; ``LIMITS`` typed as writable;
    a custom ``Limiter`` that cannot be written with public names (``Permit``);
    a record class of ``activenet_async/records/*.py`` that ``activenet_async.records`` does not
    export (or exports as ``Any``). One mypy run over three user modules."""
    classes = record_classes()
    assert len(classes) > 100
    out = mypy(tmp_path, good=GOOD, bad=BAD, user_records=records_source(classes))
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert not [e for e in errors if not e.startswith("bad.py:")], out.stdout + out.stderr
    expected = {i for i, line in enumerate(textwrap.dedent(BAD).splitlines(), 1)
                if "# E" in line}
    assert {int(e.split(":")[1]) for e in errors} == expected, out.stdout + out.stderr
    assert "ActivNet" in out.stdout
    assert out.returncode == 1, out.stdout + out.stderr


def test_unknown_public_name_still_fails_at_run_time() -> None:
    """Catches: the lazy loader hidden from type checkers but lost at run time too."""
    import activenet_async

    with pytest.raises(AttributeError, match="ActivNet"):
        activenet_async.ActivNet  # type: ignore[attr-defined]  # noqa: B018
    assert activenet_async.ActiveNet.__name__ == "ActiveNet"


def _structs(t: Any, seen: set[type[Any]]) -> None:
    """Every Struct type reachable from annotation ``t``, into ``seen``."""
    for arg in typing.get_args(t):
        _structs(arg, seen)
    if isinstance(t, type) and issubclass(t, msgspec.Struct) and t not in seen:
        seen.add(t)
        for hint in typing.get_type_hints(t, include_extras=True).values():
            _structs(hint, seen)


def test_every_record_class_is_importable_from_records() -> None:
    """Catches: a record type of an operation (or one nested in it) that
    ``from activenet_async.records import ...`` cannot reach, though the module's docstring
    promises it."""
    found: set[type[Any]] = set()
    for op in OPERATIONS.values():
        _structs(op.record, found)
    assert len(found) > 100
    missing = sorted(c.__name__ for c in found if getattr(records, c.__name__, None) is not c)
    assert not missing
    assert {name for name in records.__all__ if isinstance(getattr(records, name), type)} >= {
        c.__name__ for c in found}


def test_every_record_class_is_exported_from_records() -> None:
    """Catches: a record class defined in ``activenet_async/records/*.py`` (a response record or
    a request body, new ones included) that ``from activenet_async.records import ...`` cannot
    reach or that ``__all__`` leaves out, or a name reachable only through a module
    ``__getattr__`` (which type checkers see as ``Any``)."""
    classes = record_classes()
    assert {c.__name__ for c in classes} == set(records.__all__)
    for cls in classes:
        assert getattr(records, cls.__name__) is cls
    assert "__getattr__" not in vars(records)


def test_every_read_method_takes_raw() -> None:
    """Catches: a read operation whose signature lacks ``raw: bool = False`` (mypy then rejects
    ``raw=True``, which the SDK accepts at run time)."""
    import inspect

    from activenet_async import ActiveNet, Insights

    lacking = []
    for op in OPERATIONS.values():
        if op.kind in ("write", "bytes"):  # raw= reads JSON: writes and the photo have none
            continue
        cls = Insights if op.namespace == "insights" else ActiveNet
        param = inspect.signature(getattr(cls, op.method)).parameters.get("raw")
        if param is None or param.default is not False or param.annotation not in (bool, "bool"):
            lacking.append(op.qualified)
    assert not lacking


def test_help_does_not_import_aiohttp() -> None:
    """Catches: the lazy loading lost (an import at the top of the package or of the command
    line), which makes ``activenet-async --help`` pay for importing aiohttp."""
    code = ("import contextlib, sys\n"
            "import activenet_async\n"
            "from activenet_async.cli import main\n"
            "with contextlib.redirect_stdout(None), contextlib.suppress(SystemExit):\n"
            "    main(['export', '--help'])\n"
            "print(sorted(m for m in ('aiohttp', 'msgspec') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_operations_command_does_not_import_aiohttp() -> None:
    """Catches: the operation table importing the walk or the transport again (declarations
    name ``Pager``), which makes ``activenet-async operations`` pay for aiohttp."""
    code = ("import contextlib, io, sys\n"
            "from activenet_async.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['operations'])\n"
            "    main(['operations', 'get_activities'])\n"
            "print('aiohttp' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"
