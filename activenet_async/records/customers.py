"""Record types of the customer operations of the System API: customers, custom questions and
answers, families, subsidy allocations, login validation and check-in status."""

import msgspec

from .._lenient import LenientBool, LenientDate, LenientDateTime, Record

__all__ = [
    "CheckInStatus",
    "CustomQuestion",
    "CustomQuestionAnswer",
    "CustomQuestionAnswerEntry",
    "CustomQuestionAutoFillAnswer",
    "CustomQuestionChoice",
    "Customer",
    "CustomerAlternateKey",
    "CustomerFamily",
    "CustomerFamilyRef",
    "CustomerPhoto",
    "CustomerSkill",
    "CustomerWriteFailure",
    "CustomerWriteResult",
    "CustomerWriteSuccess",
    "FamilyCreateResult",
    "FamilyMember",
    "ForgotCredentialsResult",
    "ProspectAnswer",
    "ProspectCustomQuestionAnswer",
    "SubsidyAllocationFailure",
    "SubsidyAllocationResult",
    "SubsidyAllocationSuccess",
    "ValidatedLoginCustomer",
]


# ---- GetCustomers ------------------------------------------------------------------------------

class CustomerFamily(Record):
    """One family a customer belongs to (GetCustomers `families[]`)."""

    family_id: int | None = None
    household_size: int | None = None
    # Typed String here (the head's name), unlike the customer-level boolean of the same name.
    head_of_household: str | None = None
    head_of_household_customer_id: int | None = None
    head_of_household_customer_first_name: str | None = None
    head_of_household_customer_last_name: str | None = None
    head_of_household_customer_email: str | None = None
    external_id: int | None = None
    family_role: str | None = None


class CustomerAlternateKey(Record):
    """One alternate key of a customer (GetCustomers `alternate_keys[]`)."""

    alternate_key_type: str | None = None
    alternate_key_status: str | None = None
    alternate_key_id: str | None = None


class CustomerSkill(Record):
    """One evaluated skill of a customer (GetCustomers `skills[]`)."""

    skill_id: int | None = None
    skill_title: str | None = None
    evaluation_date: LenientDate | None = None
    evaluator: str | None = None
    expiry_date: LenientDate | None = None
    evaluator_comment: str | None = None


class Customer(Record):
    """One customer with all of their information (GetCustomers)."""

    customer_id: int | None = None
    encrypted_customer_id: str | None = None
    customer_title: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    legal_name: str | None = None
    customer_type: str | None = None
    geographic_area: str | None = None
    residential_address1: str | None = None
    residential_address2: str | None = None
    residential_city: str | None = None
    residential_state_or_province: str | None = None
    residential_zip_code: str | None = None
    mailing_address1: str | None = None
    mailing_address2: str | None = None
    mailing_city: str | None = None
    mailing_state_or_province: str | None = None
    mailing_zip_code: str | None = None
    mailing_name: str | None = None
    occupation: str | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    cell_phone: str | None = None
    mobile_carrier: str | None = None
    fax_phone: str | None = None
    pager_phone: str | None = None
    other_phone: str | None = None
    email: str | None = None
    guardian_email: str | None = None
    guardian_contact_id: int | None = None
    additional_email: str | None = None
    birth_date: LenientDate | None = None
    age_category: str | None = None
    gender: str | None = None
    grade: str | None = None
    # String "30.2" stays str: likely years.months, which a float would misorder ("30.11").
    age: str | None = None
    resident_status: str | None = None
    residency_expire_date: LenientDate | None = None
    retired_status: str | None = None
    special_handling: LenientBool | None = None
    head_of_household: LenientBool | None = None
    families: list[CustomerFamily] | None = None
    has_active_membership: LenientBool | None = None
    alternate_keys: list[CustomerAlternateKey] | None = None
    emergency_contact1_first_name: str | None = None
    emergency_contact1_last_name: str | None = None
    emergency_contact1_phone: str | None = None
    emergency_contact1_relation: str | None = None
    emergency_contact1_other_phone: str | None = None
    emergency_contact2_first_name: str | None = None
    emergency_contact2_last_name: str | None = None
    emergency_contact2_phone: str | None = None
    emergency_contact2_relation: str | None = None
    emergency_contact2_other_phone: str | None = None
    no_mail: LenientBool | None = None
    date_time_modified: LenientDateTime | None = None
    customer_notes: str | None = None
    customer_medical_alert: str | None = None
    customer_general_alert: str | None = None
    no_postal_mail: LenientBool | None = None
    not_online_activated: LenientBool | None = None
    # login_created / login_used / last_transaction_date: typed Date, but the example sends
    # "YYYY-MM-DD HH:MM:SS" (account creation / login times): datetime wins, keeping the time.
    login_created: LenientDateTime | None = None
    login_used: LenientDateTime | None = None
    interest_date: LenientDate | None = None
    country: str | None = None
    late_fee_date: LenientDate | None = None
    agree_receive_text_message: LenientBool | None = None
    created_on: str | None = None
    photo_key: str | None = None
    skills: list[CustomerSkill] | None = None
    last_transaction_date: LenientDateTime | None = None


