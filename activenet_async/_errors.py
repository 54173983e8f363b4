"""The exception hierarchy: every error derives from ``ActiveNetError``.

Every error names the operation it came from and never carries the API key, shared secret or
signature: messages are built from our own words plus short, scrubbed excerpts of the response.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "APIError",
    "ActiveNetError",
    "AuthenticationError",
    "ClockSkewError",
    "DecodeError",
    "HTTPStatusError",
    "MissingArgumentError",
    "NotFoundError",
    "QuotaExceededError",
    "RateLimitError",
    "RequestValidationError",
    "ServerError",
    "TransportError",
    "WalkError",
    "scrub",
    "shown",
]

# Query-string credentials as they may appear in URLs that aiohttp puts into its own messages.
_SECRET_QS = re.compile(r"(?i)\b(api_key|sig|shared_secret|signature)=[^&\s'\"<>]*")


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` for an error message, at most ``limit`` characters and never raising: an
    int past Python's 4300-digit conversion limit, or a value whose ``__repr__`` fails, is
    described instead of shown."""
    try:
        text = repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"<an int of {value.bit_length()} bits>"
        text = f"<a {type(value).__name__}>"
    except Exception:  # a user object's __repr__: the message must still be built
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 3] + "..."


def scrub(text: str, *secrets: str | None) -> str:
    """Remove credentials from ``text``: query parameters and any literal secret given."""
    text = _SECRET_QS.sub(lambda m: f"{m.group(1)}=***", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class ActiveNetError(Exception):
    """Base of every error raised by activenet_async.

    ``operation`` is the documented operation name (``GetActivities``, ``insights.memberships``)
    when the error belongs to one; ``context`` says where in a walk it happened (window, chunk,
    page) so that a caller can resume.
    """

    def __init__(self, message: str, *, operation: str | None = None) -> None:
        self.message = message
        self.operation = operation
        self.context: dict[str, Any] = {}
        super().__init__(message)

    def __str__(self) -> str:
        parts = [f"{self.operation}: {self.message}" if self.operation else self.message]
        if self.context:
            where = ", ".join(f"{k}={v}" for k, v in self.context.items())
            parts.append(f"[{where}]")
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class RequestValidationError(ActiveNetError, ValueError):
    """Bad input caught before any request was sent; ``argument`` names the culprit."""

    def __init__(self, message: str, *, argument: str | None = None,
                 operation: str | None = None) -> None:
        self.argument = argument
        super().__init__(f"{argument}: {message}" if argument else message, operation=operation)


class MissingArgumentError(RequestValidationError, TypeError):
    """A mandatory argument was not given: a RequestValidationError, and a TypeError as Python
    itself would raise."""


class TransportError(ActiveNetError):
    """The request failed below HTTP: timeout, refused or dropped connection (after retries)."""


class HTTPStatusError(ActiveNetError):
    """An error answer from the server, with its HTTP status and a short scrubbed excerpt."""

    def __init__(self, message: str, *, status: int | None = None, excerpt: str = "",
                 operation: str | None = None) -> None:
        self.status = status
        self.excerpt = excerpt
        super().__init__(message, operation=operation)


class AuthenticationError(HTTPStatusError):
    """401, or a 403 that is not throttling: the key, secret, region or clock is wrong."""


class ClockSkewError(AuthenticationError):
    """The signature was refused and the server's clock differs from ours by minutes."""


class RateLimitError(HTTPStatusError):
    """Throttled (403 ERR_403_DEVELOPER_OVER_QPS or 429) and the retries are spent."""


class QuotaExceededError(HTTPStatusError):
    """The key's monthly quota is spent (403 ERR_403_DEVELOPER_OVER_RATE); retrying cannot help."""


class NotFoundError(HTTPStatusError):
    """404, or the Insights gateway's 596 (unknown service)."""


class ServerError(HTTPStatusError):
    """5xx (or a gateway page in place of JSON) after the retries are spent."""


class APIError(HTTPStatusError):
    """The API answered but reported failure: a System ``response_code`` other than "0000" /
    "0001", or an Insights ``{"errorMsg": ...}`` body. ``code`` and ``api_message`` carry it."""

    def __init__(self, message: str, *, code: str | None = None, api_message: str | None = None,
                 status: int | None = None, excerpt: str = "",
                 operation: str | None = None) -> None:
        self.code = code
        self.api_message = api_message
        super().__init__(message, status=status, excerpt=excerpt, operation=operation)


class DecodeError(HTTPStatusError):
    """The body is not the documented JSON; ``status`` and ``excerpt`` show what came instead."""


class WalkError(ActiveNetError):
    """A walk could not go on safely (a page repeated, counts that contradict each other)."""
