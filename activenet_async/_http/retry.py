"""Retry policy and the classification of answers (sans-I/O).

GET is retried on throttling, 5xx, timeouts, dropped connections and gateway pages served in
place of JSON, with exponential backoff, full jitter and ``Retry-After``. POST and PUT are retried
only when the request provably never reached the API: the connection could not be opened, or
the gateway throttled it (a throttled request is refused before it is passed on).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any

__all__ = ["Outcome", "RetryPolicy", "classify", "cut_short", "retry_after_seconds"]

OVER_QPS = "ERR_403_DEVELOPER_OVER_QPS"
OVER_RATE = "ERR_403_DEVELOPER_OVER_RATE"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try. ``attempts`` counts every try of a request (1 = no retry) for faults;
    throttled answers have their own budget, ``throttle_attempts``, since waiting them out is
    the normal way of working at the rate limit. ``timeout`` bounds one try, in seconds."""

    attempts: int = 5
    throttle_attempts: int = 20
    backoff: float = 0.5
    backoff_max: float = 20.0
    timeout: float = 60.0
    connect_timeout: float = 15.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.throttle_attempts < 1:
            raise ValueError("attempts and throttle_attempts must be at least 1")
        if self.backoff < 0 or self.backoff_max < 0 or self.timeout <= 0:
            raise ValueError("backoff must be >= 0 and timeout > 0")

    def with_(self, **changes: Any) -> RetryPolicy:
        """A copy with some settings changed."""
        return replace(self, **changes)

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Full-jitter exponential backoff before try ``failures + 1``."""
        cap = min(self.backoff_max, self.backoff * (2 ** min(max(0, failures - 1), 32)))
        return (rng or random).uniform(cap / 2, cap)


class Outcome(Enum):
    """What to do with an HTTP answer."""

    OK = "ok"
    THROTTLED = "throttled"        # slow the key down, wait, try again
    QUOTA = "quota"                # monthly quota spent: fail now
    AUTH = "auth"                  # 401 / other 403
    NOT_FOUND = "not_found"        # 404 / Insights 596
    RETRYABLE = "retryable"        # 5xx, gateway page: retry (GET)
    CLIENT_ERROR = "client_error"  # other 4xx: the request is wrong, do not retry


def classify(status: int, headers: Any, body: bytes, *, expect_json: bool = True) -> Outcome:
    """Classify one answer from its status, headers and body."""
    if status == 429:
        return Outcome.THROTTLED
    if status == 403:
        code = (headers.get("X-Mashery-Error-Code") or "").strip()
        if code == OVER_QPS or (not code and OVER_QPS.encode() in body[:2048]):
            return Outcome.THROTTLED
        if code == OVER_RATE or (not code and OVER_RATE.encode() in body[:2048]):
            return Outcome.QUOTA
        return Outcome.AUTH
    if status == 401:
        return Outcome.AUTH
    if status in (404, 596):
        return Outcome.NOT_FOUND
    if status >= 500 or status in (408, 425):
        return Outcome.RETRYABLE
    if status >= 400:
        return Outcome.CLIENT_ERROR
    if expect_json and 200 <= status < 300 and _gateway_page(headers, body):
        return Outcome.RETRYABLE
    return Outcome.OK


def _gateway_page(headers: Any, body: bytes) -> bool:
    """An HTML/XML page (a proxy's error page) or an empty body where JSON was due."""
    ctype = (headers.get("Content-Type") or "").lower()
    head = body[:64].lstrip()
    if not head:
        return True
    if "html" in ctype or "xml" in ctype:
        return True
    return head[:1] == b"<"


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def cut_short(headers: Any, body: bytes) -> bool:
    """Evidence that a 200 body which failed to decode was cut off in transit, so that asking
    again may help: fewer bytes than its ``Content-Length``, or JSON that ends before it
    closes (an open string, or more brackets opened than closed). A complete body that is
    simply not the documented JSON is the same every time, and is not retried."""
    length = headers.get("Content-Length")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if length and encoding == "identity":
        try:
            if len(body) < int(length):
                return True
        except ValueError:
            pass
    text = body.strip()
    if text[:1] not in (b"{", b"["):
        return False  # not JSON even at its start: a cut would not explain it
    rest = _STRING.sub(b"", text)
    if rest.count(b'"') % 2:
        return True
    opened = rest.count(b"{") + rest.count(b"[")
    return opened > rest.count(b"}") + rest.count(b"]")


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import datetime as _dt

        when = parsedate_to_datetime(value)
        return max(0.0, (when - _dt.datetime.now(when.tzinfo)).total_seconds())
    except (TypeError, ValueError, IndexError):
        return default
