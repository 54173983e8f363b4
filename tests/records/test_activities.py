"""Decoding the documented example responses of the activity operations into their records."""

import json
import re
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from msgspec import inspect as mi

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async.records.activities import (
    Activity,
    ActivityCategory,
    ActivityDate,
    ActivityDetail,
    ActivityEnrollmentDatetimes,
    ActivityExclusion,
    ActivityFee,
    ActivityFeeGLAccount,
    ActivityGlobalDiscount,
    ActivityGlobalSurcharge,
    ActivityNormalCharge,
    ActivityOrganization,
    ActivityOtherCategory,
    ActivityPattern,
    ActivityPatternDate,
    ActivityPatternFacility,
    ActivityPlace,
    ActivityPreparationCode,
    ActivityPrerequisiteMembership,
    ActivityRecurrence,
    ActivityRegionalPricing,
    ActivityScheduledFee,
    ActivityType,
)
from activenet_async.records.activity_enrollments import (
    ActivityEnrollment,
    ActivityExpandedDetail,
    ActivityFamily,
    ActivityPayer,
    ActivityQuestionAnswer,
)
from activenet_async.records.general import Skill

from . import records_of

RECORDS = {**records_of("activities"), **records_of("activity_enrollments")}

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_WARNED = re.compile(r": (\w+\.\w+) = ")

# The example fields that hold "mock ... data" placeholders instead of a documented flag.
PLACEHOLDERS = {
    "GetActivities": {"Activity.show_on_member_app"},
    "GetActivityDetail": {"ActivityDetail.show_on_member_app", "ActivityDetail.allow_dropin"},
    "GetActivityCategories": {"ActivityCategory.show_on_member_app"},
    "GetActivityTypes": {"ActivityType.show_on_member_app"},
}


def example_keys(value: Any, prefix: str = "") -> set[str]:
    """Dotted paths of every object key in a JSON value (list items merged)."""
    keys: set[str] = set()
    if isinstance(value, list):
        for item in value:
            keys |= example_keys(item, prefix)
    elif isinstance(value, dict):
        for k, v in value.items():
            keys.add(prefix + k)
            keys |= example_keys(v, f"{prefix}{k}.")
    return keys


def _members(t: mi.Type) -> list[mi.Type]:
    if isinstance(t, mi.Metadata):
        return _members(t.type)
    if isinstance(t, mi.UnionType):
        return [m for u in t.types for m in _members(u)]
    return [t]


def record_keys(rtype: Any, prefix: str = "") -> set[str]:
    """Dotted JSON-key paths of a record type and its nested records."""
    keys: set[str] = set()
    todo: list[tuple[mi.Type, str]] = [(mi.type_info(rtype), prefix)]
    while todo:
        t, pre = todo.pop()
        for m in _members(t):
            if isinstance(m, mi.ListType):
                todo.append((m.item_type, pre))
            elif isinstance(m, mi.StructType):
                for f in m.fields:
                    keys.add(pre + f.encode_name)
                    todo.append((f.type, f"{pre}{f.encode_name}."))
    return keys


def example(name: str) -> bytes:
    return (EXAMPLES / f"{name}.json").read_bytes()


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


def records(name: str) -> list[Any]:
    """Records of the example; only the known placeholders may warn."""
    recs, warned = decode(name)
    assert warned == PLACEHOLDERS.get(name, set())
    return recs


def test_records_cover_the_operations() -> None:
    assert set(RECORDS) == {
        "GetActivities", "GetActivityDetail", "GetActivityCategories",
        "GetActivityOtherCategories", "GetActivityFees", "GetActivityTypes",
        "GetActivityEnrollment", "GetActivityExpandedDetail", "GetActivityDates"}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_example_key_is_a_field(name: str) -> None:
    doc = json.loads(example(name))
    assert example_keys(doc["body"]) <= record_keys(RECORDS[name])


