"""The README tells the truth: its operations table is the one the code generates, and its
quick start's test command is the one CI runs."""

from __future__ import annotations

from pathlib import Path

from activenet_async._operations.readme import END, START, markdown
from activenet_async._operations.table import OPERATIONS

from ._reference import documented_operations

ROOT = Path(__file__).resolve().parent.parent


def test_operations_table_is_current() -> None:
    """Catches: an operation added or changed without `nox -s docs_table`."""
    text = (ROOT / "README.md").read_text()
    table = text.split(START, 1)[1].split(END, 1)[0]
    assert table.strip() == markdown().strip()


def test_every_operation_is_declared() -> None:
    """Catches: an operation of the reference missing from the SDK, or one the SDK declares that
    the reference does not document (counted from the reference's texts, per API)."""
    documented = documented_operations()
    for api in ("system", "insights"):
        declared = {op.name for op in OPERATIONS.values() if op.api == api}
        assert declared == documented[api], api
    assert len(OPERATIONS) == sum(map(len, documented.values()))


def test_ci_runs_the_readme_test_command() -> None:
    """Catches: .ci/run drifting from the command the README gives newcomers."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = "python -m pip install -q -e '.[test]' && python -m pytest -q -p no:cacheprovider"
    assert command in readme and command in ci
