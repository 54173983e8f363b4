"""Decoding the documented examples of the facility operations into their records."""

import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning, Record
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async._paging.schemes import base as scheme_base
from activenet_async.records import facilities as fac
from activenet_async.records import schedules as more

from . import records_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RECORDS: dict[str, type[Record]] = {**records_of("facilities"), **records_of("schedules")}


def body(op: str) -> bytes:
    return (EXAMPLES / f"{op}.json").read_bytes()


def decode(op: str, data: bytes | None = None) -> list[Any]:
    page = decode_page(body(op) if data is None else data, scheme=PageInfoHeader(),
                       rtype=RECORDS[op],
                       operation=op)
    assert all(type(r) is RECORDS[op] for r in page.records)
    return page.records


def test_records_cover_the_operations() -> None:
    assert set(RECORDS) == {
        "GetFacilityTypes", "GetScheduleTypes", "GetFacilityDetail", "GetFacilities",
        "GetEquipment", "GetEquipmentTypes", "GetFacilitySchedules", "GetEquipmentSchedules",
        "GetPrepCodes", "GetReservationGroups", "GetEventTypes", "GetFacilityChargeMatrix",
        "GetFacilityOpenHours", "GetInstructorSchedules"}
    for mod in (fac, more):
        for name in mod.__all__:
            assert issubclass(getattr(mod, name), Record)


