"""Request body Structs of the customer writes: the encoded bodies have the documented keys.

Bodies are encoded by ``build_body``, the one function the engine sends them with, from the
operation's own ``Body`` declaration."""

import json
from datetime import date
from typing import Any

import msgspec
import pytest
from msgspec import inspect as mi

from activenet_async._errors import RequestValidationError
from activenet_async._operations.declare import Body
from activenet_async._operations.table import OPERATIONS as TABLE
from activenet_async._operations.writes import build_body
from activenet_async.records.customer_requests import (
    CheckInStatusRequest,
    CustomerCreate,
    CustomerUpdate,
    FamilyAssignment,
    FamilyCreate,
    SubsidyAllocationRequest,
)

from .._reference import reference_text

OPERATIONS = [
    "PostCustomers", "PutCustomers", "PostFamily", "PostCustomersSubsidyAllocations",
    "GetValidateLogin", "PostForgotPassword", "PostForgotLoginName", "GetCheckInStatus",
]

# The documented request example bodies (catalog.json `example_request`, after the HTTP head),
# copied here so the tests run without the reference; test_examples_match_the_catalog checks
# the copies when the catalog is at hand.
EXAMPLE_REQUESTS: dict[str, str] = {
    "PostCustomers": """{
    "body": [
        {
            "first_name": "xxx1",
            "last_name": "ddd",
            "email": "yyy@gmail.com",
            "birth_date": "2005-01-11",
            "middle_name": "1212",
            "SSN": "123456",
            "mailing_address1": "mailing_address1",
            "mailing_address2": "mailing_address2",
            "mailing_city": "LA",
            "mailing_state_or_province_id": 44,
            "mailing_zip_code": "12345",
            "mailing_name": "mailing_name",
            "residential_address1": "residential_address1",
            "residential_address2": "residential_address2",
            "residential_city": "residential_city",
            "residential_state_or_province_id": 44,
            "residential_zip_code": "12345",
            "additional_email": "xxx@gmail.com",
            "gender_id": 1,
            "resident": true,
            "head_of_household": true,
            "no_mail": true,
            "no_postal_mail": true,
            "customer_notes": "this is notes",
            "customer_medical_alert": "this is medical alert",
            "customer_general_alert": "this is general alert",
            "families": [
                {
                    "family_id": 2
                }
            ],
            "preferred_language_id": 2,
            "h_area": "223",
            "h_phone": "1234567",
            "h_ext": "1233333",
            "w_area": "223",
            "w_phone": "1234567",
            "w_ext": "1233333",
            "c_area": "223",
            "c_phone": "1234567",
            "c_ext": "1233333"
        }
    ]
}""",
    "PutCustomers": """{
    "body": [
        {
            "customer_id": 1,
            "first_name": "xxx1",
            "last_name": "ddd",
            "email": "yyy@gmail.com",
            "birth_date": "2005-01-11",
            "middle_name": "1212",
            "SSN": "123456",
            "mailing_address1": "mailing_address1",
            "mailing_address2": "mailing_address2",
            "mailing_city": "LA",
            "mailing_state_or_province_id": 44,
            "mailing_zip_code": "12345",
            "mailing_name": "mailing_name",
            "residential_address1": "residential_address1",
            "residential_address2": "residential_address2",
            "residential_city": "residential_city",
            "residential_state_or_province_id": 44,
            "residential_zip_code": "12345",
            "additional_email": "xxx@gmail.com",
            "gender_id": 1,
            "resident": true,
            "no_mail": true,
            "no_postal_mail": true,
            "customer_notes": "this is notes",
            "customer_medical_alert": "this is medical alert",
            "customer_general_alert": "this is general alert",
            "families": [
                {
                    "family_id": 2
                }
            ],
            "preferred_language_id": 2,
            "h_area": "223",
            "h_phone": "1234567",
            "h_ext": "1233333",
            "w_area": "223",
            "w_phone": "1234567",
            "w_ext": "1233333",
            "c_area": "223",
            "c_phone": "1234567",
            "c_ext": "1233333"
        }
    ]
}""",
    "PostFamily": """{"customer_id": 1}""",
    "PostCustomersSubsidyAllocations": """{
    "body": [
        {
            "customer_id": "1",
            "subsidy_id": "1"
        },
        {
            "customer_id": "2",
            "subsidy_id": "1"
        }
    ]
}""",
    "GetValidateLogin": """{"login_name":"loginname","password":"password"}""",
    "PostForgotPassword": """{"email":"email"}""",
    "PostForgotLoginName": """{"email":"1@1.163.com"}""",
    "GetCheckInStatus": """[
    {
        "root_transaction_id": 2,
        "start_date_time": 1760575099131,
        "activity_date_id": null,
        "facility_schedule_id": null,
        "activity_id": 1,
        "dc_session_date_id": null,
        "customer_id": null,
        "dc_program_id": null,
        "facility_id": null,
        "activity_instructor_id": null
    },
    {
        "root_transaction_id": null,
        "start_date_time": null,
        "activity_date_id": null,
        "facility_schedule_id": null,
        "activity_id": null,
        "dc_session_date_id": 5,
        "customer_id": 4,
        "dc_program_id": 3,
        "facility_id": null,
        "activity_instructor_id": null
    }
]""",
}


