"""Decoding the documented example responses of the customer operations into their records."""

import json
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async.records.customers import (
    CheckInStatus,
    CustomerAlternateKey,
    CustomerFamily,
    CustomerFamilyRef,
    CustomerSkill,
    CustomerWriteFailure,
    CustomerWriteSuccess,
    CustomQuestionAnswerEntry,
    CustomQuestionAutoFillAnswer,
    CustomQuestionChoice,
    ProspectAnswer,
    SubsidyAllocationFailure,
    SubsidyAllocationSuccess,
)

from . import records_of

RECORDS = records_of("customers")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OPERATIONS = sorted(RECORDS)


def example(name: str) -> bytes:
    return (EXAMPLES / f"{name}.json").read_bytes()


def decode(name: str, body: bytes | None = None) -> list[Any]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(body if body is not None else example(name), scheme=PageInfoHeader(),
                           rtype=RECORDS[name], operation=name)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    return page.records


def with_value(name: str, key: str, value: Any) -> bytes:
    """The example of ``name`` with ``body[0][key]`` replaced."""
    doc = json.loads(example(name))
    doc["body"][0][key] = value
    return json.dumps(doc).encode()


def test_records_cover_the_operations() -> None:
    assert set(RECORDS) == {
        "GetCustomers", "PostCustomers", "PutCustomers", "GetCustomQuestionAnswers",
        "GetProspectCustomQuestionAnswers", "GetCustomQuestions", "GetFamilyMembers",
        "GetFamilyMembersByCustomerId", "PostFamily", "PostCustomersSubsidyAllocations",
        "GetValidateLogin", "PostForgotPassword", "PostForgotLoginName", "GetCheckInStatus",
    }


def test_get_customers() -> None:
    [c] = decode("GetCustomers")
    assert c.customer_id == 1 and type(c.customer_id) is int
    assert c.encrypted_customer_id == ""
    assert c.customer_title == "Mr."
    assert c.customer_type is None
    assert c.residential_zip_code == "9011"
    assert c.birth_date == date(2025, 10, 16) and type(c.birth_date) is date
    assert c.residency_expire_date == date(2025, 10, 16)
    assert c.age == "30.2"
    assert c.gender == ""
    assert c.special_handling is False
    assert c.head_of_household is False
    assert c.has_active_membership is False
    assert c.no_mail is False and c.no_postal_mail is False
    assert c.not_online_activated is False and c.agree_receive_text_message is False
    assert c.date_time_modified == datetime(2025, 10, 15, 0, 39, 31)
    assert c.login_created == datetime(2025, 10, 16)
    assert type(c.login_created) is datetime
    assert c.login_used == datetime(2025, 10, 16)
    assert c.last_transaction_date == datetime(2025, 10, 15, 0, 39, 31)
    assert c.interest_date == date(2025, 10, 16) and c.late_fee_date == date(2025, 10, 16)
    assert c.photo_key == "333FD3"
    assert c.guardian_email is None and c.guardian_contact_id == 0

    assert c.families is not None and len(c.families) == 1
    fam = c.families[0]
    assert isinstance(fam, CustomerFamily)
    assert fam.family_id == 1 and fam.household_size == 3
    assert fam.head_of_household is None
    assert fam.head_of_household_customer_id == 123
    assert fam.head_of_household_customer_email == "abc@test.com"
    assert fam.external_id == 10 and fam.family_role == "Mother"

    assert c.alternate_keys is not None and len(c.alternate_keys) == 1
    key = c.alternate_keys[0]
    assert isinstance(key, CustomerAlternateKey)
    assert key.alternate_key_id == "001" and key.alternate_key_type == "KeyType1"

    assert c.skills is not None and len(c.skills) == 1
    skill = c.skills[0]
    assert isinstance(skill, CustomerSkill)
    assert skill.skill_id == 2 and skill.skill_title == "Swimming"
    assert skill.evaluation_date == date(2018, 11, 10)
    assert skill.expiry_date == date(2028, 11, 10)


@pytest.mark.parametrize("name", ["PostCustomers", "PutCustomers"])
def test_customer_writes(name: str) -> None:
    [r] = decode(name)
    assert r.successfully_updated_customer is not None
    assert len(r.successfully_updated_customer) == 1
    ok = r.successfully_updated_customer[0]
    assert isinstance(ok, CustomerWriteSuccess)
    assert ok.customer_id == 1 and ok.first_name == "first_name" and ok.email == "email"
    assert r.failed_updated_customer is not None and len(r.failed_updated_customer) == 1
    bad = r.failed_updated_customer[0]
    assert isinstance(bad, CustomerWriteFailure)
    assert bad.failed_error == "error" and bad.last_name == "last_name"


