"""Flex Registration operations: each documented example decodes through its method, every
documented constraint is caught before any request, and the wire format is the documented one."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, LenientValueWarning, RequestValidationError
from activenet_async._operations.system.flexreg import (
    EnrollmentStatus,
    ProgramStatus,
    ReservationUnit,
)
from activenet_async._operations.system.memberships import GenderId
from activenet_async.records.flexreg import (
    FlexRegEnrolledSession,
    FlexRegEnrollment,
    FlexRegExpandedDetail,
    FlexRegFamily,
    FlexRegGLAccount,
    FlexRegGlobalDiscount,
    FlexRegOrganization,
    FlexRegPayer,
    FlexRegPlace,
    FlexRegPrerequisiteMembership,
    FlexRegProgram,
    FlexRegProgramCharge,
    FlexRegProgramDate,
    FlexRegProgramDetail,
    FlexRegProgramFee,
    FlexRegProgramType,
    FlexRegQuestionAnswer,
    FlexRegSession,
)

from ..conftest import example, sent, serve


def query(url: str) -> dict[str, str]:
    """The decoded query parameters of a sent URL (one value each)."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def page_info(kwargs: dict[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = json.loads(kwargs["headers"]["page_info"])
    return info


def path(url: str) -> str:
    return urlsplit(url).path


# ---- GetFlexRegPrograms --------------------------------------------------------------------

async def test_get_flexreg_programs_decodes_example(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms", example("GetFlexRegPrograms"))
    with pytest.warns(LenientValueWarning, match="show_on_member_app"):
        rows = await anet.get_flexreg_programs().collect()
    assert len(rows) == 2 and all(isinstance(r, FlexRegProgram) for r in rows)
    p = rows[0]
    assert p.program_name == "program 1" and p.program_id == 1 and p.category_id == 1
    assert p.modified_date_time == datetime(2025, 10, 16, 0, 39, 46)
    assert p.reservation_unit == "Weekly" and p.gender == "Coed"
    assert p.age_min_year == 1 and p.age_max_week == 1
    assert p.show_on_member_app is None  # "mock showOnMemberApp data" is no flag


async def test_get_flexreg_programs_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms", example("GetFlexRegPrograms"))
    with pytest.warns(LenientValueWarning):
        await anet.get_flexreg_programs(
            program_name="name", program_number="1234", program_type_id=1,
            parent_season_id=123, program_status_id=ProgramStatus.ON_HOLD, category_id=0,
            other_category_id=0, reservation_unit=ReservationUnit.WEEKLY,
            site_ids=[15, 26, 37], center_ids=("30", "26", "53"), days_of_week="0101000",
            modified_date_from=date(2011, 5, 20),
            modified_date_to=datetime(2017, 5, 20, 23, 59), gender=GenderId.FEMALE,
            age_from=0, age_to=0, show_on_member_app=False, order_by="program_number",
            order_option="DESC").collect()
    (method, url, kwargs), = sent(mocked)
    assert method == "GET" and path(url).endswith("/anet-systemapi-sec/orgtest/api/v1/"
                                                  "flexregprograms")
    q = query(url)
    assert {k: q[k] for k in q if k not in ("api_key", "sig")} == {
        "program_name": "name", "program_number": "1234", "program_type_id": "1",
        "parent_season_id": "123", "program_status_id": "3", "category_id": "0",
        "other_category_id": "0", "reservation_unit": "2", "site_ids": "15,26,37",
        "center_ids": "30,26,53", "days_of_week": "0101000",
        "modified_date_from": "2011-05-20", "modified_date_to": "2017-05-20 23:59",
        "gender": "2", "age_from": "0", "age_to": "0", "show_on_member_app": "N"}
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500,
                                 "order_by": "program_number", "order_option": "DESC"}


