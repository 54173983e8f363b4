"""Facility and equipment operations: every documented example decodes through its method, every
documented constraint is refused before any request, lists and windows are split."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import CallbackResult, aioresponses

from activenet_async import ActiveNet, LenientValueWarning, RequestValidationError
from activenet_async._operations.system.facilities import (
    BookableOrLendable,
    InstructorScheduleType,
    ReserveBy,
    SearchType,
)
from activenet_async._operations.table import LIMITS
from activenet_async.records.facilities import (
    Equipment,
    EquipmentOpenBlock,
    EquipmentType,
    EventType,
    EventTypeFacilityType,
    Facility,
    FacilityDetail,
    FacilityEventCapacity,
    FacilityOpenBlock,
    FacilityType,
    PrepCode,
    ReservationGroup,
    ReservationGroupFacility,
    ScheduleType,
    SubFacility,
)
from activenet_async.records.schedules import (
    EquipmentSchedule,
    FacilityCharge,
    FacilityChargeFeeChange,
    FacilityDayHours,
    FacilityOpenHours,
    FacilitySchedule,
    FacilityScheduleDressingRoom,
    InstructorSchedule,
)

from ..conftest import _Response, example, sent, serve

SOON = datetime.combine(date.today() + timedelta(days=10), datetime.min.time())


def query(url: str) -> dict[str, str]:
    """The query parameters of a sent URL (each single-valued)."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def page_info(kwargs: dict[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = json.loads(kwargs["headers"]["page_info"])
    return info


