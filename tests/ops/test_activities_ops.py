"""Activity operations: each documented example decodes through its method, arguments go out in
the documented wire format, documented constraints are enforced before any request, and capped
id lists are split and merged."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, LenientValueWarning, Pager, RequestValidationError
from activenet_async._operations.system.activities import ActivityStatus, EnrollmentStatus, GenderId
from activenet_async.records.activities import (
    Activity,
    ActivityCategory,
    ActivityDate,
    ActivityDetail,
    ActivityFee,
    ActivityOtherCategory,
    ActivityType,
)
from activenet_async.records.activity_enrollments import (
    ActivityEnrollment,
    ActivityExpandedDetail,
)
from activenet_async.records.general import Skill

from ..conftest import example, sent, serve


def query(url: str) -> dict[str, str]:
    """The query parameters of a sent URL (one value each), without the signature."""
    q = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
    for k in ("api_key", "sig"):
        q.pop(k, None)
    return q


def page_info(kwargs: dict[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = json.loads(kwargs["headers"]["page_info"])
    return info


def no_lenient() -> warnings.catch_warnings[list[warnings.WarningMessage]]:
    return warnings.catch_warnings(record=True)


# ---- GetActivities -----------------------------------------------------------------------

async def test_get_activities_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities", example("GetActivities"))
    with pytest.warns(LenientValueWarning, match="show_on_member_app"):
        rows = await anet.get_activities().collect()
    assert [type(r) for r in rows] == [Activity, Activity]
    a, b = rows
    assert (a.activity_id, b.activity_id) == (1, 2)
    assert a.activity_name == "name 1" and a.activity_number == "100"
    assert a.modified_date_time == datetime(2025, 10, 16, 0, 38, 7)
    assert a.default_beginning_date == date(2025, 10, 16)
    assert a.default_ending_date == date(2025, 10, 17)
    assert a.activity_status_id == 1 and a.activity_status == "Open"
    assert a.gender_id == 1 and a.gender == "Coed"
    assert a.age_max_week == 1234 and a.enroll_max == 1
    assert a.show_on_member_app is None  # "mock showOnMemberApp data"


async def test_get_activities_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities", example("GetActivities"))
    with pytest.warns(LenientValueWarning):
        rows = await anet.get_activities(
            activity_name="name", activity_number="1234", activity_type_id=1,
            parent_season_id=123, activity_status_id=ActivityStatus.OPEN, category_id=0,
            other_category_id=0, site_ids=[15, 26, 37], center_ids=(30, 26, 53),
            days_of_week="1100101", first_date_range_from=date(2011, 5, 20),
            first_date_range_to=date(2017, 5, 20), last_date_range_from=date(2011, 5, 20),
            last_date_range_to=date(2017, 5, 20),
            modified_date_from=datetime(2011, 5, 20, 0, 0),
            modified_date_to=datetime(2017, 5, 20, 23, 59), gender=GenderId.MIXED,
            age_from=0, age_to=0, skill_id=0, show_on_member_app=True, page_size=30,
        ).collect()
    assert len(rows) == 2
    (method, url, kwargs), = sent(mocked)
    assert method == "GET" and "/anet-systemapi-sec/orgtest/api/v1/activities?" in url
    # the documented request example, parameter for parameter
    assert query(url) == {
        "activity_name": "name", "activity_number": "1234", "activity_type_id": "1",
        "parent_season_id": "123", "activity_status_id": "0", "category_id": "0",
        "other_category_id": "0", "site_ids": "15,26,37", "center_ids": "30,26,53",
        "days_of_week": "1100101", "first_date_range_from": "2011-05-20",
        "first_date_range_to": "2017-05-20", "last_date_range_from": "2011-05-20",
        "last_date_range_to": "2017-05-20", "modified_date_from": "2011-05-20 00:00",
        "modified_date_to": "2017-05-20 23:59", "gender": "0", "age_from": "0", "age_to": "0",
        "skill_id": "0", "show_on_member_app": "Y"}
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 30}


async def test_get_activities_default_page_size_and_plain_values(
        anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities", example("GetActivities"))
    with pytest.warns(LenientValueWarning):
        await anet.get_activities(activity_status_id=5,  # type: ignore[arg-type]
                                  gender=21,  # an org-configured gender id
                                  show_on_member_app=False).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["activity_status_id"] == "5" and q["gender"] == "21"
    assert q["show_on_member_app"] == "N"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


async def test_get_activities_splits_site_ids(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities", example("GetActivities"))
    pager = anet.get_activities(site_ids=range(1, 13))
    assert isinstance(pager, Pager) and len(pager.slices) == 3
    with pytest.warns(LenientValueWarning):
        rows = await pager.collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = [query(url)["site_ids"].split(",") for _, url, _ in calls]
    assert all(len(c) <= 5 for c in chunks)
    assert sorted(int(i) for c in chunks for i in c) == list(range(1, 13))
    assert len(rows) == 6 and all(isinstance(r, Activity) for r in rows)


async def test_get_activities_splits_center_ids_with_site_ids(
        anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities", example("GetActivities"))
    with pytest.warns(LenientValueWarning):
        rows = await anet.get_activities(site_ids=[1, 2, 3, 4, 5, 6],
                                         center_ids=[7, 8, 9, 10, 11, 12, 13]).collect()
    calls = sent(mocked)
    assert len(calls) == 4  # 2 site chunks x 2 center chunks
    combos = set()
    for _, url, _ in calls:
        q = query(url)
        sites, centers = q["site_ids"].split(","), q["center_ids"].split(",")
        assert len(sites) <= 5 and len(centers) <= 5
        combos.add((q["site_ids"], q["center_ids"]))
    assert len(combos) == 4
    assert len(rows) == 8


@pytest.mark.parametrize("kwargs", [
    {"first_date_range_from": date(2020, 2, 1), "first_date_range_to": date(2020, 1, 31)},
    {"last_date_range_from": date(2020, 2, 1), "last_date_range_to": date(2020, 1, 31)},
    {"modified_date_from": datetime(2020, 1, 1, 10, 0),
     "modified_date_to": datetime(2020, 1, 1, 9, 59)},
    {"days_of_week": "0101"},                        # not 7 characters
    {"days_of_week": "0101002"},                     # not 0/1
    {"days_of_week": 101000},                        # not a string
    {"age_from": 10, "age_to": 5},                   # reversed age range
    {"activity_type_id": 0},                         # ids are positive
    {"parent_season_id": -1},
    {"activity_status_id": 7},                       # not a documented status
    {"activity_status_id": [0, 1]},                  # only one status
    {"activity_type_id": "1"},                       # not an int
    {"gender": "Mixed"},                             # an id, not a label
    {"site_ids": "1,2"},                             # a bare string, not a list
    {"site_ids": []},                                # empty list
    {"center_ids": [1, None]},                       # not ids
    {"first_date_range_from": "2020-01-01"},         # not a date
    {"modified_date_from": datetime(2020, 1, 1, tzinfo=UTC)},  # offsets not taken
    {"modified_date_from": datetime(2020, 1, 1, tzinfo=UTC),
     "modified_date_to": date(2020, 1, 2)},
    {"show_on_member_app": "Y"},                     # a bool, not the wire value
    {"page_size": 501},                              # above the documented 500
    {"page_size": 0},
])
async def test_get_activities_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                kwargs: dict[str, Any]) -> None:
    with pytest.raises(RequestValidationError):
        anet.get_activities(**kwargs)
    assert sent(mocked) == []


async def test_get_activities_unknown_keyword_is_type_error(anet: ActiveNet,
                                                            mocked: aioresponses) -> None:
    with pytest.raises(TypeError):
        anet.get_activities(site_id=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        anet.get_activities(page_info="{}")  # type: ignore[call-arg]
    assert sent(mocked) == []


# ---- GetActivityDetail -------------------------------------------------------------------

async def test_get_activity_detail_decodes_example(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities/1", example("GetActivityDetail"))
    with pytest.warns(LenientValueWarning) as record:
        d = await anet.get_activity_detail(1)
    flagged = {str(w.message).split(" = ")[0] for w in record}
    assert flagged == {"GetActivityDetail: ActivityDetail.show_on_member_app",
                       "GetActivityDetail: ActivityDetail.allow_dropin"}
    assert isinstance(d, ActivityDetail)
    assert d.activity_id == 1 and d.activity_name == "activity 1"
    assert d.tax_receipt_eligibility is True and d.no_internet_reg is True
    assert d.open_spaces == 100 and d.open_spaces_online == 80
    assert d.age_calc_date == date(2025, 10, 16)
    assert d.default_ending_date == date(2025, 10, 17)
    assert d.dropin_fee_charge_amount == 1234.0
    assert d.allow_dropin is None and d.show_on_member_app is None
    (pattern,) = d.activity_patterns or []
    assert pattern.beginning_date == date(2025, 10, 16)
    assert pattern.pattern_facilities and pattern.pattern_facilities[0].facility_id == 1
    assert pattern.preparation_code and pattern.preparation_code.setup_time == 1
    assert d.priority_enrollment_datetimes is not None
    assert d.priority_enrollment_datetimes.last_daytime_internet == datetime(2025, 10, 16, 0,
                                                                             38, 3)
    assert d.skills and isinstance(d.skills[0], Skill) and d.skills[0].skill_id == 1
    assert d.organization and d.organization.zip == "12345"
    (rec,) = d.activity_recurrences or []
    assert rec.activityExclusions
    assert rec.activityExclusions[0].exclusion_end_date == date(2025, 10, 16)
    assert d.prerequisites_membership and d.prerequisites_membership[0].package_id == 1
    (_, url, kwargs), = sent(mocked)
    assert urlsplit(url).path.endswith("/api/v1/activities/1")
    assert "page_info" not in (kwargs.get("headers") or {})


@pytest.mark.parametrize(("args", "kwargs", "error"), [
    ((), {}, TypeError),                            # activity_id is mandatory
    ((), {"activity_id": 1}, TypeError),            # positional only
    ((0,), {}, RequestValidationError),             # ids are positive
    (("1",), {}, RequestValidationError),           # not an int
    ((1,), {"raw_mode": True}, TypeError),          # unknown keyword
])
async def test_get_activity_detail_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                     args: tuple[Any, ...],
                                                     kwargs: dict[str, Any],
                                                     error: type[Exception]) -> None:
    with pytest.raises(error):
        await anet.get_activity_detail(*args, **kwargs)
    assert sent(mocked) == []


# ---- GetActivityCategories / GetActivityOtherCategories / GetActivityTypes ---------------

async def test_get_activity_categories_decodes_example(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activitycategories", example("GetActivityCategories"))
    with pytest.warns(LenientValueWarning, match="show_on_member_app"):
        rows = await anet.get_activity_categories(show_on_member_app=True).collect()
    assert [type(r) for r in rows] == [ActivityCategory, ActivityCategory]
    assert [r.category_id for r in rows] == [1, 2]
    assert rows[0].activity_category_name == "activity category 1"
    assert rows[0].link_interest_list is True and rows[0].hide_on_internet is True
    assert rows[0].show_on_member_app is None
    (_, url, kwargs), = sent(mocked)
    assert query(url) == {"show_on_member_app": "Y"}
    assert "page_info" not in (kwargs.get("headers") or {})


async def test_get_activity_other_categories_decodes_example(anet: ActiveNet,
                                                             mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityothercategories", example("GetActivityOtherCategories"))
    with no_lenient() as caught:
        warnings.simplefilter("always")
        rows = await anet.get_activity_other_categories().collect()
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert [type(r) for r in rows] == [ActivityOtherCategory, ActivityOtherCategory]
    assert [r.other_category_id for r in rows] == [1, 2]
    assert rows[0].other_category_name == "other category 1"
    assert rows[1].link_interest_list is True and rows[1].hide_on_internet is True
    (_, url, _), = sent(mocked)
    assert query(url) == {}


async def test_get_activity_types_decodes_example(anet: ActiveNet,
                                                  mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activitytypes", example("GetActivityTypes"))
    with pytest.warns(LenientValueWarning, match="show_on_member_app"):
        rows = await anet.get_activity_types(show_on_member_app=False).collect()
    assert [type(r) for r in rows] == [ActivityType, ActivityType]
    assert [r.activity_type_id for r in rows] == [1, 2]
    assert rows[0].activity_type_name == "activityType1"
    assert rows[0].prevent_further_use is True and rows[0].show_on_member_app is None
    (_, url, _), = sent(mocked)
    assert query(url) == {"show_on_member_app": "N"}


@pytest.mark.parametrize("method", ["get_activity_categories", "get_activity_types"])
@pytest.mark.parametrize(("kwargs", "error"), [
    ({"show_on_member_app": "Y"}, RequestValidationError),   # a bool, not the wire value
    ({"show_on_member_app": 1}, RequestValidationError),
    ({"page_size": 10}, TypeError),                          # not paged
])
async def test_reference_lists_reject_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                method: str, kwargs: dict[str, Any],
                                                error: type[Exception]) -> None:
    with pytest.raises(error):
        getattr(anet, method)(**kwargs)
    assert sent(mocked) == []


async def test_get_activity_other_categories_takes_no_arguments(
        anet: ActiveNet, mocked: aioresponses) -> None:
    with pytest.raises(TypeError):
        anet.get_activity_other_categories(show_on_member_app=True)  # type: ignore[call-arg]
    assert sent(mocked) == []


# ---- GetActivityFees ---------------------------------------------------------------------

async def test_get_activity_fees_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activities/7/fees", example("GetActivityFees"))
    with no_lenient() as caught:
        warnings.simplefilter("always")
        fee = await anet.get_activity_fees(7)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert isinstance(fee, ActivityFee)
    (charge,) = fee.normal_charges or []
    assert charge.charge_name == "Test Charge Name" and charge.discount_order == 5
    assert charge.primary_fee is False
    assert charge.default_amount == 20.0 and charge.default_percentage == 30.0
    assert charge.regional_pricings and charge.regional_pricings[0].charge_amount == 10.0
    assert charge.gl_accounts and charge.gl_accounts[0].gl_account_number == "gl account number"
    assert charge.scheduled_fees
    assert charge.scheduled_fees[0].effective_date == date(2025, 10, 16)
    assert charge.activation_date == date(2025, 10, 16)
    (disc,) = fee.global_discounts or []
    assert disc.global_discount_group_number == 10 and disc.global_discount_retired is True
    (sur,) = fee.global_surcharges or []
    assert sur.global_surcharge_amount == 25.0 and sur.global_surcharge_retired is True
    (_, url, _), = sent(mocked)
    assert urlsplit(url).path.endswith("/api/v1/activities/7/fees")


@pytest.mark.parametrize(("args", "kwargs", "error"), [
    ((), {}, TypeError),
    ((), {"activity_id": 7}, TypeError),
    ((-3,), {}, RequestValidationError),
    ((7.0,), {}, RequestValidationError),
])
async def test_get_activity_fees_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                   args: tuple[Any, ...], kwargs: dict[str, Any],
                                                   error: type[Exception]) -> None:
    with pytest.raises(error):
        await anet.get_activity_fees(*args, **kwargs)
    assert sent(mocked) == []


# ---- GetActivityEnrollment ---------------------------------------------------------------

async def test_get_activity_enrollment_decodes_example(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityenrollment", example("GetActivityEnrollment"))
    with no_lenient() as caught:
        warnings.simplefilter("always")
        rows = await anet.get_activity_enrollment(activity_id=1).collect()
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    (e,) = rows
    assert isinstance(e, ActivityEnrollment)
    assert e.activity_id == 1 and e.customer_id == 1245 and e.quantity == 2
    assert e.enrollment_status is None and e.has_active_membership is False
    assert e.receipt_number == 1001007.005
    assert e.total_fee == 99.99 and e.total_due == 0.0
    assert e.customer_date_modified == datetime(2016, 10, 9, 10, 12)
    assert e.date_registered == datetime(2017, 10, 9, 10, 12)
    assert e.withdraw_date is None
    assert e.payers and e.payers[0].payer_customer_id == 1245
    assert e.payers[0].payer_company_name is None


async def test_get_activity_enrollment_wire_format(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityenrollment", example("GetActivityEnrollment"))
    await anet.get_activity_enrollment(
        activity_id=1, customer_ids=[1, 2], enrollment_status=EnrollmentStatus.ENROLLED,
        date_after=datetime(2017, 12, 20, 0, 0), page_size=30).collect()
    (_, url, kwargs), = sent(mocked)
    # the documented request example
    assert query(url) == {"activity_id": "1", "customer_ids": "1,2", "enrollment_status": "1",
                          "date_after": "2017-12-20 00:00"}
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 30}


async def test_get_activity_enrollment_customer_ids_alone(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityenrollment", example("GetActivityEnrollment"))
    rows = await anet.get_activity_enrollment(customer_ids=["1245"],
                                              enrollment_status=6,  # type: ignore[arg-type]
                                              date_after=date(2024, 1, 2)).collect()
    assert len(rows) == 1
    (_, url, kwargs), = sent(mocked)
    # "HH:MM is optional": a plain date goes out as a date
    assert query(url) == {"customer_ids": "1245", "enrollment_status": "6",
                          "date_after": "2024-01-02"}
    assert page_info(kwargs)["total_records_per_page"] == 500


async def test_get_activity_enrollment_splits_customer_ids(anet: ActiveNet,
                                                           mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityenrollment", example("GetActivityEnrollment"))
    rows = await anet.get_activity_enrollment(activity_id=1,
                                              customer_ids=range(1, 251)).collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = [query(url)["customer_ids"].split(",") for _, url, _ in calls]
    assert [len(c) for c in chunks] == [100, 100, 50]
    assert sorted(int(i) for c in chunks for i in c) == list(range(1, 251))
    assert all(query(url)["activity_id"] == "1" for _, url, _ in calls)
    assert len(rows) == 3 and all(isinstance(r, ActivityEnrollment) for r in rows)


@pytest.mark.parametrize("kwargs", [
    {},                                              # activity_id or customer_ids
    {"enrollment_status": 1},                        # ... still neither
    {"date_after": datetime(2020, 1, 1)},
    {"activity_id": 0},                              # ids are positive
    {"activity_id": "1"},
    {"activity_id": 1, "enrollment_status": 0},      # not a documented status
    {"activity_id": 1, "enrollment_status": 7},
    {"activity_id": 1, "enrollment_status": [1, 2]},  # only one status
    {"activity_id": 1, "date_after": "2020-01-01 00:00"},  # not a date
    {"customer_ids": 1245},                          # not a list
    {"customer_ids": []},
    {"activity_id": 1, "page_size": 501},
])
async def test_get_activity_enrollment_rejects_bad_input(anet: ActiveNet,
                                                         mocked: aioresponses,
                                                         kwargs: dict[str, Any]) -> None:
    with pytest.raises(RequestValidationError):
        anet.get_activity_enrollment(**kwargs)
    assert sent(mocked) == []


# ---- GetActivityExpandedDetail -----------------------------------------------------------

async def test_get_activity_expanded_detail_decodes_example(anet: ActiveNet,
                                                            mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityexpandeddetail", example("GetActivityExpandedDetail"))
    with no_lenient() as caught:
        warnings.simplefilter("always")
        rows = await anet.get_activity_expanded_detail(activity_ids=[1, 2]).collect()
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert [type(r) for r in rows] == [ActivityExpandedDetail, ActivityExpandedDetail]
    a = rows[0]
    assert [r.activity_id for r in rows] == [1, 2]
    assert a.enrollment_status == "Enrolled" and a.has_active_membership is False
    assert a.date_registered == datetime(2025, 10, 16, 0, 38, 8)
    assert a.age == "20.3" and a.mobile_carrier is None
    (pattern,) = a.activity_patterns or []
    assert pattern.ending_date == date(2025, 10, 17)
    assert pattern.pattern_dates and pattern.pattern_dates[0].pattern_date == \
        "Sunday,01:00 AM,1h"
    (fam,) = a.families or []
    assert fam.family_id == 7410 and fam.head_of_household_customer_id == 1234
    assert fam.head_of_household == "head of household full name"
    assert a.payers and a.payers[0].payer_customer_id == 1245
    (qa,) = a.question_answers or []
    assert qa.question_id == 123 and qa.time_stamp == datetime(2025, 10, 16, 0, 38, 8)


async def test_get_activity_expanded_detail_wire_format(anet: ActiveNet,
                                                        mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityexpandeddetail", example("GetActivityExpandedDetail"))
    await anet.get_activity_expanded_detail(
        activity_ids=(1, 2), enrollment_status=EnrollmentStatus.ENROLLED,
        date_after=datetime(2018, 12, 20, 0, 0), page_size=30).collect()
    (_, url, kwargs), = sent(mocked)
    assert query(url) == {"activity_ids": "1,2", "enrollment_status": "1",
                          "date_after": "2018-12-20 00:00"}
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 30}


async def test_get_activity_expanded_detail_sends_long_lists_whole(
        anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activityexpandeddetail", example("GetActivityExpandedDetail"))
    await anet.get_activity_expanded_detail(activity_ids=range(1, 301)).collect()
    (_, url, _), = sent(mocked)  # no documented cap: one request
    assert len(query(url)["activity_ids"].split(",")) == 300


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, TypeError),                                          # activity_ids is mandatory
    ({"enrollment_status": 1}, TypeError),
    ({"activity_ids": 1}, RequestValidationError),            # not a list
    ({"activity_ids": "1,2"}, RequestValidationError),
    ({"activity_ids": []}, RequestValidationError),
    ({"activity_ids": [1], "enrollment_status": 9}, RequestValidationError),
    ({"activity_ids": [1], "date_after": time(10, 0)}, RequestValidationError),
    ({"activity_ids": [1], "page_size": 501}, RequestValidationError),
    ({"activity_id": 1}, TypeError),                          # unknown keyword
])
async def test_get_activity_expanded_detail_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, kwargs: dict[str, Any],
        error: type[Exception]) -> None:
    with pytest.raises(error):
        anet.get_activity_expanded_detail(**kwargs)
    assert sent(mocked) == []


# ---- GetActivityDates --------------------------------------------------------------------

async def test_get_activity_dates_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/activitydates", example("GetActivityDates"))
    with no_lenient() as caught:
        warnings.simplefilter("always")
        rows = await anet.get_activity_dates(activity_id=1).collect()
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    (d,) = rows
    assert isinstance(d, ActivityDate)
    assert d.activity_id == 1 and d.activity_date_id == 1
    assert d.activity_facility_id == 1 and d.activity_facility_name == "Gymnasium"
    assert d.activity_center_id == 2
    assert d.start_date_time == datetime(2025, 10, 16, 8, 0)
    assert d.end_date_time == datetime(2025, 10, 16, 10, 0)
    assert d.available_spots == 10
    (_, url, kwargs), = sent(mocked)
    assert query(url) == {"activity_id": "1"}
    assert "page_info" not in (kwargs.get("headers") or {})


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, TypeError),                                 # activity_id is mandatory
    ({"activity_id": 0}, RequestValidationError),
    ({"activity_id": "1"}, RequestValidationError),
    ({"activity_id": 1, "page_size": 10}, TypeError),  # not paged
])
async def test_get_activity_dates_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                    kwargs: dict[str, Any],
                                                    error: type[Exception]) -> None:
    with pytest.raises(error):
        anet.get_activity_dates(**kwargs)
    assert sent(mocked) == []
