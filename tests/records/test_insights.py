"""Decoding the documented Insights API example responses into the records of
activenet_async.records.insights.

Two examples are not valid JSON as documented and were repaired minimally in place:
insights_customers.json got the missing comma after the first `"lon": -122.473973` (the
duplicated lat/lon keys stay: JSON allows them, the last occurrence wins), and
insights_verifyMembership.json got the missing comma after the second record's
`"primary_member_pass_number": " K12345"`.
"""

import json
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning, Record
from activenet_async._paging.schemes import (
    InsightsPageEnvelope,
    PageAndPageSize,
    PageNumberParams,
    SystemEnvelope,
    Unpaged,
)
from activenet_async.records.insights import (
    InsightsCustomer,
    InsightsFamily,
    InsightsMembership,
    InsightsMembershipAlternateKey,
    InsightsMembershipAuditLog,
    InsightsMembershipStat,
    InsightsMembershipStatNR,
    InsightsMembershipVerification,
    InsightsPackage,
    InsightsPackageCategory,
    InsightsPackageEntryPoint,
    StatsCategory,
    StatsCategoryNR,
)

from . import records_of

RECORDS = records_of("insights")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SHAPES: dict[str, str] = {
    "customers": "insights_paged",
    "membershipStats": "insights_paged",
    "membershipStatsNR": "insights_paged",
    "packagecategories": "bare",
    "packages": "bare",
    "memberships": "insights_headers",
    "membershipAuditLog": "insights_headers",
    "verifyMembership": "bare",
}


SCHEMES = {"insights_paged": PageAndPageSize(), "insights_headers": PageNumberParams(),
           "bare": Unpaged("insights")}


def body(op: str) -> bytes:
    return (EXAMPLES / f"insights_{op}.json").read_bytes()


