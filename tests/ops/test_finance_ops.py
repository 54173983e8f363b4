"""GetRefunds: the documented example decodes, arguments go out in the documented wire format,
the one-month limit is walked in windows (each refund yielded once), and documented
constraints are enforced before any request."""

from __future__ import annotations

import itertools
import json
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import CallbackResult, aioresponses

from activenet_async import (
    ActiveNet,
    LenientValueWarning,
    Pager,
    RequestValidationError,
)
from activenet_async._operations.system.finance import RefundPaymentType
from activenet_async.records.finance import Refund

from ..conftest import _Response, example, sent, serve

PATH = "/api/v1/refunds"


def query(url: str) -> dict[str, str]:
    """The query parameters of a sent URL (one value each), without the signature."""
    q = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
    for k in ("api_key", "sig"):
        q.pop(k, None)
    return q


def stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


async def test_get_refunds_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, PATH, example("GetRefunds"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = await anet.get_refunds(date_time_from=date(2016, 10, 1),
                                      date_time_to=date(2016, 10, 20)).collect()
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    (r,) = rows
    assert isinstance(r, Refund)
    assert r.receipt_date == date(2016, 10, 10) and r.receipt_time == "11:11 AM"
    assert r.payee_company_id == 1 and r.payee_customer_id == 1
    assert r.payee_customer_name == "first last" and r.payee_home_phone is None
    assert r.receipt_number == 123.0 and r.original_receipt_number == 123.0
    assert r.payment_type == "Cash" and r.payment_type_id == RefundPaymentType.CASH
    assert r.refund_amount == 98.0
    assert r.gl_account_number_refund_from == "xxx-xxx"
    assert r.transaction_site_id == 1 and r.transaction_site == "site name"


async def test_get_refunds_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, PATH, example("GetRefunds"))
    rows = await anet.get_refunds(
        date_time_from=datetime(2019, 12, 1, 0, 0), date_time_to=datetime(2019, 12, 12, 23, 59),
        gl_account_number_refund_from=["1-1", "2-2", "3-3"], revenue_site_ids=[1, 2, 3],
        transaction_site_ids=(4, 5, 6),
        payment_type_ids=[RefundPaymentType.MAIL_CHEQUE, 7, "8"],
        order_by="receipt_date", order_option="DESC", page_size=50).collect()
    # The example's refund (2016) lies outside the range asked, but the server sent it: the SDK
    # never drops what the server returned (only exact repeats at window edges).
    assert len(rows) == 1 and rows[0].receipt_date == date(2016, 10, 10)
    (method, url, kwargs), = sent(mocked)
    assert method == "GET" and "/anet-systemapi-sec/orgtest/api/v1/refunds?" in url
    q = query(url)
    # "23:59" means the whole minute: the request reaches to the next minute (see _splitting)
    assert q == {"date_time_from": "2019-12-01 00:00", "date_time_to": "2019-12-13 00:00",
                 "gl_account_number_refund_from": "1-1,2-2,3-3", "revenue_site_ids": "1,2,3",
                 "transaction_site_ids": "4,5,6", "payment_type_ids": "6,7,8"}
    assert json.loads(kwargs["headers"]["page_info"]) == {
        "page_number": 1, "total_records_per_page": 50, "order_by": "receipt_date",
        "order_option": "DESC"}


