"""Response decoding: the lenient value parsers (_types) and the four envelope shapes (_decode).

No ``from __future__ import annotations`` here: the Record subclasses below are read from their
evaluated annotations, as in the record modules.
"""

import copy
import json
import re
import typing
import warnings
from datetime import date, datetime
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import activenet_async
from activenet_async._decode import ParsedPage, decode_page, dump_json, excerpt
from activenet_async._lenient import (
    BAD,
    LenientBool,
    LenientDate,
    LenientDateTime,
    LenientFloat,
    LenientInt,
    LenientValueWarning,
    Record,
    parse_date,
    parse_datetime,
    parse_flag,
    parse_float,
    parse_int,
)
from activenet_async._paging.schemes import (
    PageAndPageSize,
    PageInfoHeader,
    PageNumberParams,
    Unpaged,
)

OP = "GetThings"


class Kid(Record):
    kid_id: int | None = None
    born: date | None = None
    happy: LenientBool | None = None


class Badge(Record):
    code: int | None = None
    issued: datetime | None = None


class Thing(Record):
    """A small record with one field of every kind the real records use."""

    thing_id: int | None = None
    name: str | None = None
    active: LenientBool | None = None
    opened: LenientDate | None = None
    stamp: LenientDateTime | None = None
    count: LenientInt | None = None
    price: LenientFloat | None = None
    plain_int: int | None = None
    plain_float: float | None = None
    plain_date: date | None = None
    plain_dt: datetime | None = None
    plain_bool: bool | None = None
    badge: Badge | None = None


class Parent(Record):
    """A record holding a list of nested records (as GetActivityDetail's activity_patterns)."""

    parent_id: int | None = None
    kids: list[Kid] | None = None
    tags: list[int] | None = None



def system(body: Any, code: Any = "0000", message: str = "Successful",
           **page_info: Any) -> bytes:
    headers: dict[str, Any] = {"response_code": code, "response_message": message}
    if page_info:
        headers["page_info"] = page_info
    return json.dumps({"headers": headers, "body": body}).encode()


# The four envelopes, by the names the tests below use.
SCHEMES = {"system": PageInfoHeader(), "insights_paged": PageAndPageSize(),
           "insights_headers": PageNumberParams(), "bare": Unpaged("insights")}