def example(name: str) -> Any:
    return json.loads(EXAMPLE_REQUESTS[name])


def keys_of(obj: Any) -> Any:
    """The key structure of a JSON value: objects -> {key: structure}, arrays -> the union of
    their items' structures, scalars -> None."""
    if isinstance(obj, dict):
        return {k: keys_of(v) for k, v in obj.items()}
    if isinstance(obj, list):
        merged: Any = None
        for item in obj:
            merged = merge(merged, keys_of(item))
        return ["list", merged]
    return None


def merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k), b.get(k)) for k in a.keys() | b.keys()}
    return b if a is None else a


_SCALARS: dict[type, Any] = {
    mi.StrType: "text",
    mi.IntType: 7,
    mi.FloatType: 1.5,
    mi.BoolType: True,
    mi.DateType: date(2005, 1, 11),
}


def populated(cls: type) -> Any:
    """An instance of body Struct ``cls`` with every field set (nested Structs too)."""
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    return cls(**{f.name: value_for(f.type) for f in info.fields})


def value_for(t: mi.Type) -> Any:
    members = [m for m in (t.types if isinstance(t, mi.UnionType) else (t,))
               if not isinstance(m, mi.NoneType)]
    assert len(members) == 1, f"one type per field, got {t}"
    m = members[0]
    if isinstance(m, mi.StructType):
        return populated(m.cls)
    if isinstance(m, mi.ListType):
        return [value_for(m.item_type)]
    assert type(m) in _SCALARS, f"unexpected field type {m}"
    return _SCALARS[type(m)]


def body_of(name: str) -> Body:
    body = TABLE[name].body
    assert body is not None
    return body


def encoded(name: str, items: list[Any]) -> Any:
    """The JSON the engine sends for ``items``: object-shaped bodies take the one object's
    fields as keyword arguments, list-shaped ones ``body=``."""
    op = TABLE[name]
    if body_of(name).shape == "object":
        (item,) = items
        args = {k: v for k, v in msgspec.structs.asdict(item).items() if v is not None}
    else:
        args = {"body": items}
    return json.loads(build_body(op, args))


def test_every_write_has_a_body() -> None:
    assert [n for n, op in TABLE.items() if op.kind == "write"] == OPERATIONS
    assert all(body_of(n).type.__module__.endswith("customer_requests") for n in OPERATIONS)
    assert all(op.body is None for op in TABLE.values() if op.kind != "write")


@pytest.mark.parametrize("name", OPERATIONS)
def test_body_struct_config(name: str) -> None:
    cls = body_of(name).type
    assert issubclass(cls, msgspec.Struct)
    assert cls.__struct_config__.omit_defaults
    cls()  # every field is optional
    with pytest.raises(TypeError):
        cls(1)  # keyword-only


@pytest.mark.parametrize("name", OPERATIONS)
def test_populated_body_has_the_example_keys(name: str) -> None:
    cls = body_of(name).type
    body = encoded(name, [populated(cls)])
    assert keys_of(body) == keys_of(example(name))