@pytest.mark.parametrize("op", sorted(RECORDS))
def test_examples_decode_on_the_fast_path_without_warnings(
        op: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_slow_path(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("slow path taken")

    monkeypatch.setattr(scheme_base, "slow_page", no_slow_path)  # what Paging.read calls
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        env = msgspec.json.decode(body(op), type=SystemEnvelope[RECORDS[op]],  # type: ignore[valid-type]
                                 strict=False)
        records = decode(op)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert env.body == records
    assert records


def test_facility_types() -> None:
    [r] = decode("GetFacilityTypes")
    assert r.facility_type_id == 1 and r.description == "facility type1"
    assert r.prevent_further_use is True and r.hide_on_internet is True


def test_schedule_types() -> None:
    [r] = decode("GetScheduleTypes")
    assert r.schedule_type_id == 1 and r.site_id == 1 and r.site_name == "Site - 1"
    assert r.type_code is None and r.booking_assignment is None
    assert r.apply_reservation_charge is False and r.hide_custom_questions_section is False
    assert r.default_customer == "None (prompt for customer)"


def test_facility_detail() -> None:
    [r] = decode("GetFacilityDetail")
    assert r.facility_id == 189 and r.center_id == 3 and r.facility_number == "1234"
    assert r.zip_code == "1234567"
    assert r.latitude == pytest.approx(30.215) and isinstance(r.longitude, float)
    assert r.prevent_further_use is False and r.display_on_map is True
    assert r.setup_time == 30 and r.internet_reservation_process == 2
    assert r.start_on is None and r.minimum_reservation_time == "30 minute(s)"
    assert r.cui_reservation_min_limit_nonresident == "2 Day(s)"
    assert r.cui_reservation_max_limit_nonresident == "4 Day(s)"
    assert r.checkin_time == "00:40:55" and r.online_reservation_open_time == "00:40:55"
    [cap] = r.event_capacities
    assert isinstance(cap, fac.FacilityEventCapacity)
    assert (cap.event_type_id, cap.minimum_capacity, cap.maximum_capacity) == (123, 10, 20)
    assert isinstance(r.facility_extra_details[0], fac.FacilityExtraDetail)
    assert r.facility_extra_details[0].data_url == "www.google.com"
    assert r.facility_rental_blocks[0].block_end_time == "00:40:55"
    [rng] = r.facility_date_ranges
    assert isinstance(rng, fac.FacilityDateRange) and rng.date_range_start_date == "00:40:55"
    assert r.sub_facilities == [fac.SubFacility(facility_id=198, facility_name="Sub Facility")]
    assert r.entry_points[0].entry_point_id == 852
    assert r.dressing_rooms == [fac.FacilityDressingRoom(dressing_room_id=1,
                                                         dressing_room_name="RoomA")]


def test_facilities() -> None:
    recs = decode("GetFacilities")
    assert len(recs) == 2
    r = recs[0]
    assert r.facility_id == 189 and r.default_maximum_capacity == 50
    assert r.modified_date_time == datetime(2025, 10, 16, 0, 40, 57)
    assert r.prevent_further_use is False and r.hide_on_internet is False
    assert r.show_on_member_app is False and r.member_app_image == "1"
    assert r.capacity_track_current_in == 0
    [block] = r.open_blocks
    assert isinstance(block, fac.FacilityOpenBlock)
    assert block.date == date(2025, 10, 16) and type(block.date) is date
    assert block.time_block_on_date == "12:10 AM - 12:30 AM"
    [pattern] = r.calculated_open_pattern
    assert isinstance(pattern, fac.FacilityOpenPattern) and pattern.days_of_week == "Sun,Mon,Tue"


def test_equipment() -> None:
    first, second = decode("GetEquipment")
    assert first.equipment_id == 189 and first.equipment_type_id == 0
    assert first.status == 0 and first.default_cleanup == 30
    assert first.show_on_member_app is False
    assert first.bookable_or_lendable == "" and second.bookable_or_lendable == "Lendable"
    [block] = first.open_blocks
    assert isinstance(block, fac.EquipmentOpenBlock) and block.date == date(2025, 10, 16)


def test_equipment_types() -> None:
    [r] = decode("GetEquipmentTypes")
    assert r.equipment_type_id == 1 and r.show_on_member_app is True
    assert r.prevent_further_use is False and r.bookable_lendable == "Bookable"


def test_prep_codes() -> None:
    [r] = decode("GetPrepCodes")
    assert (r.prep_code_id, r.setup_time, r.teardown_time) == (1, 30, 20)
    assert r.notes == "test-notes"


def test_reservation_groups() -> None:
    [r] = decode("GetReservationGroups")
    assert r.reservation_group_id == 4 and r.time_increment == 60
    assert (r.event_type_id, r.schedule_type_id, r.site_id, r.center_id) == (1, 1, 1, 0)
    assert r.non_exclusive_use is False and r.show_online is False and r.site_name is None
    assert r.starting_time == "08:00:00" and r.ending_time == "10:00:00"
    assert len(r.facilities) == 2
    assert isinstance(r.facilities[1], fac.ReservationGroupFacility)
    assert r.facilities[1].facility_name == "PoolLane 2 - NPLP"


def test_event_types() -> None:
    [r] = decode("GetEventTypes")
    assert r.event_type_id == 1 and r.schedule_type_id == 10 and r.teardown_time == 50
    assert r.hide_on_internet is True and r.available_for_all_facilities is False
    assert len(r.qualified_facilities) == 2
    assert isinstance(r.qualified_facilities[0], fac.EventTypeFacility)
    assert r.qualified_facility_types[1] == fac.EventTypeFacilityType(facility_type_id=2,
                                                                      description="Classroom")


def test_facility_schedules() -> None:
    [r] = decode("GetFacilitySchedules")
    assert r.facility_id == 2548 and r.facility_type_id == 35 and r.facility_number == "96548"
    assert r.permit_creation_date is None and r.tear_down_to_time is None
    assert r.setup_to_time == datetime(2025, 10, 16, 2, 40, 59)
    assert r.end_date_time == datetime(2025, 10, 16, 3, 40, 59)
    assert r.attendance == 10 and r.permit_number == 9000360 and r.customer_id is None
    assert r.has_active_membership is False and r.schedule_type_id == 7
    [room] = r.dressing_rooms
    assert isinstance(room, more.FacilityScheduleDressingRoom)
    assert room.dressing_room_home_or_away_status == "home"


def test_facility_schedule_permit_number_as_string() -> None:
    data = body("GetFacilitySchedules").replace(b"9000360", b'"9000360"')
    [r] = decode("GetFacilitySchedules", data)
    assert r.permit_number == 9000360


def test_equipment_schedules() -> None:
    [r] = decode("GetEquipmentSchedules")
    assert r.equipment_id == 2548 and r.quantity == 10 and r.schedule_id == 0
    assert r.booking_start_date_time == datetime(2025, 10, 16, 0, 41, 1)
    assert r.setup_to_time == datetime(2025, 10, 16, 2, 41, 1)
    assert r.tear_down_from_time is None


def test_facility_charge_matrix() -> None:
    first, second = decode("GetFacilityChargeMatrix")
    assert first.center_id == 1234 and first.default_quantity == 1
    assert first.default_amount == 1234.0 and type(first.default_amount) is float
    assert second.default_amount == 10.5 and second.charge_type == "Fee"
    assert first.once_per_permit is True and first.taxable_by_tax8 is True
    assert first.allow_qty_selection_online is True and first.maximum_qty_allowed == 1
    assert first.activation_date == date(2025, 10, 16)
    assert first.expiration_date == date(2025, 10, 16)
    [change] = first.scheduled_fee_change
    assert isinstance(change, more.FacilityChargeFeeChange)
    assert change.effective_date == date(2025, 10, 16)
    assert second.scheduled_fee_change[0].effective_date == date(2025, 10, 16)
    assert second.scheduled_fee_change[0].charge_amount == 10.5
    [question] = second.custom_questions
    assert isinstance(question, more.FacilityChargeQuestion) and question.answer == "answer"


def test_facility_open_hours() -> None:
    [r] = decode("GetFacilityOpenHours")
    [default] = r.default_settings
    assert isinstance(default, more.FacilityDefaultHours)
    assert default.open_24_hours is False and default.default_opens == "00:00:00"
    days: Any = default.day_time
    assert len(days) == 7
    sun = days[0]
    assert isinstance(sun, more.FacilityDayHours)
    assert sun.weekday == "Sun" and sun.opens is None and sun.closed_all_day is True
    [override] = r.override_settings
    assert isinstance(override, more.FacilityOverrideHours)
    assert override.date_range == "From 2017 to 2018, Jan 1 to Apr 1"
    assert [d.weekday for d in override.day_time or []][-1] == "Sat"


def test_instructor_schedules() -> None:
    [r] = decode("GetInstructorSchedules")
    assert r.instructor_id == 1 and r.activity_id == 12 and r.customer_id == 2
    assert r.schedule_start == datetime(2017, 10, 9, 10, 12)
    assert r.instructor_schedule_type == "Schedule for Normal Activities"
    assert r.activity_number == "1234.123" and r.permit_number == "1234"


def test_placeholders_in_flags_and_dates_decode_to_none_with_a_warning() -> None:
    # The facility examples hold no placeholders in typed fields; inject the reference's kind.
    data = (body("GetFacilities")
            .replace(b'"show_on_member_app" : "N"', b'"show_on_member_app" : "mock data"')
            .replace(b'"2025-10-16",', b'"mock date data",')
            .replace(b'"2025-10-16 00:40:57"', b'"mock modifiedDateTime data"'))
    with pytest.warns(LenientValueWarning) as caught:
        recs = decode("GetFacilities", data)
    for r in recs:
        assert r.show_on_member_app is None and r.modified_date_time is None
        assert r.open_blocks[0].date is None and r.facility_id == 189
    # One warning per operation and field, whatever the number of records.
    assert len(caught) == 3
    assert any("Facility.show_on_member_app" in str(w.message) for w in caught)
    assert any("FacilityOpenBlock.date" in str(w.message) for w in caught)


def test_placeholder_in_a_nested_schedule_date() -> None:
    data = (body("GetFacilityChargeMatrix")
            .replace(b'"effective_date" : "2025-10-16",', b'"effective_date" : "soon",')
            .replace(b'"is_deposit" : true', b'"is_deposit" : "mock isDeposit data"'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first, second = decode("GetFacilityChargeMatrix", data)
    assert second.scheduled_fee_change[0].effective_date is None
    assert second.scheduled_fee_change[0].charge_amount == 10.5
    assert first.is_deposit is None and second.is_deposit is None
    assert first.scheduled_fee_change[0].effective_date == date(2025, 10, 16)
    assert sum(issubclass(w.category, LenientValueWarning) for w in caught) == 2


def test_blank_strings_decode_to_none_silently() -> None:
    data = (body("GetFacilityDetail")
            .replace(b'"30.215"', b'""').replace(b'"display_on_map" : true',
                                                  b'"display_on_map" : ""'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [r] = decode("GetFacilityDetail", data)
    assert r.latitude is None and r.display_on_map is None
    assert r.longitude == pytest.approx(65.2376)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
