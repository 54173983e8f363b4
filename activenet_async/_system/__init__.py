"""System API operations, one mixin per domain; ``ActiveNet`` inherits them all."""

from .general import GeneralOps


class SystemOps(GeneralOps):
    """Every System API operation."""


__all__ = ["SystemOps"]
