"""Lossless decoding: answers in the shapes of recorded real responses, and their realistic
variants, decode without losing anything silently.

The fixtures below are written for these tests in the shapes ACTIVE answers GetOrganization,
GetSites, GetCenters, GetSeasons, GetSkills and GetSkipDates with (the System envelope, the
keys of the reference's field tables, the value spellings real servers send). The variants
are the realistic ways real answers differ: a renamed key (``siteId``), nulls and strings in
the record list, strings in numeric fields, dates with and without times and offsets, a
byte-order mark, page counts sent as ``""``, a body that is not UTF-8.
"""

from __future__ import annotations

import copy
import csv
import json
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import msgspec
import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activenet_async import (
    ActiveNet,
    ActiveNetWarning,
    APIError,
    DecodeError,
    LenientValueWarning,
    RetryPolicy,
    SkippedRecordWarning,
    UnknownFieldWarning,
)
from activenet_async._decode import decode_page, dump_json
from activenet_async._operations.table import OPERATIONS, find
from activenet_async._paging.schemes import PageAndPageSize, PageInfoHeader
from activenet_async._warnings import DecodeReport, current_report
from activenet_async.cli._writers import CsvWriter, JsonlWriter
from activenet_async.records.general import Center, Organization, Season, Site, Skill, SkipDate
from tests.conftest import serve

OK = {"response_code": "0000", "response_message": "Successful"}

# ---- fixtures in the shapes of recorded answers ---------------------------------------------

ORGANIZATION = {"headers": OK, "body": [{
    "organization_id": 2417, "name": "Riverside Parks & Recreation", "country": "United States",
    "time_zone": "America/Los_Angeles", "logo_on_member_app": "", "retired": "N",
    "cui_url": "https://apm.activecommunities.com/riversideparks/Home"}]}

SITES = {"headers": OK, "body": [
    {"site_id": 1, "site_name": "Main Site", "address1": "3900 Main St", "address2": "",
     "city": "Riverside", "state": "CA", "zip_code": "92501", "country": "US",
     "geographic_area": "", "email_address": "parks@example.org"},
    {"site_id": 4, "site_name": "Arlington Park", "address1": "7020 Van Buren Blvd",
     "address2": None, "city": "Riverside", "state": "CA", "zip_code": "92503",
     "country": "US", "geographic_area": "West", "email_address": ""},
]}

CENTERS = {"headers": OK, "body": [{
    "center_id": 12, "center_name": "Bordwell Park Community Center",
    "prevent_further_use": False, "site_id": 1, "site_name": "Main Site",
    "show_on_member_app": "Y", "member_app_image": "", "latitude": "33.9533",
    "longitude": "-117.3962", "description": "", "customer_webpage_url": "",
    "address1": "2008 Martin Luther King Blvd", "address2": "", "city": "Riverside",
    "state": "CA", "zip_code": "92507", "country": "US", "phone1": "9518265770",
    "phone2": "", "fax": "",
    "default_hours_of_operation": {"default_opens": "08:00:00", "default_closes": "21:00:00"},
    "Sunday_hours_of_operation": {"closed_all_day": "Y", "opens": "", "closes": ""},
    "Monday_hours_of_operation": {"closed_all_day": "N", "opens": "08:00:00",
                                  "closes": "21:00:00"},
}]}


def _child(i: int, start: str = "2021-01-04", end: str = "2021-03-13") -> dict[str, Any]:
    return {"child_season_id": 100 + i, "child_season": f"Winter Session {i}",
            "start_date": start, "end_date": end, "prevent_further_use": False,
            "first_date_in_person": "2020-12-01 09:00:00", "last_date_on_internet": ""}


