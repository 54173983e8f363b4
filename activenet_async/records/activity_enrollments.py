"""Records of the activity enrollment operations of the System API: enrollees
(GetActivityEnrollment) and enrollees with customer, family and answers
(GetActivityExpandedDetail)."""

from .._lenient import LenientBool, LenientDateTime, Record
from .activities import ActivityPattern

__all__ = ["ActivityEnrollment", "ActivityExpandedDetail", "ActivityFamily", "ActivityPayer",
           "ActivityQuestionAnswer"]


class ActivityPayer(Record):
    """A payer of an activity enrollment (a customer or a company)."""

    payer_first_name: str | None = None
    payer_last_name: str | None = None
    payer_customer_id: int | None = None
    payer_email: str | None = None
    payer_company_name: str | None = None
    payer_company_phone: str | None = None


class ActivityEnrollment(Record):
    """One enrollee of an activity (GetActivityEnrollment)."""

    activity_id: int | None = None
    activity_name: str | None = None
    enrollment_status: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_id: int | None = None
    customer_date_modified: LenientDateTime | None = None
    customer_email: str | None = None
    receipt_number: float | None = None  # BigDecimal, e.g. 1001007.005
    has_active_membership: LenientBool | None = None
    trial_class_date: LenientDateTime | None = None
    last_transaction_date: LenientDateTime | None = None
    withdraw_date: LenientDateTime | None = None
    total_fee: float | None = None
    total_paid: float | None = None
    total_due: float | None = None
    date_registered: LenientDateTime | None = None
    waitlisted_date: LenientDateTime | None = None
    waitlist_removed_date: LenientDateTime | None = None
    quantity: int | None = None
    payers: list[ActivityPayer] | None = None


class ActivityFamily(Record):
    """A family of an activity enrollee, with its head of household."""

    family_id: int | None = None
    head_of_household: str | None = None  # the head's full name here, not a flag
    head_of_household_customer_id: int | None = None
    head_of_household_customer_first_name: str | None = None
    head_of_household_customer_last_name: str | None = None
    head_of_household_customer_email: str | None = None


class ActivityQuestionAnswer(Record):
    """An enrollee's answer to a custom question of an activity."""

    question_title: str | None = None
    question_text: str | None = None
    question_id: int | None = None
    answer: str | None = None
    time_stamp: LenientDateTime | None = None


class ActivityExpandedDetail(Record):
    """One activity enrollee with customer, family and answers (GetActivityExpandedDetail)."""

    activity_id: int | None = None
    activity_name: str | None = None
    activity_status: str | None = None
    activity_category: str | None = None
    activity_other_category: str | None = None
    # the GetActivityDetail pattern; facilities, event notes and prep code are not sent here
    activity_patterns: list[ActivityPattern] | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_id: int | None = None
    customer_email: str | None = None
    trial_class_date: LenientDateTime | None = None
    enrollment_status: str | None = None
    date_registered: LenientDateTime | None = None
    has_active_membership: LenientBool | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    cell_phone: str | None = None
    mobile_carrier: str | None = None
    # documented String, example "20.3": probably years.months, which a float would garble
    # ("20.10" -> 20.1), so it stays str
    age: str | None = None
    age_category: str | None = None
    gender: str | None = None
    residential_address1: str | None = None
    residential_address2: str | None = None
    residential_city: str | None = None
    residential_state_or_province: str | None = None
    residential_zip_code: str | None = None
    families: list[ActivityFamily] | None = None
    payers: list[ActivityPayer] | None = None
    question_answers: list[ActivityQuestionAnswer] | None = None
