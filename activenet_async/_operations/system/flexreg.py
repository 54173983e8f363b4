"""System API, Flex Registration: programs, their detail, fees, types and session dates, and
the enrollments in them."""

from enum import IntEnum
from typing import Literal

from ..._paging import PageInfoHeader, Pager
from ...records.flexreg import (
    FlexRegEnrollment,
    FlexRegExpandedDetail,
    FlexRegProgram,
    FlexRegProgramDate,
    FlexRegProgramDetail,
    FlexRegProgramFee,
    FlexRegProgramType,
)
from ..declare import Incremental, at_least_one, bitmask, operation, ordered, positive
from ..params import Day, IdList, Minute, YesNo
from ._common import EnrollmentStatus, OrderOption, age_range

__all__ = ["EnrollmentStatus", "FlexRegOps", "ProgramStatus", "ReservationUnit"]



class ProgramStatus(IntEnum):
    """``program_status_id``: the status of a Flex Registration program."""

    OPEN = 0
    CLOSED = 1
    TENTATIVE = 2
    ON_HOLD = 3
    RETIRED = 4


class ReservationUnit(IntEnum):
    """``reservation_unit``: how a Flex Registration program is reserved."""

    SAME_AS_BILLING_UNIT = 0
    DAILY = 1
    WEEKLY = 2
    MONTHLY = 3
    NO_CHOICES = 4


class FlexRegOps:
    """Operations on Flex Registration programs and their enrollments."""

    @operation("GetFlexRegPrograms", "flexregprograms", FlexRegProgram, paging=PageInfoHeader(),
               page_size=500,
               lists={"site_ids": 5, "center_ids": 5},
               checks=(ordered("modified_date_from", "modified_date_to"),
                       bitmask("days_of_week"), age_range,
                       positive("program_type_id", "parent_season_id")),
               primary_key=("program_id",),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_flexreg_programs(self, *, program_name: str | None = None,
                             program_number: str | None = None,
                             program_type_id: int | None = None,
                             parent_season_id: int | None = None,
                             program_status_id: ProgramStatus | None = None,
                             category_id: int | None = None,
                             other_category_id: int | None = None,
                             reservation_unit: ReservationUnit | None = None,
                             site_ids: IdList | None = None,
                             center_ids: IdList | None = None,
                             days_of_week: str | None = None,
                             modified_date_from: Minute | None = None,
                             modified_date_to: Minute | None = None,
                             gender: int | None = None,
                             age_from: int | None = None,
                             age_to: int | None = None,
                             show_on_member_app: YesNo | None = None,
                             order_by: Literal["program_name", "program_number"] | None = None,
                             order_option: OrderOption | None = None,
                             page_size: int | None = None,
                             raw: bool = False) -> Pager[FlexRegProgram]:
        """Returns a list of Flex Registration programs for your request parameters (by
        program_id in ascending order if it is not specified).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexRegProgramDetail", "flexregprograms/{program_id}", FlexRegProgramDetail,
               kind="one", checks=(positive("program_id"),))
    async def get_flexreg_program_detail(self, program_id: int, /,
                                         *, raw: bool = False) -> FlexRegProgramDetail:
        """Returns program detail information for a specific Flex Registration program.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexRegProgramFees", "flexregprograms/{program_id}/fees", FlexRegProgramFee,
               kind="one", checks=(positive("program_id"),))
    async def get_flexreg_program_fees(self, program_id: int, /,
                                       *, raw: bool = False) -> FlexRegProgramFee:
        """Returns program fee information for a specific Flex Registration program.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexRegProgramTypes", "flexregprogramtypes", FlexRegProgramType,
               primary_key=("program_type_id",))
    def get_flexreg_program_types(self,
                                  *, raw: bool = False) -> Pager[FlexRegProgramType]:
        """Returns a list of Flex Registration program types for your organization (by
        program_type_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexRegEnrollment", "flexregenrollment", FlexRegEnrollment,
               paging=PageInfoHeader(), page_size=200, lists={"customer_ids": 20},
               checks=(at_least_one("program_id", "session_id", "customer_ids"),
                       positive("program_id", "session_id")),
               primary_key=("program_id", "customer_id"))
    def get_flexreg_enrollment(self, *, program_id: int | None = None,
                               session_id: int | None = None,
                               customer_ids: IdList | None = None,
                               roster_date: Day | None = None,
                               enrollment_status: EnrollmentStatus | None = None,
                               date_after: Minute | None = None,
                               page_size: int | None = None,
                               raw: bool = False) -> Pager[FlexRegEnrollment]:
        """Returns Flex Registration program enrollment details for the specified request
        parameters (by program_id and customer_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexregExpandedDetail", "flexregexpandeddetail", FlexRegExpandedDetail,
               paging=PageInfoHeader(), page_size=500,
               checks=(at_least_one("program_id", "session_id"),
                       positive("program_id", "session_id")),
               primary_key=("program_id", "customer_id"))
    def get_flexreg_expanded_detail(self, *, program_id: int | None = None,
                                    session_id: int | None = None,
                                    roster_date: Day | None = None,
                                    enrollment_status: EnrollmentStatus | None = None,
                                    date_after: Minute | None = None,
                                    page_size: int | None = None,
                                    raw: bool = False
                                    ) -> Pager[FlexRegExpandedDetail]:
        """Returns program, program enrollment, customer and custom question answer fields
        for the specified programs (by program_id and customer_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFlexRegProgramDates", "flexregprogramdates", FlexRegProgramDate,
               checks=(positive("program_id"),), primary_key=("session_id", "session_date_id"))
    def get_flexreg_program_dates(self, *, program_id: int,
                                  raw: bool = False) -> Pager[FlexRegProgramDate]:
        """Returns program session dates (within 90 days after today) by start date in
        ascending order for the specified program ID.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...