SEASONS = {"headers": OK, "body": [
    {"season_id": 7, "season_name": "Winter 2021", "start_date": "2021-01-01",
     "end_date": "2021-03-31", "site_id": 0, "prevent_further_use": False,
     "first_date_in_person": "2020-12-01 09:00:00", "first_date_on_internet": "",
     "child_season": [_child(1)]},
    # older seasons come with a midnight time on their days
    {"season_id": 3, "season_name": "Fall 2013", "start_date": "2013-09-01 00:00:00",
     "end_date": "2013-12-31 00:00:00", "site_id": 0, "prevent_further_use": True,
     "child_season": []},
]}

SKILLS = {"headers": OK, "body": [
    {"skill_id": 4, "skill_title": "Lifeguard", "skill_description": "",
     "available_for": "Activities,Instructors"},
    {"skill_id": 9, "skill_title": "CPR", "skill_description": "Adult and child CPR",
     "available_for": "Customers"},
]}

SKIP_DATES = {"headers": OK, "body": [
    {"skip_date_description": "Independence Day", "skip_every_year": True,
     "date_from": "2021-07-04", "time_from": "00:00:00", "date_to": "2021-07-04",
     "time_to": "23:59:00"},
    {"skip_date_description": "Winter closure", "skip_every_year": "N",
     "date_from": "2021-12-24 00:00:00", "time_from": "", "date_to": "2022-01-02",
     "time_to": ""},
]}

RECORDED: dict[str, tuple[dict[str, Any], type[Any]]] = {
    "GetOrganization": (ORGANIZATION, Organization), "GetSites": (SITES, Site),
    "GetCenters": (CENTERS, Center), "GetSeasons": (SEASONS, Season),
    "GetSkills": (SKILLS, Skill), "GetSkipDates": (SKIP_DATES, SkipDate),
}


def body(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


@contextmanager
def one_call() -> Iterator[DecodeReport]:
    """The report of one call or walk, as the engine sets it."""
    report = DecodeReport()
    token = current_report.set(report)
    try:
        yield report
    finally:
        current_report.reset(token)


def decode(doc: dict[str, Any] | bytes, op: str = "GetSites", *, raw: bool = False
           ) -> tuple[list[Any], list[warnings.WarningMessage]]:
    data = doc if isinstance(doc, bytes) else body(doc)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(data, scheme=PageInfoHeader(),
                           rtype=Any if raw else OPERATIONS[op].record, operation=op)
    return page.records, [w for w in caught if issubclass(w.category, ActiveNetWarning)]


def of(caught: list[warnings.WarningMessage], kind: type[Warning]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, kind)]


# ---- recorded shapes --------------------------------------------------------------------------

@pytest.mark.parametrize("op", sorted(RECORDED))
def test_recorded_shapes_decode_without_warnings(op: str) -> None:
    """Catches: a recorded answer shape that fails, warns or loses a record (every key of
    these answers is a documented field, every value fits)."""
    doc, cls = RECORDED[op]
    records, caught = decode(doc, op)
    assert caught == []
    assert len(records) == len(doc["body"]) and all(type(r) is cls for r in records)


def test_recorded_values_have_their_types() -> None:
    """Catches: a recorded value read as the wrong type (flags, coordinates sent as text,
    nested day hours, days sent with and without a midnight time)."""
    [org], _ = decode(ORGANIZATION, "GetOrganization")
    assert org.retired is False and org.organization_id == 2417
    [center], _ = decode(CENTERS, "GetCenters")
    assert center.latitude == pytest.approx(33.9533) and center.show_on_member_app is True
    assert center.Sunday_hours_of_operation is not None
    assert center.Sunday_hours_of_operation.closed_all_day is True
    skips, _ = decode(SKIP_DATES, "GetSkipDates")
    assert [s.date_from for s in skips] == [date(2021, 7, 4), date(2021, 12, 24)]
    assert [s.skip_every_year for s in skips] == [True, False]


# ---- day fields are dates ---------------------------------------------------------------------