def test_get_activities() -> None:
    recs = records("GetActivities")
    assert len(recs) == 2 and all(type(a) is Activity for a in recs)
    a, b = recs
    assert (a.activity_id, b.activity_id) == (1, 2) and type(a.activity_id) is int
    assert a.activity_number == "100"
    assert a.modified_date_time == datetime(2025, 10, 16, 0, 38, 7)
    assert type(a.modified_date_time) is datetime
    assert a.default_beginning_date == date(2025, 10, 16) and type(a.default_beginning_date) is date
    assert a.default_ending_date == date(2025, 10, 17)
    assert a.activity_status_id == 1 and a.activity_status == "Open"
    assert a.age_max_week == 1234 and type(a.age_max_week) is int
    assert a.enroll_min == 1 and a.enroll_max == 1
    assert a.gender == "Coed"
    assert a.show_on_member_app is None and b.show_on_member_app is None  # placeholder


def test_activity_placeholder_flag_warns_once_per_operation() -> None:
    with pytest.warns(LenientValueWarning, match="Activity.show_on_member_app") as record:
        page = decode_page(example("GetActivities"), scheme=PageInfoHeader(), rtype=Activity,
                           operation="GetActivities")
    assert len([w for w in record if issubclass(w.category, LenientValueWarning)]) == 1
    assert [a.show_on_member_app for a in page.records] == [None, None]


def test_activity_good_flag_values() -> None:
    doc = json.loads(example("GetActivities"))
    doc["body"][0]["show_on_member_app"] = "Y"
    doc["body"][1]["show_on_member_app"] = "N"
    recs, warned = decode("GetActivities", json.dumps(doc).encode())
    assert not warned
    assert [a.show_on_member_app for a in recs] == [True, False]


def test_get_activity_detail() -> None:
    [d] = records("GetActivityDetail")
    assert type(d) is ActivityDetail
    stamp = datetime(2025, 10, 16, 0, 38, 3)
    assert d.activity_id == 1 and d.site_id == 1
    assert d.tax_receipt_eligibility is True
    assert d.default_beginning_date == date(2025, 10, 16) and type(d.default_beginning_date) is date
    assert d.open_spaces == 100 and type(d.open_spaces) is int
    assert d.open_spaces_online == 80
    assert d.age_calc_date == stamp.date() and type(d.age_calc_date) is date
    assert d.first_daytime_display_on_internet == stamp
    assert d.online_new_until == stamp
    assert d.no_internet_reg is True and d.allow_waiting_list is True
    assert d.allow_private_lesson_bookings is True
    assert d.dropin_fee_charge_amount == 1234.0 and type(d.dropin_fee_charge_amount) is float
    assert d.allow_dropin is None and d.show_on_member_app is None  # placeholders

    assert d.activity_patterns is not None and len(d.activity_patterns) == 1
    [p] = d.activity_patterns
    assert type(p) is ActivityPattern
    assert p.beginning_date == stamp.date() and p.ending_date == stamp.date()
    assert p.pattern_facilities is not None
    assert [type(f) for f in p.pattern_facilities] == [ActivityPatternFacility]
    assert p.pattern_facilities[0].facility_id == 1
    assert p.pattern_dates is not None and type(p.pattern_dates[0]) is ActivityPatternDate
    assert type(p.preparation_code) is ActivityPreparationCode
    assert p.preparation_code.setup_time == 1 and type(p.preparation_code.cleanup_time) is int

    prio = d.priority_enrollment_datetimes
    assert type(prio) is ActivityEnrollmentDatetimes
    assert prio.first_daytime_person == stamp and prio.last_daytime_internet == stamp
    assert d.enrollment_datetimes is not None and len(d.enrollment_datetimes) == 1
    assert d.enrollment_datetimes[0].first_daytime_internet_members == stamp

    assert d.skills is not None and [type(s) for s in d.skills] == [Skill]
    assert d.skills[0].skill_id == 1 and d.skills[0].available_for == "mock availableFor data"
    assert type(d.organization) is ActivityOrganization
    assert d.organization.guid == "1d041bb5-bc51" and d.organization.zip == "12345"
    assert type(d.place) is ActivityPlace and d.place.zip == "12345"

    assert d.activity_recurrences is not None and len(d.activity_recurrences) == 1
    [r] = d.activity_recurrences
    assert type(r) is ActivityRecurrence
    assert r.activity_start_date == stamp.date() and r.activity_start_time == "mock startTime data"
    assert r.activityExclusions is not None
    assert [type(x) for x in r.activityExclusions] == [ActivityExclusion]
    assert r.activityExclusions[0].exclusion_end_date == stamp.date()

    assert d.prerequisites_membership is not None
    [m] = d.prerequisites_membership
    assert type(m) is ActivityPrerequisiteMembership
    assert m.package_id == 1 and m.package_name == "mock packageName data"


