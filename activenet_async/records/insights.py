"""Records of the ACTIVE Net Insights API: customers, membership statistics, packages,
memberships, the membership audit log and membership verification.

The Insights tables give no field types except for /memberships and /verifyMembership; the
types below follow the descriptions and the documented example responses.
"""

from typing import Literal

from .._lenient import LenientBool, LenientDate, LenientDateTime, LenientInt, Record

__all__ = [
    "InsightsCustomer",
    "InsightsFamily",
    "InsightsMembership",
    "InsightsMembershipAlternateKey",
    "InsightsMembershipAuditLog",
    "InsightsMembershipStat",
    "InsightsMembershipStatNR",
    "InsightsMembershipVerification",
    "InsightsPackage",
    "InsightsPackageCategory",
    "InsightsPackageEntryPoint",
]

#: Documented ``statisticsCategory`` values of /membershipStats (retention-eligible packages).
StatsCategory = Literal[
    "atEnd", "atStart", "inBranch", "outBranch", "new", "inPackage", "outPackage",
    "retained", "suspended", "reInstated", "terminated",
]
#: Documented ``statisticsCategory`` values of /membershipStatsNR: ``renewal`` replaces
#: ``retained``, and there is no ``reInstated``.
StatsCategoryNR = Literal[
    "atEnd", "atStart", "inBranch", "outBranch", "new", "inPackage", "outPackage",
    "renewal", "suspended", "terminated",
]


# ---- /customers --------------------------------------------------------------------------

class InsightsFamily(Record):
    """One family (household) the customer belongs to, in a customer's ``families``."""

    family_id: int | None = None
    household_size: int | None = None
    head_of_household: LenientBool | None = None
    head_of_household_customer_id: int | None = None
    head_of_household_customer_first_name: str | None = None
    head_of_household_customer_last_name: str | None = None
    head_of_household_customer_email: str | None = None
    external_id: int | None = None  # the example sends the number 0
    family_role: str | None = None


class InsightsCustomer(Record):
    """One customer's details (Insights /customers)."""

    customer_id: int | None = None
    customertype: str | None = None
    geographic_area: str | None = None
    lastpayee_id: int | None = None
    site: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    homephone: str | None = None
    workphone: str | None = None
    cellphone: str | None = None
    faxphone: str | None = None
    pagerphone: str | None = None
    otherphone: str | None = None
    email: str | None = None
    # "64.11" for someone born 1956-09-15 seen 2021-09-14: years.months, not a decimal, so a
    # float would misread it ("64.1" vs "64.10"); kept as sent.
    age: str | None = None
    age_category: str | None = None
    entrydate: LenientDateTime | None = None
    gender: str | None = None
    headofhousehold: LenientBool | None = None
    mailingaddress1: str | None = None
    mailingaddress2: str | None = None
    mailingcity: str | None = None
    mailingstate: str | None = None
    mailingzipcode: str | None = None
    mailingcountry: str | None = None
    mailing_name: str | None = None
    resident_status: str | None = None
    occupation: str | None = None
    # The table says special_handling, the example specialhandling (run-together like its
    # neighbours headofhousehold, mailingcity): both are plausible on the wire, so both exist.
    special_handling: LenientBool | None = None
    specialhandling: LenientBool | None = None
    emergency_contact1_first_name: str | None = None
    emergency_contact1_last_name: str | None = None
    emergency_contact1_phone_no: str | None = None
    emergency_contact1_relation: str | None = None
    emergency_other_phone1: str | None = None
    emergency_contact2_first_name: str | None = None
    emergency_contact2_last_name: str | None = None
    emergency_contact2_phone_no: str | None = None
    emergency_contact2_relation: str | None = None
    emergency_other_phone2: str | None = None
    date_modified: LenientDateTime | None = None
    retired_status: str | None = None
    not_online_activated: LenientBool | None = None
    login_created: LenientDateTime | None = None
    login_used: LenientDateTime | None = None
    interest_date: LenientDate | None = None
    county: str | None = None
    can_be_scheduled: LenientBool | None = None
    residency_expires_date: LenientDate | None = None
    legal_name: str | None = None
    late_fee_date: LenientDate | None = None
    additional_email: str | None = None
    agree_receive_text_message: LenientBool | None = None
    created_on: str | None = None  # "Staff side" or "Online", not a date
    # Described as "date and time of birth", but the time is always 00:00:00.0: a date.
    birth_date: LenientDate | None = None
    agree_receive_email: LenientBool | None = None
    agree_receive_postal_mail: LenientBool | None = None
    preferred_language: str | None = None
    families: list[InsightsFamily] | None = None
    # The example repeats lat/lon (JSON allows it); the decoder keeps the last occurrence.
    lat: float | None = None
    lon: float | None = None


