"""Insights API operations (``anet.insights``): customers, membership statistics, packages,
memberships, the membership audit log and membership verification."""

from collections.abc import Iterable
from datetime import timedelta

from .._paging import PageAndPageSize, PageNumberParams, Pager, Unpaged
from ..records.insights import (
    InsightsCustomer,
    InsightsMembership,
    InsightsMembershipAuditLog,
    InsightsMembershipStat,
    InsightsMembershipStatNR,
    InsightsMembershipVerification,
    InsightsPackage,
    InsightsPackageCategory,
    StatsCategory,
    StatsCategoryNR,
)
from .declare import Incremental, WindowSpec, at_least_one, operation, ordered, positive
from .params import AuditStamp, Day, IdList, Minute, ZeroOne

_NS = "insights"
# The Insights customer and statistics pages have no documented maximum; 500 matches the System
# API's largest page and is overridable in the limits table.
_PAGE = 500
_STATS_RENAME = {"start_date": "startDate", "end_date": "endDate", "site_id": "siteId",
                 "package_category_id": "packageCategoryId", "package_id": "packageId",
                 "statistics_category": "statisticsCategory"}
# "limited to 30 days for a single site": whole days, startDate..endDate inclusive.
_STATS_WINDOW = WindowSpec("start_date", "end_date", "day")


class InsightsOps:
    """Every Insights API operation."""

    @operation("insights.customers", "customers", InsightsCustomer, api="insights",
               namespace=_NS, paging=PageAndPageSize(), page_size=_PAGE,
               rename={"first_name": "firstName", "last_name": "lastName",
                       "customer_id": "customerId"},
               checks=(ordered("modified_date_from", "modified_date_to"),
                       positive("customer_id")), primary_key=("customer_id",),
               incremental=Incremental("modified_date_from", "modified_date_to", "date_modified"))
    def get_customers(self, *, first_name: str | None = None, last_name: str | None = None,
                      customer_id: int | None = None,
                      modified_date_from: Minute | None = None,
                      modified_date_to: Minute | None = None,
                      page_size: int | None = None,
                      raw: bool = False) -> Pager[InsightsCustomer]:
        """Returns customer detail information for the specified customers.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.membershipStats", "membershipStats", InsightsMembershipStat,
               api="insights", namespace=_NS, paging=PageAndPageSize(), page_size=_PAGE,
               window=_STATS_WINDOW, window_limit=timedelta(days=30), rename=_STATS_RENAME,
               checks=(ordered("start_date", "end_date"),), primary_key=("_row_hash",))
    def get_membership_stats(self, *, start_date: Day, end_date: Day,
                             site_id: IdList | None = None,
                             package_category_id: IdList | None = None,
                             package_id: IdList | None = None,
                             statistics_category: StatsCategory | Iterable[StatsCategory]
                             | None = None,
                             page_size: int | None = None,
                             raw: bool = False) -> Pager[InsightsMembershipStat]:
        """Returns membership statistics of retention-eligible packages (any span: the SDK
        walks it in 30-day windows).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.membershipStatsNR", "membershipStatsNR", InsightsMembershipStatNR,
               api="insights", namespace=_NS, paging=PageAndPageSize(), page_size=_PAGE,
               window=_STATS_WINDOW, window_limit=timedelta(days=30), rename=_STATS_RENAME,
               checks=(ordered("start_date", "end_date"),), primary_key=("_row_hash",))
    def get_membership_stats_nr(self, *, start_date: Day, end_date: Day,
                                site_id: IdList | None = None,
                                package_category_id: IdList | None = None,
                                package_id: IdList | None = None,
                                statistics_category: StatsCategoryNR | Iterable[StatsCategoryNR]
                                | None = None,
                                page_size: int | None = None,
                                raw: bool = False
                                ) -> Pager[InsightsMembershipStatNR]:
        """Returns membership statistics of non-retention-eligible packages (any span: the SDK
        walks it in 30-day windows).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.packagecategories", "packagecategories", InsightsPackageCategory,
               api="insights", namespace=_NS, paging=Unpaged("insights"),
               rename={"start_with": "startWith", "package_category_id": "packageCategoryId"},
               primary_key=("packageCategoryId",))
    def get_package_categories(self, *, start_with: str | None = None,
                               package_category_id: IdList | None = None,
                               raw: bool = False
                               ) -> Pager[InsightsPackageCategory]:
        """Returns membership package categories.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.packages", "packages", InsightsPackage, api="insights", namespace=_NS,
               paging=Unpaged("insights"),
               rename={"start_with": "startWith", "site_id": "siteId",
                       "package_category_id": "packageCategoryId", "package_id": "packageId"},
               primary_key=("packageId",))
    def get_packages(self, *, start_with: str | None = None, site_id: IdList | None = None,
                     package_category_id: IdList | None = None,
                     package_id: IdList | None = None,
                     raw: bool = False) -> Pager[InsightsPackage]:
        """Returns membership packages.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.memberships", "memberships", InsightsMembership, api="insights",
               namespace=_NS, paging=PageNumberParams(), page_size=32768,
               window=WindowSpec("modified_date_from", "modified_date_to", "minute",
                                 record_field="modified_date_time"),
               window_limit=timedelta(days=31),
               checks=(ordered("modified_date_from", "modified_date_to"),),
               primary_key=("membership_id", "customer_id"),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_memberships(self, *, modified_date_from: Minute, modified_date_to: Minute,
                        package_id: IdList | None = None,
                        page_size: int | None = None,
                        raw: bool = False) -> Pager[InsightsMembership]:
        """Returns memberships last updated in the given range (any span: the SDK walks it in
        31-day windows and yields each membership once, edges included).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.membershipAuditLog", "membershipAuditLog", InsightsMembershipAuditLog,
               api="insights", namespace=_NS, paging=PageNumberParams(), page_size=32768,
               window=WindowSpec("datestamp_from", "datestamp_to", "millisecond"),
               window_limit=timedelta(days=31),
               checks=(ordered("datestamp_from", "datestamp_to"),),
               primary_key=("membership_history_id",),
               incremental=Incremental("datestamp_from", "datestamp_to", "beg_datestamp"))
    def get_membership_audit_log(self, *, datestamp_from: AuditStamp, datestamp_to: AuditStamp,
                                 page_size: int | None = None,
                                 raw: bool = False
                                 ) -> Pager[InsightsMembershipAuditLog]:
        """Returns membership status history in the given range (any span: the SDK walks it in
        31-day windows, to the millisecond).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("insights.verifyMembership", "verifyMembership", InsightsMembershipVerification,
               api="insights", namespace=_NS, paging=Unpaged("insights"),
               checks=(at_least_one("customer_id", "customer_email"),),
               primary_key=("membership_id", "customer_id"))
    def get_verify_membership(self, *, customer_id: int | str | None = None,
                              customer_email: str | None = None,
                              retention_eligible_only: ZeroOne | None = None,
                              include_expired_memberships: ZeroOne | None = None,
                              include_cancelled_memberships: ZeroOne | None = None,
                              raw: bool = False
                              ) -> Pager[InsightsMembershipVerification]:
        """Returns the memberships of one customer, by customer_id or customer_email.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...


__all__ = ["InsightsOps"]
