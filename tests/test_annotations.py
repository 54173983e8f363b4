"""The one annotation reader every part of the SDK asks (activenet_async._annotations)."""

from collections.abc import Iterable
from datetime import date, datetime
from enum import IntEnum
from typing import Annotated, Any, Literal

import msgspec
import pytest

from activenet_async._annotations import read
from activenet_async._lenient import (
    FALSE_SPELLINGS,
    TRUE_SPELLINGS,
    LenientBool,
    LenientDate,
    LenientDateTime,
    LenientFloat,
    LenientInt,
    lenient_kind,
    lenient_parser,
    parse_date,
    parse_flag,
)
from activenet_async._operations.params import COMMA, IdList, Minute


class Color(IntEnum):
    RED = 1
    BLUE = 2


class Thing(msgspec.Struct):
    x: int | None = None


@pytest.mark.parametrize(("annotation", "kind", "optional"), [
    (bool, "bool", False), (int | None, "int", True), (float, "float", False),
    (str, "str", False), (date | None, "date", True), (datetime, "datetime", False),
    (Literal["A", "B"] | None, "literal", True), (Color, "enum", False),
    (list[int] | None, "list", True), (Iterable[str], "list", False),
    (Thing | None, "struct", True), (int | str | None, "union", True), (Any, "any", False),
    (dict[str, int], "other", False),
])
def test_kinds(annotation: Any, kind: str, optional: bool) -> None:
    info = read(annotation)
    assert (info.kind, info.optional) == (kind, optional)


def test_details() -> None:
    assert read(Literal["A", "B"]).options == ("A", "B")
    assert read(Color).options == (Color.RED, Color.BLUE)
    assert read(list[Thing]).item is not None and read(list[Thing]).item.type is Thing  # type: ignore[union-attr]
    assert read(int | str | None).member_kinds == {"int", "str"}
    ids = read(IdList | None)
    assert ids.marker(type(COMMA)) is COMMA and ids.kind == "list" and ids.optional
    assert read(Minute).member_kinds == {"date", "datetime"}
    assert read(Annotated[int, "a", "b"]).markers == ("a", "b")
    with pytest.raises(TypeError):
        read("int")


def test_lenient_markers() -> None:
    assert lenient_parser(read(LenientBool | None)) is parse_flag
    assert lenient_parser(read(LenientDate)) is parse_date
    assert lenient_parser(read(int | None)) is None


def test_lenient_kinds_type_columns() -> None:
    """dlt columns and Parquet schemas type a lenient field by what it decodes to."""
    assert lenient_kind(read(LenientBool | None)) == "bool"
    assert lenient_kind(read(LenientDate | None)) == "date"
    assert lenient_kind(read(LenientDateTime)) == "datetime"
    assert lenient_kind(read(LenientInt | None)) == "int"
    assert lenient_kind(read(LenientFloat)) == "float"
    assert lenient_kind(read(int | None)) is None


def test_one_list_of_yes_and_no() -> None:
    for word in TRUE_SPELLINGS:
        assert parse_flag(word.lower()) is True and parse_flag(word) is True
    for word in FALSE_SPELLINGS:
        assert parse_flag(word.capitalize()) is False