def test_activity_detail_flags_and_blank_counts() -> None:
    doc = json.loads(example("GetActivityDetail"))
    rec = doc["body"][0]
    rec["allow_dropin"] = "Y"
    rec["show_on_member_app"] = "N"
    rec["open_spaces"] = ""
    rec["enroll_max"] = None
    rec["dropin_fee_charge_amount"] = "12.50"
    [d], warned = decode("GetActivityDetail", json.dumps(doc).encode())
    assert not warned
    assert d.allow_dropin is True and d.show_on_member_app is False
    assert d.open_spaces is None and d.enroll_max is None
    assert d.dropin_fee_charge_amount == 12.5


def test_get_activity_categories() -> None:
    recs = records("GetActivityCategories")
    assert [type(c) for c in recs] == [ActivityCategory, ActivityCategory]
    c = recs[0]
    assert c.category_id == 1 and type(c.category_id) is int
    assert c.activity_category_name == "activity category 1"
    assert c.link_interest_list is True and c.hide_on_internet is True
    assert c.show_on_member_app is None  # placeholder


def test_get_activity_other_categories() -> None:
    recs = records("GetActivityOtherCategories")
    assert [type(c) for c in recs] == [ActivityOtherCategory, ActivityOtherCategory]
    assert [c.other_category_id for c in recs] == [1, 2]
    assert recs[0].other_category_name == "other category 1"
    assert recs[1].link_interest_list is True and recs[1].hide_on_internet is True


def test_get_activity_fees() -> None:
    [f] = records("GetActivityFees")
    assert type(f) is ActivityFee
    stamp = datetime(2025, 10, 16, 0, 38, 8)
    assert f.normal_charges is not None and len(f.normal_charges) == 1
    [c] = f.normal_charges
    assert type(c) is ActivityNormalCharge
    assert c.discount_order == 5 and type(c.discount_order) is int
    assert c.primary_fee is False
    assert c.default_amount == 20.0 and type(c.default_amount) is float
    assert c.default_percentage == 30.0
    assert c.activation_date == stamp.date() and type(c.activation_date) is date
    assert c.expiration_date == stamp.date()
    assert c.regional_pricings is not None
    assert [type(r) for r in c.regional_pricings] == [ActivityRegionalPricing]
    assert c.regional_pricings[0].charge_amount == 10.0
    assert type(c.regional_pricings[0].charge_amount) is float
    assert c.gl_accounts is not None and [type(g) for g in c.gl_accounts] == [ActivityFeeGLAccount]
    assert c.gl_accounts[0].gl_account_number == "gl account number"
    assert c.scheduled_fees is not None
    assert [type(s) for s in c.scheduled_fees] == [ActivityScheduledFee]
    assert c.scheduled_fees[0].effective_date == stamp.date()
    assert f.global_discounts is not None
    [g] = f.global_discounts
    assert type(g) is ActivityGlobalDiscount
    assert g.global_discount_group_number == 10 and g.global_discount_retired is True
    assert g.global_discount_amount == 20.0 and type(g.global_discount_percent) is float
    assert f.global_surcharges is not None
    [s] = f.global_surcharges
    assert type(s) is ActivityGlobalSurcharge
    assert s.global_surcharge_amount == 25.0 and s.global_surcharge_retired is True


def test_activity_fee_date_only_and_placeholder() -> None:
    doc = json.loads(example("GetActivityFees"))
    charge = doc["body"][0]["normal_charges"][0]
    charge["activation_date"] = "2025-10-16"
    charge["expiration_date"] = "mock expirationDate data"
    [f], warned = decode("GetActivityFees", json.dumps(doc).encode())
    assert warned == {"ActivityNormalCharge.expiration_date"}
    assert f.normal_charges is not None
    assert f.normal_charges[0].activation_date == date(2025, 10, 16)
    assert f.normal_charges[0].expiration_date is None


