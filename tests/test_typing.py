"""What a type checker sees of the package: the public names as what they are, every record class
under ``activenet_async.records``, ``raw=`` on every read method, a typed test client.

These tests run ``python -m mypy --strict`` on a small user file, as a user's CI would."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest

import activenet_async.records as records
from activenet_async import CustomerPhoto
from activenet_async._operations.declare import OPERATIONS, load_all

ROOT = Path(__file__).resolve().parent.parent


def mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` over ``source`` written as a user's module."""
    path = tmp_path / "user_code.py"
    path.write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path / ".mypy_cache"), str(path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False)


@pytest.mark.slow
def test_type_checkers_see_the_public_names(tmp_path: Path) -> None:
    """Catches: a module-level ``__getattr__`` visible to type checkers, which makes every name
    (a typo such as ``ActivNet`` included) ``Any``; and read methods without ``raw=``, so that
    ``get_activities(raw=True)`` is rejected; and ``FakeActiveNet.client()`` typed ``Any``."""
    good = mypy(tmp_path, """
        from datetime import date
        from typing import assert_type

        from activenet_async import ActiveNet, Insights, Pager
        from activenet_async.records import Activity, Organization
        from activenet_async.testing import FakeActiveNet


        async def use(anet: ActiveNet, fake: FakeActiveNet) -> None:
            assert_type(fake.client(), ActiveNet)
            assert_type(anet.insights, Insights)
            assert_type(anet.get_activities(site_ids=[1]), Pager[Activity])
            raw_pager = anet.get_activities(site_ids=[1], raw=True)
            async for record in raw_pager:
                print(record)
            org = await anet.get_organization(raw=True)
            print(org)
            typed: Organization = await anet.get_organization()
            print(typed)
            async for m in anet.insights.get_memberships(
                    modified_date_from=date(2024, 1, 1), modified_date_to=date(2024, 2, 1),
                    raw=True):
                print(m)
    """)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = mypy(tmp_path, """
        from activenet_async import ActivNet

        print(ActivNet)
    """)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "ActivNet" in bad.stdout


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
    load_all()
    found: set[type[Any]] = set()
    for op in OPERATIONS.values():
        _structs(op.record, found)
    found.discard(CustomerPhoto)  # image bytes, not a JSON record: in activenet_async itself
    assert len(found) > 100
    missing = sorted(c.__name__ for c in found if getattr(records, c.__name__, None) is not c)
    assert not missing
    assert {name for name in records.__all__ if isinstance(getattr(records, name), type)} >= {
        c.__name__ for c in found}


def test_every_read_method_takes_raw() -> None:
    """Catches: a read operation whose signature lacks ``raw: bool = False`` (mypy then rejects
    ``raw=True``, which the SDK accepts at run time)."""
    import inspect

    from activenet_async import ActiveNet, Insights

    load_all()
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
