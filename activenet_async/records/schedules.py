"""Records of the facility schedule, charge and open-hours operations of the System API.

GetFacilitySchedules, GetEquipmentSchedules, GetFacilityChargeMatrix, GetFacilityOpenHours and
GetInstructorSchedules. The facility and equipment set-up records are in ``facilities``.
"""

from activenet_async._lenient import LenientBool, LenientDate, LenientDateTime, LenientInt, Record

__all__ = [
    "EquipmentSchedule",
    "FacilityCharge",
    "FacilityChargeFeeChange",
    "FacilityChargeQuestion",
    "FacilityDayHours",
    "FacilityDefaultHours",
    "FacilityOpenHours",
    "FacilityOverrideHours",
    "FacilitySchedule",
    "FacilityScheduleDressingRoom",
    "InstructorSchedule",
]


# ---- GetFacilitySchedules / GetEquipmentSchedules ------------------------------------------

class FacilityScheduleDressingRoom(Record):
    """One dressing room booked with a facility schedule."""

    dressing_room_id: int | None = None
    dressing_room_name: str | None = None
    dressing_room_occupant: str | None = None
    dressing_room_home_or_away_status: str | None = None


class FacilitySchedule(Record):
    """One reservation schedule of a facility (GetFacilitySchedules)."""

    facility_id: int | None = None
    facility_name: str | None = None
    facility_type: str | None = None
    facility_type_id: int | None = None
    facility_number: str | None = None
    permit_creation_date: LenientDateTime | None = None
    setup_from_time: LenientDateTime | None = None
    setup_to_time: LenientDateTime | None = None
    start_date_time: LenientDateTime | None = None
    end_date_time: LenientDateTime | None = None
    tear_down_from_time: LenientDateTime | None = None
    tear_down_to_time: LenientDateTime | None = None
    schedule_type: str | None = None
    event_type: str | None = None
    event_type_id: int | None = None
    event_description: str | None = None
    center_name: str | None = None
    center_id: int | None = None
    site_name: str | None = None
    site_id: int | None = None
    attendance: int | None = None
    permit_status: str | None = None
    # Typed String, but the (server-generated) example sends 9000360: LenientInt reads both forms.
    permit_number: LenientInt | None = None
    activity_name: str | None = None
    activity_number: str | None = None
    activity_status: str | None = None
    session_name: str | None = None
    league_name: str | None = None
    customer_type: str | None = None
    customer_id: int | None = None
    customer_first_name: str | None = None
    customer_last_name: str | None = None
    has_active_membership: LenientBool | None = None
    dressing_rooms: list[FacilityScheduleDressingRoom] | None = None
    schedule_type_id: int | None = None
    company_id: int | None = None
    company_name: str | None = None
    company_type: str | None = None


class EquipmentSchedule(Record):
    """One booking schedule of an equipment item (GetEquipmentSchedules)."""

    equipment_id: int | None = None
    equipment_name: str | None = None
    equipment_type: str | None = None
    equipment_type_id: int | None = None
    equipment_number: str | None = None
    quantity: int | None = None
    setup_from_time: LenientDateTime | None = None
    setup_to_time: LenientDateTime | None = None
    booking_start_date_time: LenientDateTime | None = None
    booking_end_date_time: LenientDateTime | None = None
    tear_down_from_time: LenientDateTime | None = None
    tear_down_to_time: LenientDateTime | None = None
    schedule_id: int | None = None


# ---- GetFacilityChargeMatrix ---------------------------------------------------------------

class FacilityChargeFeeChange(Record):
    """One scheduled change of a facility charge's amount."""

    # Typed Date; the example sends both "2025-10-16 00:41:00" and "2025-10-16": a day.
    effective_date: LenientDate | None = None
    charge_amount: float | None = None


class FacilityChargeQuestion(Record):
    """One custom question and answer that triggers a facility charge."""

    question_title: str | None = None
    question_text: str | None = None
    answer: str | None = None


