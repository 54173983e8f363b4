"""Records of the System API membership operations.

GetMembershipPackages, GetMemberships, GetMembershipPackageCategories, GetMembershipUsages and
GetMembershipPackageFees. The Insights membership records (``Insights...``) live elsewhere.

Date choice used throughout: a field that means a day (a start or end date, an effective,
activation or expiration date, an age-calculation date) is a ``LenientDate`` even where the
reference's example sends a date-time ("2025-10-16 00:41:44"); fields that mark a moment
(modification and registration times, registration opening times) are ``LenientDateTime``.
"""

from typing import Any

from .._lenient import LenientBool, LenientDate, LenientDateTime, Record

__all__ = [
    "Membership",
    "MembershipPackage",
    "MembershipPackageCategory",
    "MembershipPackageCharge",
    "MembershipPackageFee",
    "MembershipPackageGLAccount",
    "MembershipPackageGlobalDiscount",
    "MembershipPackageScheduledFee",
    "MembershipUsage",
]


class MembershipPackage(Record):
    """One membership package (GetMembershipPackages)."""

    package_name: str | None = None
    package_id: int | None = None
    # Typed String; the example holds a date-time.
    modified_date_time: LenientDateTime | None = None
    description: str | None = None
    package_category_name: str | None = None
    package_status: str | None = None
    catalog_description: str | None = None
    # Despite the name, documented (and shown) as a boolean: the tax receipt eligibility flag.
    eligibility_percentage: LenientBool | None = None
    site_name: str | None = None
    usage_fee_name: str | None = None
    # Typed Date; the example is a date-time: LenientDateTime won (see module docstring).
    package_start_date: LenientDate | None = None
    specific_end_date: LenientDate | None = None
    specific_number_of_days: int | None = None
    specific_time_period: str | None = None
    # "The specific date of the month": a day-of-month setting, not a calendar date; kept str.
    force_expiration_date: str | None = None
    specific_renew_period: LenientBool | None = None
    force_auto_renew: LenientBool | None = None
    max_sellable_uses: int | None = None
    max_timeperiods: int | None = None
    max_uses: int | None = None
    max_uses_per_day: int | None = None
    max_uses_per_week: int | None = None
    membership_expire_warn_days: int | None = None
    family_membership: LenientBool | None = None
    all_family_members: LenientBool | None = None
    select_family_members: LenientBool | None = None
    auto_allocate_to_immediate_family_members: LenientBool | None = None
    family_member_count_min: int | None = None
    family_member_count_max: int | None = None
    family_member_age_min: int | None = None
    max_passes: int | None = None
    residency_type: str | None = None
    package_gender: str | None = None
    ages_min: int | None = None
    ages_max: int | None = None
    new_alternate_key_type_links_names: str | None = None
    new_alternate_key_status_links_names: str | None = None
    renewable_membership: LenientBool | None = None
    membership_discount: LenientBool | None = None
    qualify_member_registration_dates: LenientBool | None = None
    hide_on_internet: LenientBool | None = None
    available_as_prerequisite: LenientBool | None = None
    after_scan_print_receipt: LenientBool | None = None
    cancellation_options: str | None = None
    disable_transfer_usage_fee: LenientBool | None = None
    disable_renew_usage_fee: LenientBool | None = None
    automatic_cancellation: str | None = None
    selected_entry_points: str | None = None
    qualify_commission_option: LenientBool | None = None


