"""Decoding the documented example response of the finance operations into their records."""

import json
import re
import warnings
from datetime import date
from typing import Any

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async.records.finance import Refund

from . import records_of
from .test_activities import EXAMPLES, example_keys, record_keys

RECORDS = records_of("finance")

_WARNED = re.compile(r": (\w+\.\w+) = ")


def example(name: str) -> bytes:
    return (EXAMPLES / f"{name}.json").read_bytes()


def with_values(name: str, **values: Any) -> bytes:
    """The example of ``name`` with keys of ``body[0]`` replaced."""
    doc = json.loads(example(name))
    doc["body"][0].update(values)
    return json.dumps(doc).encode()


def decode(name: str, body: bytes | None = None) -> tuple[list[Any], set[str]]:
    """Records of the example (or ``body``) and the "Owner.field" names warned about."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(example(name) if body is None else body, scheme=PageInfoHeader(),
                           rtype=RECORDS[name], operation=name)
    warned = set()
    for w in caught:
        if issubclass(w.category, LenientValueWarning):
            m = _WARNED.search(str(w.message))
            assert m is not None
            warned.add(m.group(1))
    return page.records, warned


def test_records_cover_the_operations() -> None:
    assert set(RECORDS) == {"GetRefunds"} and RECORDS["GetRefunds"] is Refund


def test_every_example_key_is_a_field() -> None:
    doc = json.loads(example("GetRefunds"))
    assert example_keys(doc["body"]) <= record_keys(Refund)


def test_get_refunds() -> None:
    [r], warned = decode("GetRefunds")
    assert not warned
    assert type(r) is Refund
    assert r.receipt_date == date(2016, 10, 10) and type(r.receipt_date) is date
    assert r.receipt_time == "11:11 AM"
    assert r.payee_company_id == 1 and type(r.payee_company_id) is int
    assert r.payee_customer_name == "first last"
    assert r.payee_home_phone is None and r.payee_mailing_zip_code is None
    assert r.original_receipt_number == 123.0 and type(r.original_receipt_number) is float
    assert r.receipt_number == 123.0 and type(r.receipt_number) is float
    assert r.payment_type == "Cash" and r.payment_type_id == 7
    assert r.refund_amount == 98.0 and type(r.refund_amount) is float
    assert r.gl_account_number_refund_from == "xxx-xxx"
    assert r.transaction_site_id == 1 and r.transaction_site == "site name"


def test_refund_numbers_as_strings_and_other_date_formats() -> None:
    body = with_values("GetRefunds", receipt_number="1001007.005", refund_amount="1,234.50",
                       payee_customer_id="42", receipt_date="10/11/2016",
                       payee_residential_zip_code=90210)
    [r], warned = decode("GetRefunds", body)
    assert not warned
    assert r.receipt_number == 1001007.005
    assert r.refund_amount == 1234.5
    assert r.payee_customer_id == 42 and type(r.payee_customer_id) is int
    assert r.receipt_date == date(2016, 10, 11)
    assert r.payee_residential_zip_code == "90210"


def test_refund_placeholder_date_warns() -> None:
    body = with_values("GetRefunds", receipt_date="mock receiptDate data")
    with pytest.warns(LenientValueWarning, match="Refund.receipt_date"):
        page = decode_page(body, scheme=PageInfoHeader(), rtype=Refund, operation="GetRefunds")
    [r] = page.records
    assert r.receipt_date is None and r.refund_amount == 98.0


def test_envelope_decodes_without_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        env = msgspec.json.decode(example("GetRefunds"), type=SystemEnvelope[Refund],
                                  strict=False)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert env.headers is not None and env.headers.response_code == "0000"
    assert env.body is not None and [type(r) for r in env.body] == [Refund]
