"""System API, facilities and equipment: facility types, schedule types, facilities and their
detail, equipment and equipment types, facility and equipment schedules, prep codes, reservation
groups, event types, the facility charge matrix, facility open hours and instructor
schedules."""

from datetime import date, datetime, time, timedelta
from enum import IntEnum
from typing import Any, Literal

from ..._errors import RequestValidationError
from ..._paging import PageInfoHeader, Pager
from ...records.facilities import (
    Equipment,
    EquipmentType,
    EventType,
    Facility,
    FacilityDetail,
    FacilityType,
    PrepCode,
    ReservationGroup,
    ScheduleType,
)
from ...records.schedules import (
    EquipmentSchedule,
    FacilityCharge,
    FacilityOpenHours,
    FacilitySchedule,
    InstructorSchedule,
)
from ..declare import Check, Incremental, WindowSpec, at_least_one, operation, ordered, positive
from ..params import Day, IdList, Minute, TrueFalse, YesNo
from ._common import OrderOption

__all__ = ["BookableOrLendable", "FacilitiesOps", "InstructorScheduleType", "ReserveBy",
           "SearchType"]



class ReserveBy(IntEnum):
    """``reserve_by`` of GetFacilities: the facility's reservation time increment."""

    MINUTE = 1
    HOUR = 2
    DAY = 3
    WEEK = 4
    MONTH = 5
    DEFINED_DATE_RANGE = 6
    RENTAL_BLOCK = 7
    OVERNIGHT = 8


class BookableOrLendable(IntEnum):
    """``bookable_or_lendable`` of GetEquipment."""

    BOTH = 0
    BOOKABLE = 1
    LENDABLE = 2


class SearchType(IntEnum):
    """``search_type`` of GetFacilityChargeMatrix."""

    #: Every charge configured with the given parameters (at least one other is needed).
    GENERAL = 0
    #: The charges a reservation would apply (customer_type_id and facility_id are needed).
    FACILITY_CHARGE = 1


class InstructorScheduleType(IntEnum):
    """``instructor_schedule_type`` of GetInstructorSchedules."""

    NORMAL_ACTIVITIES = 1
    PRIVATE_LESSONS = 2
    REGULAR_INSTRUCTOR_BOOKINGS = 3


def _as_sent(v: date) -> datetime:
    """A Minute argument as the wire carries it: to the minute, a date meaning 00:00."""
    if isinstance(v, datetime):
        return v.replace(second=0, microsecond=0)
    return datetime.combine(v, time())


def _later(start: str, end: str) -> Check:
    """"``end`` must be a date later than ``start``", compared as sent (to the minute)."""
    def check(args: dict[str, Any]) -> None:
        a, b = args.get(start), args.get(end)
        if not isinstance(a, date) or not isinstance(b, date):
            return  # missing or mistyped: the argument's own check reports it
        if any(isinstance(v, datetime) and v.tzinfo is not None for v in (a, b)):
            return
        if _as_sent(b) <= _as_sent(a):
            raise RequestValidationError(
                f"must be later than {start} ({_as_sent(a):%Y-%m-%d %H:%M}), got "
                f"{_as_sent(b):%Y-%m-%d %H:%M}", argument=end)
    return check


def _not_past(name: str) -> Check:
    """"``name`` must be a date in the future". The SDK does not know the organization's time
    zone, so it refuses only dates before yesterday (machine-local); the server judges the
    rest."""
    def check(args: dict[str, Any]) -> None:
        v = args.get(name)
        if not isinstance(v, date):
            return
        day = v.date() if isinstance(v, datetime) else v
        if day < date.today() - timedelta(days=1):
            raise RequestValidationError(f"must be a date in the future, got {day}",
                                         argument=name)
    return check


_CHARGE_FILTERS = ("customer_type_id", "center_id", "facility_type_id", "facility_id",
                   "site_id", "event_type_id")