def decode(body: bytes, rtype: Any = Thing, shape: Any = "system", operation: str = OP,
           status: int = 200) -> tuple[ParsedPage[Any], list[str]]:
    """The page and the messages of the LenientValueWarnings raised while decoding it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(body, scheme=SCHEMES[shape], rtype=rtype, operation=operation,
                           status=status)
    return page, [str(w.message) for w in caught if issubclass(w.category, LenientValueWarning)]


def warned_fields(messages: list[str]) -> list[str]:
    return [m.group(1) for s in messages if (m := re.search(r": (\w+\.\w+) = ", s))]


# ---- the parsers ------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("Y", True), ("N", False), ("y", True), ("n", False), (" Y ", True),
    ("Yes", True), ("No", False), ("YES", True), ("no", False),
    ("true", True), ("false", False), ("True", True),
    (True, True), (False, False), (1, True), (0, False),
    ("", None), ("   ", None), (None, None),
])
def test_parse_flag_accepts_documented_forms(raw: Any, expected: Any) -> None:
    """Would fail if a documented flag spelling ("Y"/"N", "Yes"/"No", JSON booleans) were not
    read as a bool, or an empty flag were not None."""
    got = parse_flag(raw)
    assert got is expected


@pytest.mark.parametrize("raw", ["mock allowDropin data", "maybe", "2", 2, -1, 0.5, [], {},
                                 "YN"])
def test_parse_flag_rejects_garbage(raw: Any) -> None:
    """Would fail if a placeholder or a number other than 0/1 were guessed into a bool."""
    assert parse_flag(raw) is BAD


@pytest.mark.parametrize(("raw", "expected"), [
    ("135", 135), (135, 135), ("-7", -7), (" 42 ", 42), ("1,234", 1234), ("12.0", 12),
    (12.0, 12), ("1e3", 1000), ("", None), ("  ", None), (None, None),
])
def test_parse_int_accepts(raw: Any, expected: Any) -> None:
    """Would fail if a count sent as a string ("135", "1,234", "12.0") were not read as an int
    or an empty value were not None."""
    got = parse_int(raw)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("raw", ["12.5", 12.5, "abc", "N/A", "inf", "nan", float("nan"),
                                 float("inf"), "1e400", [], {}, "9" * 5000 + "x"])
def test_parse_int_rejects(raw: Any) -> None:
    """Would fail if a fraction were truncated into an int or garbage guessed into a number."""
    assert parse_int(raw) is BAD


@pytest.mark.parametrize(("raw", "expected"), [
    ("12.50", 12.5), (12.5, 12.5), (12, 12.0), ("1,234.50", 1234.5), ("$5", 5.0),
    (" 3 ", 3.0), ("", None), (None, None),
])
def test_parse_float_accepts(raw: Any, expected: Any) -> None:
    """Would fail if a money amount sent as a string ("1,234.50", "$5") were not a float."""
    got = parse_float(raw)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("raw", ["abc", "12,5,x", "1.2.3", True, [], {}])
def test_parse_float_rejects(raw: Any) -> None:
    """Would fail if garbage or a JSON boolean were read as a number."""
    assert parse_float(raw) is BAD


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021-09-14", date(2021, 9, 14)),
    ("2021-09-14 19:21:05.0", date(2021, 9, 14)),
    ("2019-06-13 08:15:05.147", date(2019, 6, 13)),
    ("2000/01/01", date(2000, 1, 1)),
    ("12/31/2001", date(2001, 12, 31)),
    ("2019-1-1", date(2019, 1, 1)),
    (" 2019-01-02 ", date(2019, 1, 2)),
    (date(2020, 2, 29), date(2020, 2, 29)),
    (datetime(2020, 2, 29, 10), date(2020, 2, 29)),
    ("", None), (None, None),
])
def test_parse_date_accepts_documented_formats(raw: Any, expected: Any) -> None:
    """Would fail if one of the date formats ACTIVE sends were not read as a date (and only a
    date: a datetime would compare unequal to a date)."""
    got = parse_date(raw)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021-09-14 19:21:05.0", datetime(2021, 9, 14, 19, 21, 5)),
    ("2019-06-13 08:15:05.147", datetime(2019, 6, 13, 8, 15, 5, 147000)),
    ("2019-06-13T08:15:05", datetime(2019, 6, 13, 8, 15, 5)),
    ("2000/01/01", datetime(2000, 1, 1)),
    ("2000/01/01 07:05:03", datetime(2000, 1, 1, 7, 5, 3)),
    ("12/31/2001", datetime(2001, 12, 31)),
    ("12/31/2001 01:30 PM", datetime(2001, 12, 31, 13, 30)),
    ("12/31/2001 12:05 AM", datetime(2001, 12, 31, 0, 5)),
    ("2019-1-1", datetime(2019, 1, 1)),
    ("2019-1-1 9:05", datetime(2019, 1, 1, 9, 5)),
    (date(2020, 1, 2), datetime(2020, 1, 2)),
    ("", None), (None, None),
])
def test_parse_datetime_accepts_documented_formats(raw: Any, expected: Any) -> None:
    """Would fail if one of the date-time formats ACTIVE sends (".0" tenths, milliseconds,
    slashes, US order, AM/PM) were misread or rejected."""
    got = parse_datetime(raw)
    assert got == expected
    assert type(got) is type(expected)
    assert got is None or got.tzinfo is None


@pytest.mark.parametrize("raw", ["mock startDate data", "garbage", "2021-02-30", "2021-13-01",
                                 "13/45/2001", "2021-09-14 25:00", 20210914, 1.5,
                                 True, [], {}, "2" * 10_000])
def test_date_parsers_reject_garbage(raw: Any) -> None:
    """Would fail if a placeholder or an impossible date were guessed into a date, or a parser
    raised instead of returning BAD."""
    assert parse_date(raw) is BAD
    assert parse_datetime(raw) is BAD


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                         st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
                         st.from_regex(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}( \d{1,2}:\d{2})?",
                                       fullmatch=True))


@given(value=st.one_of(json_scalars, st.lists(json_scalars, max_size=2),
                       st.dictionaries(st.text(max_size=3), json_scalars, max_size=2)))
def test_parsers_are_total(value: Any) -> None:
    """Would fail if a parser raised on any JSON value, or returned something that is neither
    its type, None nor BAD (a bad value must become None with a warning, never a crash)."""
    for parse, kinds in ((parse_flag, (bool,)), (parse_int, (int,)), (parse_float, (float,)),
                         (parse_date, (date,)), (parse_datetime, (datetime,))):
        got = parse(value)
        assert got is None or got is BAD or type(got) in kinds, (parse, value, got)


# ---- envelopes ----------------------------------------------------------------------------

FULL = {
    "thing_id": "12", "name": "Pool", "active": "Yes", "opened": "2019-1-1",
    "stamp": "2021-09-14 19:21:05.0", "count": "135", "price": "$1,234.50", "plain_int": "7",
    "plain_float": "2.5", "plain_date": "12/31/2001", "plain_dt": "2019-06-13 08:15:05.147",
    "plain_bool": "Y", "badge": {"code": "3", "issued": "2000/01/01"},
    "unknown_key": {"deep": [1, 2, {"x": None}]}, "another": None,
}


def test_system_success_decodes_every_documented_format() -> None:
    """Would fail if a documented value format (numbers as strings, Y/N and Yes/No flags, the
    various date layouts) did not decode to its Python type, or an unknown key broke decoding."""
    page, warned = decode(system([FULL]))
    assert warned == []
    assert page.records == [Thing(
        thing_id=12, name="Pool", active=True, opened=date(2019, 1, 1),
        stamp=datetime(2021, 9, 14, 19, 21, 5), count=135, price=1234.5, plain_int=7,
        plain_float=2.5, plain_date=date(2001, 12, 31),
        plain_dt=datetime(2019, 6, 13, 8, 15, 5, 147000), plain_bool=True,
        badge=Badge(code=3, issued=datetime(2000, 1, 1)))]


def test_missing_keys_decode_to_none() -> None:
    """Would fail if a key absent from the response were not None (or raised)."""
    page, warned = decode(system([{}, {"name": "x"}]))
    assert page.records == [Thing(), Thing(name="x")]
    assert warned == []


def test_success_code_as_int_and_missing_code() -> None:
    """Would fail if a numeric response_code 0 were not read as "0000" (success)."""
    assert decode(system([{"thing_id": 1}], code=0))[0].records == [Thing(thing_id=1)]
    assert decode(system([{"thing_id": 1}], code=None))[0].records == [Thing(thing_id=1)]


@pytest.mark.parametrize("body", [
    [{"thing_id": 1}],
    [{"thing_id": "junk", "plain_date": {"x": 1}}, 5, None],
    [],
    None,
])
def test_no_results_code_is_an_empty_result(body: Any) -> None:
    """Would fail if "0001" (No Results Found) raised, or yielded whatever junk its body
    carried, instead of being an empty result."""
    page, warned = decode(system(body, code="0001", message="No Results Found"))
    assert page.records == []
    assert warned == []
    page, _ = decode(system(body, code=1, message="No Results Found"))
    assert page.records == []


@pytest.mark.parametrize("body", ["junk", {"oops": 1}, ""])
def test_no_results_code_ignores_a_non_array_body(body: Any) -> None:
    """Would fail if "0001" with a body that is not even an array (a string, an object) raised
    instead of being the documented empty result."""
    page, _ = decode(system(body, code="0001", message="No Results Found"))
    assert page.records == []


@pytest.mark.parametrize("code", ["0002", "9999", "1001", 2, "ERR"])
def test_other_codes_raise_api_error(code: Any) -> None:
    """Would fail if an HTTP 200 whose response_code is neither 0000 nor 0001 were taken as
    data, or the APIError lost the code, the API's message or the operation name."""
    with pytest.raises(activenet_async.APIError) as ei:
        decode(system([{"thing_id": 1}], code=code, message="Invalid site_ids"))
    e = ei.value
    assert e.code == (code if isinstance(code, str) else f"{code:04d}")
    assert e.api_message == "Invalid site_ids"
    assert e.operation == OP
    assert OP in str(e)
    assert "Invalid site_ids" in str(e)
    assert isinstance(e, activenet_async.ActiveNetError)


