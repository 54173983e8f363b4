"""activenet_async: an asyncio SDK for the ACTIVE Net System API and Insights API.

>>> async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET) as anet:
...     async for activity in anet.get_activities(site_ids=[1, 2]):
...         print(activity.activity_name)

The public names load on first use (PEP 562), so that ``activenet-async --help`` does not pay
for importing aiohttp.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import ActiveNet, Insights
    from ._dispatch import CustomerPhoto
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
    from ._http.auth import signature
    from ._http.limiter import Limiter, Permit, SlidingWindowLimiter
    from ._http.redis_limiter import RateLimitStoreError
    from ._http.retry import RetryPolicy
    from ._http.transport import Stats
    from ._lenient import Record
    from ._operations.declare import LIMITS, OPERATIONS, Limits, Operation
    from ._paging.page import Page
    from ._paging.pager import Pager
    from ._warnings import (
        ActiveNetWarning,
        LenientValueWarning,
        SkippedRecordWarning,
        UnknownFieldWarning,
    )

__version__ = "0.1.0"

_ERRORS = ("ActiveNetError", "APIError", "AuthenticationError", "ClockSkewError", "DecodeError",
           "MissingArgumentError", "NotFoundError", "QuotaExceededError", "RateLimitError",
           "RequestValidationError", "ServerError", "TransportError", "WalkError")
_WHERE: dict[str, str] = {
    **dict.fromkeys(_ERRORS, "._errors"),
    "signature": "._http.auth",
    "ActiveNet": "._client", "Insights": "._client",
    "CustomerPhoto": "._dispatch",
    "Limiter": "._http.limiter", "Permit": "._http.limiter",
    "SlidingWindowLimiter": "._http.limiter",
    # The operation table is filled by the operation modules, which _client imports.
    "LIMITS": "._client", "OPERATIONS": "._client", "Limits": "._operations.declare",
    "Operation": "._operations.declare",
    "Page": "._paging.page", "Pager": "._paging.pager",
    "RateLimitStoreError": "._http.redis_limiter",
    "RetryPolicy": "._http.retry",
    "Stats": "._http.transport",
    "Record": "._lenient",
    "ActiveNetWarning": "._warnings", "LenientValueWarning": "._warnings",
    "SkippedRecordWarning": "._warnings", "UnknownFieldWarning": "._warnings",
}


# Hidden from type checkers: they read the imports above and so see every public name as what it
# is; an unknown name (a typo such as ``ActivNet``) is an error for them, not ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        where = _WHERE.get(name)
        if where is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = importlib.import_module(where, __name__)
        if name in ("LIMITS", "OPERATIONS"):
            module = importlib.import_module("._operations.declare", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "LIMITS",
    "OPERATIONS",
    "APIError",
    "ActiveNet",
    "ActiveNetError",
    "ActiveNetWarning",
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
    "RateLimitStoreError",
    "Record",
    "RequestValidationError",
    "RetryPolicy",
    "ServerError",
    "SkippedRecordWarning",
    "SlidingWindowLimiter",
    "Stats",
    "TransportError",
    "UnknownFieldWarning",
    "WalkError",
    "__version__",
    "signature",
]