def _charge_search(args: dict[str, Any]) -> None:
    """search_type 0 needs at least one other parameter; search_type 1 needs customer_type_id
    and facility_id."""
    st = args.get("search_type")
    if isinstance(st, bool) or not isinstance(st, int):
        return
    if st == SearchType.FACILITY_CHARGE:
        for name in ("customer_type_id", "facility_id"):
            if name not in args:
                raise RequestValidationError(
                    "is mandatory for a facility charge search (search_type=1)", argument=name)
    elif st == SearchType.GENERAL and not any(n in args for n in _CHARGE_FILTERS):
        raise RequestValidationError(
            f"a general search (search_type=0) needs at least one of "
            f"{', '.join(_CHARGE_FILTERS)}", argument="search_type")


class FacilitiesOps:
    """Operations on facility and equipment set-up data."""

    @operation("GetFacilityTypes", "facilitytypes", FacilityType, primary_key=("facility_type_id",))
    def get_facility_types(self,
                           *, raw: bool = False) -> Pager[FacilityType]:
        """Returns a list of facility types for your organization (by description in ascending
        order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetScheduleTypes", "scheduletypes", ScheduleType, primary_key=("schedule_type_id",))
    def get_schedule_types(self,
                           *, raw: bool = False) -> Pager[ScheduleType]:
        """Returns a list of schedule types of your organization (by schedule_type_id in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFacilityDetail", "facilities/{facility_id}", FacilityDetail, kind="one",
               checks=(positive("facility_id"),))
    async def get_facility_detail(self, facility_id: int, /,
                                  *, raw: bool = False) -> FacilityDetail:
        """Returns facility detail information for the specified facility by using
        facility_id.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFacilities", "facilities", Facility, paging=PageInfoHeader(), page_size=500,
               lists={"center_ids": 5, "site_ids": 5},
               checks=(ordered("modified_date_from", "modified_date_to"),
                       positive("facility_id", "facility_type_id", "amenity_id")),
               primary_key=("facility_id",),
               incremental=Incremental("modified_date_from", "modified_date_to",
                                       "modified_date_time"))
    def get_facilities(self, *, facility_id: int | None = None,
                       modified_date_from: Minute | None = None,
                       modified_date_to: Minute | None = None,
                       facility_name: str | None = None,
                       facility_number: str | None = None,
                       facility_type_id: int | None = None,
                       prevent_further_use: TrueFalse | None = None,
                       center_ids: IdList | None = None,
                       site_ids: IdList | None = None,
                       amenity_id: int | None = None,
                       prep_code_id: int | None = None,
                       reserve_by: ReserveBy | None = None,
                       show_on_member_app: YesNo | None = None,
                       order_by: Literal["facility_name", "facility_number"] | None = None,
                       order_option: OrderOption | None = None,
                       page_size: int | None = None,
                       raw: bool = False) -> Pager[Facility]:
        """Returns a list of facilities for your request parameters (by facility_id in
        ascending order if it is not specified).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetEquipment", "equipment", Equipment, paging=PageInfoHeader(), page_size=500,
               lists={"center_ids": 5},
               checks=(at_least_one("equipment_id", "center_ids", "modified_date_from",
                                    "modified_date_to"),
                       ordered("modified_date_from", "modified_date_to"),
                       positive("equipment_id")), primary_key=("equipment_id",),
               incremental=Incremental("modified_date_from", "modified_date_to", None))
    def get_equipment(self, *, equipment_id: int | None = None,
                      center_ids: IdList | None = None,
                      bookable_or_lendable: BookableOrLendable | None = None,
                      modified_date_from: Minute | None = None,
                      modified_date_to: Minute | None = None,
                      show_on_member_app: YesNo | None = None,
                      open_block_date_from: Day | None = None,
                      page_size: int | None = None,
                      raw: bool = False) -> Pager[Equipment]:
        """Returns a list of equipment items for the specified request parameters (by
        equipment_id in ascending order by default).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetEquipmentTypes", "equipmenttypes", EquipmentType,
               primary_key=("equipment_type_id",))
    def get_equipment_types(self, *, show_on_member_app: YesNo | None = None,
                            raw: bool = False
                            ) -> Pager[EquipmentType]:
        """Returns a list of equipment types for your organization (by description in
        ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetPrepCodes", "prepcodes", PrepCode, primary_key=("prep_code_id",))
    def get_prep_codes(self,
                       *, raw: bool = False) -> Pager[PrepCode]:
        """Returns a list of preparation codes (by prep_code_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetReservationGroups", "reservationgroups", ReservationGroup,
               primary_key=("reservation_group_id",))
    def get_reservation_groups(self,
                               *, raw: bool = False) -> Pager[ReservationGroup]:
        """Returns a list of reservation groups with configured facilities for your
        organization (by group name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetEventTypes", "eventtypes", EventType, primary_key=("event_type_id",))
    def get_event_types(self,
                        *, raw: bool = False) -> Pager[EventType]:
        """Returns a list of event types with configured facilities for your organization (by
        event type description in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFacilitySchedules", "facilityschedules", FacilitySchedule,
               paging=PageInfoHeader(), page_size=200, lists={"facility_ids": 10},
               checks=(ordered("date_from", "date_to"), _later("date_from", "date_to"),
                       _not_past("date_from")), primary_key=("_row_hash",))
    def get_facility_schedules(self, *, date_from: Minute, date_to: Minute,
                               facility_ids: IdList,
                               page_size: int | None = None,
                               raw: bool = False) -> Pager[FacilitySchedule]:
        """Returns a list of reservation schedules for the specified facilities during the
        specified date range (by facility_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetEquipmentSchedules", "equipmentschedules", EquipmentSchedule,
               paging=PageInfoHeader(), page_size=200, lists={"equipment_ids": 100},
               checks=(ordered("date_from", "date_to"), _later("date_from", "date_to"),
                       _not_past("date_from")), primary_key=("schedule_id", "equipment_id"))
    def get_equipment_schedules(self, *, date_from: Minute, date_to: Minute,
                                equipment_ids: IdList,
                                page_size: int | None = None,
                                raw: bool = False) -> Pager[EquipmentSchedule]:
        """Returns the equipment availability schedule for the specified request parameters
        (by equipment_id in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFacilityChargeMatrix", "facilitychargematrix", FacilityCharge,
               paging=PageInfoHeader(), page_size=500,
               checks=(_charge_search, positive(*_CHARGE_FILTERS)), primary_key=("_row_hash",))
    def get_facility_charge_matrix(self, *, search_type: SearchType,
                                   customer_type_id: int | None = None,
                                   center_id: int | None = None,
                                   facility_type_id: int | None = None,
                                   facility_id: int | None = None,
                                   site_id: int | None = None,
                                   event_type_id: int | None = None,
                                   order_by: Literal["charge_name"] | None = None,
                                   order_option: OrderOption | None = None,
                                   page_size: int | None = None,
                                   raw: bool = False) -> Pager[FacilityCharge]:
        """Returns facility charges for the specified request parameters (by charge_name in
        ascending order if it is not specified).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetFacilityOpenHours", "facilityopenhours/{facility_id}", FacilityOpenHours,
               kind="one", checks=(positive("facility_id"),))
    async def get_facility_open_hours(self, facility_id: int, /,
                                      *, raw: bool = False) -> FacilityOpenHours:
        """Returns default facility opening/closing hours and facility open/close hours
        during the specified date range.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetInstructorSchedules", "instructorschedules", InstructorSchedule,
               paging=PageInfoHeader(), page_size=500,
               # "if the date_from is a past date, then the date_to must be within three
               # months after the date_from": every span is walked in windows that satisfy it.
               # date_from filters starts, date_to ends: windows own schedules by their start
               # and reach a day further on the wire, so one crossing an edge is not lost.
               window=WindowSpec("date_from", "date_to", "minute",
                                 record_field="schedule_start",
                                 overlap=timedelta(days=1)),
               window_limit=timedelta(days=89),
               lists={"instructor_ids": 10, "activity_ids": 10},
               checks=(ordered("date_from", "date_to"),), primary_key=("_row_hash",))
    def get_instructor_schedules(self, *, date_from: Minute, date_to: Minute,
                                 instructor_ids: IdList,
                                 instructor_schedule_type: InstructorScheduleType | None = None,
                                 activity_ids: IdList | None = None,
                                 page_size: int | None = None,
                                 raw: bool = False) -> Pager[InstructorSchedule]:
        """Returns a list of schedules for the specified instructors (by
        instructor_first_name, in ascending order; any span: the SDK walks it in windows).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...