def test_error_code_wins_over_bad_records() -> None:
    """Would fail if an error envelope whose records do not decode were reported as repaired
    data (or a DecodeError) instead of the APIError the server meant."""
    with pytest.raises(activenet_async.APIError) as ei:
        decode(system([{"thing_id": "junk"}], code="0005", message="Bad request"))
    assert ei.value.code == "0005"


def test_error_code_with_non_array_body_is_api_error() -> None:
    """Would fail if an error envelope whose body is not an array were reported as a
    DecodeError, losing the API's error code and message."""
    with pytest.raises(activenet_async.APIError) as ei:
        decode(system({}, code="0002", message="Invalid parameter"))
    assert ei.value.code == "0002"


@pytest.mark.parametrize("shape", ["system", "insights_headers", "insights_paged", "bare"])
def test_insights_error_msg_raises_api_error(shape: str) -> None:
    """Would fail if an Insights ``{"errorMsg": ...}`` body were decoded as an empty page
    (the walk would silently end) instead of raising APIError with the message."""
    with pytest.raises(activenet_async.APIError) as ei:
        decode(b'{"errorMsg": "Invalid siteId"}', shape=shape, operation="insights.customers")
    assert ei.value.api_message == "Invalid siteId"
    assert ei.value.operation == "insights.customers"
    assert "Invalid siteId" in str(ei.value)


