"""Decoding the documented System API membership examples into their records."""

import json
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning, Record
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async.records.memberships import (
    Membership,
    MembershipPackage,
    MembershipPackageCategory,
    MembershipPackageCharge,
    MembershipPackageFee,
    MembershipPackageGLAccount,
    MembershipPackageGlobalDiscount,
    MembershipPackageScheduledFee,
    MembershipUsage,
)

from . import records_of

RECORDS = records_of("memberships")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def body(op: str) -> bytes:
    return (EXAMPLES / f"{op}.json").read_bytes()


def decode(op: str, raw: bytes | None = None) -> tuple[list[Any], list[str]]:
    """Decode an example page; return its records and the messages of any lenient warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(raw if raw is not None else body(op), scheme=PageInfoHeader(),
                           rtype=RECORDS[op], operation=op)
    msgs = [str(w.message) for w in caught if issubclass(w.category, LenientValueWarning)]
    return page.records, msgs


def test_records_table() -> None:
    assert {
        "GetMembershipPackages": MembershipPackage,
        "GetMemberships": Membership,
        "GetMembershipPackageCategories": MembershipPackageCategory,
        "GetMembershipUsages": MembershipUsage,
        "GetMembershipPackageFees": MembershipPackageFee,
    } == RECORDS


def _nested(t: Any) -> type[Record] | None:
    """The Struct type inside ``Struct | None`` or ``list[Struct] | None``, if any."""
    for m in getattr(t, "types", [t]):
        if isinstance(m, msgspec.inspect.ListType):
            m = m.item_type
        if isinstance(m, msgspec.inspect.StructType):
            assert issubclass(m.cls, Record)
            return m.cls
    return None


def _check_keys(obj: dict[str, Any], rtype: type[Record], where: str) -> None:
    info = msgspec.inspect.type_info(rtype)
    assert isinstance(info, msgspec.inspect.StructType)
    fields = {f.encode_name: f.type for f in info.fields}
    missing = set(obj) - set(fields)
    assert not missing, f"{where}: example keys without a field: {missing}"
    for key, value in obj.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                nested = _nested(fields[key])
                assert nested is not None, f"{where}.{key}: object without a nested record"
                _check_keys(item, nested, f"{where}.{key}")


@pytest.mark.parametrize("op", sorted(RECORDS))
def test_every_example_key_is_a_field(op: str) -> None:
    for rec in json.loads(body(op))["body"]:
        _check_keys(rec, RECORDS[op], op)


def test_membership_packages() -> None:
    recs, msgs = decode("GetMembershipPackages")
    assert msgs == []
    assert len(recs) == 2
    first, second = recs
    assert isinstance(first, MembershipPackage)
    assert first.package_name == "Membership 1"
    assert first.package_id == 1 and type(first.package_id) is int
    assert second.package_id == 2
    assert first.modified_date_time == datetime(2025, 10, 16, 0, 41, 44)
    assert first.package_start_date == date(2025, 10, 16)
    assert first.specific_end_date == date(2025, 10, 16)
    assert first.eligibility_percentage is True
    assert first.family_membership is True
    assert first.qualify_commission_option is True
    assert first.max_uses_per_week == 1 and type(first.max_uses_per_week) is int
    assert first.ages_max == 1
    assert first.residency_type == "Both"
    assert first.package_gender == "Coed"
    assert first.force_expiration_date == "mock forceExpirationDate data"
    assert first.selected_entry_points == "mock selectedEntryPointsList data"


def test_memberships() -> None:
    recs, msgs = decode("GetMemberships")
    assert msgs == []
    assert len(recs) == 1
    (m,) = recs
    assert isinstance(m, Membership)
    assert m.customer_id == 1 and type(m.customer_id) is int
    assert m.package_id == 1
    assert m.membership_id == 0
    assert m.primary_member_customer_id == 0
    assert m.automatic_renewal is False
    assert m.family_package is False
    assert m.package_retention_eligible is False
    assert m.qualify_member_registration_dates is False
    assert m.scheduled_cancellation is None  # null in the example
    assert m.effective_date is None
    assert m.total_number_of_uses is None
    assert m.modified_date_time == datetime(2016, 10, 10, 11, 11, 11)
    assert m.renew_url is None and m.pass_holders is None


def test_membership_lenient_values() -> None:
    rec = json.loads(body("GetMemberships"))["body"][0]
    rec.update({
        "automatic_renewal": "Y",
        "scheduled_cancellation": "No",
        "effective_date": "2000/01/01",
        "expiration_date": "12/31/2001",
        "last_renewed_date": "2021-09-14 19:21:05.0",
        "cancellation_date": "",
        "total_number_of_uses": "12",
        "pass_holders": [{"name": "x"}],
    })
    recs, msgs = decode("GetMemberships", json.dumps({"headers": {"response_code": "0000"},
                                                        "body": [rec]}).encode())
    assert msgs == []
    (m,) = recs
    assert m.automatic_renewal is True
    assert m.scheduled_cancellation is False
    assert m.effective_date == date(2000, 1, 1)
    assert m.expiration_date == date(2001, 12, 31)
    assert m.last_renewed_date == date(2021, 9, 14)
    assert m.cancellation_date is None
    assert m.total_number_of_uses == 12
    assert m.pass_holders == [{"name": "x"}]


def test_membership_placeholders_become_none_with_a_warning() -> None:
    rec = json.loads(body("GetMemberships"))["body"][0]
    rec["automatic_renewal"] = "mock automaticRenewal data"
    rec["effective_date"] = "mock effectiveDate data"
    raw = json.dumps({"headers": {"response_code": "0000"}, "body": [rec]}).encode()
    with pytest.warns(LenientValueWarning) as record:
        page = decode_page(raw, scheme=PageInfoHeader(),
                           rtype=Membership, operation="GetMemberships")
    (m,) = page.records
    assert m.automatic_renewal is None
    assert m.effective_date is None
    assert m.customer_id == 1
    text = " ".join(str(w.message) for w in record)
    assert "Membership.automatic_renewal" in text
    assert "Membership.effective_date" in text


def test_membership_package_categories() -> None:
    recs, msgs = decode("GetMembershipPackageCategories")
    assert msgs == []
    (c,) = recs
    assert isinstance(c, MembershipPackageCategory)
    assert c.category_id == 0 and type(c.category_id) is int
    assert c.category_name is None
    assert c.description is None
    assert c.retention_eligible is False
    assert c.qualify_commission is False


def test_membership_usages() -> None:
    recs, msgs = decode("GetMembershipUsages")
    assert msgs == []
    (u,) = recs
    assert isinstance(u, MembershipUsage)
    assert u.customer_id == 1
    assert u.package_id == 1001 and type(u.package_id) is int
    assert u.pass_number == "XIA0001"
    assert u.checkin_date == date(2017, 7, 1) and type(u.checkin_date) is date
    assert u.checkout_date == date(2017, 7, 1)
    assert u.checkin_time == "10:30"
    assert u.checkout_time == "12:30"
    assert u.qty == 1
    assert u.check_in_entry_point_id == 11
    assert u.check_out_entry_point_id == 12
    assert u.checkout_entry_point == "OutEntryPoint01"


def test_membership_package_fees() -> None:
    recs, msgs = decode("GetMembershipPackageFees")
    assert msgs == []
    (f,) = recs
    assert isinstance(f, MembershipPackageFee)
    assert f.package_fees is not None and len(f.package_fees) == 1
    charge = f.package_fees[0]
    assert isinstance(charge, MembershipPackageCharge)
    assert charge.charge_name == "Test Charge Name"
    assert charge.discount_order == 5
    assert charge.prifill_condition == "Always"
    assert charge.primary_fee is True
    assert charge.default_amount == 20.0 and type(charge.default_amount) is float
    assert charge.default_percentage == 30.0 and type(charge.default_percentage) is float
    assert charge.activation_date == date(2025, 10, 16)
    assert charge.expiration_date == date(2025, 10, 16)
    assert charge.gl_accounts is not None and len(charge.gl_accounts) == 1
    gl = charge.gl_accounts[0]
    assert isinstance(gl, MembershipPackageGLAccount)
    assert gl.gl_account_number == "8234 TX-8"
    assert charge.scheduled_fees is not None and len(charge.scheduled_fees) == 1
    sched = charge.scheduled_fees[0]
    assert isinstance(sched, MembershipPackageScheduledFee)
    assert sched.effective_date == date(2025, 10, 16)
    assert sched.charge_amount == 10.0 and type(sched.charge_amount) is float
    assert f.global_discounts is not None and len(f.global_discounts) == 1
    disc = f.global_discounts[0]
    assert isinstance(disc, MembershipPackageGlobalDiscount)
    assert disc.global_discount_name == "glaccount 1"
    assert disc.global_discount_order == 1
    assert disc.global_discount_group_number == 10
    assert disc.global_discount_amount == -20.0 and type(disc.global_discount_amount) is float
    assert disc.global_discount_percent == 30.0
    assert disc.global_discount_retired is True


@pytest.mark.parametrize("op", sorted(RECORDS))
def test_plain_msgspec_decode_of_envelope_warns_nothing(op: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        env_type: Any = SystemEnvelope[RECORDS[op]]  # type: ignore[valid-type]
        env = msgspec.json.decode(body(op), type=env_type, strict=False)
    assert [w for w in caught if issubclass(w.category, LenientValueWarning)] == []
    assert env.body and all(isinstance(r, RECORDS[op]) for r in env.body)
    assert env.headers is not None and env.headers.response_code == "0000"
