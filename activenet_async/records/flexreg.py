"""Records of the System API Flex Registration operations.

GetFlexRegPrograms, GetFlexRegProgramDetail, GetFlexRegProgramFees, GetFlexRegProgramTypes,
GetFlexRegEnrollment, GetFlexregExpandedDetail and GetFlexRegProgramDates.

Date choice used throughout: a field that means a day (a start or end date, an effective,
activation or expiration date, an age-calculation date) is a ``LenientDate`` even where the
reference's example sends a date-time ("2025-10-16 00:39:43"); fields that mark a moment
(modification and registration times, registration opening times) are ``LenientDateTime``.
"""

from .._lenient import LenientBool, LenientDate, LenientDateTime, LenientInt, Record

__all__ = [
    "FlexRegEnrolledSession",
    "FlexRegEnrollment",
    "FlexRegExpandedDetail",
    "FlexRegFamily",
    "FlexRegGLAccount",
    "FlexRegGlobalDiscount",
    "FlexRegOrganization",
    "FlexRegPayer",
    "FlexRegPlace",
    "FlexRegPrerequisiteMembership",
    "FlexRegProgram",
    "FlexRegProgramCharge",
    "FlexRegProgramDate",
    "FlexRegProgramDetail",
    "FlexRegProgramFee",
    "FlexRegProgramType",
    "FlexRegQuestionAnswer",
    "FlexRegSession",
]


class FlexRegProgram(Record):
    """One Flex Registration program, summary view (GetFlexRegPrograms)."""

    program_name: str | None = None
    program_number: str | None = None
    program_id: int | None = None
    modified_date_time: LenientDateTime | None = None  # typed String; the example is a date-time
    program_type: str | None = None
    parent_season: str | None = None
    child_season: str | None = None
    program_status: str | None = None
    program_department: str | None = None
    category: str | None = None
    sub_category: str | None = None
    reservation_unit: str | None = None
    site_name: str | None = None
    gender: str | None = None
    age_max_year: int | None = None
    age_max_month: int | None = None
    age_max_week: int | None = None
    age_min_year: int | None = None
    age_min_month: int | None = None
    age_min_week: int | None = None
    # Typed String but documented as 'Y' or 'N': a flag (the example's mock text decodes to None).
    show_on_member_app: LenientBool | None = None
    category_id: int | None = None


class FlexRegSession(Record):
    """One session of a Flex Registration program (``sessions[]`` of the program detail)."""

    session_id: int | None = None
    session_name: str | None = None
    session_description: str | None = None
    facility_name: str | None = None
    facility_id: int | None = None
    center_name: str | None = None
    center_id: int | None = None
    min_enrollment: int | None = None
    max_enrollment: int | None = None
    number_of_enrollment: int | None = None
    first_date: LenientDate | None = None  # typed Date; the example is a date-time
    last_date: LenientDate | None = None
    week_of_month: str | None = None
    days_of_week: str | None = None
    # Typed Date and described as times; the example sends full date-times.
    beginning_time: LenientDateTime | None = None
    ending_time: LenientDateTime | None = None


class FlexRegPlace(Record):
    """The center or site where a Flex Registration program takes place."""

    name: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class FlexRegOrganization(Record):
    """The organization that runs a Flex Registration program."""

    guid: str | None = None
    name: str | None = None
    url: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    fax: str | None = None
    email: str | None = None
    phone: str | None = None


class FlexRegPrerequisiteMembership(Record):
    """A membership package required as a prerequisite of a Flex Registration program."""

    prerequisite_id: int | None = None
    group_number: int | None = None
    package_id: int | None = None
    package_name: str | None = None