def test_system_shape_requires_headers() -> None:
    """Would fail if a System response without its ``headers`` (so without a response code)
    were trusted as a success."""
    with pytest.raises(activenet_async.DecodeError):
        decode(json.dumps({"body": [{"thing_id": 1}]}).encode())


def test_system_paging_counts_as_strings() -> None:
    """Would fail if page_info counts sent as strings were not read, or total_pages were not
    derived from total_records / total_records_per_page when no page count is sent."""
    page, _ = decode(system([{"thing_id": 1}], total_records="135",
                            total_records_per_page="50", page_number="2", page_records="50"))
    assert (page.total_pages, page.total_records, page.page_size, page.page_number,
            page.page_records) == (3, 135, 50, 2, 50)


@pytest.mark.parametrize(("info", "pages"), [
    ({"total_page": "4"}, 4),
    ({"total_pages": 5}, 5),
    ({"filtered_page": 2, "total_page": 4}, 2),
    ({"total_records": 100, "total_records_per_page": 50}, 2),
    ({"total_records": 101, "total_records_per_page": 50}, 3),
    ({"total_records": 0, "total_records_per_page": 50}, 0),
    ({"page_number": 1}, None),
])
@pytest.mark.parametrize("shape", ["system", "insights_headers"])
def test_total_pages_sources(info: dict[str, Any], pages: int | None, shape: str) -> None:
    """Would fail if the page count were not read from filtered_page (first), total_page or
    total_pages (both spellings occur), or derived from the record totals."""
    page, _ = decode(system([{"thing_id": 1}], **info), shape=shape)
    assert page.total_pages == pages


def test_filtered_records_win_over_total_records() -> None:
    """Would fail if the record total ignored Insights' filtered_records (the count of what the
    filters keep) in favour of the unfiltered total."""
    page, _ = decode(system([], total_records=500, filtered_records=42, filtered_page=1),
                     shape="insights_headers")
    assert page.total_records == 42


def test_insights_headers_shape_tolerates_missing_headers() -> None:
    """Would fail if the Insights memberships shape demanded headers it does not always send."""
    page, _ = decode(json.dumps({"body": [{"thing_id": "1"}]}).encode(),
                     shape="insights_headers")
    assert page.records == [Thing(thing_id=1)]