@contextmanager
def no_lenient() -> Iterator[None]:
    """The example decodes without any value falling back to None."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]


# ---- every documented example decodes ------------------------------------------------------

async def test_get_facility_types(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilitytypes", example("GetFacilityTypes"))
    with no_lenient():
        rows = await anet.get_facility_types().collect()
    (t,) = rows
    assert isinstance(t, FacilityType)
    assert t.facility_type_id == 1 and t.description == "facility type1"
    assert t.prevent_further_use is True and t.hide_on_internet is True
    (_, url, kwargs), = sent(mocked)
    assert query(url).keys() == {"api_key", "sig"} and "page_info" not in kwargs["headers"]


async def test_get_schedule_types(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/scheduletypes", example("GetScheduleTypes"))
    with no_lenient():
        (s,) = await anet.get_schedule_types().collect()
    assert isinstance(s, ScheduleType)
    assert s.schedule_type_id == 1 and s.site_id == 1 and s.type_code is None
    assert s.apply_reservation_charge is False and s.hide_checklist_section is False
    assert s.default_customer == "None (prompt for customer)"


async def test_get_facility_detail(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilities/189", example("GetFacilityDetail"))
    with no_lenient():
        d = await anet.get_facility_detail(189)
    assert isinstance(d, FacilityDetail)
    assert d.facility_id == 189 and d.center_id == 3 and d.prevent_further_use is False
    assert d.latitude == pytest.approx(30.215) and d.longitude == pytest.approx(65.2376)
    assert d.display_on_map is True and d.setup_time == 30
    assert d.minimum_reservation_time == "30 minute(s)"
    assert d.event_capacities == [FacilityEventCapacity(123, "Type description", 10, 20)]
    assert d.sub_facilities == [SubFacility(198, "Sub Facility")]
    assert d.dressing_rooms and d.dressing_rooms[0].dressing_room_name == "RoomA"
    (_, url, _), = sent(mocked)
    assert urlsplit(url).path.endswith("/anet-systemapi-sec/orgtest/api/v1/facilities/189")


async def test_get_facilities(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilities", example("GetFacilities"))
    with no_lenient():
        rows = await anet.get_facilities(facility_name="name").collect()
    assert len(rows) == 2 and all(isinstance(r, Facility) for r in rows)
    f = rows[0]
    assert f.facility_id == 189 and f.modified_date_time == datetime(2025, 10, 16, 0, 40, 57)
    assert f.show_on_member_app is False and f.hide_on_internet is False
    assert f.capacity_track_maximum == 0 and f.start_on is None
    assert f.open_blocks == [FacilityOpenBlock(date(2025, 10, 16), "12:10 AM - 12:30 AM")]
    assert f.calculated_open_pattern and f.calculated_open_pattern[0].days_of_week == \
        "Sun,Mon,Tue"


async def test_get_equipment(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipment", example("GetEquipment"))
    with no_lenient():
        rows = await anet.get_equipment(equipment_id=1).collect()
    assert len(rows) == 2 and all(isinstance(r, Equipment) for r in rows)
    e = rows[1]
    assert e.equipment_id == 189 and e.equipment_type_id == 0 and e.default_setup == 30
    assert e.show_on_member_app is False and e.bookable_or_lendable == "Lendable"
    assert e.open_blocks == [EquipmentOpenBlock(date(2025, 10, 16), "12:10 AM - 12:30 AM")]


async def test_get_equipment_types(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipmenttypes", example("GetEquipmentTypes"))
    with no_lenient():
        (t,) = await anet.get_equipment_types(show_on_member_app=True).collect()
    assert isinstance(t, EquipmentType)
    assert t.equipment_type_id == 1 and t.show_on_member_app is True
    assert t.prevent_further_use is False and t.bookable_lendable == "Bookable"
    (_, url, _), = sent(mocked)
    assert query(url)["show_on_member_app"] == "Y"


async def test_get_facility_schedules(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilityschedules", example("GetFacilitySchedules"))
    with no_lenient():
        (s,) = await anet.get_facility_schedules(
            date_from=SOON, date_to=SOON + timedelta(days=1), facility_ids=[2548, 6548]
        ).collect()
    assert isinstance(s, FacilitySchedule)
    assert s.facility_id == 2548 and s.permit_number == 9000360 and s.attendance == 10
    assert s.start_date_time == datetime(2025, 10, 16, 0, 40, 59)
    assert s.permit_creation_date is None and s.has_active_membership is False
    assert s.dressing_rooms == [FacilityScheduleDressingRoom(1, "room1", "ocup1", "home")]


async def test_get_equipment_schedules(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipmentschedules", example("GetEquipmentSchedules"))
    with no_lenient():
        (s,) = await anet.get_equipment_schedules(
            date_from=SOON, date_to=SOON + timedelta(hours=2), equipment_ids=[2548]
        ).collect()
    assert isinstance(s, EquipmentSchedule)
    assert s.equipment_id == 2548 and s.quantity == 10 and s.schedule_id == 0
    assert s.booking_end_date_time == datetime(2025, 10, 16, 3, 41, 1)
    assert s.tear_down_from_time is None


async def test_get_prep_codes(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/prepcodes", example("GetPrepCodes"))
    with no_lenient():
        (p,) = await anet.get_prep_codes().collect()
    assert p == PrepCode("test-description", 1, "test-site-name", 30, 20, "test-notes")


async def test_get_reservation_groups(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/reservationgroups", example("GetReservationGroups"))
    with no_lenient():
        (g,) = await anet.get_reservation_groups().collect()
    assert isinstance(g, ReservationGroup)
    assert g.reservation_group_id == 4 and g.center_id == 0 and g.time_increment == 60
    assert g.non_exclusive_use is False and g.show_online is False
    assert g.starting_time == "08:00:00"
    assert g.facilities == [ReservationGroupFacility(1, "PoolLane 1 - NPLP"),
                            ReservationGroupFacility(2, "PoolLane 2 - NPLP")]


async def test_get_event_types(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/eventtypes", example("GetEventTypes"))
    with no_lenient():
        (e,) = await anet.get_event_types().collect()
    assert isinstance(e, EventType)
    assert e.event_type_id == 1 and e.teardown_time == 50 and e.schedule_type_id == 10
    assert e.hide_on_internet is True and e.available_for_all_facilities is False
    assert e.qualified_facilities and len(e.qualified_facilities) == 2
    assert e.qualified_facility_types == [EventTypeFacilityType(1, "Campsite"),
                                          EventTypeFacilityType(2, "Classroom")]


async def test_get_facility_charge_matrix(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilitychargematrix", example("GetFacilityChargeMatrix"))
    with no_lenient():
        rows = await anet.get_facility_charge_matrix(search_type=SearchType.GENERAL,
                                                     site_id=30).collect()
    assert len(rows) == 2 and all(isinstance(r, FacilityCharge) for r in rows)
    a, b = rows
    assert a.charge_name == "mock chargeName data" and a.default_amount == 1234.0
    assert b.default_amount == 10.5 and b.center_id == 1 and b.is_deposit is True
    assert b.taxable_by_tax8 is True and b.minimum_qty_allowed == 1
    assert a.scheduled_fee_change == [
        FacilityChargeFeeChange(datetime(2025, 10, 16, 0, 41), 1234.0)]
    assert b.scheduled_fee_change == [FacilityChargeFeeChange(datetime(2025, 10, 16), 10.5)]
    assert b.custom_questions and b.custom_questions[0].answer == "answer"
    assert b.activation_date == date(2025, 10, 16)


async def test_get_facility_open_hours(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilityopenhours/1", example("GetFacilityOpenHours"))
    with no_lenient():
        h = await anet.get_facility_open_hours(1)
    assert isinstance(h, FacilityOpenHours)
    assert h.default_settings and h.override_settings
    d = h.default_settings[0]
    assert d.open_24_hours is False and d.default_opens == "00:00:00"
    assert d.day_time and len(d.day_time) == 7
    assert d.day_time[0] == FacilityDayHours("Sun", None, None, True)
    assert h.override_settings[0].date_range == "From 2017 to 2018, Jan 1 to Apr 1"


async def test_get_instructor_schedules(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/instructorschedules", example("GetInstructorSchedules"))
    with no_lenient():
        (s,) = await anet.get_instructor_schedules(
            date_from=datetime(2017, 10, 9), date_to=datetime(2017, 10, 10),
            instructor_ids=[1, 23], instructor_schedule_type=InstructorScheduleType(1),
            activity_ids=[12]).collect()
    assert isinstance(s, InstructorSchedule)
    assert s.instructor_id == 1 and s.activity_id == 12 and s.customer_id == 2
    assert s.schedule_start == datetime(2017, 10, 9, 10, 12)
    assert s.instructor_schedule_type == "Schedule for Normal Activities"
    assert s.permit_number == "1234"


# ---- wire format ---------------------------------------------------------------------------

async def test_get_facilities_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilities", example("GetFacilities"))
    await anet.get_facilities(
        facility_id=1, modified_date_from=date(2011, 5, 20),
        modified_date_to=datetime(2017, 5, 20, 23, 59), facility_name="name",
        facility_number="1234", facility_type_id=1, prevent_further_use=True,
        center_ids=[30, 26, 53], site_ids=(15, 26, 37), amenity_id=1111111, prep_code_id=0,
        reserve_by=ReserveBy.DAY, show_on_member_app=True, order_by="facility_name",
        order_option="ASC", page_size=50).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["modified_date_from"] == "2011-05-20"
    assert q["modified_date_to"] == "2017-05-20 23:59"
    assert q["prevent_further_use"] == "true" and q["show_on_member_app"] == "Y"
    assert q["center_ids"] == "30,26,53" and q["site_ids"] == "15,26,37"
    assert q["reserve_by"] == "3" and q["prep_code_id"] == "0" and q["facility_id"] == "1"
    assert "order_by" not in q and "page_size" not in q
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 50,
                                 "order_by": "facility_name", "order_option": "ASC"}


async def test_get_equipment_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipment", example("GetEquipment"))
    await anet.get_equipment(center_ids=[30], bookable_or_lendable=BookableOrLendable.LENDABLE,
                             open_block_date_from=date(2017, 5, 20),
                             show_on_member_app=False).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["bookable_or_lendable"] == "2" and q["open_block_date_from"] == "2017-05-20"
    assert q["show_on_member_app"] == "N" and q["center_ids"] == "30"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


async def test_get_facility_schedules_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilityschedules", example("GetFacilitySchedules"))
    day = SOON.date()
    await anet.get_facility_schedules(date_from=day, date_to=SOON + timedelta(hours=15,
                                                                              minutes=30),
                                      facility_ids=[2548, 6548]).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["date_from"] == f"{day}" and q["date_to"] == f"{day} 15:30"
    assert q["facility_ids"] == "2548,6548"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 200}


async def test_get_equipment_schedules_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipmentschedules", example("GetEquipmentSchedules"))
    # "in the future" is judged by calendar date: today is accepted.
    today = datetime.combine(date.today(), datetime.min.time())
    await anet.get_equipment_schedules(date_from=today, date_to=today + timedelta(days=3),
                                       equipment_ids=["2548"]).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["date_from"] == f"{today:%Y-%m-%d} 00:00" and q["equipment_ids"] == "2548"
    assert page_info(kwargs)["total_records_per_page"] == 200


async def test_get_facility_charge_matrix_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilitychargematrix", example("GetFacilityChargeMatrix"))
    await anet.get_facility_charge_matrix(search_type=SearchType.FACILITY_CHARGE,
                                          customer_type_id=1, facility_id=2,
                                          event_type_id=15, order_by="charge_name",
                                          order_option="DESC").collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert (q["search_type"], q["customer_type_id"], q["facility_id"], q["event_type_id"]) \
        == ("1", "1", "2", "15")
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500,
                                 "order_by": "charge_name", "order_option": "DESC"}


async def test_get_instructor_schedules_wire(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/instructorschedules", example("GetInstructorSchedules"))
    await anet.get_instructor_schedules(
        date_from=datetime(2017, 10, 9, 8, 0), date_to=datetime(2017, 10, 9, 18, 30),
        instructor_ids=[1, 23], activity_ids=[12],
        instructor_schedule_type=2).collect()  # type: ignore[arg-type]  # plain ints work too
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["date_from"] == "2017-10-09 08:00" and q["date_to"] == "2017-10-09 18:31"
    assert q["instructor_ids"] == "1,23" and q["activity_ids"] == "12"
    assert q["instructor_schedule_type"] == "2"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


# ---- limits: lists and windows are split ---------------------------------------------------

@pytest.mark.parametrize("arg", ["center_ids", "site_ids"])
async def test_get_facilities_splits_id_lists(anet: ActiveNet, mocked: aioresponses,
                                              arg: str) -> None:
    serve(mocked, "/api/v1/facilities", example("GetFacilities"))
    rows = await anet.get_facilities(**{arg: range(1, 13)}).collect()  # type: ignore[arg-type]
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3 * 2
    chunks = [query(url)[arg].split(",") for _, url, _ in calls]
    assert all(len(c) <= 5 for c in chunks)
    assert sorted(int(i) for c in chunks for i in c) == list(range(1, 13))


async def test_get_equipment_splits_center_ids(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipment", example("GetEquipment"))
    rows = await anet.get_equipment(center_ids=list(range(12))).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 6
    assert all(len(query(url)["center_ids"].split(",")) <= 5 for _, url, _ in calls)


async def test_get_facility_schedules_splits_facility_ids(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/facilityschedules", example("GetFacilitySchedules"))
    rows = await anet.get_facility_schedules(date_from=SOON, date_to=SOON + timedelta(days=1),
                                             facility_ids=range(25)).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3
    assert [len(query(url)["facility_ids"].split(",")) for _, url, _ in calls] == [10, 10, 5]


async def test_get_equipment_schedules_splits_equipment_ids(anet: ActiveNet,
                                                            mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/equipmentschedules", example("GetEquipmentSchedules"))
    rows = await anet.get_equipment_schedules(date_from=SOON, date_to=SOON + timedelta(days=1),
                                              equipment_ids=range(250)).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3
    assert sorted(len(query(url)["equipment_ids"].split(",")) for _, url, _ in calls) == \
        [50, 100, 100]


@pytest.mark.parametrize(("arg", "n", "cap"), [("instructor_ids", 25, 10),
                                                ("activity_ids", 12, 10)])
async def test_get_instructor_schedules_splits_id_lists(anet: ActiveNet, mocked: aioresponses,
                                                        arg: str, n: int, cap: int) -> None:
    serve(mocked, "/api/v1/instructorschedules", example("GetInstructorSchedules"))
    kwargs: dict[str, Any] = {"instructor_ids": [1], arg: range(n)}
    rows = await anet.get_instructor_schedules(date_from=datetime(2017, 10, 9),
                                               date_to=datetime(2017, 10, 10),
                                               **kwargs).collect()
    calls = sent(mocked)
    expected = -(-n // cap)
    assert len(calls) == expected and len(rows) == expected
    assert all(len(query(url)[arg].split(",")) <= cap for _, url, _ in calls)


async def test_get_instructor_schedules_walks_three_month_windows(
        anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches: windows wider than three months, a gap between them, or a schedule in the
    day where two windows overlap yielded twice (or not at all)."""
    assert LIMITS["GetInstructorSchedules"].window == timedelta(days=89)
    # A past year: "date_to must be within three months after the date_from".
    pager = anet.get_instructor_schedules(date_from=date(2017, 1, 1), date_to=date(2017, 12, 31),
                                          instructor_ids=[1])
    # One schedule in the day windows 1 and 2 share: a server filtering as asked sends it twice.
    when = datetime.fromisoformat(pager.slices[1].params["date_from"]) + timedelta(hours=12)
    doc = json.loads(example("GetInstructorSchedules"))
    doc["body"][0]["schedule_start"] = f"{when:%Y-%m-%d %H:%M:%S}"
    empty = {"headers": {"response_code": "0001", "response_message": "No Results Found"},
             "body": []}

    def answer(url: Any, **kwargs: Any) -> CallbackResult:
        q = query(str(url))
        inside = datetime.fromisoformat(q["date_from"]) <= when <= datetime.fromisoformat(
            q["date_to"])
        return CallbackResult(body=json.dumps(doc if inside else empty),
                              content_type="application/json", response_class=_Response)

    mocked.get(re.compile(r".*/api/v1/instructorschedules.*"), callback=answer, repeat=True,
               response_class=_Response)
    rows = await pager.collect()
    spans = sorted((datetime.fromisoformat(query(url)["date_from"]),
                    datetime.fromisoformat(query(url)["date_to"])) for _, url, _ in sent(mocked))
    assert len(spans) == 5
    assert spans[0][0] == datetime(2017, 1, 1) and spans[-1][1] == datetime(2018, 1, 1)
    assert all(b - a <= timedelta(days=89) for a, b in spans)
    # Each interior window reaches one day into the next (date_to filters schedule ends), so a
    # schedule crossing an edge is fetched whole by the window it starts in.
    assert all(spans[i][1] - spans[i + 1][0] == timedelta(days=1)
               for i in range(len(spans) - 1))
    assert sum(a <= when <= b for a, b in spans) == 2
    # Sent by two windows, yielded once.
    assert len(rows) == 1 and rows[0].schedule_start == when


