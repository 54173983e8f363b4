"""System API, activities: the activity list and detail, categories, other categories, types,
fees, enrollments, expanded enrollment detail and meeting dates."""

from enum import IntEnum

from ..._paging import PageInfoHeader, Pager
from ...records.activities import (
    Activity,
    ActivityCategory,
    ActivityDate,
    ActivityDetail,
    ActivityFee,
    ActivityOtherCategory,
    ActivityType,
)
from ...records.activity_enrollments import (
    ActivityEnrollment,
    ActivityExpandedDetail,
)
from ..declare import Incremental, at_least_one, bitmask, operation, ordered, positive
from ..params import Day, IdList, Minute, YesNo
from ._common import EnrollmentStatus, GenderId, age_range

__all__ = ["ActivitiesOps", "ActivityStatus", "EnrollmentStatus", "GenderId"]


class ActivityStatus(IntEnum):
    """``activity_status_id`` of GetActivities (one status per request)."""

    OPEN = 0
    CLOSED = 1
    CANCELLED = 2
    TENTATIVE = 3
    ON_HOLD = 4
    RETIRED = 5
    DATE_CONFLICTED = 6


class ActivitiesOps:
    """Operations on activities and their enrollments."""

    @operation("GetActivities", "activities", Activity, paging=PageInfoHeader(), page_size=500,
               lists={"site_ids": 5, "center_ids": 5},
               checks=(ordered("first_date_range_from", "first_date_range_to"),
                       ordered("last_date_range_from", "last_date_range_to"),
                       ordered("modified_date_from", "modified_date_to"),
                       bitmask("days_of_week"), age_range,
                       positive("activity_type_id", "parent_season_id")),
               primary_key=("activity_id",),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_activities(self, *, activity_name: str | None = None,
                       activity_number: str | None = None,
                       activity_type_id: int | None = None,
                       parent_season_id: int | None = None,
                       activity_status_id: ActivityStatus | None = None,
                       category_id: int | None = None,
                       other_category_id: int | None = None,
                       site_ids: IdList | None = None,
                       center_ids: IdList | None = None,
                       days_of_week: str | None = None,
                       first_date_range_from: Day | None = None,
                       first_date_range_to: Day | None = None,
                       last_date_range_from: Day | None = None,
                       last_date_range_to: Day | None = None,
                       modified_date_from: Minute | None = None,
                       modified_date_to: Minute | None = None,
                       gender: int | None = None,
                       age_from: int | None = None,
                       age_to: int | None = None,
                       skill_id: int | None = None,
                       show_on_member_app: YesNo | None = None,
                       page_size: int | None = None,
                       raw: bool = False) -> Pager[Activity]:
        """Returns a list of activities for your request parameters (by activity_id in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityDetail", "activities/{activity_id}", ActivityDetail, kind="one",
               checks=(positive("activity_id"),))
    async def get_activity_detail(self, activity_id: int, /,
                                  *, raw: bool = False) -> ActivityDetail:
        """Returns activity detail information for the specified activity.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityCategories", "activitycategories", ActivityCategory,
               primary_key=("category_id",))
    def get_activity_categories(self, *, show_on_member_app: YesNo | None = None,
                                raw: bool = False
                                ) -> Pager[ActivityCategory]:
        """Returns a list of activity categories for your organization (by category_name in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityOtherCategories", "activityothercategories", ActivityOtherCategory,
               primary_key=("other_category_id",))
    def get_activity_other_categories(self,
                                      *, raw: bool = False) -> Pager[ActivityOtherCategory]:
        """Returns a list of activity other categories for your organization (by
        other_category_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityFees", "activities/{activity_id}/fees", ActivityFee, kind="one",
               checks=(positive("activity_id"),))
    async def get_activity_fees(self, activity_id: int, /,
                                *, raw: bool = False) -> ActivityFee:
        """Returns activity fee information for the specified activity.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityTypes", "activitytypes", ActivityType, primary_key=("activity_type_id",))
    def get_activity_types(self, *, show_on_member_app: YesNo | None = None,
                           raw: bool = False
                           ) -> Pager[ActivityType]:
        """Returns a list of activity types for your organization (by activity_type_name in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityEnrollment", "activityenrollment", ActivityEnrollment,
               paging=PageInfoHeader(), page_size=500, lists={"customer_ids": 100},
               checks=(at_least_one("activity_id", "customer_ids"), positive("activity_id")),
               primary_key=("activity_id", "customer_id"))
    def get_activity_enrollment(self, *, activity_id: int | None = None,
                                customer_ids: IdList | None = None,
                                enrollment_status: EnrollmentStatus | None = None,
                                date_after: Minute | None = None,
                                page_size: int | None = None,
                                raw: bool = False) -> Pager[ActivityEnrollment]:
        """Returns activity enrollment details for the specified activity (by customer_id in
        ascending order); give activity_id, customer_ids or both.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityExpandedDetail", "activityexpandeddetail", ActivityExpandedDetail,
               paging=PageInfoHeader(), page_size=500, primary_key=("activity_id", "customer_id"))
    def get_activity_expanded_detail(self, *, activity_ids: IdList,
                                     enrollment_status: EnrollmentStatus | None = None,
                                     date_after: Minute | None = None,
                                     page_size: int | None = None,
                                     raw: bool = False
                                     ) -> Pager[ActivityExpandedDetail]:
        """Returns activity, activity enrollment, customer and custom question answer fields
        for the specified activities (by activity_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetActivityDates", "activitydates", ActivityDate,
               checks=(positive("activity_id"),), primary_key=("activity_id", "activity_date_id"))
    def get_activity_dates(self, *, activity_id: int,
                           raw: bool = False) -> Pager[ActivityDate]:
        """Returns a list of activity dates from today up to 90 days in the future for the
        specified activity ID.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