def test_insights_paged_counts_as_strings() -> None:
    """Would fail if Insights counts sent as strings ("135") were not parsed, or the page count
    were not derived from the filtered row count and the page size."""
    body = json.dumps({"page": "1", "pageSize": "50", "pageRowCount": "2",
                       "filteredRowCount": "135", "totalRowCount": "200",
                       "data": [{"thing_id": "1"}, {"thing_id": 2}]}).encode()
    page, _ = decode(body, shape="insights_paged")
    assert page.records == [Thing(thing_id=1), Thing(thing_id=2)]
    assert (page.page_number, page.page_size, page.page_records, page.total_records,
            page.total_pages) == (1, 50, 2, 135, 3)


def test_insights_paged_total_without_filter_and_empty() -> None:
    """Would fail if totalRowCount were not used when filteredRowCount is absent, or an empty
    result did not give zero pages and no records."""
    body = json.dumps({"page": 1, "pageSize": 10, "totalRowCount": "25", "data": []}).encode()
    page, _ = decode(body, shape="insights_paged")
    assert (page.total_records, page.total_pages) == (25, 3)
    body = json.dumps({"page": 1, "pageSize": 10, "totalRowCount": 0, "data": None}).encode()
    page, _ = decode(body, shape="insights_paged")
    assert (page.records, page.total_pages) == ([], 0)


def test_bare_shape() -> None:
    """Would fail if a bare JSON array of records were not decoded, or a non-array accepted."""
    page, _ = decode(json.dumps([{"thing_id": "1"}, {"name": "b"}]).encode(), shape="bare")
    assert page.records == [Thing(thing_id=1), Thing(name="b")]
    with pytest.raises(activenet_async.DecodeError):
        decode(b'{"thing_id": 1}', shape="bare")


@pytest.mark.parametrize("shape", ["system", "insights_paged", "insights_headers", "bare"])
@pytest.mark.parametrize("body", [b"<html><body>502 Bad Gateway</body></html>", b"",
                                  b"Service Unavailable", b"\xff\xfe\x00"])
def test_non_json_body_is_decode_error(shape: str, body: bytes) -> None:
    """Would fail if a body that is not JSON (a gateway page, a truncated body) raised anything
    but DecodeError, or the error lost the HTTP status or the excerpt of what came instead."""
    with pytest.raises(activenet_async.DecodeError) as ei:
        decode(body, shape=shape, status=503)
    e = ei.value
    assert e.status == 503
    assert e.operation == OP
    if body.startswith(b"<html>"):
        assert "502 Bad Gateway" in e.excerpt


TRUNCATED = [
    (b'{"headers": {"response_code": "0000"}, "body": [{"thing_id": 1}, {"thing_id": 2',
     "system"),
    (b'{"page": 1, "pageSize": 5, "data": [{"thing_id": 1}, {"thing_id"', "insights_paged"),
    (b'[{"thing_id": 1}, {"na', "bare"),
]
TRUNCATED_AFTER_BAD_VALUE = [
    (b'{"headers": {"response_code": "0000"}, "body": [{"plain_int": "x"}, {"thing_id": 1',
     "system"),
    (b'{"page": 1, "pageSize": 5, "data": [{"plain_int": "x"}, {"thing_id"', "insights_paged"),
    (b'[{"plain_int": "x"}, {"na', "bare"),
    (b'{"headers": ', "bare"),
    (b"[{", "system"),
]


@pytest.mark.parametrize(("body", "shape"), TRUNCATED)
def test_truncated_body_is_decode_error(body: bytes, shape: str) -> None:
    """Would fail if a body cut short in transit raised anything but DecodeError."""
    with pytest.raises(activenet_async.DecodeError) as ei:
        decode(body, shape=shape, status=200)
    assert ei.value.status == 200


@pytest.mark.parametrize(("body", "shape"), TRUNCATED_AFTER_BAD_VALUE)
def test_truncated_body_after_bad_value_is_decode_error(body: bytes, shape: str) -> None:
    """Would fail if a truncated body whose first records hold a value that needs repair (or
    whose JSON is the wrong kind for the shape) escaped as a raw msgspec error rather than
    activenet_async.DecodeError with status and excerpt."""
    with pytest.raises(activenet_async.DecodeError) as ei:
        decode(body, shape=shape, status=200)
    assert ei.value.status == 200
    assert ei.value.excerpt