async def test_get_flexreg_programs_splits_site_ids(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms", example("GetFlexRegPrograms"))
    with pytest.warns(LenientValueWarning):
        rows = await anet.get_flexreg_programs(site_ids=list(range(1, 13))).collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = [query(url)["site_ids"].split(",") for _, url, _ in calls]
    assert all(len(c) <= 5 for c in chunks)
    assert sorted(int(i) for c in chunks for i in c) == list(range(1, 13))
    assert len(rows) == 6 and all(isinstance(r, FlexRegProgram) for r in rows)


async def test_get_flexreg_programs_splits_center_ids(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms", example("GetFlexRegPrograms"))
    with pytest.warns(LenientValueWarning):
        rows = await anet.get_flexreg_programs(center_ids=range(100, 112)).collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = [query(url)["center_ids"].split(",") for _, url, _ in calls]
    assert all(len(c) <= 5 for c in chunks)
    assert sorted(int(i) for c in chunks for i in c) == list(range(100, 112))
    assert len(rows) == 6


async def test_get_flexreg_programs_splits_both_lists(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms", example("GetFlexRegPrograms"))
    with pytest.warns(LenientValueWarning):
        rows = await anet.get_flexreg_programs(site_ids=range(1, 7),
                                               center_ids=range(1, 8)).collect()
    calls = sent(mocked)
    assert len(calls) == 4  # 2 site chunks x 2 center chunks
    pairs = {(query(u)["site_ids"], query(u)["center_ids"]) for _, u, _ in calls}
    assert pairs == {(s, c) for s in ("1,2,3,4,5", "6") for c in ("1,2,3,4,5", "6,7")}
    assert len(rows) == 8


@pytest.mark.parametrize("kwargs", [
    {"days_of_week": "0101"},                       # 7 characters
    {"days_of_week": "0101002"},                    # of 0/1
    {"days_of_week": 101},
    {"modified_date_from": datetime(2017, 5, 21), "modified_date_to": datetime(2017, 5, 20)},
    {"program_status_id": 5},                       # 0..4
    {"reservation_unit": 7},                        # 0..4
    {"program_type_id": 0},                         # ids are positive
    {"parent_season_id": -1},
    {"age_from": 12, "age_to": 6},                  # reversed age range
    {"site_ids": "15,26"},                          # a bare string, not a list
    {"center_ids": [1, None]},
    {"show_on_member_app": "Y"},                    # a bool, not the wire string
    {"gender": 1.0},
    {"order_by": "program_id"},                     # not a documented sort option
    {"order_option": "asc"},
    {"page_size": 501},
    {"program_ids": [1]},                           # unknown keyword
])
async def test_get_flexreg_programs_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                      kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_flexreg_programs(**kwargs)
    assert sent(mocked) == []


# ---- GetFlexRegProgramDetail ---------------------------------------------------------------

async def test_get_flexreg_program_detail_returns_one_record(anet: ActiveNet,
                                                             mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms/1", example("GetFlexRegProgramDetail"))
    with pytest.warns(LenientValueWarning, match="show_on_member_app"):
        d = await anet.get_flexreg_program_detail(1)
    assert isinstance(d, FlexRegProgramDetail)
    assert d.program_id == 1 and d.program_number == "1234" and d.site_id == 1
    assert d.updated_date == datetime(2025, 10, 16, 0, 39, 43)
    assert d.first_date_on_internet == datetime(2025, 10, 16, 0, 39, 43)
    assert d.tax_receipt_eligibility is True and d.allow_waiting_list is True
    assert d.show_on_member_app is None
    assert d.open_spaces == 100 and d.online_booking_advance_hours == 1
    assert isinstance(d.place, FlexRegPlace) and d.place.zip == "12345"
    assert isinstance(d.organization, FlexRegOrganization)
    assert d.organization.email == "test@mock.com"
    assert d.sessions is not None and d.prerequisites_membership is not None
    s, = d.sessions
    assert isinstance(s, FlexRegSession) and s.center_id == 1 and s.max_enrollment == 1
    assert s.beginning_time == datetime(2025, 10, 16, 0, 39, 43)
    pre, = d.prerequisites_membership
    assert isinstance(pre, FlexRegPrerequisiteMembership)
    assert pre.package_id == 0 and pre.package_name is None
    (_, url, _), = sent(mocked)
    assert path(url).endswith("/api/v1/flexregprograms/1")
    assert "program_id" not in query(url)


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),                                       # program_id is mandatory
    ((0,), {}),
    ((-5,), {}),
    (("1",), {}),
    ((), {"program_id": 1}),                        # positional-only
])
async def test_get_flexreg_program_detail_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_flexreg_program_detail(*args, **kwargs)
    assert sent(mocked) == []


# ---- GetFlexRegProgramFees -----------------------------------------------------------------

async def test_get_flexreg_program_fees_returns_one_record(anet: ActiveNet,
                                                           mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprograms/5/fees", example("GetFlexRegProgramFees"))
    fee = await anet.get_flexreg_program_fees(5)
    assert isinstance(fee, FlexRegProgramFee)
    assert fee.starting_price_per_day == 1234.0 and fee.configure_fee == 10.0
    assert fee.program_id == 1234
    assert fee.normal_charges is not None and fee.global_discounts is not None
    c, = fee.normal_charges
    assert isinstance(c, FlexRegProgramCharge)
    assert c.discount_order == 1234 and c.qualified_session_id == 1234
    assert c.default_amount == 1234.0 and isinstance(c.default_amount, float)
    assert c.discountable is True
    assert c.expiration_date == date(2025, 10, 16)
    assert c.glaccounts is not None and c.scheduled_fees is not None
    gl, = c.glaccounts
    assert isinstance(gl, FlexRegGLAccount) and gl.gl_account_number == "7283 TX-9"
    assert c.scheduled_fees[0].charge_amount == 1.0
    g, = fee.global_discounts
    assert isinstance(g, FlexRegGlobalDiscount) and g.global_discount_retired is True
    (_, url, _), = sent(mocked)
    assert path(url).endswith("/api/v1/flexregprograms/5/fees")


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),
    ((0,), {}),
    ((1.5,), {}),
    ((), {"program_id": 5}),
])
async def test_get_flexreg_program_fees_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_flexreg_program_fees(*args, **kwargs)
    assert sent(mocked) == []


