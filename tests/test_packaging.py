"""The package's card tells the truth: licence file, supported Pythons, dependencies used."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_license_file_matches_the_declared_license() -> None:
    """Catches: ``license = "MIT"`` declared with no licence text shipped beside it."""
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_classifiers_name_the_pythons_the_tests_run_on() -> None:
    """Catches: classifiers (or requires-python) drifting from the Python versions the nox
    ``tests`` session runs the suite on."""
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    pythons = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                   if isinstance(node, ast.Assign)
                   and any(getattr(t, "id", None) == "PYTHONS" for t in node.targets))
    declared = [c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"]
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert declared == pythons
    assert PROJECT["requires-python"] == f">={pythons[0]}"


def test_every_dependency_is_imported() -> None:
    """Catches: a runtime dependency that nothing imports (anyio was one)."""
    sources = "\n".join(p.read_text() for p in (ROOT / "activenet_async").rglob("*.py"))
    for requirement in PROJECT["dependencies"]:
        name = re.split(r"[<>=!~; \[]", requirement, maxsplit=1)[0]
        assert re.search(rf"^\s*(import|from) {name}\b", sources, re.M), name


def test_version_is_the_declared_one() -> None:
    """Catches: ``activenet_async.__version__`` (public) drifting from the version the package
    is published under."""
    import activenet_async

    assert activenet_async.__version__ == PROJECT["version"]


def test_wheel_ships_the_typing_marker() -> None:
    """Catches: ``py.typed`` lost or left out of the wheel, which makes type checkers ignore the
    package's annotations (every public name becomes ``Any`` for users)."""
    assert (ROOT / "activenet_async" / "py.typed").is_file()
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"]["wheel"]
    assert wheel["packages"] == ["activenet_async"]
    assert not any("py.typed" in pattern for pattern in wheel.get("exclude", []))
