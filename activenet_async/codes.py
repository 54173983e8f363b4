"""Documented code lists of the System API, as IntEnums (plain ints work too).

>>> from activenet_async.codes import ActivityStatus
>>> anet.get_activities(activity_status_id=ActivityStatus.OPEN)
"""

from ._operations.system._common import EnrollmentStatus, GenderId
from ._operations.system.activities import ActivityStatus
from ._operations.system.customers import AccountCreationType, CustomQuestionProcess
from ._operations.system.facilities import (
    BookableOrLendable,
    InstructorScheduleType,
    ReserveBy,
    SearchType,
)
from ._operations.system.finance import RefundPaymentType
from ._operations.system.flexreg import ProgramStatus, ReservationUnit
from ._operations.system.memberships import PackageStatus

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
