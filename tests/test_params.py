"""Argument validation and wire formats (activenet_async._operations.params) and the cross-argument
checks of the operation table (activenet_async._operations.declare)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activenet_async import RequestValidationError
from activenet_async._operations.declare import (
    at_least_one,
    bitmask,
    exactly_one,
    ordered,
    positive,
    together,
)
from activenet_async._operations.params import (
    AUDIT,
    COMMA,
    DAY,
    HHMM,
    MINUTE,
    TRUE_FALSE,
    YES_NO,
    ZERO_ONE,
    IdList,
    Minute,
    make_param,
)
from activenet_async._operations.table import OPERATIONS

NAME = "the_arg"
Encoder = Callable[[Any, str], str]


class Color(enum.IntEnum):
    RED = 0
    GREEN = 1
    BLUE = 2


class Size(enum.Enum):
    SMALL = "S"
    LARGE = "L"


def enc(annotation: Any) -> Encoder:
    """The encoder the operation table builds for an argument annotated ``annotation``."""
    return make_param(NAME, annotation, False, NAME).encode


ENCODERS: dict[str, Encoder] = {
    "YesNo": YES_NO.encode,
    "TrueFalse": TRUE_FALSE.encode,
    "ZeroOne": ZERO_ONE.encode,
    "Day": DAY.encode,
    "Minute": MINUTE.encode,
    "AuditStamp": AUDIT.encode,
    "HourMinute": HHMM.encode,
    "IdList": COMMA.encode,
    "int": enc(int | None),
    "float": enc(float),
    "str": enc(str | None),
    "bool": enc(bool | None),
    "date": enc(date),
    "datetime": enc(datetime),
    "int|str": enc(int | str),
    "Literal": enc(Literal["ASC", "DESC"] | None),
    "Literal-or-list": enc(Literal["A", "B", "C"] | list[Literal["A", "B", "C"]] | None),
    "IntEnum": enc(Color | None),
    "Enum": enc(Size),
}


def rejects(encode: Encoder, value: Any) -> RequestValidationError:
    with pytest.raises(RequestValidationError) as ei:
        encode(value, NAME)
    assert ei.value.argument == NAME
    assert NAME in str(ei.value)
    return ei.value


# ---- flags ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "true", "false"), [
    ("YesNo", "Y", "N"), ("TrueFalse", "true", "false"), ("ZeroOne", "1", "0"),
    ("bool", "Y", "N"),
])
def test_flag_formats(name: str, true: str, false: str) -> None:
    """Would fail if a flag were written in another spelling than the one its operation
    documents (ACTIVE ignores or rejects a flag it cannot read)."""
    assert ENCODERS[name](True, NAME) == true
    assert ENCODERS[name](False, NAME) == false


@pytest.mark.parametrize("name", ["YesNo", "TrueFalse", "ZeroOne", "bool"])
@pytest.mark.parametrize("value", [1, 0, "Y", "true", "N", None, 1.0, [True]])
def test_flags_accept_only_bools(name: str, value: Any) -> None:
    """Would fail if a flag silently accepted a truthy non-bool ("N" is truthy!)."""
    rejects(ENCODERS[name], value)


# ---- dates and times ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Day", "date"])
def test_day_format(name: str) -> None:
    """Would fail if a date were not written as YYYY-MM-DD, or a datetime for a date filter
    were not cut to its date."""
    assert ENCODERS[name](date(2024, 2, 9), NAME) == "2024-02-09"
    assert ENCODERS[name](datetime(2024, 2, 9, 23, 59, 59), NAME) == "2024-02-09"
    for bad in ("2024-02-09", 20240209, None, time(1, 2), [date(2024, 1, 1)]):
        rejects(ENCODERS[name], bad)


@pytest.mark.parametrize("name", ["Minute", "datetime"])
def test_minute_format(name: str) -> None:
    """Would fail if a date-time filter were not written as "YYYY-MM-DD HH:MM" (seconds
    dropped, 24-hour clock) or a plain date not as "YYYY-MM-DD"."""
    e = ENCODERS[name]
    assert e(datetime(2024, 2, 9, 7, 5, 59, 999999), NAME) == "2024-02-09 07:05"
    assert e(datetime(2024, 12, 31, 23, 59), NAME) == "2024-12-31 23:59"
    assert e(date(2024, 2, 9), NAME) == "2024-02-09"
    for bad in ("2024-02-09 07:05", 1700000000, None, time(7, 5)):
        rejects(e, bad)


def test_audit_stamp_format() -> None:
    """Would fail if the audit log's stamp lost its slashes, its seconds or its three
    millisecond digits (truncated, never rounded up into the next second)."""
    e = ENCODERS["AuditStamp"]
    assert e(datetime(2024, 2, 9, 7, 5, 3, 45_999), NAME) == "2024/02/09 07:05:03.045"
    assert e(datetime(2024, 2, 9, 7, 5, 3, 999_999), NAME) == "2024/02/09 07:05:03.999"
    assert e(datetime(2024, 2, 9, 7, 5, 3), NAME) == "2024/02/09 07:05:03.000"
    assert e(date(2024, 2, 9), NAME) == "2024/02/09 00:00:00.000"
    for bad in ("2024/02/09 07:05:03.045", 0, None):
        rejects(e, bad)


@pytest.mark.parametrize("name", ["Minute", "datetime", "AuditStamp"])
@pytest.mark.parametrize("tz", [UTC, timezone(timedelta(hours=-7)),
                                timezone(timedelta(hours=5, minutes=30))])
def test_aware_datetimes_rejected(name: str, tz: timezone) -> None:
    """Would fail if a timezone-aware datetime were sent with its offset silently dropped
    (ACTIVE reads naive local time of the organization, so the window would shift)."""
    err = rejects(ENCODERS[name], datetime(2024, 1, 1, 12, 0, tzinfo=tz))
    assert "naive" in str(err)


stamp_dts = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))


@given(dt=stamp_dts)
def test_datetime_formats_round_trip(dt: datetime) -> None:
    """Would fail if for some datetime the wire text did not read back as the same minute
    (Minute) or the same millisecond (AuditStamp), or did not have the documented layout."""
    m = MINUTE.encode(dt, NAME)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", m)
    assert datetime.strptime(m, "%Y-%m-%d %H:%M") == dt.replace(second=0, microsecond=0)
    a = AUDIT.encode(dt, NAME)
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}", a)
    assert datetime.strptime(a, "%Y/%m/%d %H:%M:%S.%f") == dt.replace(
        microsecond=dt.microsecond // 1000 * 1000)
    assert DAY.encode(dt, NAME) == dt.date().isoformat()


@pytest.mark.parametrize("value", [datetime(5, 1, 1, 3, 4), datetime(999, 12, 31, 23, 59),
                                   datetime.min, date.min])
def test_datetime_formats_pad_small_years(value: date) -> None:
    """Would fail if a year below 1000 (``date.min`` used as "from the beginning") were
    written without its four digits, a value ACTIVE cannot parse."""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", MINUTE.encode(value, NAME))
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}",
                        AUDIT.encode(value, NAME))


def test_hour_minute_format() -> None:
    """Would fail if a time of day were not written as HH:MM, or a malformed "HH:MM" string
    were passed through to the server."""
    e = ENCODERS["HourMinute"]
    assert e(time(7, 5), NAME) == "07:05"
    assert e(time(23, 59, 59), NAME) == "23:59"
    assert e("07:05", NAME) == "07:05"
    assert e("00:00", NAME) == "00:00"
    for bad in ("7:05", "24:00", "07:60", "07-05", "07:05:00", "ab:cd", "", 705, None,
                datetime(2024, 1, 1, 7, 5), 7.05):
        rejects(e, bad)


# ---- comma lists --------------------------------------------------------------------------

def _gen() -> Iterable[int]:
    yield from (3, 1, 2)


@pytest.mark.parametrize(("value", "wire"), [
    ([1, 2, 3], "1,2,3"),
    ((4, 5), "4,5"),
    (range(1, 4), "1,2,3"),
    (_gen(), "3,1,2"),
    (frozenset({7}), "7"),
    (["a", "b"], "a,b"),
    ([1, "x2"], "1,x2"),
    ([" 5 "], "5"),
    ({9: None, 8: None}.keys(), "9,8"),
    ([0, -1], "0,-1"),
])
def test_comma_list_accepts_any_iterable(value: Any, wire: str) -> None:
    """Would fail if a comma list refused an iterable (tuple, range, generator, set, dict view)
    or wrote its items in another order or spelling."""
    assert ENCODERS["IdList"](value, NAME) == wire


@pytest.mark.parametrize("value", [
    "1,2",            # a bare string is not a list of ids
    b"12",
    {"a": 1},         # a mapping is not a list of ids
    [],
    (),
    ["1,2"],          # an item with a comma would change the list on the wire
    ["a", ""],
    ["  "],
    [True],
    [1.5],
    [None],
    [[1]],
    [date(2024, 1, 1)],
    5,
    None,
])
def test_comma_list_rejections(value: Any) -> None:
    """Would fail if a comma list accepted a bare string, a mapping, an empty list (that would
    send an empty filter), or an item that is not an int/str, is empty, or contains a comma."""
    rejects(ENCODERS["IdList"], value)


@pytest.mark.parametrize("value", [["1\r\n2"], ["a\x00"], ["ok", "tab\there"]])
def test_comma_list_rejects_control_characters(value: list[str]) -> None:
    """Would fail if a list item with control characters were sent, when the same text as a
    plain string argument is refused."""
    rejects(ENCODERS["str"], value[-1])
    rejects(ENCODERS["IdList"], value)


def test_int_or_str_scalar() -> None:
    """Would fail if an ``int | str`` argument accepted a bool, a float, or a comma."""
    e = ENCODERS["int|str"]
    assert e(12, NAME) == "12"
    assert e("AB-1", NAME) == "AB-1"
    for bad in (True, 1.5, None, "1,2", "", [1]):
        rejects(e, bad)


# ---- plain scalars ---------------------------------------------------------------------

def test_plain_int() -> None:
    """Would fail if an int argument accepted a bool (True would go out as "True"), a numeric
    string or a float."""
    e = ENCODERS["int"]
    assert e(42, NAME) == "42"
    assert e(-3, NAME) == "-3"
    assert e(2**63 - 1, NAME) == str(2**63 - 1)
    for bad in (True, False, "42", 42.0, None, [42], 10**30):  # ids are 64-bit at most
        rejects(e, bad)


def test_plain_float() -> None:
    """Would fail if a float argument accepted a bool, a string, NaN or infinity, or wrote an
    int with a spurious ".0"."""
    e = ENCODERS["float"]
    assert e(2.5, NAME) == "2.5"
    assert e(3, NAME) == "3"
    for bad in (True, "2.5", float("nan"), float("inf"), -float("inf"), None):
        rejects(e, bad)


def test_plain_float_huge_int() -> None:
    """Would fail if an int too large for a float escaped the float check as OverflowError."""
    e = ENCODERS["float"]
    try:
        out = e(10**400, NAME)
    except RequestValidationError as err:
        assert err.argument == NAME
    else:
        assert out == str(10**400)


def test_plain_str() -> None:
    """Would fail if a string argument accepted a non-string or control characters (a line
    break or NUL in a query value)."""
    e = ENCODERS["str"]
    assert e("Swim Lessons", NAME) == "Swim Lessons"
    assert e("", NAME) == ""
    assert e("Café ☕", NAME) == "Café ☕"
    for bad in ("a\nb", "a\rb", "\x00", "tab\t", "\x1f", 5, None, b"x", ["a"]):
        rejects(e, bad)


# ---- documented sets -------------------------------------------------------------------

def test_literal() -> None:
    """Would fail if a value outside a documented set (a wrong case, a bool, a number) were
    sent instead of refused before the request."""
    e = ENCODERS["Literal"]
    assert e("ASC", NAME) == "ASC"
    assert e("DESC", NAME) == "DESC"
    for bad in ("asc", "ASC ", "", None, True, 1, ["ASC"]):
        err = rejects(e, bad)
        assert "'ASC'" in str(err) and "'DESC'" in str(err)


def test_literal_or_list() -> None:
    """Would fail if a Literal-or-list argument refused a single value or an iterable of
    values, or let through a value outside the set, an empty list or a bare non-member."""
    e = ENCODERS["Literal-or-list"]
    assert e("A", NAME) == "A"
    assert e(["A", "C"], NAME) == "A,C"
    assert e(("B",), NAME) == "B"
    assert e(iter(["C", "A"]), NAME) == "C,A"
    for bad in ("D", "A,B", [], ["A", "D"], ["A", ""], [1], 5, None, {"A": 1}):
        rejects(e, bad)


def test_enums() -> None:
    """Would fail if an enum member or its raw value were not written as the value, or a
    number outside the enum (or a bool posing as 0/1) were accepted."""
    c = ENCODERS["IntEnum"]
    assert c(Color.GREEN, NAME) == "1"
    assert c(2, NAME) == "2"
    for bad in (3, -1, True, "1", None):
        rejects(c, bad)
    s = ENCODERS["Enum"]
    assert s(Size.LARGE, NAME) == "L"
    assert s("S", NAME) == "S"
    for bad in ("M", "SMALL", Color.RED, None):
        rejects(s, bad)


def test_unsupported_annotation_is_a_type_error() -> None:
    """Would fail if an operation stub with an annotation the table cannot encode were
    accepted silently (its argument would then be sent unchecked)."""
    with pytest.raises(TypeError):
        make_param("x", bytes, False, "x")
    with pytest.raises(TypeError):
        make_param("x", dict[str, int], False, "x")


def test_param_metadata() -> None:
    """Would fail if comma lists were not marked as lists (the splitter would not chunk them)
    or other arguments were."""
    p = make_param("site_ids", IdList | None, False, "site_ids")
    assert p.is_list and p.wire_format == "comma list"
    q = make_param("modified_date_from", Minute | None, True, "modified_date_from")
    assert not q.is_list and q.required and q.wire_format == "YYYY-MM-DD HH:MM"
    r = make_param("x", Literal["A"] | list[Literal["A"]], False, "x")
    assert r.is_list


# ---- never another exception type ----------------------------------------------------------

aware = st.sampled_from([UTC, timezone(timedelta(hours=-5)),
                         timezone(timedelta(hours=9, minutes=30))])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.binary(max_size=4), st.dates(), st.datetimes(),
    st.datetimes(timezones=aware), st.times(), st.sampled_from(list(Color) + list(Size)),
    st.from_regex(r"[0-2][0-9]:[0-6][0-9]", fullmatch=True),
    st.sampled_from(["A", "B", "ASC", "DESC", "S", "1", ""]),
)
values = st.recursive(
    scalars,
    lambda c: st.one_of(st.lists(c, max_size=4), st.tuples(c, c),
                        st.frozensets(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
                        st.dictionaries(st.text(max_size=3), c, max_size=3),
                        st.lists(c, max_size=3).map(iter)),
    max_leaves=6,
)


@settings(max_examples=400)
@given(value=values, name=st.sampled_from(sorted(ENCODERS)))
def test_encoders_return_str_or_raise_validation_error(value: Any, name: str) -> None:
    """Would fail if some Python value made an encoder raise anything but
    RequestValidationError naming the argument (a TypeError or ValueError from deep inside
    would reach the caller without saying which argument is wrong), or return a non-string."""
    try:
        out = ENCODERS[name](value, NAME)
    except RequestValidationError as err:
        assert err.argument == NAME
    else:
        assert isinstance(out, str)


# ---- cross-argument checks ---------------------------------------------------------------

def check_rejects(check: Callable[[dict[str, Any]], None], args: dict[str, Any],
                  argument: str) -> None:
    with pytest.raises(RequestValidationError) as ei:
        check(args)
    assert ei.value.argument == argument


def test_at_least_one() -> None:
    """Would fail if an operation that needs one of several filters were sent without any."""
    check = at_least_one("site_ids", "center_ids")
    check_rejects(check, {}, "site_ids")
    check_rejects(check, {"other": 1}, "site_ids")
    check({"center_ids": [1]})
    check({"site_ids": [1], "center_ids": [2]})


def test_exactly_one() -> None:
    """Would fail if two mutually exclusive arguments were both sent, or neither."""
    check = exactly_one("customer_id", "email")
    check_rejects(check, {}, "customer_id")
    check_rejects(check, {"customer_id": 1, "email": "a@b"}, "customer_id")
    check({"email": "a@b"})
    check({"customer_id": 1})


def test_together() -> None:
    """Would fail if one of a pair that only makes sense together were sent alone, or the
    error named the argument that was given rather than the one missing."""
    check = together("age_from", "age_to", "age_unit")
    check({})
    check({"age_from": 1, "age_to": 2, "age_unit": "Y"})
    check_rejects(check, {"age_from": 1}, "age_to")
    check_rejects(check, {"age_from": 1, "age_to": 2}, "age_unit")
    check_rejects(check, {"age_unit": "Y"}, "age_from")


@pytest.mark.parametrize(("start", "end", "ok"), [
    (date(2024, 1, 1), date(2024, 1, 31), True),
    (date(2024, 1, 1), date(2024, 1, 1), True),
    (date(2024, 1, 2), date(2024, 1, 1), False),
    (datetime(2024, 1, 1, 10), datetime(2024, 1, 1, 10), True),
    (datetime(2024, 1, 1, 10, 0, 30), datetime(2024, 1, 1, 10, 0), True),
    (datetime(2024, 1, 1, 10, 1), datetime(2024, 1, 1, 10, 0), False),
    (datetime(2024, 1, 1, 23, 0), date(2024, 1, 1), True),
    (date(2024, 1, 1), datetime(2024, 1, 1, 0, 0), True),
    (date(2024, 1, 2), datetime(2024, 1, 1, 23, 59), False),
])
def test_ordered(start: date, end: date, ok: bool) -> None:
    """Would fail if a reversed range were sent (ACTIVE answers an error or nothing), or a
    range that is one day or one minute long were refused."""
    check = ordered("date_from", "date_to")
    if ok:
        check({"date_from": start, "date_to": end})
    else:
        check_rejects(check, {"date_from": start, "date_to": end}, "date_to")


@pytest.mark.parametrize("args", [
    {},
    {"date_from": date(2024, 1, 1)},
    {"date_to": date(2024, 1, 1)},
    {"date_from": "2024-01-02", "date_to": date(2024, 1, 1)},
    {"date_from": date(2024, 1, 2), "date_to": 5},
    {"date_from": datetime(2024, 1, 2), "date_to": datetime(2024, 1, 1, tzinfo=UTC)},
    {"date_from": datetime(2024, 1, 2, tzinfo=UTC), "date_to": date(2024, 1, 1)},
])
def test_ordered_leaves_wrong_types_to_the_arguments(args: dict[str, Any]) -> None:
    """Would fail if the range check crashed (TypeError comparing naive and aware datetimes,
    or a string with a date) instead of leaving a wrong value to its argument's own check."""
    ordered("date_from", "date_to")(args)