# ---- GetFlexRegProgramTypes ----------------------------------------------------------------

async def test_get_flexreg_program_types_decodes_example(anet: ActiveNet,
                                                         mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprogramtypes", example("GetFlexRegProgramTypes"))
    rows = await anet.get_flexreg_program_types().collect()
    assert len(rows) == 3 and all(isinstance(r, FlexRegProgramType) for r in rows)
    assert rows[0].program_type_id == 1 and rows[0].program_type_name == "program type - 1"
    assert [r.program_type_id for r in rows] == sorted(r.program_type_id or 0 for r in rows)
    (_, url, kwargs), = sent(mocked)
    assert path(url).endswith("/api/v1/flexregprogramtypes")
    assert "page_info" not in (kwargs.get("headers") or {})


async def test_get_flexreg_program_types_takes_no_arguments(anet: ActiveNet) -> None:
    with pytest.raises(TypeError):
        anet.get_flexreg_program_types(page_size=10)  # type: ignore[call-arg]


# ---- GetFlexRegEnrollment ------------------------------------------------------------------

async def test_get_flexreg_enrollment_decodes_example(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregenrollment", example("GetFlexRegEnrollment"))
    e, = await anet.get_flexreg_enrollment(program_id=1).collect()
    assert isinstance(e, FlexRegEnrollment)
    assert e.program_id == 1 and e.customer_id == 1 and e.enrollment_status == "Enrolled"
    assert e.customer_date_modified == datetime(2025, 10, 16, 0, 39, 43)
    assert e.waitlist_removed_date == datetime(2025, 10, 16, 0, 39, 43)
    assert e.has_active_membership is True
    assert e.enrolled_sessions is not None and e.payers is not None
    s, = e.enrolled_sessions
    assert isinstance(s, FlexRegEnrolledSession) and s.session_id == 1
    assert s.first_date == date(2025, 10, 16)
    payer, = e.payers
    assert isinstance(payer, FlexRegPayer) and payer.payer_customer_id == 1


async def test_get_flexreg_enrollment_wire_format(anet: ActiveNet,
                                                  mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregenrollment", example("GetFlexRegEnrollment"))
    await anet.get_flexreg_enrollment(program_id=1, session_id=1, customer_ids=[101, 102],
                                      roster_date=date(2024, 3, 1),
                                      enrollment_status=EnrollmentStatus.ALL,
                                      date_after=datetime(2024, 3, 1, 8, 30),
                                      page_size=30).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert q["program_id"] == "1" and q["session_id"] == "1"
    assert q["customer_ids"] == "101,102" and q["roster_date"] == "2024-03-01"
    assert q["enrollment_status"] == "6" and q["date_after"] == "2024-03-01 08:30"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 30}


async def test_get_flexreg_enrollment_default_page_size_is_200(anet: ActiveNet,
                                                               mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregenrollment", example("GetFlexRegEnrollment"))
    await anet.get_flexreg_enrollment(session_id=3).collect()
    (_, url, kwargs), = sent(mocked)
    assert query(url)["session_id"] == "3"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 200}


async def test_get_flexreg_enrollment_splits_customer_ids(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregenrollment", example("GetFlexRegEnrollment"))
    rows = await anet.get_flexreg_enrollment(customer_ids=range(1000, 1045)).collect()
    calls = sent(mocked)
    assert len(calls) == 3
    chunks = [query(url)["customer_ids"].split(",") for _, url, _ in calls]
    assert sorted(len(c) for c in chunks) == [5, 20, 20]
    assert sorted(int(i) for c in chunks for i in c) == list(range(1000, 1045))
    assert len(rows) == 3 and all(isinstance(r, FlexRegEnrollment) for r in rows)


@pytest.mark.parametrize("kwargs", [
    {},                                             # program_id, session_id or customer_ids
    {"roster_date": date(2024, 3, 1)},
    {"program_id": 0},
    {"session_id": -1},
    {"customer_ids": "101,102"},                    # a bare string, not a list
    {"customer_ids": []},
    {"program_id": 1, "enrollment_status": 0},      # 1..6
    {"program_id": 1, "enrollment_status": 7},
    {"program_id": 1, "roster_date": "2024-03-01"},
    {"program_id": 1, "date_after": datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=1)))},
    {"program_id": 1, "page_size": 201},
    {"program_id": 1, "order_by": "customer_id"},   # not sortable
])
async def test_get_flexreg_enrollment_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_flexreg_enrollment(**kwargs)
    assert sent(mocked) == []


