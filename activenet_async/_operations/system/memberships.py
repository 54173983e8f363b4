"""System API, memberships: membership packages, their categories and fees, customers'
memberships and membership (and alternate key) usages."""

from datetime import time
from enum import IntEnum
from typing import Any, Literal

from ..._errors import RequestValidationError
from ..._paging import PageInfoHeader, Pager
from ...records.memberships import (
    Membership,
    MembershipPackage,
    MembershipPackageCategory,
    MembershipPackageFee,
    MembershipUsage,
)
from ..declare import Check, Incremental, operation, ordered, positive
from ..params import Day, HourMinute, IdList, Minute, YesNo
from ._common import GenderId, OrderOption, age_range

__all__ = ["GenderId", "MembershipsOps", "PackageStatus"]



class PackageStatus(IntEnum):
    """``package_status_id``: the status of a membership package."""

    OPEN = 0
    CLOSED = 1


def not_both(given: str, ignored: str) -> Check:
    """``ignored`` is documented as used only when ``given`` is absent: refuse both, since the
    server would silently drop one."""
    def check(args: dict[str, Any]) -> None:
        if given in args and ignored in args:
            raise RequestValidationError(
                f"{ignored} is only used when {given} is not passed; give one of them",
                argument=ignored)
    return check


def _time_of_day(v: Any) -> time | None:
    if isinstance(v, time):
        return v
    if isinstance(v, str) and len(v) == 5 and v[2] == ":":
        try:
            return time.fromisoformat(v)
        except ValueError:
            pass
    return None  # a malformed value is reported by the argument's own check


def daily_times_ordered(start: str, end: str) -> Check:
    """A daily time range ("HH:MM" or ``datetime.time``) must not be reversed."""
    def check(args: dict[str, Any]) -> None:
        a, b = _time_of_day(args.get(start)), _time_of_day(args.get(end))
        if a is not None and b is not None and a > b:
            raise RequestValidationError(f"{start} ({a:%H:%M}) is after {end} ({b:%H:%M})",
                                         argument=end)
    return check


class MembershipsOps:
    """Operations on membership packages, memberships and their usage."""

    @operation("GetMembershipPackages", "membershippackages", MembershipPackage,
               paging=PageInfoHeader(), page_size=200,
               lists={"site_ids": 5},
               checks=(ordered("modified_date_from", "modified_date_to"), age_range),
               primary_key=("package_id",),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_membership_packages(self, *, package_name: str | None = None,
                                package_status_id: PackageStatus | None = None,
                                modified_date_from: Minute | None = None,
                                modified_date_to: Minute | None = None,
                                package_category_id: int | None = None,
                                site_ids: IdList | None = None,
                                gender: int | None = None,
                                age_from: int | None = None,
                                age_to: int | None = None,
                                order_by: Literal["package_name"] | None = None,
                                order_option: OrderOption | None = None,
                                page_size: int | None = None,
                                raw: bool = False) -> Pager[MembershipPackage]:
        """Returns a list of membership packages for your request parameters (by package_name
        in ascending order if it is not specified).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetMemberships", "memberships", Membership, paging=PageInfoHeader(),
               page_size=200,
               checks=(ordered("modified_date_from", "modified_date_to"),
                       positive("customer_id", "package_id"),
                       not_both("customer_id", "encode_customer_id")),
               primary_key=("membership_id", "customer_id"),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_memberships(self, *, customer_id: int | None = None,
                        package_id: int | None = None,
                        modified_date_from: Minute | None = None,
                        modified_date_to: Minute | None = None,
                        package_status_id: PackageStatus | None = None,
                        active_memberships_only: YesNo | None = None,
                        encode_customer_id: str | None = None,
                        page_size: int | None = None,
                        raw: bool = False) -> Pager[Membership]:
        """Returns membership information for your request parameters (by membership_id in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetMembershipPackageCategories", "membershippackagecategories",
               MembershipPackageCategory, primary_key=("category_id",))
    def get_membership_package_categories(self,
                                          *, raw: bool = False) -> Pager[MembershipPackageCategory]:
        """Returns a list of membership package categories for your organization (by
        category_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetMembershipUsages", "membershipusages", MembershipUsage,
               paging=PageInfoHeader(), page_size=500,
               checks=(positive("customer_id", "package_id", "entry_point_id"),
                       daily_times_ordered("from_daily_time", "to_daily_time")),
               primary_key=("_row_hash",))
    def get_membership_usages(self, *, usage_date: Day,
                              customer_id: int | None = None,
                              package_id: int | None = None,
                              alternate_key_type: str | None = None,
                              entry_point_id: int | None = None,
                              entry_point: str | None = None,
                              from_daily_time: HourMinute | None = None,
                              to_daily_time: HourMinute | None = None,
                              page_size: int | None = None,
                              raw: bool = False) -> Pager[MembershipUsage]:
        """Returns membership usage information for your request parameters (by
        membershipusage_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetMembershipPackageFees", "membershippackages/{package_id}/fees",
               MembershipPackageFee, kind="one", checks=(positive("package_id"),))
    async def get_membership_package_fees(self, package_id: int, /,
                                          *, raw: bool = False) -> MembershipPackageFee:
        """Returns membership package fee information for the specified membership package.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...