def test_season_days_are_dates_with_or_without_midnight() -> None:
    """Catches: a season's start_date/end_date typed as a datetime, so that "2021-01-01" and
    "2013-09-01 00:00:00" became midnight datetimes and comparing with a date raised
    TypeError."""
    (winter, fall), caught = decode(SEASONS, "GetSeasons")
    assert caught == []
    assert type(winter.start_date) is date and winter.start_date == date(2021, 1, 1)
    assert type(fall.start_date) is date and fall.start_date == date(2013, 9, 1)
    assert fall.end_date == date(2013, 12, 31)
    assert winter.start_date <= date(2021, 6, 1) < date(2021, 12, 31)
    assert winter.child_season is not None
    assert type(winter.child_season[0].start_date) is date
    # a moment stays a moment
    assert winter.first_date_in_person == datetime(2020, 12, 1, 9, 0)


def test_exports_write_days_as_days(tmp_path: Path) -> None:
    """Catches: an export writing a season's day as "2021-01-01T00:00:00" (JSON Lines) or
    "2021-01-01 00:00:00" (CSV)."""
    seasons, _ = decode(SEASONS, "GetSeasons")
    jl = tmp_path / "s.jsonl"
    w = JsonlWriter(str(jl), None)
    w.write(seasons)
    w.close()
    first = json.loads(jl.read_text().splitlines()[0])
    assert first["start_date"] == "2021-01-01" and first["end_date"] == "2021-03-31"
    assert first["first_date_in_person"] == "2020-12-01T09:00:00"
    cv = tmp_path / "s.csv"
    c = CsvWriter(str(cv), None, Season)
    c.write(seasons)
    c.close()
    rows = list(csv.DictReader(cv.open()))
    assert [r["start_date"] for r in rows] == ["2021-01-01", "2013-09-01"]


# ---- offsets --------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["first_date_in_person", "last_date_on_internet"])
def test_offsets_are_kept_as_the_same_instant(field: str) -> None:
    """Catches: an offset thrown away, so that "2021-09-14T19:00:00-07:00" and
    "2021-09-15T02:00:00Z" (one instant) decoded to two different naive times."""
    doc = copy.deepcopy(SEASONS)
    doc["body"][0][field] = "2021-09-14T19:00:00-07:00"
    doc["body"][1][field] = "2021-09-15T02:00:00Z"
    (a, b), caught = decode(doc, "GetSeasons")
    assert caught == []
    ta, tb = getattr(a, field), getattr(b, field)
    assert ta.utcoffset() == timedelta(hours=-7) and tb.utcoffset() == timedelta(0)
    assert ta == tb == datetime(2021, 9, 15, 2, 0, tzinfo=UTC)


def test_offset_kept_on_the_slow_path_and_naive_without_one() -> None:
    """Catches: the slow path (a record with a misfit elsewhere) dropping an offset, or a
    value without an offset decoded as aware."""
    doc = copy.deepcopy(SEASONS)
    doc["body"][0]["first_date_in_person"] = "2021-09-15T02:00:00Z"
    doc["body"][0]["site_id"] = "not a number"  # sends this page down the slow path
    doc["body"][1]["first_date_in_person"] = "2021-09-14 19:00:00"
    (a, b), caught = decode(doc, "GetSeasons")
    assert a.site_id is None and of(caught, LenientValueWarning)
    assert a.first_date_in_person == datetime(2021, 9, 15, 2, tzinfo=UTC)
    assert b.first_date_in_person == datetime(2021, 9, 14, 19) and \
        b.first_date_in_person.tzinfo is None


# ---- unknown keys -------------------------------------------------------------------------

def _renamed_sites() -> dict[str, Any]:
    doc = copy.deepcopy(SITES)
    for rec in doc["body"]:
        rec["siteId"] = rec.pop("site_id")
    return doc