# ---- GetFlexregExpandedDetail --------------------------------------------------------------

async def test_get_flexreg_expanded_detail_decodes_example(anet: ActiveNet,
                                                           mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregexpandeddetail", example("GetFlexregExpandedDetail"))
    d, = await anet.get_flexreg_expanded_detail(program_id=1).collect()
    assert isinstance(d, FlexRegExpandedDetail)
    assert d.customer_id == 1245 and d.age == "20.3" and d.gender == "Male"
    assert d.has_active_membership is False and d.mobile_carrier is None
    assert d.customer_date_modified == datetime(2025, 10, 16, 0, 39, 45)
    assert d.date_registered is None
    assert d.families is not None and d.question_answers is not None
    fam, = d.families
    assert isinstance(fam, FlexRegFamily) and fam.family_id == 7410
    assert fam.head_of_household == "head of household full name"
    qa, = d.question_answers
    assert isinstance(qa, FlexRegQuestionAnswer) and qa.question_id == 123
    assert qa.time_stamp == datetime(2025, 10, 16, 0, 39, 45)
    assert d.enrolled_sessions is not None and d.payers is not None
    assert d.enrolled_sessions[0].first_date == date(2025, 10, 15)
    assert d.enrolled_sessions[0].last_date == date(2025, 10, 17)
    assert d.payers[0].payer_company_name is None


async def test_get_flexreg_expanded_detail_wire_format(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregexpandeddetail", example("GetFlexregExpandedDetail"))
    await anet.get_flexreg_expanded_detail(session_id=1, roster_date=date(2025, 10, 15),
                                           enrollment_status=EnrollmentStatus.WAITLISTED,
                                           date_after=date(2025, 1, 1)).collect()
    (_, url, kwargs), = sent(mocked)
    q = query(url)
    assert path(url).endswith("/api/v1/flexregexpandeddetail")
    assert q["session_id"] == "1" and "program_id" not in q
    assert q["roster_date"] == "2025-10-15" and q["enrollment_status"] == "3"
    assert q["date_after"] == "2025-01-01"
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


@pytest.mark.parametrize("kwargs", [
    {},                                             # program_id or session_id
    {"roster_date": date(2024, 3, 1)},
    {"customer_ids": [1]},                          # not a parameter of this operation
    {"program_id": 0},
    {"session_id": 0},
    {"program_id": 1, "enrollment_status": 9},
    {"program_id": 1, "date_after": "2025-01-01"},
    {"program_id": 1, "page_size": 501},
])
async def test_get_flexreg_expanded_detail_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_flexreg_expanded_detail(**kwargs)
    assert sent(mocked) == []


# ---- GetFlexRegProgramDates ----------------------------------------------------------------

async def test_get_flexreg_program_dates_decodes_example(anet: ActiveNet,
                                                         mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/flexregprogramdates", example("GetFlexRegProgramDates"))
    d, = await anet.get_flexreg_program_dates(program_id=1).collect()
    assert isinstance(d, FlexRegProgramDate)
    assert d.session_id == 50 and d.session_date_id == 123 and d.session_facility_id == 12
    assert d.start_date == date(2025, 10, 16)
    assert d.start_time == datetime(2025, 10, 16, 8, 0)
    assert d.end_time == datetime(2025, 10, 16, 11, 0)
    assert d.status == 1 and d.available_spots == 1
    (_, url, kwargs), = sent(mocked)
    assert path(url).endswith("/api/v1/flexregprogramdates")
    assert query(url)["program_id"] == "1"
    assert "page_info" not in (kwargs.get("headers") or {})


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),                                       # program_id is mandatory
    ((1,), {}),                                     # keyword-only
    ((), {"program_id": 0}),
    ((), {"program_id": "1"}),
    ((), {"program_id": 1, "page_size": 10}),       # not paged
])
async def test_get_flexreg_program_dates_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_flexreg_program_dates(*args, **kwargs)
    assert sent(mocked) == []