def test_positive() -> None:
    """Would fail if zero or a negative id/count were sent, or the check misfired on values
    the argument's own type check reports (bools, strings)."""
    check = positive("page_size_hint", "program_type_id")
    check({})
    check({"program_type_id": 1})
    check({"program_type_id": True})
    check({"program_type_id": "0"})
    check_rejects(check, {"program_type_id": 0}, "program_type_id")
    check_rejects(check, {"page_size_hint": -5, "program_type_id": 3}, "page_size_hint")


def test_bitmask() -> None:
    """Would fail if a days-of-week mask of the wrong length or with characters other than
    0/1 were sent."""
    check = bitmask("days_of_week")
    check({})
    check({"days_of_week": "0101000"})
    check({"days_of_week": "1111111"})
    for bad in ("010100", "01010001", "0101002", "SMTWTFS", 101000, ["0"] * 7, ""):
        check_rejects(check, {"days_of_week": bad}, "days_of_week")
    bitmask("weeks", 5)({"weeks": "11011"})
    check_rejects(bitmask("weeks", 5), {"weeks": "1101"}, "weeks")


def test_operation_encode_names_operation_and_argument() -> None:
    """Would fail if a validation error raised through an operation did not name both the
    operation and the argument (the user could not tell which call was wrong)."""
    op = OPERATIONS["GetFlexRegPrograms"]
    with pytest.raises(RequestValidationError) as ei:
        op.encode({"days_of_week": "x"})
    assert (ei.value.operation, ei.value.argument) == ("GetFlexRegPrograms", "days_of_week")
    with pytest.raises(RequestValidationError) as ei:
        op.encode({"site_ids": "1,2"})
    assert (ei.value.operation, ei.value.argument) == ("GetFlexRegPrograms", "site_ids")
    with pytest.raises(RequestValidationError) as ei:
        op.encode({"modified_date_from": datetime(2024, 2, 1),
                   "modified_date_to": datetime(2024, 1, 1)})
    assert ei.value.argument == "modified_date_to"
    assert op.encode({"site_ids": (1, 2), "modified_date_from": date(2024, 1, 1),
                      "show_on_member_app": True}) == {
        "site_ids": "1,2", "modified_date_from": "2024-01-01", "show_on_member_app": "Y"}