# ---- documented constraints are refused before any request ---------------------------------

@pytest.mark.parametrize("args", [
    (),             # facility_id is mandatory
    (0,),           # not a positive id
    ("189",),       # not an int
])
async def test_get_facility_detail_rejects(anet: ActiveNet, mocked: aioresponses,
                                           args: tuple[Any, ...]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_facility_detail(*args)
    assert sent(mocked) == []


async def test_path_parameters_are_positional_only(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    with pytest.raises(TypeError):
        await anet.get_facility_detail(facility_id=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        await anet.get_facility_open_hours(facility_id=1)  # type: ignore[call-arg]
    assert sent(mocked) == []


@pytest.mark.parametrize("args", [(), (0,), (-3,), (1.5,)])
async def test_get_facility_open_hours_rejects(anet: ActiveNet, mocked: aioresponses,
                                               args: tuple[Any, ...]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_facility_open_hours(*args)
    assert sent(mocked) == []


@pytest.mark.parametrize("kwargs", [
    {"modified_date_from": date(2017, 5, 21), "modified_date_to": date(2017, 5, 20)},
    {"facility_id": 0},
    {"facility_type_id": -1},
    {"amenity_id": 0},
    {"reserve_by": 0},                      # documented codes are 1..8
    {"reserve_by": 9},
    {"prevent_further_use": "true"},        # a bool, written as true/false by the SDK
    {"show_on_member_app": "Y"},            # a bool, written as Y/N by the SDK
    {"center_ids": "30,26"},                # a list, not a pre-joined string
    {"site_ids": []},
    {"order_by": "facility_id"},            # not a documented sort option
    {"order_option": "asc"},
    {"page_size": 501},
    {"modified_date_from": "2011-05-20"},   # a date, not a string
    {"facility_ids": [1]},                  # unknown keyword
    {"page_info": "{}"},                    # the pager owns paging
])
async def test_get_facilities_rejects(anet: ActiveNet, mocked: aioresponses,
                                      kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_facilities(**kwargs)
    assert sent(mocked) == []


@pytest.mark.parametrize("kwargs", [
    {},                                     # at least one of the four filters
    {"bookable_or_lendable": 0, "show_on_member_app": True,
     "open_block_date_from": date(2017, 5, 20)},
    {"equipment_id": 0},
    {"equipment_id": 1, "bookable_or_lendable": 3},
    {"modified_date_from": datetime(2017, 5, 20, 10), "modified_date_to": datetime(2017, 5, 20)},
    {"equipment_id": 1, "open_block_date_from": "2017-05-20"},
    {"equipment_id": 1, "order_by": "equipment_id"},   # not sortable
    {"equipment_id": 1, "page_size": 501},
])
async def test_get_equipment_rejects(anet: ActiveNet, mocked: aioresponses,
                                     kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_equipment(**kwargs)
    assert sent(mocked) == []


@pytest.mark.parametrize("kwargs", [{"show_on_member_app": "Y"}, {"page_size": 10}])
async def test_get_equipment_types_rejects(anet: ActiveNet, mocked: aioresponses,
                                           kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_equipment_types(**kwargs)
    assert sent(mocked) == []


@pytest.mark.parametrize("method", ["get_facility_types", "get_schedule_types",
                                    "get_prep_codes", "get_reservation_groups",
                                    "get_event_types"])
async def test_parameterless_lists_reject_arguments(anet: ActiveNet, mocked: aioresponses,
                                                    method: str) -> None:
    with pytest.raises(TypeError):
        getattr(anet, method)(site_id=1)
    assert sent(mocked) == []


def _schedule_cases(ids: str) -> list[tuple[dict[str, Any], type[Exception]]]:
    ok: dict[str, Any] = {"date_from": SOON, "date_to": SOON + timedelta(days=1), ids: [1]}
    rve = RequestValidationError
    return [
        ({k: v for k, v in ok.items() if k != "date_from"}, TypeError),    # mandatory
        ({k: v for k, v in ok.items() if k != "date_to"}, TypeError),
        ({k: v for k, v in ok.items() if k != ids}, TypeError),
        ({**ok, "date_to": SOON}, rve),                           # must be later than date_from
        ({**ok, "date_to": SOON + timedelta(seconds=30)}, rve),   # the same minute on the wire
        ({**ok, "date_from": SOON.date(), "date_to": SOON.date()}, rve),
        ({**ok, "date_to": SOON - timedelta(days=1)}, rve),       # reversed
        ({**ok, "date_from": datetime(2020, 1, 1), "date_to": datetime(2020, 1, 2)}, rve),  # past
        ({**ok, ids: []}, rve),
        ({**ok, ids: "1,2"}, rve),
        ({**ok, "page_size": 201}, rve),                          # 200 unless documented
        ({**ok, "page_size": 0}, rve),
        ({**ok, "order_by": "facility_name"}, TypeError),         # no documented sort options
        ({**ok, "date_from": f"{SOON:%Y-%m-%d %H:%M}"}, rve),
    ]


@pytest.mark.parametrize(("kwargs", "error"), _schedule_cases("facility_ids"))
async def test_get_facility_schedules_rejects(anet: ActiveNet, mocked: aioresponses,
                                              kwargs: dict[str, Any],
                                              error: type[Exception]) -> None:
    with pytest.raises(error):
        anet.get_facility_schedules(**kwargs)
    assert sent(mocked) == []


@pytest.mark.parametrize(("kwargs", "error"), _schedule_cases("equipment_ids"))
async def test_get_equipment_schedules_rejects(anet: ActiveNet, mocked: aioresponses,
                                               kwargs: dict[str, Any],
                                               error: type[Exception]) -> None:
    with pytest.raises(error):
        anet.get_equipment_schedules(**kwargs)
    assert sent(mocked) == []


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({}, None),                                                   # search_type is mandatory
    ({"search_type": 2, "site_id": 1}, "search_type"),
    ({"search_type": True, "site_id": 1}, "search_type"),
    ({"search_type": 0}, "search_type"),                          # general: one more filter
    ({"search_type": 1, "facility_id": 2}, "customer_type_id"),   # facility charge search
    ({"search_type": 1, "customer_type_id": 1}, "facility_id"),
    ({"search_type": 1, "customer_type_id": 1, "event_type_id": 3}, "facility_id"),
    ({"search_type": 0, "site_id": 0}, "site_id"),
    ({"search_type": 0, "center_id": -1}, "center_id"),
    ({"search_type": 0, "site_id": 1, "order_by": "facility_name"}, "order_by"),
    ({"search_type": 0, "site_id": 1, "page_size": 501}, "page_size"),
])
async def test_get_facility_charge_matrix_rejects(anet: ActiveNet, mocked: aioresponses,
                                                  kwargs: dict[str, Any],
                                                  argument: str | None) -> None:
    if argument is None:
        with pytest.raises(TypeError):
            anet.get_facility_charge_matrix(**kwargs)
    else:
        with pytest.raises(RequestValidationError) as info:
            anet.get_facility_charge_matrix(**kwargs)
        assert info.value.argument == argument
    assert sent(mocked) == []


_INSTRUCTOR_OK: dict[str, Any] = {"date_from": datetime(2017, 10, 9),
                                  "date_to": datetime(2017, 10, 10), "instructor_ids": [1]}


@pytest.mark.parametrize("kwargs", [
    {k: v for k, v in _INSTRUCTOR_OK.items() if k != "date_from"},
    {k: v for k, v in _INSTRUCTOR_OK.items() if k != "date_to"},
    {k: v for k, v in _INSTRUCTOR_OK.items() if k != "instructor_ids"},
    {**_INSTRUCTOR_OK, "date_to": datetime(2017, 10, 8)},         # must be later
    {**_INSTRUCTOR_OK, "instructor_schedule_type": 4},
    {**_INSTRUCTOR_OK, "instructor_schedule_type": "1"},
    {**_INSTRUCTOR_OK, "activity_ids": []},
    {**_INSTRUCTOR_OK, "page_size": 501},
    {**_INSTRUCTOR_OK, "order_by": "instructor_first_name"},      # not sortable
])
async def test_get_instructor_schedules_rejects(anet: ActiveNet, mocked: aioresponses,
                                                kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_instructor_schedules(**kwargs)
    assert sent(mocked) == []
