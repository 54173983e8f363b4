"""Records of the System API activity operations (GetActivities ... GetActivityDates); the
enrollment records (GetActivityEnrollment, GetActivityExpandedDetail) are in
``activity_enrollments``."""

from .._lenient import LenientBool, LenientDate, LenientDateTime, LenientInt, Record
from .general import Skill

__all__ = [
    "Activity", "ActivityCategory", "ActivityDate", "ActivityDetail",
    "ActivityEnrollmentDatetimes", "ActivityExclusion", "ActivityFee", "ActivityFeeGLAccount",
    "ActivityGlobalDiscount", "ActivityGlobalSurcharge", "ActivityNormalCharge",
    "ActivityOrganization", "ActivityOtherCategory", "ActivityPattern", "ActivityPatternDate",
    "ActivityPatternFacility", "ActivityPlace", "ActivityPreparationCode",
    "ActivityPrerequisiteMembership", "ActivityRecurrence", "ActivityRegionalPricing",
    "ActivityScheduledFee", "ActivityType",
]


class Activity(Record):
    """One activity in the activity list (GetActivities)."""

    activity_name: str | None = None
    activity_number: str | None = None
    activity_id: int | None = None
    modified_date_time: LenientDateTime | None = None  # documented String, "2025-10-16 00:38:07"
    activity_type_id: int | None = None
    activity_type: str | None = None
    parent_season_id: int | None = None
    parent_season: str | None = None
    child_season_id: int | None = None
    child_season: str | None = None
    activity_status_id: int | None = None
    activity_status: str | None = None
    activity_department_id: int | None = None
    activity_department: str | None = None
    category_id: int | None = None
    category: str | None = None
    other_category_id: int | None = None
    other_category: str | None = None
    site_id: int | None = None
    site_name: str | None = None
    default_facilities: str | None = None
    default_beginning_date: LenientDate | None = None
    default_ending_date: LenientDate | None = None
    default_pattern_dates: str | None = None
    gender_id: int | None = None
    gender: str | None = None
    age_min_year: int | None = None
    age_min_month: int | None = None
    age_min_week: int | None = None
    age_max_year: int | None = None
    age_max_month: int | None = None
    age_max_week: int | None = None
    enroll_min: int | None = None
    enroll_max: int | None = None
    show_on_member_app: LenientBool | None = None  # documented String 'Y'/'N'


class ActivityPatternFacility(Record):
    """A facility reserved for an activity pattern."""

    facility_name: str | None = None
    facility_id: int | None = None
    center_name: str | None = None
    center_id: int | None = None


class ActivityPatternDate(Record):
    """Days of the week, start time and duration of a pattern ("Sunday,01:00 AM,1h")."""

    pattern_date: str | None = None


class ActivityPreparationCode(Record):
    """The prep code applied to an activity pattern (setup/cleanup times)."""

    preparation_code_name: str | None = None
    setup_time: int | None = None
    cleanup_time: int | None = None


class ActivityPattern(Record):
    """One meeting pattern of an activity (GetActivityDetail, GetActivityExpandedDetail)."""

    pattern_name: str | None = None
    pattern_facilities: list[ActivityPatternFacility] | None = None
    event_notes: str | None = None
    beginning_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    ending_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    weeks_of_month: str | None = None  # a mask such as "11111"
    pattern_dates: list[ActivityPatternDate] | None = None
    preparation_code: ActivityPreparationCode | None = None


class ActivityEnrollmentDatetimes(Record):
    """First/last registration date-times of an activity, in person and online."""

    # all documented String; example values are "2025-10-16 00:38:03"
    first_daytime_person: LenientDateTime | None = None
    first_daytime_person_nonresidents: LenientDateTime | None = None
    first_daytime_members: LenientDateTime | None = None
    last_daytime_person: LenientDateTime | None = None
    first_daytime_internet: LenientDateTime | None = None
    first_daytime_internet_nonresidents: LenientDateTime | None = None
    first_daytime_internet_members: LenientDateTime | None = None
    last_daytime_internet: LenientDateTime | None = None