def test_excerpt_is_short() -> None:
    """Would fail if a huge error body were copied whole into the exception message."""
    text = excerpt(b"x" * 100_000)
    assert len(text) <= 163
    assert text.endswith("...")
    with pytest.raises(activenet_async.DecodeError) as ei:
        decode(b"<" + b"y" * 100_000)
    assert len(str(ei.value)) < 400


@pytest.mark.parametrize(("body", "shape"), [
    (b'{"headers": [], "body": []}', "system"),
    (b'{"headers": {"response_code": "0000"}, "body": "text"}', "system"),
    (b'[1, 2]', "insights_paged"),
    (b'"just a string"', "bare"),
])
def test_wrong_json_shape_is_decode_error(body: bytes, shape: str) -> None:
    """Would fail if JSON of the wrong shape raised a TypeError/KeyError or passed silently."""
    with pytest.raises(activenet_async.DecodeError):
        decode(body, shape=shape)


# ---- lenient values -------------------------------------------------------------------------

def test_bad_value_becomes_none_with_one_warning_per_field() -> None:
    """Would fail if a value that does not fit its field failed the page, lost the rest of the
    record, or warned more than once per page and field however many records carry it."""
    records = [{"thing_id": i, "name": f"n{i}", "plain_int": "x", "active": "mock data",
                "plain_date": "not a date", "stamp": "mock stamp"} for i in range(50)]
    page, warned = decode(system(records))
    assert [r.thing_id for r in page.records] == list(range(50))
    assert [r.name for r in page.records] == [f"n{i}" for i in range(50)]
    assert all(r.plain_int is None and r.active is None and r.plain_date is None
               and r.stamp is None for r in page.records)
    assert sorted(warned_fields(warned)) == ["Thing.active", "Thing.plain_date",
                                             "Thing.plain_int", "Thing.stamp"]
    assert all(m.startswith(f"{OP}: ") for m in warned)
    # Outside a call or walk, each page is its own report: the next page warns again.
    _, again = decode(system(records))
    assert sorted(warned_fields(again)) == sorted(warned_fields(warned))


def test_bad_value_warning_names_value_briefly() -> None:
    """Would fail if a huge bad value were copied whole into the warning."""
    _, warned = decode(system([{"plain_int": "z" * 10_000}]))
    assert len(warned) == 1
    assert len(warned[0]) < 400


@pytest.mark.parametrize("field", ["plain_int", "plain_date", "plain_dt", "plain_float",
                                   "plain_bool", "count", "opened", "stamp", "price", "active"])
def test_empty_string_is_none_without_warning(field: str) -> None:
    """Would fail if an empty string in a number, date or flag field warned (ACTIVE sends ""
    for "no value" all the time) or did not decode to None."""
    page, warned = decode(system([{"thing_id": 1, field: ""}]))
    assert getattr(page.records[0], field) is None
    assert page.records[0].thing_id == 1
    assert warned == []


def test_bad_value_in_nested_struct_repaired() -> None:
    """Would fail if a bad value inside a nested record failed the page or dropped the whole
    nested record instead of just that field."""
    page, warned = decode(system([{"thing_id": 1, "badge": {"code": "x", "issued": "2020-01-02"}}]))
    assert page.records[0].badge == Badge(code=None, issued=datetime(2020, 1, 2))
    assert warned_fields(warned) == ["Badge.code"]


def test_bad_lenient_value_in_list_of_structs_repaired() -> None:
    """Would fail if a bad flag inside a list of nested records broke decoding of the page."""
    page, warned = decode(system([{"parent_id": 1, "kids": [{"kid_id": 1, "happy": "mock"},
                                                            {"kid_id": 2, "happy": "Y"}]}]),
                          rtype=Parent)
    assert page.records[0].kids == [Kid(kid_id=1), Kid(kid_id=2, happy=True)]
    assert warned_fields(warned) == ["Kid.happy"]


