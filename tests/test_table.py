"""The operation table is complete whenever it is read and cannot be changed by accident."""

import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import timedelta

import pytest

from activenet_async._operations.declare import Limits
from activenet_async._operations.table import LIMITS, OPERATIONS, find

from ._reference import documented_operations


@pytest.mark.parametrize("module", ["activenet_async._operations.declare",
                                    "activenet_async._operations.table",
                                    "activenet_async._dispatch"])
def test_table_is_complete_without_the_client(module: str) -> None:
    """Reading the table never depends on what was imported before (the client, say)."""
    code = (f"import {module}, sys\n"
            "from activenet_async._operations.table import OPERATIONS\n"
            "assert 'activenet_async._client' not in sys.modules\n"
            "print(len(OPERATIONS))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == str(sum(map(len, documented_operations().values())))


def test_limits_are_read_only() -> None:
    with pytest.raises(TypeError):
        LIMITS["GetSites"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        LIMITS["GetFamilyMembers"].lists["family_ids"] = 1  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        LIMITS["GetSites"].page_size = 3  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        OPERATIONS["GetSites"].limits = Limits()  # type: ignore[misc]
    with pytest.raises(TypeError):
        OPERATIONS["GetSites"] = OPERATIONS["GetCenters"]  # type: ignore[index]


def test_limits_keep_a_copy_of_the_lists() -> None:
    caps = {"site_ids": 3}
    lim = Limits(window=timedelta(days=2), lists=caps)
    caps["site_ids"] = 99
    assert lim.lists == {"site_ids": 3}
    assert lim.with_(lists={"x": 1}).lists == {"site_ids": 3, "x": 1}


def test_find_by_every_name() -> None:
    op = OPERATIONS["insights.memberships"]
    assert find("insights.get_memberships") is op is find("insights.memberships")
    assert find("get_activities") is find("GetActivities") is OPERATIONS["GetActivities"]
    with pytest.raises(KeyError):
        find("get_nothing")


def test_incremental_operations_are_declared_on_the_operation() -> None:
    """Catches: an incremental declaration naming an argument the method does not take or a
    field the record lacks (the dlt loader would resume from nothing)."""
    from activenet_async.dlt import INCREMENTAL

    assert len(INCREMENTAL) == 11
    for name, inc in INCREMENTAL.items():
        op = OPERATIONS[name]
        assert op.incremental is inc and op.kind == "list"
        assert inc.start in op.params and (inc.end is None or inc.end in op.params)
        assert inc.cursor is None or inc.cursor in op.record.__struct_fields__


def test_a_write_declares_its_body() -> None:
    """A write without a body (or a read with one) is refused where it is declared."""
    from activenet_async._operations.declare import Body, operation
    from activenet_async.records.customer_requests import FamilyCreate

    with pytest.raises(TypeError, match="body"):
        operation("PostThing", "thing", kind="write", http="POST")
    with pytest.raises(TypeError, match="body"):
        operation("GetThing", "thing", body=Body(FamilyCreate, "object"))
    writes = [op for op in OPERATIONS.values() if op.kind == "write"]
    assert len(writes) == 8 and all(op.body is not None for op in writes)
