"""Records of the facility and equipment set-up operations of the System API.

GetFacilityTypes, GetScheduleTypes, GetFacilityDetail, GetFacilities, GetEquipment,
GetEquipmentTypes, GetPrepCodes, GetReservationGroups and GetEventTypes. Schedules, charges and
open hours are in ``schedules``.
"""

from activenet_async._lenient import LenientBool, LenientDate, LenientDateTime, LenientFloat, Record

__all__ = [
    "Equipment",
    "EquipmentOpenBlock",
    "EquipmentType",
    "EventType",
    "EventTypeFacility",
    "EventTypeFacilityType",
    "Facility",
    "FacilityDateRange",
    "FacilityDetail",
    "FacilityDressingRoom",
    "FacilityEntryPoint",
    "FacilityEventCapacity",
    "FacilityExtraDetail",
    "FacilityOpenBlock",
    "FacilityOpenPattern",
    "FacilityRentalBlock",
    "FacilityType",
    "PrepCode",
    "ReservationGroup",
    "ReservationGroupFacility",
    "ScheduleType",
    "SubFacility",
]


class FacilityType(Record):
    """One facility type of the organization (GetFacilityTypes)."""

    description: str | None = None
    facility_type_id: int | None = None
    prevent_further_use: LenientBool | None = None
    hide_on_internet: LenientBool | None = None


class ScheduleType(Record):
    """One schedule type of the organization (GetScheduleTypes)."""

    schedule_type_id: int | None = None
    description: str | None = None
    site_id: int | None = None
    site_name: str | None = None
    type_code: str | None = None
    booking_assignment: str | None = None
    apply_reservation_charge: LenientBool | None = None
    auto_complete_if_no_charge: LenientBool | None = None
    hide_notes_section: LenientBool | None = None
    hide_disclaimer_section: LenientBool | None = None
    hide_checklist_section: LenientBool | None = None
    hide_approval_stages_section: LenientBool | None = None
    hide_custom_questions_section: LenientBool | None = None
    default_customer: str | None = None


# ---- GetFacilityDetail ---------------------------------------------------------------------

class FacilityEventCapacity(Record):
    """Minimum/maximum capacity of a facility for one event type."""

    event_type_id: int | None = None
    event_type_description: str | None = None
    minimum_capacity: int | None = None
    maximum_capacity: int | None = None


class FacilityExtraDetail(Record):
    """One extra detail of a facility."""

    extra_detail_description: str | None = None
    detail_name: str | None = None
    data_url: str | None = None


class FacilityRentalBlock(Record):
    """One rental block of a facility (times of day)."""

    block_description: str | None = None
    block_start_time: str | None = None
    block_end_time: str | None = None


class FacilityDateRange(Record):
    """One date range of a facility."""

    date_range_description: str | None = None
    # Typed Date, but the server-generated example sends a time of day ("00:40:55", same clock
    # as the Time fields beside it); a date type would null every real value, str keeps it.
    date_range_start_date: str | None = None
    date_range_end_date: str | None = None


class SubFacility(Record):
    """One sub-facility of a facility."""

    facility_id: int | None = None
    facility_name: str | None = None


class FacilityEntryPoint(Record):
    """One entry point associated with a facility."""

    entry_point_id: int | None = None
    entry_point_name: str | None = None


class FacilityDressingRoom(Record):
    """One dressing room associated with a facility."""

    dressing_room_id: int | None = None
    dressing_room_name: str | None = None


class FacilityDetail(Record):
    """Full detail of one facility (GetFacilityDetail)."""

    facility_id: int | None = None
    facility_number: str | None = None
    facility_name: str | None = None
    prevent_further_use: LenientBool | None = None
    description: str | None = None
    facility_type: str | None = None
    center_name: str | None = None
    center_id: int | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    latitude: LenientFloat | None = None  # String in the reference ("30.215")
    longitude: LenientFloat | None = None
    default_minimum_capacity: int | None = None
    default_maximum_capacity: int | None = None
    event_capacities: list[FacilityEventCapacity] | None = None
    maximum_attendance_at_one_time: int | None = None
    reserve_by: str | None = None
    start_on: str | None = None
    # Durations with units ("30 minute(s)", "1 Day(s)"): kept as text.
    minimum_reservation_time: str | None = None
    maximum_reservation_time: str | None = None
    internet_reservation_type: int | None = None
    internet_reservation_process: int | None = None
    disclaimer: str | None = None
    disclaimer_text: str | None = None
    prep_code: str | None = None
    setup_time: int | None = None
    teardown_time: int | None = None
    hide_on_internet: LenientBool | None = None
    prohibit_internet_permits: LenientBool | None = None
    exclude_from_league_scheduling: LenientBool | None = None
    max_per_cust_per_day_per_facility: int | None = None
    musco_lighting_id: str | None = None
    sklogix_lighting_id: str | None = None
    facility_notes: str | None = None
    aui_reservation_min_limit: str | None = None
    aui_reservation_max_limit: str | None = None
    cui_reservation_min_limit: str | None = None
    cui_reservation_min_limit_nonresident: str | None = None
    cui_reservation_max_limit: str | None = None
    # Only in the example (the table lists the min key twice).
    cui_reservation_max_limit_nonresident: str | None = None
    # Typed Time (described as a date); the example is a time of day ("00:40:55").
    online_reservation_open_time: str | None = None
    amenities: str | None = None
    checkin_time: str | None = None
    checkout_time: str | None = None
    facility_extra_details: list[FacilityExtraDetail] | None = None
    facility_rental_blocks: list[FacilityRentalBlock] | None = None
    facility_date_ranges: list[FacilityDateRange] | None = None
    facility_users: str | None = None
    facility_final_approvers: str | None = None
    display_on_map: LenientBool | None = None
    sub_facilities: list[SubFacility] | None = None
    entry_points: list[FacilityEntryPoint] | None = None
    dressing_rooms: list[FacilityDressingRoom] | None = None