def test_renamed_key_is_reported_once_per_call_and_again_in_a_new_call() -> None:
    """Catches: a key the record does not know vanishing silently (a renamed ``siteId`` left
    site_id=None and nobody knew), or being reported once per process only."""
    for _ in range(2):  # two calls: each reports it
        with one_call() as report:
            for _ in range(3):  # three pages of one call: reported once, counted each time
                records, caught = decode(_renamed_sites())
                assert [r.site_name for r in records] == ["Main Site", "Arlington Park"]
                assert all(r.site_id is None for r in records)
                if _ == 0:
                    [msg] = of(caught, UnknownFieldWarning)
                    assert "GetSites" in msg and "siteId" in msg
                else:
                    assert of(caught, UnknownFieldWarning) == []
        assert report.unknown[("GetSites", "Site.siteId")] == 6


def test_unknown_key_in_a_nested_object_is_reported() -> None:
    """Catches: unknown keys checked only at the top of a record (a new key inside a center's
    day hours vanished)."""
    doc = copy.deepcopy(CENTERS)
    doc["body"][0]["Monday_hours_of_operation"]["break_starts"] = "12:00:00"
    [center], caught = decode(doc, "GetCenters")
    [msg] = of(caught, UnknownFieldWarning)
    assert "CenterDayHours.break_starts" in msg
    assert center.Monday_hours_of_operation is not None
    assert center.Monday_hours_of_operation.opens == "08:00:00"
    assert center.latitude == pytest.approx(33.9533)


def test_raw_keeps_unknown_keys_without_warning() -> None:
    """Catches: raw=True dropping or warning about keys (raw is the answer as sent)."""
    records, caught = decode(_renamed_sites(), raw=True)
    assert caught == [] and records[0]["siteId"] == 1


