"""System API, customers: customers, customer photos, custom questions and their answers,
prospect answers and family members (reads); creating and updating customers, families and
subsidy allocations, login validation, forgotten passwords and login names, check-in status
(writes).

The writes are POST or PUT with a JSON body, declared with each operation (``Body``: the Struct
from ``records.customer_requests``, its shape and its mandatory fields): object-shaped bodies
take their fields as keyword arguments, list-shaped ones take ``body=``, an iterable of the
request Struct or of plain mappings. Each returns the decoded response body (a list of records)
and is never retried once sent. All go to the ``wr`` service
with the write-access key, except PostForgotPassword and PostForgotLoginName, which use the
normal service and key.
"""

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any

from ..._errors import RequestValidationError
from ..._paging import PageInfoHeader, Pager
from ...records.customer_requests import (
    CheckInStatusRequest,
    CustomerCreate,
    CustomerUpdate,
    FamilyCreate,
    ForgotLoginNameRequest,
    ForgotPasswordRequest,
    SubsidyAllocationRequest,
    ValidateLoginRequest,
)
from ...records.customers import (
    CheckInStatus,
    Customer,
    CustomerPhoto,
    CustomerWriteResult,
    CustomQuestion,
    CustomQuestionAnswer,
    FamilyCreateResult,
    FamilyMember,
    ForgotCredentialsResult,
    ProspectCustomQuestionAnswer,
    SubsidyAllocationResult,
    ValidatedLoginCustomer,
)
from ..declare import Body, Incremental, at_least_one, exactly_one, operation, ordered, positive
from ..params import Day, IdList, Minute, StrList, TrueFalse
from ._common import GenderId

__all__ = ["AccountCreationType", "CustomQuestionProcess", "CustomersOps", "GenderId"]


class AccountCreationType(IntEnum):
    """GetCustomQuestions ``account_creation_type``: questions asked at account creation."""

    INDIVIDUAL = 1
    FAMILY = 2


class CustomQuestionProcess(IntEnum):
    """GetCustomQuestions ``process``: which questions of a package/activity/program."""

    ALL = 1
    SALE = 2  # membership only: all but the "renew only" questions of a package
    RENEW = 3  # membership only: the "renew only" questions of a package


# ---- checks ------------------------------------------------------------------------------

def _customers_selector(args: dict[str, Any]) -> None:
    """GetCustomers: modified_date_from is required unless activity_id, customer_ids or
    alternate_key_ids is given or prospect = true (and likewise for each of them)."""
    if args.get("prospect") is True or any(
            n in args for n in ("modified_date_from", "activity_id", "customer_ids",
                                "alternate_key_ids")):
        return
    raise RequestValidationError(
        "give at least one of modified_date_from, activity_id, customer_ids, alternate_key_ids "
        "or prospect=True", argument="modified_date_from")


def _home_phone_digits(args: dict[str, Any]) -> None:
    """GetCustomers: "A minimum of six digits is required for a home phone number search"."""
    v = args.get("home_phone")
    if isinstance(v, str) and sum(c.isdigit() for c in v) < 6:
        raise RequestValidationError("a home phone search needs at least six digits",
                                     argument="home_phone")


_NOT_MEMBERSHIP = ("activity_id", "program_id", "event_type_id", "account_creation_type")


def _process_membership_only(args: dict[str, Any]) -> None:
    """GetCustomQuestions: process 2 (Sale) and 3 (Renew) "only applicable for membership"."""
    process = args.get("process")
    if process in (CustomQuestionProcess.SALE, CustomQuestionProcess.RENEW):
        other = next((n for n in _NOT_MEMBERSHIP if n in args), None)
        if other is not None:
            raise RequestValidationError(
                f"process {int(process)} (Sale/Renew) applies to membership packages only: "
                f"use it with package_id, not {other}", argument="process")


def _photo_key(args: dict[str, Any]) -> None:
    """GetCustomerPhoto: photo_key is mandatory, so a blank one is refused."""
    v = args.get("photo_key")
    if isinstance(v, str) and not v.strip():
        raise RequestValidationError("must be a non-empty photo key (a customer's photo_key)",
                                     argument="photo_key")


