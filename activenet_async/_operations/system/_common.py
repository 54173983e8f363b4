"""Argument types and checks several System API domains share."""

from enum import IntEnum
from typing import Any, Literal

from ..._errors import RequestValidationError

__all__ = ["EnrollmentStatus", "GenderId", "OrderOption", "age_range"]

#: ``order_option`` of the sortable operations.
OrderOption = Literal["ASC", "DESC"]


class GenderId(IntEnum):
    """The documented default gender ids. Organizations may configure others (see
    ``get_genders``), so ``gender`` arguments take any int; these names are a convenience."""

    MIXED = 0
    MALE = 1
    FEMALE = 2
    NON_BINARY = 13
    PREFER_NOT_TO_SAY = 14


class EnrollmentStatus(IntEnum):
    """``enrollment_status`` of the activity and FlexReg enrollment operations (one status per
    request; ACTIVE's default is ENROLLED)."""

    ENROLLED = 1
    WITHDRAWN = 2
    WAITLISTED = 3
    WAITLIST_REMOVED = 4
    TRIAL = 5
    ALL = 6


def age_range(args: dict[str, Any]) -> None:
    """``age_from``..``age_to`` is a range: ``age_from`` must not exceed ``age_to`` (a negative
    bound, as in the reference's ``age_from=-1`` examples, means none)."""
    lo, hi = args.get("age_from"), args.get("age_to")
    if isinstance(lo, int) and isinstance(hi, int) and 0 <= hi < lo:
        raise RequestValidationError(f"age_from ({lo}) is above age_to ({hi})",
                                     argument="age_to")
