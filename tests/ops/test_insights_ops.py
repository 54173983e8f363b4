"""The eight Insights operations through their methods: each documented example decodes into
the right types, each documented constraint is refused before any request, and the wire
format follows the reference (camelCase names, comma lists, date formats)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, LenientValueWarning, RequestValidationError
from activenet_async.records.insights import (
    InsightsCustomer,
    InsightsFamily,
    InsightsMembership,
    InsightsMembershipAuditLog,
    InsightsMembershipStat,
    InsightsMembershipStatNR,
    InsightsMembershipVerification,
    InsightsPackage,
    InsightsPackageCategory,
)

from ..conftest import example, sent, serve

GW = "ANETGateway/rest/anet-insightsapi"


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def test_customers(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/customers", example("insights_customers"))
    rows = await anet.insights.get_customers(customer_id=9128, first_name="Ann").collect()
    c = rows[0]
    assert isinstance(c, InsightsCustomer) and c.customer_id == 9128
    assert isinstance(c.entrydate, datetime)
    assert c.families and isinstance(c.families[0], InsightsFamily)
    (_, url, _), = sent(mocked)
    q = query(url)
    assert q["customerId"] == "9128" and q["firstName"] == "Ann"
    assert q["page"] == "1" and q["pageSize"] == "500"
    assert f"{GW}/customers" in url


async def test_membership_stats(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/membershipStats", example("insights_membershipStats"))
    with pytest.warns(LenientValueWarning):  # the example's "XXXX" in a Yes/No flag
        pages = anet.insights.get_membership_stats(
            start_date=date(2016, 1, 1), end_date=date(2016, 1, 30), site_id=[1, 2, 3],
            package_category_id=[4, 5, 6], package_id=[8, 9, 10],
            statistics_category=["atEnd", "retained"]).pages()
        # The example claims 1000 filtered rows at 1 per page: its first page is the one to check.
        page = await anext(pages)
        await pages.aclose()
    rows = page.records
    assert page.total_records == 1000 and page.total_pages == 1000  # filteredRowCount
    assert rows and isinstance(rows[0], InsightsMembershipStat)
    _, url, _ = sent(mocked)[0]
    assert query(url) | {"api_key": "", "sig": ""} == {
        "startDate": "2016-01-01", "endDate": "2016-01-30", "siteId": "1,2,3",
        "packageCategoryId": "4,5,6", "packageId": "8,9,10",
        "statisticsCategory": "atEnd,retained", "page": "1", "pageSize": "500",
        "api_key": "", "sig": ""}


async def test_membership_stats_nr(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/membershipStatsNR", example("insights_membershipStatsNR"))
    rows = await anet.insights.get_membership_stats_nr(
        start_date=date(2019, 1, 1), end_date=date(2019, 1, 30),
        statistics_category="renewal").collect()
    assert rows and isinstance(rows[0], InsightsMembershipStatNR)
    assert all(isinstance(r.member_age, int | None) for r in rows)


async def test_package_categories_and_packages(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/packagecategories", example("insights_packagecategories"))
    serve(mocked, f"{GW}/packages", example("insights_packages"))
    cats = await anet.insights.get_package_categories(start_with="Sw").collect()
    assert cats and all(isinstance(c, InsightsPackageCategory) for c in cats)
    pkgs = await anet.insights.get_packages(site_id=[6], package_id=(1, 2)).collect()
    assert pkgs and isinstance(pkgs[0], InsightsPackage) and pkgs[0].siteId == 6
    urls = [u for _, u, _ in sent(mocked)]
    assert query(urls[0])["startWith"] == "Sw"
    assert query(urls[1])["siteId"] == "6" and query(urls[1])["packageId"] == "1,2"


async def test_memberships(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/memberships", example("insights_memberships"))
    rows = await anet.insights.get_memberships(
        modified_date_from=date(2018, 10, 1), modified_date_to=date(2018, 10, 30),
        package_id=[1]).collect()
    m = rows[0]
    assert isinstance(m, InsightsMembership) and m.customer_id == 7806
    assert isinstance(m.modified_date_time, datetime)
    (_, url, _), = sent(mocked)
    q = query(url)
    assert q["modified_date_from"] == "2018-10-01 00:00"
    assert q["modified_date_to"] == "2018-10-31 00:00"  # through 10-30 inclusive
    assert q["page_number"] == "1" and q["total_records_per_page"] == "32768"


async def test_membership_audit_log(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/membershipAuditLog", example("insights_membershipAuditLog"))
    pages = anet.insights.get_membership_audit_log(
        datestamp_from=date(2018, 10, 1), datestamp_to=datetime(2018, 10, 30, 12, 0)).pages()
    page = await anext(pages)  # the example says 9 pages; its first is the one to check
    await pages.aclose()
    rows = page.records
    assert page.total_pages == 9 and page.last_sync_date == "2019-06-13 08:15:05.147"
    assert rows and isinstance(rows[0], InsightsMembershipAuditLog)
    assert isinstance(rows[0].beg_datestamp, datetime)
    assert rows[0].beg_datestamp.microsecond == 373000
    _, url, _ = sent(mocked)[0]
    q = query(url)
    assert q["datestamp_from"] == "2018/10/01 00:00:00.000"
    assert q["datestamp_to"] == "2018/10/30 12:00:00.000"


async def test_verify_membership(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, f"{GW}/verifyMembership", example("insights_verifyMembership"))
    rows = await anet.insights.get_verify_membership(
        customer_email="a@b.c", retention_eligible_only=False,
        include_expired_memberships=True).collect()
    assert rows and all(isinstance(r, InsightsMembershipVerification) for r in rows)
    (_, url, _), = sent(mocked)
    q = query(url)
    assert q["retention_eligible_only"] == "0" and q["include_expired_memberships"] == "1"
    assert "sig" in q


BAD: list[tuple[str, dict[str, Any]]] = [
    ("get_membership_stats", {"end_date": date(2024, 1, 1)}),                 # start missing
    ("get_membership_stats", {"start_date": date(2024, 2, 1),
                              "end_date": date(2024, 1, 1)}),                 # reversed
    ("get_membership_stats", {"start_date": "2024-01-01",
                              "end_date": date(2024, 1, 1)}),                 # not a date
    ("get_membership_stats", {"start_date": date(2024, 1, 1), "end_date": date(2024, 1, 2),
                              "statistics_category": "renewal"}),            # NR only
    ("get_membership_stats_nr", {"start_date": date(2024, 1, 1),
                                 "end_date": date(2024, 1, 2),
                                 "statistics_category": ["retained"]}),      # retention only
    ("get_membership_stats_nr", {"start_date": date(2024, 1, 1),
                                 "end_date": date(2024, 1, 2),
                                 "statistics_category": ["reInstated"]}),
    ("get_memberships", {"modified_date_from": date(2024, 1, 1)}),           # to missing
    ("get_memberships", {"modified_date_from": date(2024, 3, 1),
                         "modified_date_to": date(2024, 1, 1)}),             # reversed
    ("get_memberships", {"modified_date_from": date(2024, 1, 1),
                         "modified_date_to": date(2024, 2, 1), "page_size": 32769}),
    ("get_memberships", {"modified_date_from": date(2024, 1, 1),
                         "modified_date_to": date(2024, 2, 1), "page_size": 0}),
    ("get_memberships", {"modified_date_from": date(2024, 1, 1),
                         "modified_date_to": date(2024, 2, 1), "package_id": "1,2"}),
    ("get_membership_audit_log", {"datestamp_from": date(2024, 3, 1),
                                  "datestamp_to": date(2024, 1, 1)}),
    ("get_membership_audit_log", {"datestamp_from": datetime(2024, 1, 1),
                                  "datestamp_to": "2024/02/01"}),
    ("get_verify_membership", {}),                                          # id or email
    ("get_verify_membership", {"customer_id": 5, "retention_eligible_only": 1}),
    ("get_customers", {"customer_id": 0}),
    ("get_customers", {"modified_date_from": date(2024, 3, 1),
                       "modified_date_to": date(2024, 1, 1)}),
    ("get_packages", {"site_id": []}),
    ("get_package_categories", {"package_category_id": [1, "2,3"]}),
    ("get_customers", {"nope": 1}),                                          # unknown keyword
]


@pytest.mark.parametrize(("method", "kwargs"), BAD)
async def test_constraints_refused_before_any_request(anet: ActiveNet, mocked: aioresponses,
                                                      method: str,
                                                      kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)) as info:
        getattr(anet.insights, method)(**kwargs)
    if "nope" in kwargs or not kwargs or (method == "get_membership_stats" and \
            "start_date" not in kwargs) or (method == "get_memberships" and \
            "modified_date_to" not in kwargs):
        pass  # a missing/unknown argument is a TypeError, as for any Python function
    else:
        assert isinstance(info.value, RequestValidationError)
        assert info.value.operation and info.value.operation.startswith("insights.")
    assert sent(mocked) == []
