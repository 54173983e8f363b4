"""System API, finance: refund transactions."""

from collections.abc import Iterable
from datetime import timedelta
from enum import IntEnum
from typing import Annotated, Any, Literal

from ..._errors import RequestValidationError
from ..._paging import PageInfoHeader, Pager
from ...records.finance import Refund
from ..declare import WindowSpec, operation, ordered
from ..params import COMMA, IdList, Minute, StrList, Wire
from ._common import OrderOption

__all__ = ["FinanceOps", "RefundPaymentType"]



class RefundPaymentType(IntEnum):
    """The documented refund payment type ids (``payment_type_ids`` of GetRefunds)."""

    MAIL_CHEQUE = 6
    CASH = 7
    CREDIT_CARD = 8
    TO_ACCOUNT = 10
    NO_MONEY = 11
    GIFT_CARD = 19
    DEBIT_CARD = 23


_PAYMENT_TYPES = frozenset(int(m) for m in RefundPaymentType)


def _payment_type_ids(v: Any, name: str) -> str:
    """A comma list whose every item is a documented refund payment type id (validated while
    encoding, so that a one-shot iterator is read once)."""
    text = COMMA.encode(v, name)
    for item in text.split(","):
        if not (item.isdigit() and int(item) in _PAYMENT_TYPES):
            raise RequestValidationError(
                f"{item!r} is not a refund payment type id "
                f"({', '.join(f'{m.value} {m.name}' for m in RefundPaymentType)})",
                argument=name)
    return text


#: Any iterable of refund payment type ids (``RefundPaymentType`` members or their values).
PaymentTypeIds = Annotated[Iterable[int | str],
                           Wire("comma list of refund payment type ids", _payment_type_ids)]


class FinanceOps:
    """Operations on financial transactions."""

    @operation("GetRefunds", "refunds", Refund, paging=PageInfoHeader(), page_size=500,
               window=WindowSpec("date_time_from", "date_time_to", "minute",
                                 record_field=("receipt_date", "receipt_time")),
               window_limit=timedelta(days=28),
               checks=(ordered("date_time_from", "date_time_to"),), primary_key=("_row_hash",))
    def get_refunds(self, *, date_time_from: Minute, date_time_to: Minute,
                    gl_account_number_refund_from: StrList | None = None,
                    revenue_site_ids: IdList | None = None,
                    transaction_site_ids: IdList | None = None,
                    payment_type_ids: PaymentTypeIds | None = None,
                    order_by: Literal["receipt_date", "receipt_number", "payment_type",
                                      "transaction_site_id"] | None = None,
                    order_option: OrderOption | None = None,
                    page_size: int | None = None,
                    raw: bool = False) -> Pager[Refund]:
        """Return refund transaction and refund recipient information for the specified date
        range (any span: the SDK walks it in one-month windows and yields each refund once).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...