# ---- /membershipStats and /membershipStatsNR ---------------------------------------------

class InsightsMembershipAlternateKey(Record):
    """One alternate key (value, type, status) of a member, in ``alternate_keys``."""

    alternate_key_value: str | None = None
    alternate_key_type: str | None = None
    alternate_key_status: str | None = None


class _InsightsMembershipStatFields(Record):
    """The fields /membershipStats and /membershipStatsNR share (one table documents both)."""

    member_id: int | None = None
    member_first_name: str | None = None
    member_last_name: str | None = None
    member_address_1: str | None = None
    member_address_2: str | None = None
    member_home_phone: str | None = None
    member_work_phone: str | None = None
    member_cell_phone: str | None = None
    member_state_province: str | None = None
    member_zip_postalcode: str | None = None
    member_city: str | None = None
    member_county: str | None = None
    member_customer_type: str | None = None
    # Dates: the table says MM/DD/YYYY, one example "2000/01/01", the other
    # "1968-12-09 00:00:00.0"; LenientDate reads all three.
    member_date_of_birth: LenientDate | None = None
    member_email: str | None = None
    # Only in the NR example, but both endpoints share one record layout.
    member_gender: str | None = None
    member_age: LenientInt | None = None  # "Displays either blank or the customer's age"
    member_since_date: LenientDate | None = None
    member_resident_status: str | None = None
    member_retired_status: str | None = None
    package_cancellation_date: LenientDate | None = None
    package_effective_date: LenientDate | None = None
    package_expiration_date: LenientDate | None = None
    suspended_from_date: LenientDate | None = None
    package_transfer_out_date: LenientDate | None = None
    package_transfer_in_date: LenientDate | None = None
    branch_transfer_out_date: LenientDate | None = None
    branch_transfer_in_date: LenientDate | None = None
    cancellation_reason: str | None = None
    suspended_to_date: LenientDate | None = None
    membership_id: int | None = None
    package_category: str | None = None
    package_name: str | None = None
    package_retention_eligible: LenientBool | None = None
    package_site: str | None = None
    # Documented as a numbered list (1. Never expire ...), sent as a label ("Specific date").
    package_term: str | None = None
    membership_pass_number: str | None = None  # "000000000228": leading zeros matter
    membership_pass_id: int | None = None
    membership_status: str | None = None
    packagecategory_id: int | None = None
    package_id: int | None = None
    site_id: int | None = None
    alternate_keys: list[InsightsMembershipAlternateKey] | None = None


class InsightsMembershipStat(_InsightsMembershipStatFields):
    """One member's statistics for a retention-eligible membership package (/membershipStats)."""


class InsightsMembershipStatNR(_InsightsMembershipStatFields):
    """One member's statistics for a non-retention-eligible package (/membershipStatsNR)."""


# ---- /packagecategories and /packages ----------------------------------------------------

class InsightsPackageCategory(Record):
    """One membership package category (/packagecategories)."""

    packageCategoryId: int | None = None
    categoryName: str | None = None
    retentionEligible: LenientBool | None = None  # "Y" or "N"


class InsightsPackageEntryPoint(Record):
    """One entry point of a membership package, in a package's ``entry_Points``."""

    entry_point: str | None = None