# ---- GetFacilities -------------------------------------------------------------------------

class FacilityOpenBlock(Record):
    """Open time blocks of a facility on one date of the next 30 days."""

    date: LenientDate | None = None
    time_block_on_date: str | None = None  # "12:10 AM - 12:30 AM", comma separated


class FacilityOpenPattern(Record):
    """One calculated open pattern of a facility (free-text ranges and times)."""

    date_range: str | None = None
    days_of_week: str | None = None
    opening_times: str | None = None


class Facility(Record):
    """One facility matching the request (GetFacilities)."""

    facility_id: int | None = None
    modified_date_time: LenientDateTime | None = None
    facility_number: str | None = None
    facility_name: str | None = None
    prevent_further_use: LenientBool | None = None
    description: str | None = None
    facility_type: str | None = None
    center_name: str | None = None
    center_id: int | None = None
    default_minimum_capacity: int | None = None
    default_maximum_capacity: int | None = None
    reserve_by: str | None = None
    start_on: str | None = None
    disclaimer: str | None = None
    prep_code: str | None = None
    setup_time: int | None = None
    teardown_time: int | None = None
    hide_on_internet: LenientBool | None = None
    amenities: str | None = None
    capacity_track_current_in: int | None = None
    capacity_track_maximum: int | None = None
    show_on_member_app: LenientBool | None = None  # String "Y"/"N"
    member_app_image: str | None = None
    open_blocks: list[FacilityOpenBlock] | None = None
    calculated_open_pattern: list[FacilityOpenPattern] | None = None


# ---- GetEquipment / GetEquipmentTypes ------------------------------------------------------

class EquipmentOpenBlock(Record):
    """Open time blocks of an equipment item on one date."""

    date: LenientDate | None = None
    time_block_on_date: str | None = None


class Equipment(Record):
    """One equipment item matching the request (GetEquipment)."""

    equipment_name: str | None = None
    equipment_id: int | None = None
    equipment_number: str | None = None
    # Typed String, but the example sends 0 and it is an ID (int everywhere else): int.
    equipment_type_id: int | None = None
    center_id: int | None = None
    status: int | None = None
    total_quantity: int | None = None
    default_setup: int | None = None
    default_cleanup: int | None = None
    show_on_member_app: LenientBool | None = None  # String "Y"/"N"
    bookable_or_lendable: str | None = None  # "Bookable" / "Lendable" (or "")
    open_blocks: list[EquipmentOpenBlock] | None = None


class EquipmentType(Record):
    """One equipment type of the organization (GetEquipmentTypes)."""

    description: str | None = None
    equipment_type_id: int | None = None
    show_on_member_app: LenientBool | None = None  # String "Y"/"N"
    prevent_further_use: LenientBool | None = None
    bookable_lendable: str | None = None  # "Bookable" / "Lendable"


# ---- GetPrepCodes / GetReservationGroups / GetEventTypes -----------------------------------

class PrepCode(Record):
    """One facility preparation code (GetPrepCodes)."""

    description: str | None = None
    prep_code_id: int | None = None
    site_name: str | None = None
    setup_time: int | None = None
    teardown_time: int | None = None
    notes: str | None = None


class ReservationGroupFacility(Record):
    """One facility of a reservation group."""

    facility_id: int | None = None
    facility_name: str | None = None


class ReservationGroup(Record):
    """One reservation group with its facilities (GetReservationGroups)."""

    reservation_group_id: int | None = None
    reservation_group_name: str | None = None
    event_type_name: str | None = None
    event_type_id: int | None = None  # the four *_id fields are only in the example
    schedule_type_name: str | None = None
    schedule_type_id: int | None = None
    non_exclusive_use: LenientBool | None = None
    default_customer_type: str | None = None
    site_name: str | None = None
    site_id: int | None = None
    center_name: str | None = None
    center_id: int | None = None
    show_online: LenientBool | None = None
    starting_time: str | None = None
    ending_time: str | None = None
    time_increment: int | None = None
    facilities: list[ReservationGroupFacility] | None = None


class EventTypeFacility(Record):
    """One facility qualified for an event type."""

    facility_id: int | None = None
    facility_name: str | None = None


class EventTypeFacilityType(Record):
    """One facility type qualified for an event type."""

    facility_type_id: int | None = None
    description: str | None = None


class EventType(Record):
    """One event type with its qualified facilities (GetEventTypes)."""

    event_type_id: int | None = None
    event_type_description: str | None = None
    prep_code: str | None = None
    setup_time: int | None = None
    teardown_time: int | None = None
    schedule_type_id: int | None = None
    schedule_type_description: str | None = None
    site_id: int | None = None
    site_name: str | None = None
    prevent_further_use: LenientBool | None = None
    hide_on_internet: LenientBool | None = None
    allow_non_exclusive_use: LenientBool | None = None
    available_for_all_facilities: LenientBool | None = None
    qualified_facilities: list[EventTypeFacility] | None = None
    qualified_facility_types: list[EventTypeFacilityType] | None = None