# ---- PostCustomers / PutCustomers --------------------------------------------------------------

class CustomerWriteSuccess(Record):
    """A customer that PostCustomers / PutCustomers created or updated."""

    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class CustomerWriteFailure(Record):
    """A customer that PostCustomers / PutCustomers failed to create or update, with the error."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    failed_error: str | None = None


class CustomerWriteResult(Record):
    """Outcome of a PostCustomers / PutCustomers call: the succeeded and the failed customers."""

    successfully_updated_customer: list[CustomerWriteSuccess] | None = None
    failed_updated_customer: list[CustomerWriteFailure] | None = None


# ---- GetCustomQuestionAnswers / GetProspectCustomQuestionAnswers -------------------------------

class CustomQuestionAnswerEntry(Record):
    """One question and the customer's answer (GetCustomQuestionAnswers `question_answers[]`)."""

    question: str | None = None
    question_id: int | None = None
    answer: str | None = None  # several answers arrive comma-separated
    time_stamp: LenientDateTime | None = None


class CustomQuestionAnswer(Record):
    """A customer's answers to custom questions in one module/transaction
    (GetCustomQuestionAnswers)."""

    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    question_answers: list[CustomQuestionAnswerEntry] | None = None
    answer_for: str | None = None
    receipt_number: float | None = None  # BigDecimal, e.g. 3000847.005
    activity_name: str | None = None
    activity_number: str | None = None
    activity_id: int | None = None
    activity_status: str | None = None
    program_name: str | None = None
    program_number: str | None = None
    program_id: int | None = None
    program_status: str | None = None
    event_type: str | None = None
    event_name: str | None = None
    permit_number: int | None = None
    permit_status: str | None = None
    package_name: str | None = None
    package_id: int | None = None


class ProspectAnswer(Record):
    """One prospect custom question with its answers
    (GetProspectCustomQuestionAnswers `prospect_answers[]`)."""

    question: str | None = None
    answer: list[str] | None = None


class ProspectCustomQuestionAnswer(Record):
    """A customer id with its prospect custom questions and answers
    (GetProspectCustomQuestionAnswers)."""

    customer_id: int | None = None
    prospect_answers: list[ProspectAnswer] | None = None


# ---- GetCustomQuestions ------------------------------------------------------------------------

class CustomQuestionChoice(Record):
    """One predefined answer of a multiple-choice custom question
    (GetCustomQuestions `multiple_choice_answers[]`)."""

    default_response: LenientBool | None = None
    answer_code: str | None = None
    answer: str | None = None
    sub_question: int | None = None  # custom_question_id of the triggered sub-question
    demographic: str | None = None


class CustomQuestionAutoFillAnswer(Record):
    """One conditional auto-fill answer of a custom question
    (GetCustomQuestions `auto_fill_conditional_answers[]`)."""

    answer: str | None = None
    age_from: int | None = None
    age_to: int | None = None
    gender: str | None = None