def decode(op: str, data: bytes | None = None) -> tuple[list[Any], list[str]]:
    """Decode an example (or `data`) of `op`; return the records and the warning texts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(body(op) if data is None else data, scheme=SCHEMES[SHAPES[op]],
                           rtype=RECORDS[op], operation=op)
    lenient = [str(w.message) for w in caught if issubclass(w.category, LenientValueWarning)]
    return page.records, lenient


def test_records_cover_every_operation() -> None:
    assert set(RECORDS) == set(SHAPES)
    assert all(issubclass(t, Record) for t in RECORDS.values())
    assert RECORDS["membershipStats"] is not RECORDS["membershipStatsNR"]


def test_statistics_categories() -> None:
    assert set(get_args(StatsCategory)) == {
        "atEnd", "atStart", "inBranch", "outBranch", "new", "inPackage", "outPackage",
        "retained", "suspended", "reInstated", "terminated"}
    assert set(get_args(StatsCategoryNR)) == {
        "atEnd", "atStart", "inBranch", "outBranch", "new", "inPackage", "outPackage",
        "renewal", "suspended", "terminated"}


def test_customers() -> None:
    recs, warned = decode("customers")
    assert warned == []
    assert len(recs) == 1
    c = recs[0]
    assert isinstance(c, InsightsCustomer)
    assert c.customer_id == 9128 and type(c.customer_id) is int
    assert c.lastpayee_id == 0
    assert c.zipcode == "85748"
    assert c.age == "64.11"  # years.months, kept as sent
    assert c.entrydate == datetime(2021, 9, 14, 19, 21, 5)
    assert c.date_modified == datetime(2021, 9, 14, 23, 53, 19)
    assert c.login_used == datetime(2021, 9, 13, 12, 47, 29)
    assert c.birth_date == date(1956, 9, 15) and type(c.birth_date) is date
    assert c.headofhousehold is True
    assert c.specialhandling is True and c.special_handling is None
    assert c.not_online_activated is False
    assert c.can_be_scheduled is False
    assert c.agree_receive_text_message is True
    assert c.agree_receive_email is True and c.agree_receive_postal_mail is True
    assert c.created_on == "Staff side"
    assert c.interest_date is None and c.legal_name is None
    # The duplicated lat/lon keys: the last occurrence wins.
    assert c.lat == pytest.approx(37.687655) and c.lon == pytest.approx(-122.090259)
    assert c.families is not None and len(c.families) == 1
    f = c.families[0]
    assert isinstance(f, InsightsFamily)
    assert f.family_id == 7990 and f.household_size == 1
    assert f.head_of_household is True
    assert f.head_of_household_customer_id == 9128
    assert f.external_id == 0
    assert f.family_role == "Adult / Guardian"


def test_customers_table_spelling_and_blank_values() -> None:
    raw = json.loads(body("customers"))
    rec = raw["data"][0]
    rec.update(special_handling="No", interest_date="2000/01/01", late_fee_date="03/15/2022",
               residency_expires_date="", lat="37.5")
    recs, warned = decode("customers", json.dumps(raw).encode())
    assert warned == []
    c = recs[0]
    assert c.special_handling is False
    assert c.interest_date == date(2000, 1, 1)
    assert c.late_fee_date == date(2022, 3, 15)
    assert c.residency_expires_date is None
    assert c.lat == 37.5


def test_membership_stats_placeholder_flag_warns() -> None:
    with pytest.warns(LenientValueWarning, match="package_retention_eligible"):
        page = decode_page(body("membershipStats"), scheme=PageAndPageSize(),
                           rtype=InsightsMembershipStat, operation="membershipStats")
    assert page.total_records == 1000 and page.page_size == 1
    s = page.records[0]
    assert isinstance(s, InsightsMembershipStat)
    assert s.package_retention_eligible is None  # "XXXX"
    assert s.member_id == 0 and s.member_age == 0 and type(s.member_age) is int
    assert s.member_date_of_birth == date(2000, 1, 1)
    assert s.suspended_to_date == date(2000, 1, 1)
    assert s.branch_transfer_in_date == date(2000, 1, 1)
    assert s.membership_pass_id == 0 and s.site_id == 0
    assert s.package_term == "XXXX"
    assert s.alternate_keys is not None and len(s.alternate_keys) == 1
    k = s.alternate_keys[0]
    assert isinstance(k, InsightsMembershipAlternateKey)
    assert k.alternate_key_type == "XXXX"


def test_membership_stats_nr() -> None:
    recs, warned = decode("membershipStatsNR")
    assert warned == []
    assert len(recs) == 2
    a, b = recs
    assert isinstance(a, InsightsMembershipStatNR)
    assert not isinstance(a, InsightsMembershipStat)
    assert a.member_id == 737 and a.membership_id == 402
    assert a.member_age is None and a.member_date_of_birth is None  # absent keys
    assert a.member_since_date == date(2015, 8, 30) and type(a.member_since_date) is date
    assert a.package_retention_eligible is False
    assert a.membership_pass_number == "000000000228"
    assert a.member_home_phone == "1111111111"
    assert a.member_gender == "Female"
    assert a.alternate_keys is None
    assert b.member_age == 52
    assert b.member_date_of_birth == date(1968, 12, 9)
    assert b.member_zip_postalcode == "D1D 1D1"
    assert (b.packagecategory_id, b.package_id, b.site_id) == (20, 333, 13)


def test_membership_stats_lenient_dates_and_age() -> None:
    raw = json.loads(body("membershipStatsNR"))
    rec = raw["data"][1]
    rec.update(member_age="", member_date_of_birth="12/09/1968", suspended_from_date="2021/3/4",
               package_retention_eligible="Yes", alternate_keys=[
                   {"alternate_key_value": "A1", "alternate_key_type": "Card",
                    "alternate_key_status": "Active"}])
    recs, warned = decode("membershipStatsNR", json.dumps(raw).encode())
    assert warned == []
    b = recs[1]
    assert b.member_age is None
    assert b.member_date_of_birth == date(1968, 12, 9)
    assert b.suspended_from_date == date(2021, 3, 4)
    assert b.package_retention_eligible is True
    assert b.alternate_keys == [InsightsMembershipAlternateKey(
        alternate_key_value="A1", alternate_key_type="Card", alternate_key_status="Active")]
    rec["member_age"] = "not an age"
    _, warned = decode("membershipStatsNR", json.dumps(raw).encode())
    assert len(warned) == 1 and "member_age" in warned[0]


def test_package_categories() -> None:
    recs, warned = decode("packagecategories")
    assert warned == []
    assert [type(r) for r in recs] == [InsightsPackageCategory] * 2
    assert [(r.packageCategoryId, r.categoryName) for r in recs] == [
        (1, "This Package"), (2, "That Package")]
    assert recs[0].retentionEligible is None
    recs, _ = decode("packagecategories",
                     b'[{"packageCategoryId": "3", "retentionEligible": "Y"}]')
    assert recs[0].packageCategoryId == 3 and recs[0].retentionEligible is True


def test_packages() -> None:
    recs, warned = decode("packages")
    assert warned == []
    assert len(recs) == 1
    p = recs[0]
    assert isinstance(p, InsightsPackage)
    assert p.packageId == 180
    assert p.siteId == 6 and type(p.siteId) is int  # sent as "6"
    assert p.packageCategoryId == 5
    assert p.status == "open"
    assert p.number_of_Uses_Available == 10
    assert p.family_Membership_Package is False  # "N"
    assert p.entry_point is None
    assert p.entry_Points is not None and len(p.entry_Points) == 1
    assert isinstance(p.entry_Points[0], InsightsPackageEntryPoint)
    assert p.entry_Points[0].entry_point == "Entry point 01"


def test_memberships() -> None:
    page = decode_page(body("memberships"), scheme=PageNumberParams(),
                       rtype=InsightsMembership, operation="memberships")
    assert page.total_pages == 1 and page.last_sync_date == "2019-05-15 06:30:06.52"
    m = page.records[0]
    assert isinstance(m, InsightsMembership)
    assert (m.customer_id, m.package_id, m.membership_id) == (7806, 296, 4909)
    assert m.customer_since_date == date(2018, 10, 1)
    assert m.effective_date == date(2018, 10, 1) and m.expiration_date == date(2018, 10, 8)
    assert m.automatic_renewal is False and m.scheduled_cancellation is False
    assert m.family_package is False and m.package_retention_eligible is True
    assert m.total_number_of_uses == 0 and m.remaining_number_of_uses_left == 0
    assert m.package_site_id == 4 and m.package_category_id == 9
    assert m.member_pass_number == "000000001482"
    assert m.modified_date_time == datetime(2018, 10, 1, 15, 3)
    assert m.last_renewed_date is None and m.cancellation_date is None


def test_memberships_placeholder_date_warns_once() -> None:
    raw = json.loads(body("memberships"))
    rec = raw["body"][0]
    rec.update(effective_date="mock effective_date data", automatic_renewal="mock data")
    raw["body"].append(dict(rec))
    recs, warned = decode("memberships", json.dumps(raw).encode())
    assert len(recs) == 2
    assert all(r.effective_date is None and r.automatic_renewal is None for r in recs)
    assert recs[1].expiration_date == date(2018, 10, 8)
    assert len(warned) == 2  # one per field, not per record
    assert any("effective_date" in w for w in warned)
    assert any("automatic_renewal" in w for w in warned)


def test_membership_audit_log() -> None:
    recs, warned = decode("membershipAuditLog")
    assert warned == []
    a = recs[0]
    assert isinstance(a, InsightsMembershipAuditLog)
    assert a.membership_history_id == 123
    assert a.beg_datestamp == datetime(2018, 10, 1, 0, 0, 54, 373000)
    assert a.end_datestamp == datetime(2018, 10, 30)
    assert a.history_transaction_type == "Status Change"
    assert a.autorenewal_type == "Not autorenewed"
    assert a.voided is False and a.package_retention_eligible is False
    assert a.date_effective == date(2018, 9, 29) and a.date_expires == date(2018, 10, 29)
    assert (a.primarymembercustomer_id, a.max_uses, a.site_id) == (7746, 0, 6)
    assert a.workstation_name is None and a.member_since_date is None


def test_verify_membership() -> None:
    recs, warned = decode("verifyMembership")
    assert warned == []
    assert [type(r) for r in recs] == [InsightsMembershipVerification] * 2
    a, b = recs
    assert a.customer_id == 12345 and a.membership_id == 54321
    assert a.effective_date == date(2011, 12, 21)
    assert a.suspended_from_date == date(2020, 7, 1)
    assert a.retention_eligible is False and a.family_membership is False
    assert a.punches_purchased is None
    assert a.primary_member_email == " erincombs@nomail.com "  # kept as sent
    assert (b.punches_purchased, b.punches_used, b.punches_remaining) == (8, 1, 7)
    assert b.cancelled_on_date == date(2020, 4, 2)
    assert b.suspended_from_date is None


@pytest.mark.parametrize("op", sorted(SHAPES))
def test_plain_msgspec_decode_of_envelope(op: str) -> None:
    rtype = RECORDS[op]
    shape = SHAPES[op]
    env: Any
    if shape == "bare":
        env = list[rtype]  # type: ignore[valid-type]
    elif shape == "insights_paged":
        env = InsightsPageEnvelope[rtype]  # type: ignore[valid-type]
    else:
        env = SystemEnvelope[rtype]  # type: ignore[valid-type]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = msgspec.json.decode(body(op), type=env, strict=False)
    lenient = [str(w.message) for w in caught if issubclass(w.category, LenientValueWarning)]
    records = out if shape == "bare" else (out.data if shape == "insights_paged" else out.body)
    assert records and all(type(r) is rtype for r in records)
    # Only the "XXXX" placeholder in the retention flag of the membershipStats example warns.
    expected = ["package_retention_eligible"] if op == "membershipStats" else []
    assert [w.split(" = ")[0].rsplit(".", 1)[1] for w in lenient] == expected