class Membership(Record):
    """One customer's membership in a package (GetMemberships)."""

    customer_id: int | None = None
    package_id: int | None = None
    customer_first_name: str | None = None
    customer_last_name: str | None = None
    customer_since_date: LenientDate | None = None
    primary_member_first_name: str | None = None
    primary_member_last_name: str | None = None
    member_since_date: LenientDate | None = None
    membership_id: int | None = None
    primary_member_customer_id: int | None = None
    membership_status: str | None = None
    effective_date: LenientDate | None = None
    expiration_date: LenientDate | None = None
    automatic_renewal: LenientBool | None = None
    last_renewed_date: LenientDate | None = None
    suspended_from_date: LenientDate | None = None
    suspended_until_date: LenientDate | None = None
    scheduled_automatic_cancellation: LenientBool | None = None
    scheduled_automatic_cancellation_date: LenientDate | None = None
    automatic_cancellation_reason: str | None = None
    scheduled_cancellation: LenientBool | None = None
    scheduled_cancellation_date: LenientDate | None = None
    scheduled_cancellation_reason: str | None = None
    total_number_of_uses: int | None = None
    number_of_uses_used: int | None = None
    remaining_number_of_uses_left: int | None = None
    package_name: str | None = None
    package_status_id: int | None = None
    package_site_id: int | None = None
    package_category_id: int | None = None
    family_package: LenientBool | None = None
    entry_point: str | None = None
    package_retention_eligible: LenientBool | None = None
    member_pass_number: str | None = None
    primary_member_pass_number: str | None = None
    suspension_reason: str | None = None
    cancellation_date: LenientDate | None = None
    cancellation_reason: str | None = None
    modified_date_time: LenientDateTime | None = None
    qualify_member_registration_dates: LenientBool | None = None
    # Example-only keys (null there, not in the table).
    renew_url: str | None = None
    # Shape undocumented (null in the example): kept as the decoded JSON value.
    pass_holders: Any | None = None


class MembershipPackageCategory(Record):
    """One membership package category (GetMembershipPackageCategories)."""

    category_id: int | None = None
    category_name: str | None = None
    description: str | None = None
    retention_eligible: LenientBool | None = None
    qualify_commission: LenientBool | None = None


class MembershipUsage(Record):
    """One membership or alternate-key usage: a check-in and its check-out (GetMembershipUsages)."""

    customer_id: int | None = None
    customer_first_name: str | None = None
    customer_last_name: str | None = None
    package_id: int | None = None
    package_name: str | None = None
    pass_number: str | None = None
    alternate_key_type: str | None = None
    alternate_key_status: str | None = None
    alternate_key_id: str | None = None
    checkin_date: LenientDate | None = None
    checkin_day_of: str | None = None
    checkin_time: str | None = None  # time of day, "10:30"
    qty: int | None = None
    check_in_entry_point_id: int | None = None
    checkin_entry_point: str | None = None
    checkout_date: LenientDate | None = None
    checkout_day_of: str | None = None
    checkout_time: str | None = None  # time of day, "12:30"
    check_out_entry_point_id: int | None = None
    checkout_entry_point: str | None = None


class MembershipPackageGLAccount(Record):
    """A G/L account of a membership package charge."""

    gl_account_name: str | None = None
    gl_account_number: str | None = None


class MembershipPackageScheduledFee(Record):
    """A scheduled fee change of a membership package charge."""

    effective_date: LenientDate | None = None  # typed Date; the example is a date-time
    charge_amount: float | None = None


class MembershipPackageCharge(Record):
    """One fee, discount or scholarship of a membership package (``package_fees[]``)."""

    charge_name: str | None = None
    charge_type: str | None = None
    discount_order: int | None = None
    # Spelled "prifill" by the API (activity and FlexReg fees say "prefill_condition").
    prifill_condition: str | None = None
    primary_fee: LenientBool | None = None
    default_amount: float | None = None
    default_percentage: float | None = None
    customer_type: str | None = None
    description: str | None = None
    gl_accounts: list[MembershipPackageGLAccount] | None = None
    scheduled_fees: list[MembershipPackageScheduledFee] | None = None
    activation_date: LenientDate | None = None  # typed Date; the example is a date-time
    expiration_date: LenientDate | None = None


class MembershipPackageGlobalDiscount(Record):
    """A global discount applicable to a membership package."""

    global_discount_name: str | None = None
    global_discount_order: int | None = None
    global_discount_group_number: int | None = None
    global_discount_amount: float | None = None
    global_discount_percent: float | None = None
    global_discount_retired: LenientBool | None = None


class MembershipPackageFee(Record):
    """All fee information of one membership package (GetMembershipPackageFees)."""

    package_fees: list[MembershipPackageCharge] | None = None
    global_discounts: list[MembershipPackageGlobalDiscount] | None = None
