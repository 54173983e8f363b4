"""Customer operations (reads and writes): every documented example decodes through its method,
every documented constraint is refused before any request, lists are split, writes are sent once
to the right service with the right body."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aioresponses import aioresponses

from activenet_async import (
    ActiveNet,
    CustomerPhoto,
    NotFoundError,
    RequestValidationError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from activenet_async._operations.system.customers import (
    AccountCreationType,
    CustomQuestionProcess,
    GenderId,
)
from activenet_async.records.customer_requests import (
    CheckInStatusRequest,
    CustomerCreate,
    CustomerUpdate,
    FamilyAssignment,
    SubsidyAllocationRequest,
)
from activenet_async.records.customers import (
    CheckInStatus,
    Customer,
    CustomerAlternateKey,
    CustomerFamily,
    CustomerFamilyRef,
    CustomerSkill,
    CustomerWriteFailure,
    CustomerWriteResult,
    CustomerWriteSuccess,
    CustomQuestion,
    CustomQuestionAnswer,
    CustomQuestionAnswerEntry,
    CustomQuestionAutoFillAnswer,
    CustomQuestionChoice,
    FamilyCreateResult,
    FamilyMember,
    ProspectAnswer,
    ProspectCustomQuestionAnswer,
    SubsidyAllocationFailure,
    SubsidyAllocationResult,
    SubsidyAllocationSuccess,
    ValidatedLoginCustomer,
)

from ..conftest import BASE, _Response, example, sent, serve

SEC = "/anet-systemapi-sec/orgtest/api/v1/"
WR = "/wr/orgtest/api/v1/"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def page_info(kwargs: dict[str, Any]) -> dict[str, Any]:
    return dict(json.loads(kwargs["headers"]["page_info"]))


def body_of(kwargs: dict[str, Any]) -> Any:
    return json.loads(kwargs["data"])


# ---- GetCustomers ------------------------------------------------------------------------------

async def test_get_customers_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("GetCustomers"))
    rows = await anet.get_customers(customer_ids=[1]).collect()
    assert len(rows) == 1
    c = rows[0]
    assert isinstance(c, Customer)
    assert c.customer_id == 1 and c.first_name == "First name" and c.age == "30.2"
    assert c.birth_date == date(2025, 10, 16) and c.residency_expire_date == date(2025, 10, 16)
    assert c.special_handling is False and c.head_of_household is False
    assert c.has_active_membership is False and c.no_mail is False
    assert c.date_time_modified == datetime(2025, 10, 15, 0, 39, 31)
    assert c.login_created == datetime(2025, 10, 16)
    assert c.last_transaction_date == datetime(2025, 10, 15, 0, 39, 31)
    assert c.guardian_contact_id == 0 and c.photo_key == "333FD3"
    fam = c.families[0] if c.families else None
    assert isinstance(fam, CustomerFamily)
    assert fam.family_id == 1 and fam.household_size == 3 and fam.head_of_household is None
    assert fam.head_of_household_customer_id == 123 and fam.external_id == 10
    assert c.alternate_keys and isinstance(c.alternate_keys[0], CustomerAlternateKey)
    assert c.alternate_keys[0].alternate_key_id == "001"
    assert c.skills and isinstance(c.skills[0], CustomerSkill)
    assert c.skills[0].skill_id == 2 and c.skills[0].expiry_date == date(2028, 11, 10)


async def test_get_customers_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("GetCustomers"))
    await anet.get_customers(
        modified_date_from=datetime(2016, 6, 11, 7, 5), site_ids=[5, 6],
        gender=GenderId.FEMALE, prospect=True, birth_date=date(2001, 2, 3),
        alternate_key_ids=["A1", "B2"], home_phone="555-123-4567", first_name="Jo",
        min_age=3, max_age=9).collect()
    (method, url, kwargs), = sent(mocked)
    assert method == "GET" and SEC + "customers" in url
    q = query(url)
    assert q["modified_date_from"] == ["2016-06-11 07:05"]
    assert q["site_ids"] == ["5,6"] and q["alternate_key_ids"] == ["A1,B2"]
    assert q["gender"] == ["2"] and q["prospect"] == ["true"]
    assert q["birth_date"] == ["2001-02-03"] and q["home_phone"] == ["555-123-4567"]
    assert q["min_age"] == ["3"] and q["max_age"] == ["9"] and q["first_name"] == ["Jo"]
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


async def test_get_customers_accepts_configured_gender_ids(anet: ActiveNet,
                                                           mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("GetCustomers"))
    await anet.get_customers(activity_id=4, gender=27, page_size=50).collect()
    (_, url, kwargs), = sent(mocked)
    assert query(url)["gender"] == ["27"] and query(url)["activity_id"] == ["4"]
    assert page_info(kwargs)["total_records_per_page"] == 50


@pytest.mark.parametrize("kwargs", [
    {},                                                     # no selector at all
    {"first_name": "Jo", "site_ids": [1]},                  # filters only, no selector
    {"prospect": False},                                    # prospect must be true to select
    {"customer_ids": [1], "home_phone": "12345"},           # fewer than six digits
    {"customer_ids": [1], "home_phone": "(55) 5-12"},       # digits are counted, not chars
    {"customer_id": 0, "customer_ids": [1]},                # ids are positive
    {"activity_id": -3},
    {"customer_ids": "1,2"},                                # a bare string is not a list
    {"customer_ids": []},                                   # empty list
    {"customer_ids": [1], "birth_date": "2001-02-03"},      # not a date
    {"customer_ids": [1], "prospect": "Y"},                 # not a bool
    {"modified_date_from": "2016-06-11"},                   # not a date
    {"customer_ids": [1], "page_size": 501},                # above the documented maximum
    {"customer_ids": [1], "gender": "2"},                   # not an int
    {"customer_ids": [1], "nope": 1},                       # unknown keyword: TypeError
])
async def test_get_customers_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                               kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_customers(**kwargs)
    assert sent(mocked) == []


async def test_get_customers_selector_accepts_each_alternative(anet: ActiveNet,
                                                               mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("GetCustomers"))
    for kwargs in ({"prospect": True}, {"activity_id": 1}, {"customer_ids": [1]},
                   {"alternate_key_ids": ["x"]}, {"modified_date_from": date(2020, 1, 1)}):
        assert len(await anet.get_customers(**kwargs).collect()) == 1
    assert len(sent(mocked)) == 5


@pytest.mark.parametrize("name,count,cap", [
    ("site_ids", 12, 5), ("customer_ids", 1200, 500), ("alternate_key_ids", 250, 100)])
async def test_get_customers_splits_capped_lists(anet: ActiveNet, mocked: aioresponses,
                                                 name: str, count: int, cap: int) -> None:
    serve(mocked, "/api/v1/customers", example("GetCustomers"))
    values: list[Any] = list(range(1, count + 1))
    if name == "alternate_key_ids":
        values = [f"K{v}" for v in values]
    kwargs: dict[str, Any] = {name: values}
    if name == "site_ids":
        kwargs["prospect"] = True
    rows = await anet.get_customers(**kwargs).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3
    assert all(isinstance(r, Customer) for r in rows)
    chunks = [query(url)[name][0].split(",") for _, url, _ in calls]
    assert all(len(c) <= cap for c in chunks)
    assert sorted(v for c in chunks for v in c) == sorted(map(str, values))


# ---- GetCustomerPhoto --------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00fake-image-bytes\xff\xd9"


async def test_get_customer_photo_returns_bytes(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customerphoto", JPEG, content_type="image/jpeg")
    photo = await anet.get_customer_photo(photo_key="010FD14A2F")
    assert isinstance(photo, CustomerPhoto)
    assert photo.content == JPEG and photo.content_type == "image/jpeg"
    (method, url, _), = sent(mocked)
    assert method == "GET" and SEC + "customerphoto" in url
    assert query(url)["photo_key"] == ["010FD14A2F"]


async def test_get_customer_photo_json_envelope_is_not_found(anet: ActiveNet,
                                                             mocked: aioresponses) -> None:
    envelope = b'{"headers": {"response_code": "0001", "response_message": "No Results"}, ' \
               b'"body": []}'
    serve(mocked, "/api/v1/customerphoto", envelope)
    with pytest.raises(NotFoundError):
        await anet.get_customer_photo(photo_key="NOPE")


@pytest.mark.parametrize("kwargs", [
    {},                             # photo_key is mandatory
    {"photo_key": ""},              # blank
    {"photo_key": "   "},
    {"photo_key": 123},             # not a string
    {"customer_id": 1},             # not a documented parameter
])
async def test_get_customer_photo_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                    kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await anet.get_customer_photo(**kwargs)
    assert sent(mocked) == []


# ---- GetCustomQuestionAnswers ------------------------------------------------------------------

async def test_get_custom_question_answers_decodes_example(anet: ActiveNet,
                                                           mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customquestionanswers", example("GetCustomQuestionAnswers"))
    rows = await anet.get_custom_question_answers(activity_id=1234, customer_id=8520).collect()
    a = rows[0]
    assert isinstance(a, CustomQuestionAnswer)
    assert a.customer_id == 8520 and a.activity_id == 123 and a.program_id is None
    assert a.receipt_number == 3000847.005 and a.activity_status == "Open"
    qa = a.question_answers[0] if a.question_answers else None
    assert isinstance(qa, CustomQuestionAnswerEntry)
    assert qa.question_id == 17 and qa.answer == "Answer!"
    assert qa.time_stamp == datetime(2017, 7, 5)
    (_, url, kwargs), = sent(mocked)
    assert query(url)["activity_id"] == ["1234"] and query(url)["customer_id"] == ["8520"]
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 500}


@pytest.mark.parametrize("kwargs", [
    {},                                         # at least one selector
    {"page_size": 10},                          # still no selector
    {"permit_number": 0},
    {"package_id": -1},
    {"program_id": "7"},
    {"customer_id": 1, "page_size": 501},
])
async def test_get_custom_question_answers_rejects_bad_input(anet: ActiveNet,
                                                             mocked: aioresponses,
                                                             kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_custom_question_answers(**kwargs)
    assert sent(mocked) == []


# ---- GetProspectCustomQuestionAnswers ----------------------------------------------------------

async def test_get_prospect_answers_decodes_example(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/prospectcustomquestionanswers",
          example("GetProspectCustomQuestionAnswers"))
    rows = await anet.get_prospect_custom_question_answers(customer_ids=(1, 2)).collect()
    p = rows[0]
    assert isinstance(p, ProspectCustomQuestionAnswer) and p.customer_id == 1
    assert p.prospect_answers and len(p.prospect_answers) == 2
    assert isinstance(p.prospect_answers[0], ProspectAnswer)
    assert p.prospect_answers[1].question == "Question 2"
    assert p.prospect_answers[0].answer == ["Answer 1", "Answer 2", "Answer 3"]
    (_, url, kwargs), = sent(mocked)
    assert query(url)["customer_ids"] == ["1,2"]
    # No documented maximum page size: the general 200.
    assert page_info(kwargs) == {"page_number": 1, "total_records_per_page": 200}


async def test_get_prospect_answers_splits_customer_ids(anet: ActiveNet,
                                                        mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/prospectcustomquestionanswers",
          example("GetProspectCustomQuestionAnswers"))
    rows = await anet.get_prospect_custom_question_answers(
        customer_ids=range(1, 1002)).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3
    sizes = [len(query(url)["customer_ids"][0].split(",")) for _, url, _ in calls]
    assert sorted(sizes) == [1, 500, 500]


@pytest.mark.parametrize("kwargs", [
    {},                                             # customer_ids is mandatory
    {"customer_ids": 5},                            # not a list
    {"customer_ids": [1], "page_size": 201},        # above the general maximum
    {"customer_ids": [1], "customer_id": 1},        # unknown keyword
])
async def test_get_prospect_answers_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                      kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_prospect_custom_question_answers(**kwargs)
    assert sent(mocked) == []


# ---- GetCustomQuestions ------------------------------------------------------------------------

async def test_get_custom_questions_decodes_example(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customquestions", example("GetCustomQuestions"))
    rows = await anet.get_custom_questions(activity_id=1234).collect()
    q = rows[0]
    assert isinstance(q, CustomQuestion)
    assert q.custom_question_id == 1 and q.maximum_length == 1
    assert q.modified_date_time == datetime(2025, 10, 16, 0, 38, 39)
    assert q.prevent_further_use is True and q.answer_required is True
    assert q.use_answer_code is True and q.answer_type == "Auto-fill Conditional"
    assert q.multiple_choice_answers and len(q.multiple_choice_answers) == 2
    choice = q.multiple_choice_answers[0]
    assert isinstance(choice, CustomQuestionChoice)
    assert choice.default_response is True and choice.sub_question == 1
    auto = q.auto_fill_conditional_answers[0] if q.auto_fill_conditional_answers else None
    assert isinstance(auto, CustomQuestionAutoFillAnswer)
    assert auto.age_from == 1 and auto.age_to == 1
    (_, url, kwargs), = sent(mocked)
    assert query(url)["activity_id"] == ["1234"]
    assert "page_info" not in kwargs.get("headers", {})  # not paged


async def test_get_custom_questions_wire_format(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customquestions", example("GetCustomQuestions"))
    await anet.get_custom_questions(account_creation_type=AccountCreationType.FAMILY,
                                    process=CustomQuestionProcess.ALL,
                                    modified_date_from=date(2024, 1, 1),
                                    modified_date_to=datetime(2024, 2, 1, 13, 30)).collect()
    await anet.get_custom_questions(package_id=9, process=CustomQuestionProcess.RENEW).collect()
    (_, url1, _), (_, url2, _) = sent(mocked)
    q1, q2 = query(url1), query(url2)
    assert q1["account_creation_type"] == ["2"] and q1["process"] == ["1"]
    assert q1["modified_date_from"] == ["2024-01-01"]  # a plain date: "HH:MM is optional"
    assert q1["modified_date_to"] == ["2024-02-01 13:30"]
    assert q2["package_id"] == ["9"] and q2["process"] == ["3"]


@pytest.mark.parametrize("kwargs", [
    {},                                                         # exactly one selector
    {"process": 1},                                             # process is no selector
    {"activity_id": 1, "package_id": 2},                        # only one may be given
    {"custom_question_id": 1, "event_type_id": 2},
    {"account_creation_type": 1, "program_id": 2},
    {"account_creation_type": 3},                               # 1 or 2
    {"package_id": 1, "process": 4},                            # 1, 2 or 3
    {"activity_id": 1, "process": CustomQuestionProcess.SALE},  # membership only
    {"program_id": 1, "process": 3},
    {"custom_question_id": 0},
    {"activity_id": 1, "modified_date_from": date(2024, 3, 1),  # reversed range
     "modified_date_to": date(2024, 2, 1)},
    {"activity_id": 1, "modified_date_to": "2024-02-01"},       # not a date
    {"activity_id": 1, "page_size": 10},                        # not paged: unknown keyword
])
async def test_get_custom_questions_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                      kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_custom_questions(**kwargs)
    assert sent(mocked) == []


# ---- GetFamilyMembers / GetFamilyMembersByCustomerId -------------------------------------------

def _check_member(m: FamilyMember) -> None:
    assert isinstance(m, FamilyMember)
    assert m.customer_id == 1 and m.age == "30.2" and m.customer_type is None
    assert m.birth_date == date(2025, 10, 16)
    assert m.date_time_modified == datetime(2025, 10, 15, 0, 39, 28)
    assert m.families and isinstance(m.families[0], CustomerFamilyRef)
    assert m.families[0].family_id == 11


async def test_get_family_members_decodes_example(anet: ActiveNet,
                                                  mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/familymembers", example("GetFamilyMembers"))
    rows = await anet.get_family_members(family_ids=[1, 2]).collect()
    assert len(rows) == 1
    _check_member(rows[0])
    (_, url, kwargs), = sent(mocked)
    assert SEC + "familymembers?" in url and query(url)["family_ids"] == ["1,2"]
    assert "page_info" not in kwargs.get("headers", {})


async def test_get_family_members_splits_family_ids(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/familymembers", example("GetFamilyMembers"))
    rows = await anet.get_family_members(family_ids=list(range(1, 1201))).collect()
    calls = sent(mocked)
    assert len(calls) == 3 and len(rows) == 3
    assert all(len(query(url)["family_ids"][0].split(",")) <= 500 for _, url, _ in calls)


@pytest.mark.parametrize("kwargs", [{}, {"family_ids": "1,2"}, {"family_ids": []},
                                    {"family_ids": [1], "page_size": 5}])
async def test_get_family_members_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                    kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_family_members(**kwargs)
    assert sent(mocked) == []


async def test_get_family_members_by_customer_id(anet: ActiveNet,
                                                 mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/familymembers/1", example("GetFamilyMembersByCustomerId"))
    rows = await anet.get_family_members_by_customer_id(1).collect()
    assert len(rows) == 1
    _check_member(rows[0])
    (_, url, _), = sent(mocked)
    assert urlsplit(url).path == SEC + "familymembers/1"


@pytest.mark.parametrize("args,kwargs", [
    ((), {}),                           # customer_id is mandatory
    ((), {"customer_id": 1}),           # positional-only
    ((0,), {}),                         # positive
    (("1",), {}),                       # an int
])
async def test_get_family_members_by_customer_id_rejects_bad_input(
        anet: ActiveNet, mocked: aioresponses, args: tuple[Any, ...],
        kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_family_members_by_customer_id(*args, **kwargs)
    assert sent(mocked) == []


# ---- writes ------------------------------------------------------------------------------------

def _check_customer_write(res: list[CustomerWriteResult]) -> None:
    assert len(res) == 1 and isinstance(res[0], CustomerWriteResult)
    ok, bad = res[0].successfully_updated_customer, res[0].failed_updated_customer
    assert ok and isinstance(ok[0], CustomerWriteSuccess) and ok[0].customer_id == 1
    assert bad and isinstance(bad[0], CustomerWriteFailure) and bad[0].failed_error == "error"


async def test_post_customers_sends_wrapped_list_to_wr(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("PostCustomers"), method="POST")
    res = await anet.post_customers(body=[
        CustomerCreate(first_name="Ann", last_name="Lee", birth_date=date(2005, 1, 11),
                       resident=True, head_of_household=True, gender_id=1,
                       families=[FamilyAssignment(family_id=2)]),
        {"first_name": "Bob", "email": "bob@example.com", "mailing_state_or_province_id": 44},
    ])
    _check_customer_write(res)
    (method, url, kwargs), = sent(mocked)
    assert method == "POST" and WR + "customers" in url
    assert query(url)["api_key"] == ["wk3y"] and "sig" in query(url)
    assert body_of(kwargs) == {"body": [
        {"first_name": "Ann", "last_name": "Lee", "birth_date": "2005-01-11", "gender_id": 1,
         "resident": True, "families": [{"family_id": 2}], "head_of_household": True},
        {"first_name": "Bob", "email": "bob@example.com", "mailing_state_or_province_id": 44},
    ]}
    assert "page_info" not in kwargs["headers"]


async def test_put_customers_sends_put_to_wr(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customers", example("PutCustomers"), method="PUT")
    res = await anet.put_customers(body=(CustomerUpdate(customer_id=1, no_mail=False),
                                         {"customer_id": 2, "birth_date": "2005-01-11"}))
    _check_customer_write(res)
    (method, url, kwargs), = sent(mocked)
    assert method == "PUT" and WR + "customers" in url
    assert body_of(kwargs) == {"body": [{"customer_id": 1, "no_mail": False},
                                        {"customer_id": 2, "birth_date": "2005-01-11"}]}


async def test_post_family(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/family", example("PostFamily"), method="POST")
    res = await anet.post_family(customer_id=1)
    assert len(res) == 1 and isinstance(res[0], FamilyCreateResult)
    assert res[0].customer_id == 0 and res[0].family_id == 0
    assert res[0].families is None and res[0].failed_error is None
    (method, url, kwargs), = sent(mocked)
    assert method == "POST" and WR + "family" in url and body_of(kwargs) == {"customer_id": 1}


async def test_post_customers_subsidy_allocations(anet: ActiveNet,
                                                  mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/customersubsidyallocations",
          example("PostCustomersSubsidyAllocations"), method="POST")
    res = await anet.post_customers_subsidy_allocations(body=[
        SubsidyAllocationRequest(customer_id=1, subsidy_id=1),
        {"customer_id": 2, "subsidy_id": 1}])
    assert len(res) == 1 and isinstance(res[0], SubsidyAllocationResult)
    ok, bad = res[0].successfully_updated_customer, res[0].failed_updated_customer
    assert ok and isinstance(ok[0], SubsidyAllocationSuccess)
    assert ok[0].customer_subsidy_allocation_id == 3
    assert ok[0].subsidy_allocation_start_date == date(2025, 10, 16)
    assert ok[0].subsidy_allocation_end_date == date(2026, 10, 15)
    assert ok[0].subsidy_allocation_amount == 500.0
    assert bad and isinstance(bad[0], SubsidyAllocationFailure)
    assert bad[0].customer_id == 2 and bad[0].failed_detail == "error"
    (method, url, kwargs), = sent(mocked)
    assert method == "POST" and WR + "customersubsidyallocations" in url
    assert body_of(kwargs) == {"body": [{"customer_id": 1, "subsidy_id": 1},
                                        {"customer_id": 2, "subsidy_id": 1}]}


async def test_post_validate_login(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/validatelogin", example("GetValidateLogin"), method="POST")
    res = await anet.post_validate_login(login_name="loginname", password="pa55")
    assert len(res) == 1 and isinstance(res[0], ValidatedLoginCustomer)
    assert res[0].customer_id == 0 and res[0].birth_date is None
    assert res[0].encrypted_customer_id == "" and res[0].photo_key is None
    (method, url, kwargs), = sent(mocked)
    assert method == "POST" and WR + "validatelogin" in url
    assert body_of(kwargs) == {"login_name": "loginname", "password": "pa55"}


@pytest.mark.parametrize("method,path", [("post_forgot_password", "forgotpassword"),
                                         ("post_forgot_login_name", "forgotloginname")])
async def test_forgot_credentials_use_normal_service(anet: ActiveNet, mocked: aioresponses,
                                                     method: str, path: str) -> None:
    name = "PostForgotPassword" if path == "forgotpassword" else "PostForgotLoginName"
    serve(mocked, "/api/v1/" + path, example(name), method="POST")
    res = await getattr(anet, method)(email="a@example.com")
    assert res == []
    (verb, url, kwargs), = sent(mocked)
    assert verb == "POST" and SEC + path in url and "/wr/" not in url
    assert query(url)["api_key"] == ["k3y"]
    assert body_of(kwargs) == {"email": "a@example.com"}


async def test_forgot_password_needs_no_write_key(mocked: aioresponses) -> None:
    async with ActiveNet(org="orgtest", api_key="k3y", shared_secret="s3cret",
                         base_url=BASE, rate_limit=1000) as client:
        serve(mocked, "/api/v1/forgotpassword", example("PostForgotPassword"), method="POST")
        assert await client.post_forgot_password(email="a@example.com") == []
        with pytest.raises(RequestValidationError):
            await client.post_family(customer_id=1)
    assert len(sent(mocked)) == 1


async def test_post_check_in_status_sends_bare_array(anet: ActiveNet,
                                                     mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/checkIn/status", example("GetCheckInStatus"), method="POST")
    res = await anet.post_check_in_status(body=[
        CheckInStatusRequest(root_transaction_id=2, start_date_time=1760575099131,
                             activity_id=1),
        {"dc_program_id": 3, "customer_id": 4, "dc_session_date_id": 5}])
    assert len(res) == 2 and all(isinstance(r, CheckInStatus) for r in res)
    assert res[0].root_transaction_id == 2 and res[0].status == 1
    assert res[0].start_date_time == datetime(2025, 10, 16, 0, 38, 19)
    assert res[1].start_date_time is None and res[1].dc_session_date_id == 5
    assert res[1].status == 2 and res[1].facility_id == 0
    (method, url, kwargs), = sent(mocked)
    assert method == "POST" and WR + "checkIn/status" in url
    assert body_of(kwargs) == [
        {"root_transaction_id": 2, "start_date_time": 1760575099131, "activity_id": 1},
        {"dc_program_id": 3, "customer_id": 4, "dc_session_date_id": 5}]


@pytest.mark.parametrize("method,kwargs", [
    ("post_customers", {}),                                         # body is mandatory
    ("post_customers", {"body": []}),                               # nothing to send
    ("post_customers", {"body": "text"}),
    ("post_customers", {"body": {"first_name": "x"}}),              # one mapping, not a list
    ("post_customers", {"body": [{"birth_date": "11/01/2005"}]}),   # not a date
    ("post_customers", {"body": [{"gender_id": "1"}]}),             # not an int
    ("post_customers", {"body": [42]}),
    ("post_customers", {"body": [CustomerUpdate(customer_id=1)]}),  # wrong request type
    ("post_customers", {"first_name": "x"}),                        # fields go in body=
    ("put_customers", {"body": [{"first_name": "x"}]}),             # customer_id required
    ("put_customers", {"body": [CustomerUpdate(first_name="x")]}),
    ("post_family", {"customer_id": "1"}),                          # not an int
    ("post_family", {"family_id": 1}),                              # unknown field
    ("post_family", {"body": [{"customer_id": 1}]}),                # object-shaped: no body=
    ("post_customers_subsidy_allocations", {"body": [{"customer_id": "1"}]}),
    ("post_validate_login", {"login_name": 1, "password": "x"}),
    ("post_forgot_password", {"email": ["a@example.com"]}),
    ("post_forgot_login_name", {"login_name": "x"}),
    ("post_check_in_status", {"body": [{"start_date_time": "2025-10-16 00:38"}]}),  # epoch ms
    ("post_check_in_status", {"activity_id": 1}),
])
async def test_writes_reject_bad_input(anet: ActiveNet, mocked: aioresponses, method: str,
                                       kwargs: dict[str, Any]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        await getattr(anet, method)(**kwargs)
    assert sent(mocked) == []


# ---- writes are sent once -----------------------------------------------------------------------

_WRITE_CALLS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("post_customers", "POST", "customers", {"body": [{"first_name": "x"}]}),
    ("put_customers", "PUT", "customers", {"body": [{"customer_id": 1}]}),
    ("post_family", "POST", "family", {"customer_id": 1}),
    ("post_customers_subsidy_allocations", "POST", "customersubsidyallocations",
     {"body": [{"customer_id": 1, "subsidy_id": 2}]}),
    ("post_validate_login", "POST", "validatelogin", {"login_name": "a", "password": "b"}),
    ("post_forgot_password", "POST", "forgotpassword", {"email": "a@example.com"}),
    ("post_forgot_login_name", "POST", "forgotloginname", {"email": "a@example.com"}),
    ("post_check_in_status", "POST", "checkIn/status", {"body": [{"activity_id": 1}]}),
]


@pytest.fixture
async def patient() -> Any:
    """A client that would retry a GET many times (so a single write request proves it)."""
    async with ActiveNet(org="orgtest", api_key="k3y", shared_secret="s3cret",
                         write_api_key="wk3y", write_shared_secret="ws3cret", base_url=BASE,
                         rate_limit=1000,
                         retry=RetryPolicy(attempts=5, backoff=0.001, backoff_max=0.01)
                         ) as client:
        yield client


@pytest.mark.parametrize("method,verb,path,kwargs", _WRITE_CALLS)
async def test_write_500_is_not_retried(patient: ActiveNet, mocked: aioresponses, method: str,
                                        verb: str, path: str, kwargs: dict[str, Any]) -> None:
    serve(mocked, "/api/v1/" + path, b'{"error": "boom"}', method=verb, status=500)
    with pytest.raises(ServerError):
        await getattr(patient, method)(**kwargs)
    assert len(sent(mocked)) == 1


@pytest.mark.parametrize("method,verb,path,kwargs", _WRITE_CALLS)
async def test_write_connection_error_is_not_retried(patient: ActiveNet, mocked: aioresponses,
                                                     method: str, verb: str, path: str,
                                                     kwargs: dict[str, Any]) -> None:
    pattern = re.compile(re.escape(BASE) + r"/[^?]*" + re.escape("/api/v1/" + path)
                         + r"(\?.*)?$")
    mocked.add(pattern, method=verb, exception=aiohttp.ServerDisconnectedError(),
               repeat=True, response_class=_Response)
    with pytest.raises(TransportError):
        await getattr(patient, method)(**kwargs)
    assert len(sent(mocked)) == 1


async def test_get_is_retried_for_contrast(patient: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/familymembers/1", b"{}", status=500)
    with pytest.raises(ServerError):
        await patient.get_family_members_by_customer_id(1).collect()
    assert len(sent(mocked)) == 5