def test_get_activity_types() -> None:
    recs = records("GetActivityTypes")
    assert [type(t) for t in recs] == [ActivityType, ActivityType]
    assert [t.activity_type_id for t in recs] == [1, 2]
    assert recs[0].activity_type_name == "activityType1"
    assert recs[0].prevent_further_use is True
    assert recs[0].show_on_member_app is None  # placeholder


def test_get_activity_enrollment() -> None:
    [e] = records("GetActivityEnrollment")
    assert type(e) is ActivityEnrollment
    assert e.customer_id == 1245 and type(e.customer_id) is int
    assert e.enrollment_status is None
    assert e.customer_date_modified == datetime(2016, 10, 9, 10, 12)
    assert e.date_registered == datetime(2017, 10, 9, 10, 12)
    assert type(e.date_registered) is datetime
    assert e.receipt_number == 1001007.005 and type(e.receipt_number) is float
    assert e.has_active_membership is False
    assert e.trial_class_date is None and e.withdraw_date is None
    assert e.total_fee == 99.99 and e.total_due == 0.0 and type(e.total_due) is float
    assert e.quantity == 2
    assert e.payers is not None and [type(p) for p in e.payers] == [ActivityPayer]
    assert e.payers[0].payer_customer_id == 1245 and e.payers[0].payer_company_name is None


def test_get_activity_expanded_detail() -> None:
    recs = records("GetActivityExpandedDetail")
    assert len(recs) == 2 and all(type(r) is ActivityExpandedDetail for r in recs)
    x = recs[0]
    assert x.activity_id == 1 and recs[1].activity_id == 2
    assert x.date_registered == datetime(2025, 10, 16, 0, 38, 8)
    assert x.trial_class_date is None
    assert x.has_active_membership is False
    assert x.enrollment_status == "Enrolled"
    assert x.age == "20.3"
    assert x.home_phone == "9876543210" and x.residential_zip_code == "7539514"
    assert x.activity_patterns is not None and type(x.activity_patterns[0]) is ActivityPattern
    assert x.activity_patterns[0].ending_date == date(2025, 10, 17)
    assert x.activity_patterns[0].pattern_dates is not None
    assert x.activity_patterns[0].pattern_dates[0].pattern_date == "Sunday,01:00 AM,1h"
    assert x.families is not None and [type(f) for f in x.families] == [ActivityFamily]
    assert x.families[0].family_id == 7410
    assert x.families[0].head_of_household == "head of household full name"
    assert x.families[0].head_of_household_customer_id == 1234
    assert x.payers is not None and type(x.payers[0]) is ActivityPayer
    assert x.question_answers is not None
    [q] = x.question_answers
    assert type(q) is ActivityQuestionAnswer
    assert q.question_id == 123 and q.time_stamp == datetime(2025, 10, 16, 0, 38, 8)


def test_get_activity_dates() -> None:
    [d] = records("GetActivityDates")
    assert type(d) is ActivityDate
    assert d.activity_date_id == 1 and d.activity_center_id == 2
    assert d.activity_facility_name == "Gymnasium"
    assert d.start_date_time == datetime(2025, 10, 16, 8, 0)
    assert d.end_date_time == datetime(2025, 10, 16, 10, 0)
    assert type(d.end_date_time) is datetime
    assert d.available_spots == 10 and type(d.available_spots) is int


def test_activity_date_unlimited_spots_is_none() -> None:
    body = json.loads(example("GetActivityDates"))
    body["body"][0]["available_spots"] = ""
    [d], warned = decode("GetActivityDates", json.dumps(body).encode())
    assert d.available_spots is None and not warned


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_envelope_decodes_with_warnings_only_for_placeholders(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        envelope: Any = SystemEnvelope  # parametrized at run time
        env = msgspec.json.decode(example(name), type=envelope[RECORDS[name]], strict=False)
    warned = {m.group(1) for w in caught if issubclass(w.category, LenientValueWarning)
              if (m := _WARNED.search(str(w.message)))}
    assert warned == PLACEHOLDERS.get(name, set())
    assert env.headers is not None and env.headers.response_code == "0000"
    assert env.body and all(type(r) is RECORDS[name] for r in env.body)
