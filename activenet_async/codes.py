"""Documented code lists of the System API, as IntEnums (plain ints work too).

>>> from activenet_async.codes import ActivityStatus
>>> anet.get_activities(activity_status_id=ActivityStatus.OPEN)
"""

from ._system._common import EnrollmentStatus, GenderId
from ._system.activities import ActivityStatus
from ._system.customers import AccountCreationType, CustomQuestionProcess
from ._system.facilities import BookableOrLendable, InstructorScheduleType, ReserveBy, SearchType
from ._system.finance import RefundPaymentType
from ._system.flexreg import ProgramStatus, ReservationUnit
from ._system.memberships import PackageStatus

__all__ = [
    "AccountCreationType",
    "ActivityStatus",
    "BookableOrLendable",
    "CustomQuestionProcess",
    "EnrollmentStatus",
    "GenderId",
    "InstructorScheduleType",
    "PackageStatus",
    "ProgramStatus",
    "RefundPaymentType",
    "ReservationUnit",
    "ReserveBy",
    "SearchType",
]