class FacilityCharge(Record):
    """One facility fee or discount of the charge matrix (GetFacilityChargeMatrix)."""

    charge_name: str | None = None
    charge_type: str | None = None
    customer_type: str | None = None
    center_name: str | None = None
    center_id: int | None = None
    facility_name: str | None = None
    facility_id: int | None = None
    facility_type: str | None = None
    site_name: str | None = None
    site_id: int | None = None
    event_type: str | None = None
    prefill_condition: str | None = None
    gl_account: str | None = None
    discount_type: str | None = None
    system_account_package: str | None = None
    default_amount: float | None = None
    default_percentage: float | None = None
    holiday_rates: float | None = None
    unit_of_measure: str | None = None
    default_quantity: int | None = None
    once_per_permit: LenientBool | None = None
    is_deposit: LenientBool | None = None
    discountable: LenientBool | None = None
    exclude_from_payment_plan: LenientBool | None = None
    extra_booking_fee: LenientBool | None = None
    scheduled_fee_change: list[FacilityChargeFeeChange] | None = None
    taxable_by_tax1: LenientBool | None = None
    taxable_by_tax2: LenientBool | None = None
    taxable_by_tax3: LenientBool | None = None
    taxable_by_tax4: LenientBool | None = None
    taxable_by_tax5: LenientBool | None = None
    taxable_by_tax6: LenientBool | None = None
    taxable_by_tax7: LenientBool | None = None
    taxable_by_tax8: LenientBool | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    alternate_key_types: str | None = None
    alternate_key_statuses: str | None = None
    online_question: str | None = None
    activation_code: str | None = None
    allow_qty_selection_online: LenientBool | None = None
    minimum_qty_allowed: int | None = None
    maximum_qty_allowed: int | None = None
    custom_questions: list[FacilityChargeQuestion] | None = None
    # Typed Date; the example sends date-times ("2025-10-16 00:41:00"): days all the same.
    activation_date: LenientDate | None = None
    expiration_date: LenientDate | None = None


# ---- GetFacilityOpenHours ------------------------------------------------------------------

class FacilityDayHours(Record):
    """Opening and closing time of a facility on one weekday ("Mon"); times of day as text."""

    weekday: str | None = None
    opens: str | None = None
    closes: str | None = None
    closed_all_day: LenientBool | None = None


class FacilityDefaultHours(Record):
    """Default open/close settings of a facility."""

    open_24_hours: LenientBool | None = None
    default_opens: str | None = None
    default_closes: str | None = None
    day_time: list[FacilityDayHours] | None = None


class FacilityOverrideHours(Record):
    """Open/close settings of a facility during one date range (free text)."""

    description: str | None = None
    date_range: str | None = None  # "From 2017 to 2018, Jan 1 to Apr 1"
    open_24_hours: LenientBool | None = None
    day_time: list[FacilityDayHours] | None = None


class FacilityOpenHours(Record):
    """Default and overriding open hours of one facility (GetFacilityOpenHours)."""

    default_settings: list[FacilityDefaultHours] | None = None
    override_settings: list[FacilityOverrideHours] | None = None


# ---- GetInstructorSchedules ----------------------------------------------------------------

class InstructorSchedule(Record):
    """One schedule of an instructor (GetInstructorSchedules)."""

    instructor_id: int | None = None
    instructor_first_name: str | None = None
    instructor_last_name: str | None = None
    instructor_email: str | None = None
    instructor_schedule_type: str | None = None  # a label, not the request's integer code
    schedule_start: LenientDateTime | None = None
    schedule_end: LenientDateTime | None = None
    activity_name: str | None = None
    activity_number: str | None = None
    activity_id: int | None = None
    facility_id: int | None = None
    facility_name: str | None = None
    customer_first_name: str | None = None
    customer_last_name: str | None = None
    customer_id: int | None = None
    permit_number: str | None = None
    event_name: str | None = None
