"""Errors about arguments and write bodies name the culprit from the values and the signature,
never from the wording of Python's or msgspec's error messages (which change between
releases: msgspec 0.23 changed how it reports invalid UTF-8)."""

from __future__ import annotations

from typing import Any

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, MissingArgumentError, RequestValidationError
from tests.conftest import sent


async def test_missing_required_argument_is_named(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches: a missing path argument reported as a bare TypeError (or naming nothing) once
    the interpreter words its message differently: the argument is found from the
    signature."""
    for call, name in ((anet.get_customer_photo, "photo_key"),      # keyword-only
                       (anet.get_activity_detail, "activity_id")):  # positional-only
        with pytest.raises(MissingArgumentError) as info:
            await call()
        assert info.value.argument == name
    assert isinstance(info.value, TypeError) and isinstance(info.value, RequestValidationError)
    assert sent(mocked) == []


@pytest.mark.parametrize(("args", "kwargs"), [((1, 2), {}), ((1,), {"no_such_argument": 1})])
async def test_unknown_or_surplus_arguments_stay_plain_type_errors(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    """Catches: an unknown keyword or a surplus positional argument reported as a missing
    one (the contract: a TypeError, as for any Python function)."""
    with pytest.raises(TypeError) as info:
        await anet.get_activity_detail(*args, **kwargs)
    assert not isinstance(info.value, MissingArgumentError)
    assert sent(mocked) == []


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"body": [{"first_name": "Ann", "birth_date": "11/01/2005"}]}, "body[0].birth_date"),
    ({"body": [{"first_name": "Ann"}, {"gender_id": "1"}]}, "body[1].gender_id"),
])
async def test_misfit_write_body_field_is_named(anet: ActiveNet, mocked: aioresponses,
                                                kwargs: dict[str, Any], argument: str) -> None:
    """Catches: a write body's misfit field named by parsing msgspec's message (and so named
    wrongly, or not at all, when that message changes)."""
    with pytest.raises(RequestValidationError) as info:
        await anet.post_customers(**kwargs)
    assert info.value.argument == argument
    assert sent(mocked) == []


async def test_misfit_object_body_field_is_its_keyword(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    """Catches: an object-shaped write body naming a misfit field other than by its keyword
    argument."""
    with pytest.raises(RequestValidationError) as info:
        await anet.post_validate_login(login_name=1, password="x")  # type: ignore[arg-type]
    assert info.value.argument == "login_name"
    assert sent(mocked) == []
