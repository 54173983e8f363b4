"""``PageSource``: where a walk's pages come from. One operation's GET request for page ``n``
of size ``s`` of a slice, sent through the transport and read by the operation's paging
scheme, with a cheap fingerprint of the body for the walk's repeat-page guard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._decode import ParsedPage
from .._http.auth import Credentials
from .._http.retry import RetryPolicy
from .._http.transport import Request, Response, Transport
from .page import Slice
from .schemes import Paging

__all__ = ["PageSource", "digest"]


class PageSource:
    """Fetches pages of one operation: ``await source.fetch(slice, page, size)`` returns the
    parsed page and the fingerprint of its body (see :func:`digest`).

    It holds everything a request needs (url, credentials, paging scheme, sort order, record
    type, transport, retry policy), so the walk that calls it needs nothing else."""

    __slots__ = ("credentials", "operation", "retry", "rtype", "scheme", "sort", "transport",
                 "url")

    def __init__(self, *, operation: str, url: str, credentials: Credentials, scheme: Paging,
                 rtype: Any, transport: Transport, retry: RetryPolicy,
                 sort: Mapping[str, str] | None = None) -> None:
        self.operation = operation
        self.url = url
        self.credentials = credentials
        self.scheme = scheme
        self.rtype = rtype
        self.transport = transport
        self.retry = retry
        self.sort: Mapping[str, str] = sort or {}

    @property
    def paged(self) -> bool:
        """Whether the operation pages (else one request answers everything)."""
        return self.scheme.paged

    def raw(self) -> PageSource:
        """The same source yielding the undecoded JSON objects (for exporters)."""
        return PageSource(operation=self.operation, url=self.url, credentials=self.credentials,
                          scheme=self.scheme, rtype=Any, transport=self.transport,
                          retry=self.retry, sort=self.sort)

    async def fetch(self, slice_: Slice, page: int, size: int) -> tuple[ParsedPage[Any], bytes]:
        """Page ``page`` of size ``size`` of ``slice_``: its parsed records and counts, and the
        fingerprint of its body."""
        params, headers = dict(slice_.params), dict[str, str]()
        self.scheme.apply(params, headers, page, size, self.sort)
        req = Request("GET", self.url, self.operation, self.credentials, params, headers,
                      context={**slice_.label, "page": page})
        return await self.transport.send(req, self.retry, self.read)

    def read(self, response: Response) -> tuple[ParsedPage[Any], bytes]:
        """One answer read by the scheme, with its body's fingerprint (the transport calls
        this, and retries a body cut short in transit)."""
        body = response.body
        return (self.scheme.read(body, rtype=self.rtype, operation=self.operation,
                                 status=response.status), digest(body))

    def __repr__(self) -> str:
        return f"<PageSource {self.operation} {self.scheme!r}>"


_SAMPLE = 2048


def digest(body: bytes) -> bytes:
    """A cheap fingerprint of a page body, to notice a server that ignores paging: its length
    and its first and last 2 KiB, where the envelope (page number, counts) and the first and
    last records lie. Equal fingerprints are only a hint: the walk then compares the pages'
    records in full before calling a page a repeat."""
    # Hashing the whole body cost ~0.45 us per record of a 1 MB page (SipHash over every byte,
    # about 10 % of a walk's CPU); the sample costs the same for any page size.
    if len(body) <= 2 * _SAMPLE:
        sample = hash(body)
    else:
        sample = hash((len(body), body[:_SAMPLE], body[-_SAMPLE:]))
    return sample.to_bytes(8, "little", signed=True)