def test_bad_plain_value_in_list_of_structs_repaired() -> None:
    """Would fail if a value msgspec rejects inside a list of nested records (a non-numeric id,
    a malformed date in GetActivityDetail's activity_patterns[].pattern_facilities[]) crashed
    the page instead of becoming None with one warning."""
    records = [{"parent_id": 1, "kids": [{"kid_id": 1, "born": "2000/01/01"},
                                         {"kid_id": "x", "born": "garbage"},
                                         {"kid_id": 3, "born": "2001-02-03"}]}]
    page, warned = decode(system(records), rtype=Parent)
    assert page.records[0].parent_id == 1
    assert page.records[0].kids == [Kid(kid_id=1, born=date(2000, 1, 1)),
                                    Kid(kid_id=None, born=None),
                                    Kid(kid_id=3, born=date(2001, 2, 3))]
    assert sorted(warned_fields(warned)) == ["Kid.born", "Kid.kid_id"]


def test_bad_item_in_list_of_ints_dropped() -> None:
    """Would fail if a bad item in a list of ids crashed the page instead of being dropped."""
    page, _ = decode(system([{"parent_id": 1, "tags": [1, "2", "x", 4]}]), rtype=Parent)
    assert page.records[0].tags == [1, 2, 4]


def test_nested_object_of_wrong_kind_becomes_none() -> None:
    """Would fail if an object or array where a scalar or list belongs failed the page."""
    page, warned = decode(system([{"parent_id": 1, "kids": {"kid_id": 1}},
                                  {"parent_id": 2, "kids": "junk"}]), rtype=Parent)
    assert [(r.parent_id, r.kids) for r in page.records] == [(1, None), (2, None)]
    assert warned_fields(warned) == ["Parent.kids"]


def test_scalars_coerced_into_string_fields() -> None:
    """Would fail if a number or boolean sent where a string is documented were rejected."""
    page, warned = decode(system([{"name": 123}, {"name": True}, {"name": 1.5}]))
    assert [r.name for r in page.records] == ["123", "true", "1.5"]
    assert warned == []


@pytest.mark.parametrize("shape", ["system", "insights_headers"])
def test_raw_mode_returns_dicts_untouched(shape: str) -> None:
    """Would fail if raw mode (rtype=Any, for ``raw=True``) altered, coerced or dropped any
    value, including the ones a record would reject."""
    records = [{"thing_id": "junk", "plain_date": "mock", "nested": {"a": [1, None]}},
               {"x": 1.5}]
    page, warned = decode(system(copy.deepcopy(records)), rtype=typing.Any, shape=shape)
    assert page.records == records
    assert warned == []


def test_raw_mode_other_shapes() -> None:
    """Would fail if raw mode changed records of the Insights paged or bare shapes."""
    data = [{"customerId": "7", "when": "2019-1-1"}]
    page, _ = decode(json.dumps({"page": 1, "pageSize": 5, "data": data}).encode(),
                     rtype=typing.Any, shape="insights_paged")
    assert page.records == data
    page, _ = decode(json.dumps(data).encode(), rtype=typing.Any, shape="bare")
    assert page.records == data


def test_dump_json_round_trip() -> None:
    """Would fail if decoded records could not be written back as JSON with ISO dates."""
    page, _ = decode(system([FULL]))
    out = json.loads(dump_json(page.records))
    assert out[0]["plain_dt"] == "2019-06-13T08:15:05.147000"
    assert out[0]["opened"] == "2019-01-01"


# ---- robustness: mutated envelopes ---------------------------------------------------------

garbage = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
              st.sampled_from(["", " ", "Y", "N", "0001", "2019-1-1", "12/31/2001",
                               "9" * 5000, "x" * 100_000, "2021-09-14 19:21:05.0"])),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=10,
)

VALID_THING = {"thing_id": 1, "name": "n", "active": "Y", "opened": "2020-01-01",
               "stamp": "2020-01-01 10:00:00.0", "count": "3", "price": "1.5",
               "plain_int": 2, "plain_float": 2.5, "plain_date": "2020-01-02",
               "plain_dt": "2020-01-02 03:04:05", "plain_bool": True,
               "badge": {"code": 1, "issued": "2020-01-01 00:00:00"}}