class ActivityOrganization(Record):
    """The organization that runs an activity, as shown in its detail."""

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


class ActivityExclusion(Record):
    """A date range excluded from an activity recurrence."""

    exclusion_start_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    exclusion_end_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"


class ActivityRecurrence(Record):
    """One meeting-dates recurrence of an activity."""

    activity_start_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    activity_start_time: str | None = None
    activity_end_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    activity_end_time: str | None = None
    frequency: str | None = None
    days: str | None = None
    activityExclusions: list[ActivityExclusion] | None = None


class ActivityPlace(Record):
    """The facility, center or site where an activity takes place."""

    name: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class ActivityPrerequisiteMembership(Record):
    """A membership package required by an activity's 'Current Membership in' prerequisite."""

    prerequisite_id: int | None = None
    group_number: int | None = None
    package_id: int | None = None
    package_name: str | None = None


class ActivityDetail(Record):
    """The full detail of one activity (GetActivityDetail)."""

    activity_name: str | None = None
    activity_number: str | None = None
    external_event_number: str | None = None
    activity_id: int | None = None
    asset_id: str | None = None
    public_url: str | None = None
    activity_type_id: int | None = None
    activity_type: str | None = None
    parent_season_id: int | None = None
    parent_season: str | None = None
    child_season_id: int | None = None
    child_season: str | None = None
    activity_status_id: int | None = None
    activity_status: str | None = None
    activity_department_id: int | None = None
    activity_department: str | None = None
    category_id: int | None = None
    category: str | None = None
    other_category_id: int | None = None
    other_category: str | None = None
    catalog_description: str | None = None
    tax_receipt_eligibility: LenientBool | None = None
    usage_fee_name: str | None = None
    site_name: str | None = None
    site_id: int | None = None
    location_description: str | None = None
    default_beginning_date: LenientDate | None = None
    default_ending_date: LenientDate | None = None
    date_description: str | None = None
    activity_patterns: list[ActivityPattern] | None = None
    number_of_meeting_dates: int | None = None
    number_of_weeks: int | None = None
    number_of_enrolled: int | None = None
    # documented String, example "100": counts sent as strings
    open_spaces: LenientInt | None = None
    open_spaces_online: LenientInt | None = None
    gender_id: int | None = None
    gender: str | None = None
    age_max_year: int | None = None
    age_max_month: int | None = None
    age_max_week: int | None = None
    age_min_year: int | None = None
    age_min_month: int | None = None
    age_min_week: int | None = None
    min_grade: str | None = None
    max_grade: str | None = None
    age_calc_date: LenientDate | None = None  # documented String, "2025-10-16 00:38:03"
    alternate_key_type: str | None = None
    alternate_key_status: str | None = None
    enroll_min: int | None = None
    enroll_max: int | None = None  # None when unlimited
    first_daytime_display_on_internet: LenientDateTime | None = None  # example only, not in table
    priority_enrollment_datetimes: ActivityEnrollmentDatetimes | None = None
    enrollment_datetimes: list[ActivityEnrollmentDatetimes] | None = None
    user_notes: str | None = None
    online_notes: str | None = None
    receipt_notes: str | None = None
    no_internet_reg: LenientBool | None = None
    hide_on_internet: LenientBool | None = None
    no_qty_based_enrollment: LenientBool | None = None
    use_pass_or_fail: LenientBool | None = None
    show_price_info_online: LenientBool | None = None
    show_scholarship_online: LenientBool | None = None
    allow_waiting_list: LenientBool | None = None
    online_new_activity: LenientBool | None = None
    online_new_until: LenientDateTime | None = None  # documented String, "2025-10-16 00:38:03"
    instructors: str | None = None
    supervisor: str | None = None
    skills: list[Skill] | None = None
    allow_private_lesson_bookings: LenientBool | None = None
    parent_activity_name: str | None = None
    parent_activity_number: str | None = None
    top_parent_activity_name: str | None = None
    top_parent_activity_number: str | None = None
    sub_activity_number: str | None = None
    organization: ActivityOrganization | None = None
    activity_recurrences: list[ActivityRecurrence] | None = None
    place: ActivityPlace | None = None
    show_on_member_app: LenientBool | None = None  # documented String 'Y'/'N'
    prerequisites_membership: list[ActivityPrerequisiteMembership] | None = None
    allow_dropin: LenientBool | None = None  # documented String 'Y'/'N'
    dropin_fee_charge_amount: float | None = None


