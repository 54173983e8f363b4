"""Membership operations: each documented example decodes through its method, every documented
constraint is caught before any request, and the wire format is the documented one."""

from __future__ import annotations

import json
import warnings
from datetime import date, datetime, time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, LenientValueWarning, RequestValidationError
from activenet_async._operations.system.memberships import GenderId, PackageStatus
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

from ..conftest import example, sent, serve


def query(url: str) -> dict[str, str]:
    """The decoded query parameters of a sent URL (one value each)."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def page_info(kwargs: dict[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = json.loads(kwargs["headers"]["page_info"])
    return info


def no_lenient(caught: list[warnings.WarningMessage]) -> bool:
    return not [w for w in caught if issubclass(w.category, LenientValueWarning)]


# ---- GetMembershipPackages -----------------------------------------------------------------

async def test_get_membership_packages_decodes_example(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages", example("GetMembershipPackages"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = await anet.get_membership_packages().collect()
    assert no_lenient(caught)
    assert len(rows) == 2 and all(isinstance(r, MembershipPackage) for r in rows)
    first = rows[0]
    assert first.package_name == "Membership 1" and first.package_id == 1
    assert rows[1].package_id == 2
    assert first.modified_date_time == datetime(2025, 10, 16, 0, 41, 44)
    assert first.package_start_date == date(2025, 10, 16)
    assert first.eligibility_percentage is True and first.hide_on_internet is True
    assert first.max_uses_per_week == 1 and first.family_member_count_max == 1
    assert first.package_gender == "Coed" and first.residency_type == "Both"
    assert first.force_expiration_date == "mock forceExpirationDate data"


async def test_get_membership_packages_wire_format(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages", example("GetMembershipPackages"))
    await anet.get_membership_packages(
        package_name="test", package_status_id=PackageStatus.OPEN,
        modified_date_from=date(2011, 5, 20), modified_date_to=datetime(2017, 5, 20, 23, 59),
        site_ids=[1, 2, 3, 12], package_category_id=0, gender=GenderId.NON_BINARY,
        age_from=-1, age_to=-1, order_by="package_name", order_option="DESC",
        page_size=30).collect()
    (method, url, kwargs), = sent(mocked)
    assert method == "GET" and "/anet-systemapi-sec/orgtest/api/v1/membershippackages" in url
    assert query(url) == {
        "package_name": "test", "package_status_id": "0",
        "modified_date_from": "2011-05-20", "modified_date_to": "2017-05-20 23:59",
        "site_ids": "1,2,3,12", "package_category_id": "0", "gender": "13",
        "age_from": "-1", "age_to": "-1", "api_key": "k3y", "sig": query(url)["sig"]}
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 30,
                                 "order_by": "package_name", "order_option": "DESC"}


async def test_get_membership_packages_default_page_size_is_200(anet: ActiveNet,
                                                                mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages", example("GetMembershipPackages"))
    await anet.get_membership_packages(gender=99).collect()  # configured genders: any int
    (_, url, kwargs), = sent(mocked)
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 200}
    assert query(url)["gender"] == "99"


async def test_get_membership_packages_splits_site_ids(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages", example("GetMembershipPackages"))
    rows = await anet.get_membership_packages(site_ids=range(1, 13)).collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = sorted(query(url)["site_ids"].split(",") for _, url, _ in calls)
    assert all(len(c) <= 5 for c in chunks)
    assert sorted(int(i) for c in chunks for i in c) == list(range(1, 13))
    assert len(rows) == 6 and all(isinstance(r, MembershipPackage) for r in rows)


@pytest.mark.parametrize("kwargs", [
    {"modified_date_from": datetime(2017, 5, 21), "modified_date_to": datetime(2017, 5, 20)},
    {"modified_date_from": "2011-05-20 00:00"},     # not a date
    {"package_status_id": 2},                       # 0-Open, 1-Closed only
    {"site_ids": "1,2,3"},                          # a bare string, not a list
    {"site_ids": []},                               # empty list
    {"gender": "0"},                                # not an int
    {"age_from": 10, "age_to": 5},                  # reversed age range
    {"order_by": "package_id"},                     # not a documented sort option
    {"order_option": "down"},
    {"page_size": 201},                             # above the maximum
    {"page_size": 0},
    {"package_id": 1},                              # unknown keyword
])
async def test_get_membership_packages_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                         kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_membership_packages(**kwargs)
    assert sent(mocked) == []


async def test_get_membership_packages_open_ended_age_bound(anet: ActiveNet,
                                                            mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages", example("GetMembershipPackages"))
    await anet.get_membership_packages(age_from=18, age_to=-1).collect()
    assert len(sent(mocked)) == 1


# ---- GetMemberships ------------------------------------------------------------------------

async def test_get_memberships_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/memberships", example("GetMemberships"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = await anet.get_memberships(customer_id=1).collect()
    assert no_lenient(caught)
    m, = rows
    assert isinstance(m, Membership)
    assert m.customer_id == 1 and m.package_id == 1 and m.membership_id == 0
    assert m.automatic_renewal is False and m.family_package is False
    assert m.scheduled_cancellation is None and m.customer_since_date is None
    assert m.modified_date_time == datetime(2016, 10, 10, 11, 11, 11)
    assert m.package_status_id == 0 and m.total_number_of_uses is None
    assert m.renew_url is None and m.pass_holders is None


async def test_get_memberships_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/memberships", example("GetMemberships"))
    await anet.get_memberships(package_id=7, modified_date_from=datetime(2015, 1, 1, 0, 0),
                               modified_date_to=datetime(2017, 12, 12, 23, 59),
                               package_status_id=PackageStatus.CLOSED,
                               active_memberships_only=True,
                               encode_customer_id="ankwWDRtYm5QU2MvbU01K1BnNGM4Zz09").collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["package_id"] == "7" and q["package_status_id"] == "1"
    assert q["active_memberships_only"] == "Y"
    assert q["modified_date_from"] == "2015-01-01 00:00"
    assert q["modified_date_to"] == "2017-12-12 23:59"
    assert q["encode_customer_id"] == "ankwWDRtYm5QU2MvbU01K1BnNGM4Zz09"
    assert "customer_id" not in q
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 200}


@pytest.mark.parametrize("kwargs", [
    {"customer_id": 0},                             # ids are positive
    {"package_id": -1},
    {"customer_id": "1"},
    {"customer_id": 1, "encode_customer_id": "abc"},  # encoded id ignored with customer_id
    {"modified_date_from": date(2017, 2, 1), "modified_date_to": date(2017, 1, 31)},
    {"active_memberships_only": "Y"},               # a bool, not the wire string
    {"package_status_id": 3},
    {"page_size": 201},
    {"order_by": "membership_id"},                  # not sortable: unknown keyword
])
async def test_get_memberships_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                 kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_memberships(**kwargs)
    assert sent(mocked) == []


async def test_get_memberships_encode_customer_id_conflict_names_it(anet: ActiveNet) -> None:
    with pytest.raises(RequestValidationError) as info:
        anet.get_memberships(customer_id=1, encode_customer_id="abc")
    assert info.value.argument == "encode_customer_id"


# ---- GetMembershipPackageCategories --------------------------------------------------------

async def test_get_membership_package_categories_decodes_example(
        anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackagecategories",
          example("GetMembershipPackageCategories"))
    cat, = await anet.get_membership_package_categories().collect()
    assert isinstance(cat, MembershipPackageCategory)
    assert cat.category_id == 0 and cat.category_name is None
    assert cat.retention_eligible is False and cat.qualify_commission is False
    (_, url, kwargs), = sent(mocked)
    assert url.split("?")[0].endswith("/api/v1/membershippackagecategories")
    assert "page_info" not in (kwargs.get("headers") or {})  # not paged


async def test_get_membership_package_categories_takes_no_arguments(anet: ActiveNet) -> None:
    with pytest.raises(TypeError):
        anet.get_membership_package_categories(category_id=1)  # type: ignore[call-arg]


# ---- GetMembershipUsages -------------------------------------------------------------------

async def test_get_membership_usages_decodes_example(anet: ActiveNet,
                                                     mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershipusages", example("GetMembershipUsages"))
    u, = await anet.get_membership_usages(usage_date=date(2017, 7, 1)).collect()
    assert isinstance(u, MembershipUsage)
    assert u.customer_id == 1 and u.package_id == 1001 and u.qty == 1
    assert u.checkin_date == date(2017, 7, 1) and u.checkout_date == date(2017, 7, 1)
    assert u.checkin_time == "10:30" and u.checkout_time == "12:30"
    assert u.check_in_entry_point_id == 11 and u.check_out_entry_point_id == 12
    assert u.alternate_key_id == "K0001" and u.checkin_day_of == "Saturday"


async def test_get_membership_usages_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershipusages", example("GetMembershipUsages"))
    await anet.get_membership_usages(usage_date=datetime(2017, 7, 1, 15, 0), customer_id=7100,
                                     alternate_key_type="KeyType1", entry_point_id=11,
                                     entry_point="EntryPoint01", from_daily_time=time(8, 0),
                                     to_daily_time="17:30").collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["usage_date"] == "2017-07-01" and q["customer_id"] == "7100"
    assert q["from_daily_time"] == "08:00" and q["to_daily_time"] == "17:30"
    assert q["entry_point_id"] == "11" and q["alternate_key_type"] == "KeyType1"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


@pytest.mark.parametrize("kwargs", [
    {},                                             # usage_date is mandatory
    {"customer_id": 7100},
    {"usage_date": "2017-07-01"},                   # not a date
    {"usage_date": date(2017, 7, 1), "customer_id": 0},
    {"usage_date": date(2017, 7, 1), "package_id": 0},
    {"usage_date": date(2017, 7, 1), "entry_point_id": -3},
    {"usage_date": date(2017, 7, 1), "from_daily_time": "8:00"},      # not HH:MM
    {"usage_date": date(2017, 7, 1), "to_daily_time": "25:00"},
    {"usage_date": date(2017, 7, 1), "from_daily_time": "18:00", "to_daily_time": "08:00"},
    {"usage_date": date(2017, 7, 1), "from_daily_time": time(18, 0),
     "to_daily_time": time(8, 0)},
    {"usage_date": date(2017, 7, 1), "page_size": 501},
    {"usage_date": date(2017, 7, 1), "order_by": "checkin_date"},    # not sortable
])
async def test_get_membership_usages_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                       kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_membership_usages(**kwargs)
    assert sent(mocked) == []


async def test_get_membership_usages_malformed_time_reports_format(anet: ActiveNet) -> None:
    with pytest.raises(RequestValidationError) as info:
        anet.get_membership_usages(usage_date=date(2017, 7, 1), from_daily_time="9:30",
                                   to_daily_time="10:00")
    assert info.value.argument == "from_daily_time"


# ---- GetMembershipPackageFees --------------------------------------------------------------

async def test_get_membership_package_fees_returns_one_record(anet: ActiveNet,
                                                              mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/membershippackages/1/fees", example("GetMembershipPackageFees"))
    fee = await anet.get_membership_package_fees(1)
    assert isinstance(fee, MembershipPackageFee)
    assert fee.package_fees is not None and fee.global_discounts is not None
    charge, = fee.package_fees
    assert isinstance(charge, MembershipPackageCharge)
    assert charge.prifill_condition == "Always" and charge.primary_fee is True
    assert charge.default_amount == 20.0 and isinstance(charge.default_amount, float)
    assert charge.discount_order == 5
    assert charge.activation_date == date(2025, 10, 16)
    assert charge.gl_accounts is not None and charge.scheduled_fees is not None
    gl, = charge.gl_accounts
    assert isinstance(gl, MembershipPackageGLAccount) and gl.gl_account_number == "8234 TX-8"
    sched, = charge.scheduled_fees
    assert isinstance(sched, MembershipPackageScheduledFee) and sched.charge_amount == 10.0
    assert sched.effective_date == date(2025, 10, 16)
    disc, = fee.global_discounts
    assert isinstance(disc, MembershipPackageGlobalDiscount)
    assert disc.global_discount_amount == -20.0 and disc.global_discount_retired is True
    (method, url, _), = sent(mocked)
    assert method == "GET"
    assert url.split("?")[0].endswith("/anet-systemapi-sec/orgtest/api/v1/membershippackages"
                                      "/1/fees")
    assert "package_id" not in query(url)


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),                                       # package_id is mandatory
    ((0,), {}),                                     # ids are positive
    (("1",), {}),                                   # not an int
    ((True,), {}),
    ((), {"package_id": 1}),                        # positional-only
    ((1,), {"page_size": 10}),                      # not paged
])
async def test_get_membership_package_fees_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_membership_package_fees(*args, **kwargs)
    assert sent(mocked) == []