@pytest.mark.parametrize("name", OPERATIONS)
def test_example_round_trips(name: str) -> None:
    """The example's objects decode into the body Struct and encode back to the same values
    (nulls left out; the subsidy example's "1" strings become the documented ints)."""
    cls = body_of(name).type
    doc = example(name)
    shape = body_of(name).shape
    raw_items = doc["body"] if shape == "wrapped_list" else doc if shape == "list" else [doc]
    items = [msgspec.convert(x, cls, strict=False) for x in raw_items]
    expected_items = [{k: (int(v) if name == "PostCustomersSubsidyAllocations" else v)
                       for k, v in x.items() if v is not None} for x in raw_items]
    body = encoded(name, items)
    got_items = body["body"] if shape == "wrapped_list" else body if shape == "list" else [body]
    assert got_items == expected_items


def test_nested_struct_config() -> None:
    assert FamilyAssignment.__struct_config__.omit_defaults
    with pytest.raises(TypeError):
        FamilyAssignment(2)  # type: ignore[misc]


def test_customer_create_encodes_python_values() -> None:
    c = CustomerCreate(first_name="xxx1", birth_date=date(2005, 1, 11), SSN="123456",
                       mailing_state_or_province_id=44, resident=True, head_of_household=False,
                       families=[FamilyAssignment(family_id=2)], h_area="223")
    assert build_body(TABLE["PostCustomers"], {"body": [c]}) == (
        b'{"body":[{"first_name":"xxx1","birth_date":"2005-01-11","SSN":"123456",'
        b'"mailing_state_or_province_id":44,"resident":true,"families":[{"family_id":2}],'
        b'"h_area":"223","head_of_household":false}]}'
    )


def test_customer_update_has_no_head_of_household() -> None:
    assert "head_of_household" not in CustomerUpdate.__struct_fields__
    assert "customer_id" in CustomerUpdate.__struct_fields__
    assert "customer_id" not in CustomerCreate.__struct_fields__


def test_shapes_on_the_wire() -> None:
    assert encoded("PostFamily", [FamilyCreate(customer_id=1)]) == {"customer_id": 1}
    assert encoded("PostCustomersSubsidyAllocations",
                   [SubsidyAllocationRequest(customer_id=1, subsidy_id=2)]) == {
        "body": [{"customer_id": 1, "subsidy_id": 2}]}
    assert encoded("GetCheckInStatus", [
        CheckInStatusRequest(root_transaction_id=2, start_date_time=1760575099131, activity_id=1),
        CheckInStatusRequest(dc_program_id=3, customer_id=4, dc_session_date_id=5),
    ]) == [
        {"root_transaction_id": 2, "start_date_time": 1760575099131, "activity_id": 1},
        {"dc_program_id": 3, "customer_id": 4, "dc_session_date_id": 5},
    ]
    # An object-shaped body takes its fields as keyword arguments, not a list of objects.
    with pytest.raises(RequestValidationError, match="unknown field"):
        build_body(TABLE["PostFamily"], {"body": [FamilyCreate(customer_id=1)]})


@pytest.mark.parametrize("name", OPERATIONS)
def test_required_fields_are_body_fields(name: str) -> None:
    fields = body_of(name).type.__struct_fields__
    assert all(f in fields for f in body_of(name).required)


def test_required_fields() -> None:
    assert body_of("PutCustomers").required == ("customer_id",)
    assert all(not body_of(n).required for n in OPERATIONS if n != "PutCustomers")
    with pytest.raises(RequestValidationError, match="required"):
        build_body(TABLE["PutCustomers"], {"body": [CustomerUpdate(first_name="x")]})


def test_conditional_rules_are_verbatim() -> None:
    text = " ".join(reference_text("system-api.txt").split())
    rules = [rule for n in OPERATIONS for rule in body_of(n).conditional]
    assert len(rules) == 2  # PostCustomers and PutCustomers
    for rule in rules:
        assert rule in text


def test_examples_match_the_catalog() -> None:
    catalog = {e["doc_name"]: e for e in json.loads(reference_text("catalog.json"))["endpoints"]}
    for name in OPERATIONS:
        head, _, body = catalog[name]["example_request"].partition("\n\n")
        assert head.split()[0] in {"POST", "PUT"}
        assert json.loads(body) == example(name)