class ActivityCategory(Record):
    """One activity category (GetActivityCategories)."""

    category_id: int | None = None
    activity_category_name: str | None = None
    link_interest_list: LenientBool | None = None
    hide_on_internet: LenientBool | None = None
    show_on_member_app: LenientBool | None = None  # documented String; the filter takes Y or N


class ActivityOtherCategory(Record):
    """One activity other category (GetActivityOtherCategories)."""

    other_category_id: int | None = None
    other_category_name: str | None = None
    link_interest_list: LenientBool | None = None
    hide_on_internet: LenientBool | None = None


class ActivityRegionalPricing(Record):
    """A regional price of an activity charge."""

    country: str | None = None
    states: str | None = None
    charge_amount: float | None = None


class ActivityFeeGLAccount(Record):
    """A G/L account of an activity fee, discount or scholarship."""

    gl_account_name: str | None = None
    gl_account_number: str | None = None


class ActivityScheduledFee(Record):
    """A scheduled change of an activity fee's amount."""

    # documented Date, example date-time: see ActivityNormalCharge.activation_date
    effective_date: LenientDate | None = None
    charge_amount: float | None = None


class ActivityNormalCharge(Record):
    """One fee, discount or scholarship of an activity."""

    charge_name: str | None = None
    charge_type: str | None = None
    discount_order: int | None = None
    prefill_condition: str | None = None
    primary_fee: LenientBool | None = None
    default_amount: float | None = None
    default_percentage: float | None = None
    customer_type: str | None = None
    description: str | None = None
    regional_pricings: list[ActivityRegionalPricing] | None = None
    gl_accounts: list[ActivityFeeGLAccount] | None = None
    scheduled_fees: list[ActivityScheduledFee] | None = None
    # documented Date, example "2025-10-16 00:38:08": a day sent with a time, so a date
    activation_date: LenientDate | None = None
    expiration_date: LenientDate | None = None


class ActivityGlobalDiscount(Record):
    """A global discount applicable to an activity."""

    global_discount_name: str | None = None
    global_discount_order: int | None = None
    global_discount_group_number: int | None = None
    global_discount_amount: float | None = None
    global_discount_percent: float | None = None
    global_discount_retired: LenientBool | None = None


class ActivityGlobalSurcharge(Record):
    """A global surcharge applicable to an activity."""

    global_surcharge_name: str | None = None
    global_surcharge_amount: float | None = None
    global_surcharge_percent: float | None = None
    global_surcharge_retired: LenientBool | None = None


class ActivityFee(Record):
    """All fee information of one activity (GetActivityFees; one record per activity)."""

    normal_charges: list[ActivityNormalCharge] | None = None
    global_discounts: list[ActivityGlobalDiscount] | None = None
    global_surcharges: list[ActivityGlobalSurcharge] | None = None


class ActivityType(Record):
    """One activity type (GetActivityTypes)."""

    activity_type_name: str | None = None
    activity_type_id: int | None = None
    prevent_further_use: LenientBool | None = None
    show_on_member_app: LenientBool | None = None  # documented String; the filter takes Y or N


class ActivityDate(Record):
    """One meeting date of an activity in the next 90 days (GetActivityDates)."""

    activity_id: int | None = None
    activity_date_id: int | None = None
    activity_facility_id: int | None = None
    activity_facility_name: str | None = None
    activity_center_id: int | None = None
    activity_center_name: str | None = None
    start_date_time: LenientDateTime | None = None
    end_date_time: LenientDateTime | None = None
    # documented Datetime, example "10" and "blank if unlimited": a count, so the example wins
    available_spots: LenientInt | None = None