class FlexRegProgramDetail(Record):
    """Full detail of one Flex Registration program (GetFlexRegProgramDetail)."""

    program_name: str | None = None
    program_number: str | None = None
    program_id: int | None = None
    updated_date: LenientDateTime | None = None  # typed Date; the example is a date-time
    program_type: str | None = None
    parent_season: str | None = None
    child_season: str | None = None
    program_status: str | None = None
    program_department: str | None = None
    category: str | None = None
    sub_category: str | None = None
    supervisor: str | None = None
    catalog_description: str | None = None
    reservation_unit: str | None = None
    tax_receipt_eligibility: LenientBool | None = None
    site_name: str | None = None
    site_id: int | None = None
    # Typed String; GetFlexRegPrograms documents the same field as 'Y' or 'N'.
    show_on_member_app: LenientBool | None = None
    gender: str | None = None
    age_max_year: int | None = None
    age_max_month: int | None = None
    age_max_week: int | None = None
    age_min_year: int | None = None
    age_min_month: int | None = None
    age_min_week: int | None = None
    min_grade: str | None = None
    max_grade: str | None = None
    age_calc_date: LenientDate | None = None
    number_of_enrollments: int | None = None
    open_spaces: LenientInt | None = None  # a count typed String ("100")
    start_date: LenientDate | None = None
    end_date: LenientDate | None = None
    first_date_in_person: LenientDateTime | None = None
    first_date_in_person_non_residents: LenientDateTime | None = None
    first_date_in_person_members: LenientDateTime | None = None
    last_date_in_person: LenientDateTime | None = None
    first_date_on_internet: LenientDateTime | None = None
    first_date_on_internet_non_residents: LenientDateTime | None = None
    first_date_on_internet_members: LenientDateTime | None = None
    last_date_on_internet: LenientDateTime | None = None
    allow_waiting_list: LenientBool | None = None
    bypass_date_range: LenientBool | None = None
    allow_individual_session_selection: LenientBool | None = None
    allow_hour_edit: LenientBool | None = None
    use_pass_or_fail: LenientBool | None = None
    show_price_info_online: LenientBool | None = None
    show_scholarship_online: LenientBool | None = None
    allow_block_booking: LenientBool | None = None
    require_block_booking: LenientBool | None = None
    hide_on_internet: LenientBool | None = None
    allow_authorized_pickups: LenientBool | None = None
    online_booking_advance_hours: int | None = None
    asset_id: str | None = None
    public_url: str | None = None
    sessions: list[FlexRegSession] | None = None
    place: FlexRegPlace | None = None
    organization: FlexRegOrganization | None = None
    prerequisites_membership: list[FlexRegPrerequisiteMembership] | None = None
    online_booking_changes_advance_hours: int | None = None
    first_date_display_on_internet: LenientDateTime | None = None


class FlexRegGLAccount(Record):
    """A G/L account of a Flex Registration program charge."""

    gl_account_name: str | None = None
    gl_account_number: str | None = None


class FlexRegScheduledFee(Record):
    """A scheduled fee change of a Flex Registration program charge."""

    effective_date: LenientDate | None = None  # typed Date; the example is a date-time
    charge_amount: float | None = None


class FlexRegProgramCharge(Record):
    """One fee, discount or scholarship of a Flex Registration program (``normal_charges[]``)."""

    charge_name: str | None = None
    charge_type: str | None = None
    unit_of_measure: str | None = None
    discount_order: int | None = None
    prefill_condition: str | None = None
    default_amount: float | None = None
    default_percentage: float | None = None
    customer_type: str | None = None
    description: str | None = None
    qualified_session_id: int | None = None
    qualified_session_name: str | None = None
    per_week_qualification_min: int | None = None
    per_week_qualification_max: int | None = None
    glaccounts: list[FlexRegGLAccount] | None = None  # no underscore here (gl_accounts elsewhere)
    scheduled_fees: list[FlexRegScheduledFee] | None = None
    activation_date: LenientDate | None = None  # typed Date; the example is a date-time
    expiration_date: LenientDate | None = None
    discountable: LenientBool | None = None


class FlexRegGlobalDiscount(Record):
    """A global discount applicable to a Flex Registration program."""

    global_discount_name: str | None = None
    global_discount_order: int | None = None
    global_discount_group_number: int | None = None
    global_discount_amount: float | None = None
    global_discount_percent: float | None = None
    global_discount_retired: LenientBool | None = None


class FlexRegProgramFee(Record):
    """All fee information of one Flex Registration program (GetFlexRegProgramFees)."""

    normal_charges: list[FlexRegProgramCharge] | None = None
    global_discounts: list[FlexRegGlobalDiscount] | None = None
    starting_price_per_day: float | None = None
    configure_fee: float | None = None
    program_id: int | None = None  # example-only key


