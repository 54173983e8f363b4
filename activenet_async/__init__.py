"""activenet_async: an asyncio SDK for the ACTIVE Net System API and Insights API.

>>> async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET) as anet:
...     async for activity in anet.get_activities(site_ids=[1, 2]):
...         print(activity.activity_name)
"""

from ._auth import signature
from ._client import ActiveNet, Insights
from ._engine import CustomerPhoto
from ._errors import (
    ActiveNetError,
    APIError,
    AuthenticationError,
    ClockSkewError,
    DecodeError,
    MissingArgumentError,
    NotFoundError,
    QuotaExceededError,
    RateLimitError,
    RequestValidationError,
    ServerError,
    TransportError,
    WalkError,
)
from ._limiter import Limiter, Permit, SlidingWindowLimiter
from ._ops import LIMITS, OPERATIONS, Limits, Operation
from ._paging import Page, Pager
from ._retry import RetryPolicy
from ._transport import Stats
from ._types import LenientValueWarning, Record

__version__ = "0.1.0"

__all__ = [
    "LIMITS",
    "OPERATIONS",
    "APIError",
    "ActiveNet",
    "ActiveNetError",
    "AuthenticationError",
    "ClockSkewError",
    "CustomerPhoto",
    "DecodeError",
    "Insights",
    "LenientValueWarning",
    "Limiter",
    "Limits",
    "MissingArgumentError",
    "NotFoundError",
    "Operation",
    "Page",
    "Pager",
    "Permit",
    "QuotaExceededError",
    "RateLimitError",
    "Record",
    "RequestValidationError",
    "RetryPolicy",
    "ServerError",
    "SlidingWindowLimiter",
    "Stats",
    "TransportError",
    "WalkError",
    "__version__",
    "signature",
]
