"""The paging scheme protocol: one small class per way an operation pages, owning both sides
of the wire (what a request carries for page ``n`` of size ``s``, and how an answer's envelope
reads), and, for the fake server, the other end of both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from ..._convert import Context
from ..._decode import BOM, ParsedPage, decoder, slow_page
from ..._lenient import current_operation
from ..._warnings import DecodeReport, current_report

__all__ = ["Paging"]


class Paging:
    """How an operation pages: the base of the schemes (``PageInfoHeader``,
    ``PageAndPageSize``, ``PageNumberParams``, ``Unpaged``).

    Request side: ``apply`` puts page ``n`` of size ``s`` (and any sort order) into a request.
    Response side: ``read`` turns an answer's bytes into a :class:`ParsedPage` (records, counts,
    last_sync_date) through the shared decoder, which calls this scheme's envelope hooks
    (``envelope_type``, ``from_envelope``, ``from_lenient``). ``description`` says on the wire
    how it pages (the README table); ``query_params`` names the query parameters it adds;
    ``sort_keys`` the encoded arguments it carries itself rather than as query parameters.
    """

    paged: bool = True
    description: str = ""
    query_params: frozenset[str] = frozenset()
    sort_keys: tuple[str, ...] = ()
    #: The envelope key holding the records; None when the body is the record array itself.
    records_key: str | None = None

    # -- request side ----------------------------------------------------------------------
    def apply(self, params: dict[str, str], headers: dict[str, str], page: int, size: int,
              sort: Mapping[str, str]) -> None:
        """Put page ``page`` of size ``size`` (and any sort order) into the request."""

    # -- response side ---------------------------------------------------------------------
    def read(self, body: bytes, *, rtype: Any, operation: str,
             status: int = 200) -> ParsedPage[Any]:
        """One answer's records (of ``rtype``; ``Any`` for raw dicts) and paging metadata.

        Raises APIError for error envelopes and DecodeError for bodies that are not the
        documented JSON. A record value that does not fit its field becomes None, a key the
        record type does not know is dropped and an element that is not an object is skipped:
        each is counted in the report in force (``current_report``; a fresh one per page
        outside a call or walk) and warned once per report (see ``_decode``)."""
        report = current_report.get()
        rtoken = None
        if report is None:  # a bare call: one report for this page, so each problem warns once
            report = DecodeReport()
            rtoken = current_report.set(report)
        token = current_operation.set(operation)
        try:
            if body[:3] == BOM:
                body = body[3:]
            try:
                env = decoder(self, rtype).decode(body)
            except (msgspec.DecodeError, UnicodeError):
                # Whatever msgspec disliked (a value, a key, an element, the bytes), the slow
                # path finds it from the data; msgspec's exception types and texts are not
                # consulted.
                return slow_page(body, self, rtype, Context(operation, report), status)
            return self.from_envelope(env, operation=operation, status=status, body=body)
        finally:
            current_operation.reset(token)
            if rtoken is not None:
                current_report.reset(rtoken)

    def envelope_type(self, rtype: Any) -> Any:
        """The msgspec type a well-formed answer with records of ``rtype`` decodes into."""
        raise NotImplementedError

    def from_envelope(self, env: Any, *, operation: str, status: int,
                      body: bytes) -> ParsedPage[Any]:
        """The page a strictly decoded envelope says (APIError for an error envelope)."""
        raise NotImplementedError

    def from_lenient(self, obj: Any, ctx: Context, *, status: int,
                     body: bytes) -> tuple[ParsedPage[Any], list[Any] | None]:
        """The page (records not yet converted) and the raw record list of an answer decoded
        to Python objects; None for the list when the envelope settles the page by itself."""
        raise NotImplementedError

    # -- the server's end (the fake server) ------------------------------------------------
    def requested(self, params: Mapping[str, str],
                  headers: Mapping[str, str]) -> tuple[int | None, int]:
        """(page, size) a request asks for; (None, 0) unpaged. ValueError (or TypeError, or
        msgspec.DecodeError) for values that are no numbers."""
        return None, 0

    def sort_requested(self, headers: Mapping[str, str]) -> dict[str, str] | None:
        """The order a request asks for, when the scheme carries one."""
        return None

    def answer(self, records: list[Any], *, page: int | None, size: int, total: int,
               counts: bool = True, string_counts: bool = False,
               sort: Mapping[str, str] | None = None) -> Any:
        """The JSON an ACTIVE server answers with: ``records`` as page ``page`` of size
        ``size`` of ``total``; ``counts=False`` leaves out the counts a server may omit,
        ``string_counts`` sends counts as strings where servers do."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