def test_get_custom_question_answers() -> None:
    [a] = decode("GetCustomQuestionAnswers")
    assert a.customer_id == 8520 and type(a.customer_id) is int
    assert a.receipt_number == pytest.approx(3000847.005)
    assert type(a.receipt_number) is float
    assert a.answer_for == "1-Activity registration"
    assert a.activity_number == "1234" and a.activity_id == 123
    assert a.program_id is None and a.permit_number is None and a.package_id is None
    assert a.question_answers is not None and len(a.question_answers) == 1
    qa = a.question_answers[0]
    assert isinstance(qa, CustomQuestionAnswerEntry)
    assert qa.question_id == 17 and qa.answer == "Answer!"
    assert qa.time_stamp == datetime(2017, 7, 5)
    assert type(qa.time_stamp) is datetime


def test_get_prospect_custom_question_answers() -> None:
    [p] = decode("GetProspectCustomQuestionAnswers")
    assert p.customer_id == 1
    assert p.prospect_answers is not None and len(p.prospect_answers) == 2
    first = p.prospect_answers[0]
    assert isinstance(first, ProspectAnswer)
    assert first.question == "Question 1"
    assert first.answer == ["Answer 1", "Answer 2", "Answer 3"]
    assert p.prospect_answers[1].answer == ["Answer 4", "Answer 5", "Answer 6"]


def test_get_custom_questions() -> None:
    [q] = decode("GetCustomQuestions")
    assert q.custom_question_id == 1
    assert q.modified_date_time == datetime(2025, 10, 16, 0, 38, 39)
    assert q.prevent_further_use is True
    assert q.answer_required is True and q.use_answer_code is True
    assert q.maximum_length == 1 and type(q.maximum_length) is int
    assert q.display == "Public Only"
    assert q.default_answer == "mock defaultAnswer data"
    assert q.multiple_choice_answers is not None and len(q.multiple_choice_answers) == 2
    choice = q.multiple_choice_answers[0]
    assert isinstance(choice, CustomQuestionChoice)
    assert choice.default_response is True and choice.sub_question == 1
    assert choice.answer_code == "mock answerCode data"
    assert q.auto_fill_conditional_answers is not None
    assert len(q.auto_fill_conditional_answers) == 1
    auto = q.auto_fill_conditional_answers[0]
    assert isinstance(auto, CustomQuestionAutoFillAnswer)
    assert auto.age_from == 1 and auto.age_to == 1 and auto.gender == "mock gender data"


@pytest.mark.parametrize("name", ["GetFamilyMembers", "GetFamilyMembersByCustomerId"])
def test_family_members(name: str) -> None:
    [m] = decode(name)
    assert m.customer_id == 1 and m.first_name == "First name"
    assert m.birth_date == date(2025, 10, 16) and type(m.birth_date) is date
    assert m.date_time_modified == datetime(2025, 10, 15, 0, 39, 28)
    assert m.age == "30.2" and m.customer_type is None and m.age_category is None
    assert m.families is not None and len(m.families) == 1
    assert isinstance(m.families[0], CustomerFamilyRef)
    assert m.families[0].family_id == 11


def test_post_family() -> None:
    [f] = decode("PostFamily")
    assert f.customer_id == 0 and f.family_id == 0
    assert f.first_name is None and f.families is None and f.failed_error is None
    body = with_value("PostFamily", "families", [{"family_id": 7}, {"family_id": 8}])
    [f] = decode("PostFamily", body)
    assert f.families is not None and [x.family_id for x in f.families] == [7, 8]
    assert isinstance(f.families[0], CustomerFamilyRef)


def test_post_customers_subsidy_allocations() -> None:
    [r] = decode("PostCustomersSubsidyAllocations")
    assert r.successfully_updated_customer is not None
    assert len(r.successfully_updated_customer) == 1
    ok = r.successfully_updated_customer[0]
    assert isinstance(ok, SubsidyAllocationSuccess)
    assert ok.customer_id == 1 and ok.subsidy_id == 1
    assert ok.customer_subsidy_id == 2 and ok.customer_subsidy_allocation_id == 3
    assert ok.subsidy_allocation_start_date == date(2025, 10, 16)
    assert ok.subsidy_allocation_end_date == date(2026, 10, 15)
    assert ok.subsidy_allocation_amount == 500.0
    assert type(ok.subsidy_allocation_amount) is float
    assert r.failed_updated_customer is not None and len(r.failed_updated_customer) == 1
    bad = r.failed_updated_customer[0]
    assert isinstance(bad, SubsidyAllocationFailure)
    assert bad.customer_id == 2 and bad.failed_detail == "error"
    assert bad.subsidy_name == "subsidy_name"


