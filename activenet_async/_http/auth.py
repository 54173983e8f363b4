"""Credentials, request signatures and service URLs (sans-I/O).

The signature is ``sha256_hex(api_key + shared_secret + unix_seconds)``, sent as ``sig`` beside
``api_key``, computed afresh for every request and every retry.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from .._errors import RequestValidationError

Region = Literal["us", "ca"]
Api = Literal["system", "insights"]

DEFAULT_BASE_URL = "https://api.amp.active.com"


def signature(api_key: str, shared_secret: str, unix_seconds: int) -> str:
    """The ACTIVE signature for one request at ``unix_seconds``."""
    return hashlib.sha256(f"{api_key}{shared_secret}{unix_seconds}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Credentials:
    """One API key and its optional shared secret. The repr never shows either."""

    api_key: str = field(repr=False)
    shared_secret: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"Credentials(api_key=***{', shared_secret=***' if self.shared_secret else ''})"

    @property
    def signed(self) -> bool:
        return bool(self.shared_secret)

    def query(self, clock: Callable[[], float] = time.time) -> dict[str, str]:
        """The auth query parameters for one request, with a fresh signature."""
        params = {"api_key": self.api_key}
        if self.shared_secret:
            params["sig"] = signature(self.api_key, self.shared_secret, int(clock()))
        return params


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str, *, allow_insecure: bool = False) -> str:
    """Validate ``base_url``: scheme + host root; plain http only for loopback or when allowed."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RequestValidationError("must be an http(s) URL such as https://api.amp.active.com",
                                     argument="base_url")
    if parts.scheme == "http" and not allow_insecure and not _is_loopback(parts.hostname):
        raise RequestValidationError(
            "plain http to a non-loopback host would send the key in clear; use https "
            "or pass allow_insecure_http=True", argument="base_url")
    return base_url.rstrip("/")


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Builds the URL of a resource for one organization and region."""

    base_url: str
    org: str
    region: Region = "us"

    def system(self, resource: str, *, signed: bool, write: bool = False) -> str:
        """System API URL: ``-sec`` services for signed keys, ``wr`` for writes."""
        if write:
            root = "wr"
        else:
            root = "anet-systemapi" + ("-ca" if self.region == "ca" else "")
            if signed:
                root += "-sec"
        return f"{self.base_url}/{root}/{self.org}/api/v1/{resource.lstrip('/')}"

    def insights(self, resource: str) -> str:
        """Insights API URL under the ANETGateway."""
        service = "anet-insightsapi" + ("-ca" if self.region == "ca" else "")
        return f"{self.base_url}/ANETGateway/rest/{service}/{resource.lstrip('/')}"