class InsightsPackage(Record):
    """One membership package (/packages)."""

    packageId: int | None = None
    packageName: str | None = None
    siteId: LenientInt | None = None  # the example sends the string "6"
    packageCategoryId: int | None = None
    categoryName: str | None = None
    status: str | None = None  # "Open"/"Closed" documented, "open" sent
    number_of_Uses_Available: int | None = None
    family_Membership_Package: LenientBool | None = None  # "Yes"/"No" documented, "N" sent
    # The table names a string entry_point, the example an array entry_Points of
    # {"entry_point": ...}; the example looks like real output, the table is kept as well.
    entry_point: str | None = None
    entry_Points: list[InsightsPackageEntryPoint] | None = None


# ---- /memberships ------------------------------------------------------------------------

class InsightsMembership(Record):
    """One membership last updated in the requested window (/memberships)."""

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
    package_site_id: int | None = None
    package_category_id: int | None = None
    package_category_name: str | None = None
    family_package: LenientBool | None = None
    entry_point: str | None = None
    package_retention_eligible: LenientBool | None = None
    member_pass_number: str | None = None
    primary_member_pass_number: str | None = None
    suspension_reason: str | None = None
    cancellation_date: LenientDate | None = None
    cancellation_reason: str | None = None
    modified_date_time: LenientDateTime | None = None


# ---- /membershipAuditLog -----------------------------------------------------------------

class InsightsMembershipAuditLog(Record):
    """One membership audit-log entry: a status period of a membership (/membershipAuditLog)."""

    membership_history_id: int | None = None
    beg_datestamp: LenientDateTime | None = None
    end_datestamp: LenientDateTime | None = None
    # Documented as numeric codes (20 Status Change), sent as labels ("Status Change"): the
    # example wins; a numeric code would still be kept, as its digits.
    history_transaction_type: str | None = None
    voided: LenientBool | None = None
    transaction_id: int | None = None
    membership_id: int | None = None
    system_user_first_name: str | None = None
    system_user_last_name: str | None = None
    workstation_name: str | None = None
    package_id: int | None = None
    package_name: str | None = None
    membership_status: str | None = None
    date_effective: LenientDate | None = None
    date_expires: LenientDate | None = None
    date_suspend_from: LenientDate | None = None
    date_suspend_to: LenientDate | None = None
    autorenewal_type: str | None = None  # codes 0-4 documented, label sent: as above
    suspended_reason: str | None = None
    primarymembercustomer_id: int | None = None
    member_first_name: str | None = None
    member_last_name: str | None = None
    max_uses: int | None = None
    package_category_id: int | None = None
    package_category_name: str | None = None
    site_id: int | None = None
    site_name: str | None = None
    package_retention_eligible: LenientBool | None = None
    member_since_date: LenientDate | None = None


# ---- /verifyMembership -------------------------------------------------------------------

class InsightsMembershipVerification(Record):
    """One membership of the customer asked about (/verifyMembership)."""

    customer_id: int | None = None
    customer_first_name: str | None = None
    customer_last_name: str | None = None
    customer_email: str | None = None
    customer_pass_number: str | None = None
    membership_id: int | None = None
    membership_status: str | None = None
    effective_date: LenientDate | None = None
    expiration_date: LenientDate | None = None
    suspended_from_date: LenientDate | None = None
    suspended_to_date: LenientDate | None = None
    package_id: int | None = None
    package_name: str | None = None
    retention_eligible: LenientBool | None = None
    family_membership: LenientBool | None = None
    punches_purchased: int | None = None
    punches_used: int | None = None
    punches_remaining: int | None = None
    punch_pass_expired_on: LenientDate | None = None
    primary_member_customer_id: int | None = None
    primary_member_first_name: str | None = None
    primary_member_last_name: str | None = None
    # Sent with stray spaces (" erincombs@nomail.com "); kept as sent.
    primary_member_email: str | None = None
    primary_member_pass_number: str | None = None
    cancelled_on_date: LenientDate | None = None