async def test_get_refunds_payment_types_from_an_iterator(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    serve(mocked, PATH, example("GetRefunds"))
    await anet.get_refunds(date_time_from=date(2020, 1, 1), date_time_to=date(2020, 1, 2),
                           payment_type_ids=(t for t in RefundPaymentType)).collect()
    (_, url, _), = sent(mocked)
    assert query(url)["payment_type_ids"] == "6,7,8,10,11,19,23"


async def test_get_refunds_default_page(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, PATH, example("GetRefunds"))
    await anet.get_refunds(date_time_from=datetime(2016, 10, 10, 8, 30),
                           date_time_to=datetime(2016, 10, 10, 17, 0)).collect()
    (_, url, kwargs), = sent(mocked)
    assert query(url) == {"date_time_from": "2016-10-10 08:30",
                          "date_time_to": "2016-10-10 17:01"}
    assert json.loads(kwargs["headers"]["page_info"]) == {"page_number": 1,
                                                          "total_records_per_page": 500}


def serve_by_window(mocked: aioresponses) -> None:
    """Answer like a server that filters as asked: the example's refund (2016-10-10 11:11) to
    the windows whose range holds it, "No Results Found" to the others."""
    when = datetime(2016, 10, 10, 11, 11)
    empty = {"headers": {"response_code": "0001", "response_message": "No Results Found"},
             "body": []}

    def answer(url: Any, **kwargs: Any) -> CallbackResult:
        q = query(str(url))
        inside = stamp(q["date_time_from"]) <= when <= stamp(q["date_time_to"])
        return CallbackResult(body=example("GetRefunds") if inside else json.dumps(empty),
                              content_type="application/json", response_class=_Response)

    mocked.get(re.compile(r".*/api/v1/refunds.*"), callback=answer, repeat=True,
               response_class=_Response)


async def test_get_refunds_walks_long_spans_in_month_windows(anet: ActiveNet,
                                                             mocked: aioresponses) -> None:
    serve_by_window(mocked)
    pager = anet.get_refunds(date_time_from=date(2016, 1, 1), date_time_to=date(2016, 12, 31))
    assert isinstance(pager, Pager) and len(pager.slices) > 12
    rows = await pager.collect()
    spans = [(stamp(query(u)["date_time_from"]), stamp(query(u)["date_time_to"]))
             for _, u, _ in sent(mocked)]
    assert len(spans) == len(pager.slices)
    spans.sort()
    assert spans[0][0] == datetime(2016, 1, 1) and spans[-1][1] == datetime(2017, 1, 1)
    for (_, b), (c, _) in itertools.pairwise(spans):
        assert b == c  # adjacent windows: no gap
    # "within one month after date_time_from": never more than the shortest month
    assert all(b - a <= timedelta(days=28) for a, b in spans)
    # the one window holding the refund sent it
    assert len(rows) == 1 and rows[0].receipt_date == date(2016, 10, 10)


async def test_get_refunds_splits_a_quarter(anet: ActiveNet, mocked: aioresponses) -> None:
    serve_by_window(mocked)
    rows = await anet.get_refunds(date_time_from=date(2016, 9, 1),
                                  date_time_to=date(2016, 11, 30)).collect()
    spans = sorted((stamp(query(u)["date_time_from"]), stamp(query(u)["date_time_to"]))
                   for _, u, _ in sent(mocked))
    assert len(spans) == 4
    assert spans[0][0] == datetime(2016, 9, 1) and spans[-1][1] == datetime(2016, 12, 1)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(spans))
    assert all(b - a <= timedelta(days=28) for a, b in spans)
    assert len(rows) == 1 and isinstance(rows[0], Refund)


async def test_get_refunds_edge_refund_is_yielded_once(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    """Catches: a refund stamped exactly on a window edge (fetched by both windows) yielded
    twice, or not at all."""
    serve(mocked, PATH, example("GetRefunds"))
    start = datetime(2016, 10, 10, 11, 11) - timedelta(days=27)
    pager = anet.get_refunds(date_time_from=start, date_time_to=date(2016, 10, 30))
    spans = {(p["date_time_from"], p["date_time_to"]) for p in (u.params for u in pager.slices)}
    assert ("2016-09-13 11:11", "2016-10-10 11:11") in spans
    assert ("2016-10-10 11:11", "2016-10-31 00:00") in spans
    rows = await pager.collect()
    assert len(sent(mocked)) == 2
    assert len(rows) == 1 and rows[0].receipt_time == "11:11 AM"


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, TypeError),                                              # both dates are mandatory
    ({"date_time_from": date(2020, 1, 1)}, TypeError),
    ({"date_time_to": date(2020, 1, 1)}, TypeError),
    ({"date_time_from": datetime(2020, 1, 2, 10, 0),              # to before from
      "date_time_to": datetime(2020, 1, 2, 9, 0)}, RequestValidationError),
    ({"date_time_from": date(2020, 2, 1), "date_time_to": date(2020, 1, 31)},
     RequestValidationError),
    ({"date_time_from": "2020-01-01 00:00", "date_time_to": date(2020, 1, 2)},
     RequestValidationError),                                     # not a date
    ({"date_time_from": datetime(2020, 1, 1, tzinfo=UTC),
      "date_time_to": date(2020, 1, 2)}, RequestValidationError),  # offsets not taken
    ({"payment_type_ids": [9]}, RequestValidationError),          # not a refund payment type
    ({"payment_type_ids": [7, "cash"]}, RequestValidationError),
    ({"payment_type_ids": 7}, RequestValidationError),            # not a list
    ({"payment_type_ids": []}, RequestValidationError),
    ({"revenue_site_ids": "1,2"}, RequestValidationError),
    ({"transaction_site_ids": [1.5]}, RequestValidationError),
    ({"gl_account_number_refund_from": "1-1"}, RequestValidationError),
    ({"gl_account_number_refund_from": ["1-1,2-2"]}, RequestValidationError),
    ({"order_by": "refund_amount"}, RequestValidationError),      # not a sort option
    ({"order_option": "UP"}, RequestValidationError),
    ({"page_size": 501}, RequestValidationError),
    ({"page_size": 0}, RequestValidationError),
    ({"site_ids": [1]}, TypeError),                               # unknown keyword
])
async def test_get_refunds_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                             kwargs: dict[str, Any],
                                             error: type[Exception]) -> None:
    if error is RequestValidationError:
        kwargs = {"date_time_from": date(2020, 1, 1), "date_time_to": date(2020, 1, 2),
                  **kwargs}
    with pytest.raises(error):
        anet.get_refunds(**kwargs)
    assert sent(mocked) == []