# The reference's own wording (verbatim) of the write requirements that depend on the
# organization's Population Settings, which no client can know: documented, not checked.
_POPULATION_SETTINGS = (
    "All request parameters follow the required or optional configurations on the "
    "Administration Home > Population Settings > Configuration page.")
_CUSTOMER_ID_AND_SETTINGS = (
    "Customer ID is always required. Other request parameters follow the required or "
    "optional configurations on the Administration Home > Population Settings > "
    "Configuration page.")

_QUESTION_SELECTORS = ("activity_id", "package_id", "program_id", "event_type_id",
                       "account_creation_type", "custom_question_id")


class CustomersOps:
    """Customer operations of the System API (reads and writes)."""

    @operation("GetCustomers", "customers", Customer, paging=PageInfoHeader(), page_size=500,
               lists={"site_ids": 5, "customer_ids": 500, "alternate_key_ids": 100},
               checks=(_customers_selector, _home_phone_digits,
                       positive("customer_id", "activity_id")), primary_key=("customer_id",),
               incremental=Incremental("modified_date_from", None, "date_time_modified"))
    def get_customers(self, *, customer_id: int | None = None,
                      site_ids: IdList | None = None,
                      gender: int | None = None,
                      first_name: str | None = None,
                      last_name: str | None = None,
                      min_age: int | None = None,
                      max_age: int | None = None,
                      modified_date_from: Minute | None = None,
                      activity_id: int | None = None,
                      customer_ids: IdList | None = None,
                      alternate_key_ids: StrList | None = None,
                      prospect: TrueFalse | None = None,
                      birth_date: Day | None = None,
                      residential_zip_code: str | None = None,
                      residential_address1: str | None = None,
                      email: str | None = None,
                      home_phone: str | None = None,
                      page_size: int | None = None,
                      raw: bool = False) -> Pager[Customer]:
        """Returns a list of customers for your request parameters (by customer_id in ascending
        order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetCustomerPhoto", "customerphoto", CustomerPhoto, kind="bytes",
               checks=(_photo_key,))
    async def get_customer_photo(self, *, photo_key: str) -> CustomerPhoto:
        """Downloads the customer photo for the specified photo_key."""
        ...

    @operation("GetCustomQuestionAnswers", "customquestionanswers", CustomQuestionAnswer,
               paging=PageInfoHeader(), page_size=500,
               checks=(at_least_one("activity_id", "package_id", "program_id", "permit_number",
                                    "customer_id"),
                       positive("activity_id", "package_id", "program_id", "permit_number",
                                "customer_id")), primary_key=("_row_hash",))
    def get_custom_question_answers(self, *, activity_id: int | None = None,
                                    package_id: int | None = None,
                                    program_id: int | None = None,
                                    permit_number: int | None = None,
                                    customer_id: int | None = None,
                                    page_size: int | None = None,
                                    raw: bool = False
                                    ) -> Pager[CustomQuestionAnswer]:
        """Return a list of custom question answers for your request parameters (by
        customer_id, and then by question in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetProspectCustomQuestionAnswers", "prospectcustomquestionanswers",
               ProspectCustomQuestionAnswer, paging=PageInfoHeader(), page_size=200,
               lists={"customer_ids": 500}, primary_key=("customer_id",))
    def get_prospect_custom_question_answers(self, *, customer_ids: IdList,
                                             page_size: int | None = None,
                                             raw: bool = False
                                             ) -> Pager[ProspectCustomQuestionAnswer]:
        """Return a list of prospect custom question answers for your request parameters (by
        customer_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetCustomQuestions", "customquestions", CustomQuestion,
               checks=(exactly_one(*_QUESTION_SELECTORS),
                       positive("activity_id", "package_id", "program_id", "event_type_id",
                                "custom_question_id"),
                       ordered("modified_date_from", "modified_date_to"),
                       _process_membership_only), primary_key=("custom_question_id",),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_custom_questions(self, *, custom_question_id: int | None = None,
                             activity_id: int | None = None,
                             program_id: int | None = None,
                             package_id: int | None = None,
                             event_type_id: int | None = None,
                             account_creation_type: AccountCreationType | None = None,
                             process: CustomQuestionProcess | None = None,
                             modified_date_from: Minute | None = None,
                             modified_date_to: Minute | None = None,
                             raw: bool = False) -> Pager[CustomQuestion]:
        """Return a list of custom questions for your request parameters (by custom_question_id
        in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFamilyMembers", "familymembers", FamilyMember, lists={"family_ids": 500},
               primary_key=("customer_id",))
    def get_family_members(self, *, family_ids: IdList,
                           raw: bool = False) -> Pager[FamilyMember]:
        """Returns a list of family members for the specified family IDs.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFamilyMembersByCustomerId", "familymembers/{customer_id}", FamilyMember,
               checks=(positive("customer_id"),), primary_key=("customer_id",))
    def get_family_members_by_customer_id(self, customer_id: int, /,
                                          *, raw: bool = False) -> Pager[FamilyMember]:
        """Returns a list of family members for the specified customer id.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    # ---- writes ---------------------------------------------------------------------------

    @operation("PostCustomers", "customers", CustomerWriteResult, kind="write", http="POST",
               write_key=True, body=Body(CustomerCreate, "wrapped_list",
                                         conditional=(_POPULATION_SETTINGS,)))
    async def post_customers(self, *, body: Iterable[CustomerCreate | Mapping[str, Any]]
                             ) -> list[CustomerWriteResult]:
        """Creates customers; which fields are required follows the organization's Population
        Settings configuration."""
        ...

    @operation("PutCustomers", "customers", CustomerWriteResult, kind="write", http="PUT",
               write_key=True, body=Body(CustomerUpdate, "wrapped_list",
                                         required=("customer_id",),
                                         conditional=(_CUSTOMER_ID_AND_SETTINGS,)))
    async def put_customers(self, *, body: Iterable[CustomerUpdate | Mapping[str, Any]]
                            ) -> list[CustomerWriteResult]:
        """Updates customers; customer_id is always required, other fields follow the
        organization's Population Settings configuration."""
        ...

    @operation("PostFamily", "family", FamilyCreateResult, kind="write", http="POST",
               write_key=True, body=Body(FamilyCreate, "object"))
    async def post_family(self, *, customer_id: int | None = None
                          ) -> list[FamilyCreateResult]:
        """Create a family for the specified customer."""
        ...

    @operation("PostCustomersSubsidyAllocations", "customersubsidyallocations",
               SubsidyAllocationResult, kind="write", http="POST", write_key=True,
               body=Body(SubsidyAllocationRequest, "wrapped_list"))
    async def post_customers_subsidy_allocations(
            self, *, body: Iterable[SubsidyAllocationRequest | Mapping[str, Any]]
    ) -> list[SubsidyAllocationResult]:
        """Add new subsidy allocations to the specified customers for the specified subsidy
        programs."""
        ...

    @operation("GetValidateLogin", "validatelogin", ValidatedLoginCustomer, kind="write",
               http="POST", write_key=True, body=Body(ValidateLoginRequest, "object"))
    async def post_validate_login(self, *, login_name: str | None = None,
                                  password: str | None = None
                                  ) -> list[ValidatedLoginCustomer]:
        """Validates if the provided customer information can be used to log into the system."""
        ...

    @operation("PostForgotPassword", "forgotpassword", ForgotCredentialsResult, kind="write",
               http="POST", write_key=False, body=Body(ForgotPasswordRequest, "object"))
    async def post_forgot_password(self, *, email: str | None = None
                                   ) -> list[ForgotCredentialsResult]:
        """The PostForgotPassword API sends a password reset email to the provided email
        address."""
        ...

    @operation("PostForgotLoginName", "forgotloginname", ForgotCredentialsResult, kind="write",
               http="POST", write_key=False, body=Body(ForgotLoginNameRequest, "object"))
    async def post_forgot_login_name(self, *, email: str | None = None
                                     ) -> list[ForgotCredentialsResult]:
        """Emails the login name to the provided email address."""
        ...

    @operation("GetCheckInStatus", "checkIn/status", CheckInStatus, kind="write", http="POST",
               write_key=True, body=Body(CheckInStatusRequest, "list"))
    async def post_check_in_status(self, *, body: Iterable[CheckInStatusRequest
                                                            | Mapping[str, Any]]
                                   ) -> list[CheckInStatus]:
        """Get activity and program date check in status."""
        ...
