"""activenet_async: an asyncio SDK for the ACTIVE Net System API and Insights API.

>>> async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET) as anet:
...     async for activity in anet.get_activities(site_ids=[1, 2]):
...         print(activity.activity_name)

The public API is exactly ``__all__``: the client (``ActiveNet``, ``Insights``), the types of
its options (``RetryPolicy``, ``Limits`` and the read-only default table ``LIMITS``, ``Limiter``
with ``Permit`` and ``SlidingWindowLimiter`` for ``limiter=``), what calls return (``Pager``,
``PageWalk``, ``Page``, ``Slice``, ``Stats``, ``CustomerPhoto``, ``Record``, ``DecodeReport``;
the record classes are in ``activenet_async.records``), every error and every warning.
Everything else, the modules whose names start with ``_`` included, is internal and may change
without notice.

The public names load on first use (PEP 562), so that ``activenet-async --help`` does not pay
for importing aiohttp.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# A public name is three lines: its import here (what type checkers see), its module in _WHERE
# (what the run time loads) and its entry in __all__. tests/test_client.py checks all three.
if TYPE_CHECKING:
    from ._client import ActiveNet, Insights
    from ._errors import (
        ActiveNetError,
        APIError,
        AuthenticationError,
        ClockSkewError,
        DecodeError,
        HTTPStatusError,
        MissingArgumentError,
        NotFoundError,
        QuotaExceededError,
        RateLimitError,
        RequestValidationError,
        ServerError,
        TransportError,
        WalkError,
    )
    from ._http.limiter import Limiter, Permit, SlidingWindowLimiter
    from ._http.redis_limiter import RateLimitStoreError
    from ._http.retry import RetryPolicy
    from ._http.transport import Stats
    from ._lenient import Record
    from ._operations.declare import Limits
    from ._operations.table import LIMITS
    from ._paging.page import Page, Slice
    from ._paging.pager import Pager
    from ._paging.walker import PageWalk
    from ._warnings import (
        ActiveNetWarning,
        DecodeReport,
        LenientValueWarning,
        SkippedRecordWarning,
        UnknownFieldWarning,
    )
    from .records.customers import CustomerPhoto

__version__ = "0.1.0"

_ERRORS = ("ActiveNetError", "APIError", "AuthenticationError", "ClockSkewError", "DecodeError",
           "HTTPStatusError", "MissingArgumentError", "NotFoundError", "QuotaExceededError",
           "RateLimitError", "RequestValidationError", "ServerError", "TransportError",
           "WalkError")
_WARNINGS = ("ActiveNetWarning", "DecodeReport", "LenientValueWarning", "SkippedRecordWarning",
             "UnknownFieldWarning")
_WHERE: dict[str, str] = {
    "ActiveNet": "._client",
    "Insights": "._client",
    "CustomerPhoto": ".records.customers",
    **dict.fromkeys(_ERRORS, "._errors"),
    "Limiter": "._http.limiter",
    "Permit": "._http.limiter",
    "SlidingWindowLimiter": "._http.limiter",
    "RateLimitStoreError": "._http.redis_limiter",
    "RetryPolicy": "._http.retry",
    "Stats": "._http.transport",
    "Record": "._lenient",
    "LIMITS": "._operations.table",
    "Limits": "._operations.declare",
    "Page": "._paging.page",
    "Pager": "._paging.pager",
    "PageWalk": "._paging.walker",
    "Slice": "._paging.page",
    **dict.fromkeys(_WARNINGS, "._warnings"),
}


# Hidden from type checkers: they read the imports above and so see every public name as what it
# is; an unknown name (a typo such as ``ActivNet``) is an error for them, not ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        where = _WHERE.get(name)
        if where is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where, __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "LIMITS",
    "APIError",
    "ActiveNet",
    "ActiveNetError",
    "ActiveNetWarning",
    "AuthenticationError",
    "ClockSkewError",
    "CustomerPhoto",
    "DecodeError",
    "DecodeReport",
    "HTTPStatusError",
    "Insights",
    "LenientValueWarning",
    "Limiter",
    "Limits",
    "MissingArgumentError",
    "NotFoundError",
    "Page",
    "PageWalk",
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
    "Slice",
    "SlidingWindowLimiter",
    "Stats",
    "TransportError",
    "UnknownFieldWarning",
    "WalkError",
    "__version__",
]