class CustomQuestion(Record):
    """One custom question with its settings and predefined answers (GetCustomQuestions)."""

    custom_question_id: int | None = None
    # Typed String, but holds "YYYY-MM-DD HH:MM:SS".
    modified_date_time: LenientDateTime | None = None
    custom_question_title: str | None = None
    prevent_further_use: LenientBool | None = None
    custom_question_text: str | None = None
    display: str | None = None
    answer_type: str | None = None
    answer_required: LenientBool | None = None
    use_answer_code: LenientBool | None = None
    answer_format: str | None = None
    maximum_length: int | None = None
    default_answer: str | None = None
    question_scope: str | None = None
    multiple_choice_answers: list[CustomQuestionChoice] | None = None
    auto_fill_conditional_answers: list[CustomQuestionAutoFillAnswer] | None = None


# ---- GetFamilyMembers / GetFamilyMembersByCustomerId / PostFamily ------------------------------

class CustomerFamilyRef(Record):
    """A family a customer belongs to, by id only (`families[]` of family member records)."""

    family_id: int | None = None


class FamilyMember(Record):
    """One member of a family (GetFamilyMembers, GetFamilyMembersByCustomerId)."""

    customer_id: int | None = None
    encrypted_customer_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_type: str | None = None
    birth_date: LenientDate | None = None
    age_category: str | None = None
    gender: str | None = None
    age: str | None = None  # "30.2": kept as text, as in Customer.age
    date_time_modified: LenientDateTime | None = None
    retired_status: str | None = None
    families: list[CustomerFamilyRef] | None = None


class FamilyCreateResult(Record):
    """Outcome of PostFamily: the customer, the new family id and the customer's families."""

    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    family_id: int | None = None
    families: list[CustomerFamilyRef] | None = None
    failed_error: str | None = None


# ---- PostCustomersSubsidyAllocations -----------------------------------------------------------

class SubsidyAllocationSuccess(Record):
    """A subsidy allocation added to a customer (PostCustomersSubsidyAllocations)."""

    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    subsidy_id: int | None = None
    subsidy_name: str | None = None
    customer_subsidy_id: int | None = None
    customer_subsidy_allocation_id: int | None = None
    subsidy_allocation_start_date: LenientDate | None = None
    subsidy_allocation_end_date: LenientDate | None = None
    subsidy_allocation_amount: float | None = None


class SubsidyAllocationFailure(Record):
    """A customer/subsidy pair that could not be allocated, with the reason
    (PostCustomersSubsidyAllocations)."""

    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    subsidy_id: int | None = None
    subsidy_name: str | None = None
    failed_detail: str | None = None


class SubsidyAllocationResult(Record):
    """Outcome of a PostCustomersSubsidyAllocations call: the allocated and the failed pairs."""

    successfully_updated_customer: list[SubsidyAllocationSuccess] | None = None
    failed_updated_customer: list[SubsidyAllocationFailure] | None = None


# ---- GetValidateLogin / PostForgotPassword / PostForgotLoginName -------------------------------

class ValidatedLoginCustomer(Record):
    """The customer whose login name and password passed validation (GetValidateLogin)."""

    customer_title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    gender: str | None = None
    birth_date: LenientDate | None = None
    age_category: str | None = None
    customer_id: int | None = None
    photo_key: str | None = None  # in the example only
    encrypted_customer_id: str | None = None


class ForgotCredentialsResult(Record):
    """An element of the response body of PostForgotPassword / PostForgotLoginName; the body is
    documented as always empty, so no fields are known."""


# ---- GetCheckInStatus --------------------------------------------------------------------------

class CheckInStatus(Record):
    """Check-in status of one activity date or program session date (GetCheckInStatus)."""

    root_transaction_id: int | None = None
    # Typed String; holds "YYYY-MM-DD HH:MM:SS" (the request sends epoch milliseconds instead).
    start_date_time: LenientDateTime | None = None
    # activity_date_id, facility_schedule_id, dc_session_date_id: in the example only (ids).
    activity_date_id: int | None = None
    facility_schedule_id: int | None = None
    activity_id: int | None = None
    dc_session_date_id: int | None = None
    customer_id: int | None = None
    dc_program_id: int | None = None
    status: int | None = None  # values (1, 2) are undocumented
    facility_id: int | None = None


class CustomerPhoto(msgspec.Struct, frozen=True):
    """A customer's photo (``get_customer_photo``): the image bytes and their content type. Not
    a JSON record: the answer is the image itself."""

    content: bytes
    content_type: str