def test_get_validate_login() -> None:
    [v] = decode("GetValidateLogin")
    assert v.customer_id == 0 and type(v.customer_id) is int
    assert v.encrypted_customer_id == ""
    assert v.birth_date is None and v.photo_key is None and v.first_name is None
    [v] = decode("GetValidateLogin", with_value("GetValidateLogin", "birth_date", "2000/01/01"))
    assert v.birth_date == date(2000, 1, 1)


@pytest.mark.parametrize("name", ["PostForgotPassword", "PostForgotLoginName"])
def test_forgot_credentials_have_empty_bodies(name: str) -> None:
    assert decode(name) == []


def test_get_check_in_status() -> None:
    first, second = decode("GetCheckInStatus")
    assert isinstance(first, CheckInStatus)
    assert first.root_transaction_id == 2 and first.activity_id == 1
    assert first.start_date_time == datetime(2025, 10, 16, 0, 38, 19)
    assert type(first.start_date_time) is datetime
    assert first.status == 1 and first.facility_id == 0
    assert first.activity_date_id is None and first.dc_session_date_id is None
    assert second.start_date_time is None
    assert second.dc_session_date_id == 5 and second.customer_id == 4
    assert second.dc_program_id == 3 and second.status == 2


# ---- lenient values ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "key", "value", "expected"),
    [
        ("GetCustomers", "special_handling", "Y", True),
        ("GetCustomers", "no_mail", "No", False),
        ("GetCustomers", "head_of_household", 1, True),
        ("GetCustomers", "birth_date", "01/02/2003", date(2003, 1, 2)),
        ("GetCustomers", "birth_date", "", None),
        ("GetCustomers", "date_time_modified", "2021-09-14 19:21:05.0",
         datetime(2021, 9, 14, 19, 21, 5)),
        ("GetCustomers", "login_created", "2025-10-16", datetime(2025, 10, 16)),
        ("GetCustomers", "customer_id", "42", 42),
        ("GetCustomQuestions", "prevent_further_use", "false", False),
        ("GetCustomQuestionAnswers", "receipt_number", "3000847.005", 3000847.005),
        ("GetCheckInStatus", "start_date_time", "", None),
    ],
)
def test_lenient_good_values(name: str, key: str, value: Any, expected: Any) -> None:
    [rec, *_] = decode(name, with_value(name, key, value))
    assert getattr(rec, key) == expected


@pytest.mark.parametrize(
    ("name", "key", "value"),
    [
        ("GetCustomers", "special_handling", "mock specialHandling data"),
        ("GetCustomers", "interest_date", "mock interestDate data"),
        ("GetCustomers", "date_time_modified", "mock dateTimeModified data"),
        ("GetCustomQuestions", "answer_required", "mock answerRequired data"),
        ("GetCustomQuestions", "modified_date_time", "mock modifiedDateTime data"),
        ("GetCustomers", "customer_id", "mock customerId data"),
        ("GetCheckInStatus", "start_date_time", "mock startDateTime data"),
    ],
)
def test_placeholders_decode_to_none_with_a_warning(name: str, key: str, value: str) -> None:
    with pytest.warns(LenientValueWarning, match=key):
        page = decode_page(with_value(name, key, value), scheme=PageInfoHeader(),
                           rtype=RECORDS[name],
                           operation=name)
    assert getattr(page.records[0], key) is None


def test_nested_placeholder_warns_once_per_field() -> None:
    doc = json.loads(example("GetCustomQuestions"))
    for choice in doc["body"][0]["multiple_choice_answers"]:
        choice["default_response"] = "mock defaultResponse data"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = decode_page(json.dumps(doc).encode(), scheme=PageInfoHeader(),
                           rtype=RECORDS["GetCustomQuestions"], operation="GetCustomQuestions")
    lenient = [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert len(lenient) == 1 and "default_response" in str(lenient[0].message)
    choices = page.records[0].multiple_choice_answers
    assert [c.default_response for c in choices] == [None, None]


@pytest.mark.parametrize("name", OPERATIONS)
def test_envelope_decodes_without_warnings(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        env = msgspec.json.decode(example(name), type=SystemEnvelope[RECORDS[name]],
                                  strict=False)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert env.headers is not None and env.headers.response_code == "0000"
    assert env.body is not None
    assert all(isinstance(r, RECORDS[name]) for r in env.body)
    assert len(env.body) == len(json.loads(example(name))["body"])