async def test_unknown_key_through_a_call_warns_once(anet: ActiveNet, mocked: Any) -> None:
    """Catches: an unknown key reported per record instead of once per call, through a real
    client call."""
    serve(mocked, "sites", body(_renamed_sites()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sites = [s async for s in anet.get_sites()]
    assert [s.site_name for s in sites] == ["Main Site", "Arlington Park"]
    assert len(of(caught, UnknownFieldWarning)) == 1


# ---- elements that are not records ------------------------------------------------------------

@pytest.mark.parametrize("bad", [None, "Main Site", [1, 2], 7, True])
def test_element_that_is_not_an_object_is_skipped_and_the_rest_yielded(bad: Any) -> None:
    """Catches: one null/string/list/number in ``body`` failing the whole page (the walk
    ended with DecodeError), or being dropped without a word."""
    doc = copy.deepcopy(SITES)
    doc["body"].insert(1, bad)
    page_records, caught = decode(doc)
    assert [r.site_id for r in page_records] == [1, 4]
    [msg] = of(caught, SkippedRecordWarning)
    assert "GetSites" in msg and "element 1" in msg
    with pytest.warns(SkippedRecordWarning):
        page = decode_page(body(doc), scheme=PageInfoHeader(), rtype=Site, operation="GetSites")
    assert page.received == 3 and len(page.records) == 2  # a full page stays full
    raw, caught = decode(doc, raw=True)
    assert raw[1] == bad and len(raw) == 3 and caught == []


def test_skipped_elements_are_counted_per_call() -> None:
    """Catches: skipped elements warned per element, or not counted."""
    doc = copy.deepcopy(SKILLS)
    doc["body"] += [None, None, "x"]
    with one_call() as report:
        records, caught = decode(doc, "GetSkills")
    assert len(records) == 2 and len(of(caught, SkippedRecordWarning)) == 1
    assert report.skipped["GetSkills"] == 3


# ---- misfit values ------------------------------------------------------------------------------

def test_sixty_four_repairs_in_one_record_decode() -> None:
    """Catches: a repair limit failing a record ("could not be repaired") that needs many
    repairs: 64 child seasons each with "child_season_id": ""."""
    doc = copy.deepcopy(SEASONS)
    children = [_child(i) for i in range(64)]
    for c in children:
        c["child_season_id"] = ""
    doc["body"][0]["child_season"] = children
    (winter, _), caught = decode(doc, "GetSeasons")
    assert winter.child_season is not None and len(winter.child_season) == 64
    assert all(c.child_season_id is None for c in winter.child_season)
    assert [c.child_season for c in winter.child_season] == [
        f"Winter Session {i}" for i in range(64)]
    assert caught == []  # "" is "no value", not a misfit


def test_misfit_values_warn_once_per_call_and_are_counted() -> None:
    """Catches: misfit warnings deduplicated per process (after the first, every later misfit
    in any call became None without a word), or not counted."""
    doc = copy.deepcopy(SEASONS)
    children = [_child(i) for i in range(64)]
    for c in children:
        c["child_season_id"] = "n/a"
    doc["body"][0]["child_season"] = children
    doc["body"][1]["site_id"] = "main"
    for _ in range(2):  # a later call warns again
        with one_call() as report:
            (winter, fall), caught = decode(doc, "GetSeasons")
            _, again = decode(doc, "GetSeasons")
        msgs = of(caught, LenientValueWarning)
        assert sorted(m.split(" = ")[0] for m in msgs) == [
            "GetSeasons: ChildSeason.child_season_id", "GetSeasons: Season.site_id"]
        assert of(again, LenientValueWarning) == []
        assert report.lenient[("GetSeasons", "ChildSeason.child_season_id")] == 128
        assert report.lenient[("GetSeasons", "Season.site_id")] == 2
        assert winter.child_season is not None and len(winter.child_season) == 64
        assert fall.site_id is None and fall.season_name == "Fall 2013"


def test_bad_items_of_a_nested_list_are_dropped_and_reported() -> None:
    """Catches: a null or a string among a season's child seasons failing the season, being
    kept as a None its type does not allow, or vanishing without a word."""
    doc = copy.deepcopy(SEASONS)
    doc["body"][0]["child_season"] = [_child(1), None, "Spring", _child(2)]
    (winter, fall), caught = decode(doc, "GetSeasons")
    assert winter.child_season is not None
    assert [c.child_season_id for c in winter.child_season] == [101, 102]
    msgs = of(caught, LenientValueWarning)
    assert len(msgs) == 1 and "child_season[]" in msgs[0] and "dropped" in msgs[0]
    assert fall.season_id == 3


def test_numbers_sent_as_strings_and_text_sent_as_numbers() -> None:
    """Catches: a string in a numeric field (or a number in a text field) failing the page
    or becoming None although it reads as the field's type."""
    doc = copy.deepcopy(SITES)
    doc["body"][0]["site_id"] = "12"
    doc["body"][1]["zip_code"] = 92503
    doc["body"][1]["site_name"] = None
    records, caught = decode(doc)
    assert [r.site_id for r in records] == [12, 4]
    assert records[1].zip_code == "92503" and records[1].site_name is None
    assert caught == []


# ---- envelope ---------------------------------------------------------------------------------

def _paged(info: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(SITES)
    doc["headers"] = {**OK, "page_info": info}
    return doc


def test_byte_order_mark_is_read() -> None:
    """Catches: a UTF-8 byte-order mark failing the page."""
    data = b"\xef\xbb\xbf" + body(SITES)
    records, caught = decode(data)
    assert [r.site_id for r in records] == [1, 4] and caught == []
    assert decode(data, raw=True)[0][0]["site_id"] == 1


def test_empty_page_info_values_leave_the_count_unknown() -> None:
    """Catches: page_info values sent as "" failing the page, or a count guessed where none
    can be known."""
    doc = _paged({"total_records": "", "total_records_per_page": "",
                  "total_page": "", "page_number": ""})
    page = decode_page(body(doc), scheme=PageInfoHeader(), rtype=Site, operation="GetSites")
    assert len(page.records) == 2
    assert page.total_pages is None and page.total_records is None
    assert page.page_number is None and page.page_size is None


def test_numeric_string_page_info_values_are_counts() -> None:
    """Catches: page counts sent as numeric strings (with or without a BOM) failing the page
    or being dropped."""
    doc = _paged({"total_records": "230", "total_records_per_page": "50", "total_page": "",
                  "page_number": "2", "order_by": 5})
    page = decode_page(b"\xef\xbb\xbf" + body(doc), scheme=PageInfoHeader(), rtype=Site,
                       operation="GetSites")
    assert page.total_pages == 5 and page.total_records == 230 and page.page_number == 2


def test_garbage_page_count_is_reported_not_guessed() -> None:
    """Catches: a page count that is no number read as a guess (or failing the page
    silently)."""
    doc = _paged({"total_page": "many", "page_number": 1})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(body(doc), scheme=PageInfoHeader(), rtype=Site, operation="GetSites")
    assert page.total_pages is None and len(page.records) == 2
    assert any("total_page" in m for m in of(caught, LenientValueWarning))


@pytest.mark.parametrize(("counts", "pages"), [
    ({"page": "1", "pageSize": "50", "pageRowCount": "2", "totalRowCount": "3936"}, 79),
    ({"page": "", "pageSize": "", "pageRowCount": "", "totalRowCount": "3936"}, None),
    ({"page": 1, "pageSize": 50, "filteredRowCount": "", "totalRowCount": ""}, None),
])
def test_insights_page_counts_are_read_leniently(counts: dict[str, Any],
                                                 pages: int | None) -> None:
    """Catches: an Insights page whose counts are sent as strings or "" failing the page, or
    a page count guessed where the counts cannot give one."""
    records = [{"customer_id": 9128, "firstname": "Ann"}, {"customer_id": 9129}]
    data = b"\xef\xbb\xbf" + json.dumps({**counts, "data": records}).encode()
    op = find("insights.get_customers")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(data, scheme=PageAndPageSize(), rtype=op.record, operation=op.name)
    assert [r.customer_id for r in page.records] == [9128, 9129]
    assert page.total_pages == pages
    assert of(caught, ActiveNetWarning) == []


# ---- through a real HTTP answer ---------------------------------------------------------------

@pytest.fixture
async def server() -> AsyncIterator[SimpleNamespace]:
    """An http server on 127.0.0.1 answering every request with ``state.answers`` in turn
    (the last one repeated), counting requests."""
    state = SimpleNamespace(answers=[], seen=0, url="")

    async def handle(request: web.Request) -> web.Response:
        state.seen += 1
        status, data, ctype = state.answers[min(state.seen, len(state.answers)) - 1]
        return web.Response(status=status, body=data, headers={"Content-Type": ctype})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield state
    finally:
        await runner.cleanup()


def _client(url: str) -> ActiveNet:
    return ActiveNet(org="riverside", api_key="k3y", shared_secret="s3cret", base_url=url,
                     rate_limit=1000, allow_insecure_http=True,
                     retry=RetryPolicy(attempts=5, backoff=0.001, backoff_max=0.01))


async def test_windows_1252_body_decodes_once_with_a_warning(server: SimpleNamespace) -> None:
    """Catches: a Latin-1 body under a UTF-8 label (msgspec 0.23 reports it as its own
    DecodeError, no longer UnicodeDecodeError) sent five times and then failing the walk with
    "body is not JSON"."""
    doc = copy.deepcopy(SITES)
    doc["body"][0]["site_name"] = "Façons"
    server.answers = [(200, json.dumps(doc, ensure_ascii=False).encode("cp1252"),
                       "application/json;charset=UTF-8")]
    async with _client(server.url) as anet:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sites = [s async for s in anet.get_sites()]
    assert [s.site_name for s in sites] == ["Façons", "Arlington Park"]
    assert server.seen == 1
    assert any("Windows-1252" in m for m in of(caught, LenientValueWarning))


async def test_complete_non_json_body_is_not_retried(server: SimpleNamespace) -> None:
    """Catches: a complete 200 body that is not JSON (the same every time) retried five times
    before failing."""
    server.answers = [(200, b"Service: OK (maintenance notice)", "application/json")]
    async with _client(server.url) as anet:
        with pytest.raises(DecodeError):
            await anet.get_organization()
    assert server.seen == 1


async def test_truncated_body_is_still_retried(server: SimpleNamespace) -> None:
    """Catches: the no-retry rule for non-JSON bodies swallowing the retry of a body cut off
    in transit (JSON that never closes)."""
    whole = body(ORGANIZATION)
    server.answers = [(200, whole[:len(whole) // 2], "application/json"),
                      (200, whole, "application/json")]
    async with _client(server.url) as anet:
        org = await anet.get_organization()
    assert org.organization_id == 2417 and server.seen == 2


# ---- mutated bodies -------------------------------------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False), st.text(max_size=12),
                     st.sampled_from(["", "Y", "N", "2021-01-01", "2013-09-01 00:00:00",
                                      "2021-09-15T02:00:00Z", "12", "1,234.5", "mock data"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    op = draw(st.sampled_from(sorted(RECORDED)))
    doc = copy.deepcopy(RECORDED[op][0])
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(["record", "element", "envelope", "bytes"]))
        if where == "element" or not doc["body"]:
            doc["body"].insert(draw(st.integers(0, len(doc["body"]))), draw(_VALUES))
        elif where == "record" and isinstance(doc["body"][0], dict):
            rec = doc["body"][draw(st.integers(0, len(doc["body"]) - 1))]
            if isinstance(rec, dict):
                key = draw(st.one_of(st.sampled_from(sorted(rec) or ["x"]), st.text(max_size=8)))
                rec[key] = draw(_VALUES)
        elif where == "envelope":
            doc["headers"]["page_info"] = draw(st.dictionaries(
                st.sampled_from(["total_records", "total_page", "page_number",
                                 "total_records_per_page", "order_by"]), _SCALARS))
    data = body(doc)
    if draw(st.booleans()):
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b""])) + data
    if draw(st.integers(0, 9)) == 0:
        data = data[:draw(st.integers(0, len(data)))]
    return op, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_mutated_recorded_bodies_raise_only_documented_errors(case: tuple[str, bytes]) -> None:
    """Catches: a realistic variant of a recorded answer raising anything but DecodeError or
    APIError (a TypeError from a nested misfit, a KeyError in the envelope), or a record
    decoded into something that is not its record type."""
    op, data = case
    cls = RECORDED[op][1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            page = decode_page(data, scheme=PageInfoHeader(), rtype=cls, operation=op)
        except (DecodeError, APIError):
            return
    assert all(type(r) is cls for r in page.records)
    assert page.received >= len(page.records)
    msgspec.json.encode(page.records)  # every decoded value is a value a record can hold
    assert dump_json(page.records)


def test_report_counts_and_summarises_every_kind() -> None:
    """Catches: a kind of loss (misfit, unknown key, skipped element, non-UTF-8 body) missing
    from a walk's report or its summary, or merging reports losing counts."""
    doc = _renamed_sites()
    doc["body"][0]["zip_code"] = {"plus4": "0001"}
    doc["body"].append(None)
    data = json.dumps(doc, ensure_ascii=False).replace("Main Site", "Façons").encode("cp1252")
    with one_call() as report, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        decode_page(data, scheme=PageInfoHeader(), rtype=Site, operation="GetSites")
    total = DecodeReport()
    total.merge(report)
    total.merge(report)
    assert total.lenient[("GetSites", "Site.zip_code")] == 2
    assert total.unknown[("GetSites", "Site.siteId")] == 4
    assert total.skipped["GetSites"] == 2 and total.transcoded["GetSites"] == 2
    text = "\n".join(total.summary())
    for part in ("Site.zip_code", "Site.siteId", "skipped", "Windows-1252"):
        assert part in text
    assert bool(total) and not DecodeReport()