VALID_PARENT = {"parent_id": 1, "kids": [{"kid_id": 1, "born": "2000-01-01", "happy": "N"},
                                         {"kid_id": 2, "born": "2001-01-01"}],
                "tags": [1, 2, 3]}
VALID_ENVELOPE = {"headers": {"response_code": "0000", "response_message": "Successful",
                              "page_info": {"total_records": 2, "total_records_per_page": 50,
                                            "total_page": 1, "page_number": 1}},
                  "body": [VALID_THING, VALID_THING]}


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, record: dict[str, Any]) -> bytes:
    """A valid system envelope of ``record`` with a few random mutations applied: a value
    replaced by garbage or null, a key removed, an extra key added."""
    doc = copy.deepcopy(VALID_ENVELOPE)
    doc["body"] = [copy.deepcopy(record), copy.deepcopy(record)]
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "null", "delete", "add"]))
        if not path:
            if action == "replace":
                doc = draw(garbage)
            continue
        parent: Any = doc
        for seg in path[:-1]:
            parent = parent[seg]
        leaf = path[-1]
        if action == "replace":
            parent[leaf] = draw(garbage)
        elif action == "null":
            parent[leaf] = None
        elif action == "delete":
            del parent[leaf]
        elif isinstance(parent[leaf], dict):
            parent[leaf][draw(st.text(max_size=8))] = draw(garbage)
        elif isinstance(parent[leaf], list):
            parent[leaf].append(draw(garbage))
    return json.dumps(doc).encode()


def _decodes_or_raises_documented_error(body: bytes, rtype: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LenientValueWarning)
        try:
            page = decode_page(body, scheme=PageInfoHeader(), rtype=rtype, operation=OP)
        except (activenet_async.DecodeError, activenet_async.APIError):
            return
    assert isinstance(page.records, list)
    assert all(isinstance(r, rtype) for r in page.records)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.data_too_large])
@given(body=mutated(VALID_THING))
@example(body=system([{"thing_id": [1, 2], "badge": {"code": {"x": 1}}}]))
@example(body=system([{"thing_id": 1, "badge": "junk"}]))
@example(body=system([{"plain_dt": "9" * 5000, "count": "x" * 100_000}]))
def test_mutated_envelope_never_raises_other_errors(body: bytes) -> None:
    """Would fail if some malformed response (wrong types, nulls, missing or extra keys, huge
    strings, nested garbage) escaped decode_page as anything but DecodeError or APIError, e.g.
    a KeyError or TypeError from the repair path."""
    _decodes_or_raises_documented_error(body, Thing)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.data_too_large])
@given(body=mutated(VALID_PARENT))
@example(body=system([{"parent_id": 1, "kids": [{"kid_id": "x"}]}]))
def test_mutated_envelope_with_nested_lists_never_raises_other_errors(body: bytes) -> None:
    """Would fail if a malformed value inside a list of nested records (or a list of ids)
    escaped decode_page as anything but DecodeError or APIError."""
    _decodes_or_raises_documented_error(body, Parent)


def test_records_are_structs() -> None:
    """Would fail if records stopped being msgspec Structs (the contract's record type)."""
    page, _ = decode(system([VALID_THING]))
    assert isinstance(page.records[0], msgspec.Struct)


@pytest.mark.parametrize(("body", "shape"), [
    (system([], code="0403", message="bad key api_key=k3yk3y&sig=abcdef"), "system"),
    (b'{"errorMsg": "denied for api_key=k3yk3y"}', "insights_paged"),
    (b'{"errorMsg": "denied for api_key=k3yk3y"}', "bare"),
])
def test_api_error_scrubs_credentials(body: bytes, shape: str) -> None:
    """Would fail if an API message echoing the request's key or signature were copied into
    the exception (errors must never leak credentials)."""
    with pytest.raises(activenet_async.APIError) as ei:
        decode(body, shape=shape)
    assert "k3yk3y" not in str(ei.value)
    assert "k3yk3y" not in (ei.value.api_message or "")
    assert "abcdef" not in str(ei.value)
