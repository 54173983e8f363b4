"""System API operations, one mixin per domain; ``ActiveNet`` inherits them all."""

from .activities import ActivitiesOps
from .customers import CustomersOps
from .facilities import FacilitiesOps
from .finance import FinanceOps
from .flexreg import FlexRegOps
from .general import GeneralOps
from .memberships import MembershipsOps


class SystemOps(GeneralOps, ActivitiesOps, FinanceOps, MembershipsOps, FlexRegOps, FacilitiesOps,
                CustomersOps):
    """Every System API operation."""


__all__ = ["SystemOps"]