class FlexRegProgramType(Record):
    """One Flex Registration program type (GetFlexRegProgramTypes)."""

    program_type_id: int | None = None
    program_type_name: str | None = None


class FlexRegEnrolledSession(Record):
    """A session a customer is enrolled in."""

    session_id: int | None = None
    session_name: str | None = None
    # Typed Date ("first enrollment date"); the examples disagree (GetFlexRegEnrollment shows
    # date-times, GetFlexregExpandedDetail "2025-10-15"): the documented Date won; both parse.
    first_date: LenientDate | None = None
    last_date: LenientDate | None = None


class FlexRegPayer(Record):
    """A payer of a Flex Registration enrollment (an individual customer or a company)."""

    payer_first_name: str | None = None
    payer_last_name: str | None = None
    payer_customer_id: int | None = None
    payer_email: str | None = None
    payer_company_name: str | None = None
    payer_company_phone: str | None = None


class FlexRegEnrollment(Record):
    """One customer's enrollment in a Flex Registration program (GetFlexRegEnrollment)."""

    program_id: int | None = None
    program_name: str | None = None
    enrollment_status: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_id: int | None = None
    customer_email: str | None = None
    # Typed Date; the example values are date-times.
    customer_date_modified: LenientDateTime | None = None
    date_registered: LenientDateTime | None = None
    waitlisted_date: LenientDateTime | None = None
    waitlist_removed_date: LenientDateTime | None = None
    last_transaction_date: LenientDateTime | None = None
    enrolled_sessions: list[FlexRegEnrolledSession] | None = None
    has_active_membership: LenientBool | None = None
    payers: list[FlexRegPayer] | None = None


class FlexRegFamily(Record):
    """A family the enrolled customer belongs to (expanded enrollment detail)."""

    family_id: int | None = None
    head_of_household: str | None = None  # the head's full name here (a flag elsewhere)
    head_of_household_customer_id: int | None = None
    head_of_household_customer_first_name: str | None = None
    head_of_household_customer_last_name: str | None = None
    head_of_household_customer_email: str | None = None


class FlexRegQuestionAnswer(Record):
    """A custom question answered by the enrolled customer."""

    question_title: str | None = None
    question_text: str | None = None
    question_id: int | None = None
    answer: str | None = None
    time_stamp: LenientDateTime | None = None


class FlexRegExpandedDetail(Record):
    """One enrollment with expanded customer detail (GetFlexregExpandedDetail)."""

    program_id: int | None = None
    program_name: str | None = None
    enrollment_status: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_id: int | None = None
    customer_email: str | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    cell_phone: str | None = None
    mobile_carrier: str | None = None
    # Typed String, example "20.3": likely years.months, not a decimal, so kept as sent.
    age: str | None = None
    age_category: str | None = None
    gender: str | None = None
    residential_address1: str | None = None
    residential_address2: str | None = None
    residential_city: str | None = None
    residential_state_or_province: str | None = None
    residential_zip_code: str | None = None
    has_active_membership: LenientBool | None = None
    families: list[FlexRegFamily] | None = None
    question_answers: list[FlexRegQuestionAnswer] | None = None
    # Typed Date; date-times as in GetFlexRegEnrollment (the one non-null example is one).
    customer_date_modified: LenientDateTime | None = None
    date_registered: LenientDateTime | None = None
    waitlisted_date: LenientDateTime | None = None
    waitlist_removed_date: LenientDateTime | None = None
    last_transaction_date: LenientDateTime | None = None
    enrolled_sessions: list[FlexRegEnrolledSession] | None = None
    payers: list[FlexRegPayer] | None = None


class FlexRegProgramDate(Record):
    """One session date of a Flex Registration program (GetFlexRegProgramDates)."""

    session_id: int | None = None
    session_date_id: int | None = None
    session_facility_id: int | None = None
    start_date: LenientDate | None = None
    # Typed Date, described as times; the example sends full date-times.
    start_time: LenientDateTime | None = None
    end_time: LenientDateTime | None = None
    status: int | None = None  # 0 normal, 1 closed, 2 cancelled
    available_spots: LenientInt | None = None  # a count typed String; blank (None) means unlimited
