"""Request bodies of the customer write operations of the System API.

Each Struct is one object of a documented request body. Everything else about a body (the shape
its objects go on the wire in, its mandatory fields, the reference's conditional requirements)
is declared with its operation, ``@operation(..., body=Body(...))`` in
``_operations/system/customers.py``.

Fields are plain Python types; every class is keyword-only (``kw_only`` is per class in msgspec,
hence repeated) and every field defaults to None and None fields are left out when
encoding (``omit_defaults``).
"""

from datetime import date

import msgspec

__all__ = [
    "CheckInStatusRequest",
    "CustomerCreate",
    "CustomerUpdate",
    "FamilyAssignment",
    "FamilyCreate",
    "ForgotLoginNameRequest",
    "ForgotPasswordRequest",
    "SubsidyAllocationRequest",
    "ValidateLoginRequest",
]


class FamilyAssignment(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A family to add a created/updated customer to (PostCustomers/PutCustomers `families[]`)."""

    family_id: int | None = None


class _CustomerFields(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The customer fields PostCustomers and PutCustomers share."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    birth_date: date | None = None  # "yyyy-MM-dd"
    middle_name: str | None = None
    SSN: str | None = None
    mailing_address1: str | None = None
    mailing_address2: str | None = None
    mailing_city: str | None = None
    mailing_state_or_province_id: int | None = None
    mailing_zip_code: str | None = None
    mailing_name: str | None = None
    residential_address1: str | None = None
    residential_address2: str | None = None
    residential_city: str | None = None
    residential_state_or_province_id: int | None = None
    residential_zip_code: str | None = None
    additional_email: str | None = None
    gender_id: int | None = None
    resident: bool | None = None
    no_mail: bool | None = None  # false = agrees to receive promotional emails
    no_postal_mail: bool | None = None  # false = agrees to receive postal mail
    customer_notes: str | None = None
    customer_medical_alert: str | None = None
    customer_general_alert: str | None = None
    preferred_language_id: int | None = None  # English=1, French=2, Spanish=3
    families: list[FamilyAssignment] | None = None
    h_area: str | None = None
    h_phone: str | None = None
    h_ext: str | None = None
    w_area: str | None = None
    w_phone: str | None = None
    w_ext: str | None = None
    c_area: str | None = None
    c_phone: str | None = None
    c_ext: str | None = None


class CustomerCreate(_CustomerFields, kw_only=True, omit_defaults=True):
    """One customer to create (an element of PostCustomers `body[]`)."""

    # Only PostCustomers documents it: true makes the customer head of the auto-created family.
    head_of_household: bool | None = None


class CustomerUpdate(_CustomerFields, kw_only=True, omit_defaults=True):
    """One customer to update (an element of PutCustomers `body[]`); customer_id is required."""

    customer_id: int | None = None


class FamilyCreate(msgspec.Struct, kw_only=True, omit_defaults=True):
    """PostFamily body: the customer to create a family for."""

    customer_id: int | None = None


class SubsidyAllocationRequest(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One customer/subsidy pair to allocate (an element of PostCustomersSubsidyAllocations
    `body[]`)."""

    # Documented int; the request example sends strings ("1"): the documented type wins.
    customer_id: int | None = None
    subsidy_id: int | None = None


class ValidateLoginRequest(msgspec.Struct, kw_only=True, omit_defaults=True):
    """GetValidateLogin (POST /validatelogin) body: the credentials to check."""

    login_name: str | None = None
    password: str | None = None


class ForgotPasswordRequest(msgspec.Struct, kw_only=True, omit_defaults=True):
    """PostForgotPassword body: where to send the password reset email."""

    email: str | None = None


class ForgotLoginNameRequest(msgspec.Struct, kw_only=True, omit_defaults=True):
    """PostForgotLoginName body: where to send the login name."""

    email: str | None = None


class CheckInStatusRequest(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One activity date or program session date to look up (an element of the GetCheckInStatus
    (POST /checkIn/status) array)."""

    root_transaction_id: int | None = None
    # Number: epoch milliseconds (example 1760575099131), not a formatted date-time.
    start_date_time: int | None = None
    activity_id: int | None = None
    dc_program_id: int | None = None
    customer_id: int | None = None
    dc_session_date_id: int | None = None
    # In the request example only (all null there); ids, hence int.
    activity_date_id: int | None = None
    facility_schedule_id: int | None = None
    facility_id: int | None = None
    activity_instructor_id: int | None = None
