"""Decoding the documented System API Flex Registration examples into their records."""

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
    FlexRegScheduledFee,
    FlexRegSession,
)

from . import records_of

RECORDS = records_of("flexreg")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TS = datetime(2025, 10, 16, 0, 39, 43)
# The only example values that do not fit their fields: mock text in a documented Y/N flag.
PLACEHOLDERS = {
    "GetFlexRegPrograms": {"FlexRegProgram.show_on_member_app"},
    "GetFlexRegProgramDetail": {"FlexRegProgramDetail.show_on_member_app"},
}


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
        "GetFlexRegPrograms": FlexRegProgram,
        "GetFlexRegProgramDetail": FlexRegProgramDetail,
        "GetFlexRegProgramFees": FlexRegProgramFee,
        "GetFlexRegProgramTypes": FlexRegProgramType,
        "GetFlexRegEnrollment": FlexRegEnrollment,
        "GetFlexregExpandedDetail": FlexRegExpandedDetail,
        "GetFlexRegProgramDates": FlexRegProgramDate,
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


def test_flexreg_programs() -> None:
    with pytest.warns(LenientValueWarning, match=r"FlexRegProgram\.show_on_member_app"):
        page = decode_page(body("GetFlexRegPrograms"), scheme=PageInfoHeader(),
                           rtype=FlexRegProgram,
                           operation="GetFlexRegPrograms")
    assert len(page.records) == 2
    first, second = page.records
    assert isinstance(first, FlexRegProgram)
    assert first.program_name == "program 1"
    assert first.program_id == 1 and type(first.program_id) is int
    assert second.program_id == 2
    assert first.program_number == "mock programNumber data"
    assert first.modified_date_time == datetime(2025, 10, 16, 0, 39, 46)
    assert first.reservation_unit == "Weekly"
    assert first.gender == "Coed"
    assert first.age_max_year == 1 and first.age_min_week == 1
    assert first.category_id == 1
    # mock text in a 'Y'/'N' flag: None (warned once per operation and field)
    assert first.show_on_member_app is None
    assert second.show_on_member_app is None


def test_flexreg_show_on_member_app_real_values() -> None:
    doc = json.loads(body("GetFlexRegPrograms"))
    doc["body"][0]["show_on_member_app"] = "Y"
    doc["body"][1]["show_on_member_app"] = "N"
    recs, msgs = decode("GetFlexRegPrograms", json.dumps(doc).encode())
    assert msgs == []
    assert recs[0].show_on_member_app is True
    assert recs[1].show_on_member_app is False


def test_flexreg_program_detail() -> None:
    recs, msgs = decode("GetFlexRegProgramDetail")
    assert len(msgs) == 1 and "FlexRegProgramDetail.show_on_member_app" in msgs[0]
    (d,) = recs
    assert isinstance(d, FlexRegProgramDetail)
    assert d.show_on_member_app is None
    assert d.program_number == "1234"
    assert d.program_id == 1 and d.site_id == 1
    assert d.updated_date == TS
    assert d.age_calc_date == TS.date() and type(d.age_calc_date) is date
    assert d.start_date == TS.date() and d.end_date == TS.date()
    assert d.first_date_on_internet_members == TS
    assert d.first_date_display_on_internet == TS
    assert d.tax_receipt_eligibility is True
    assert d.allow_authorized_pickups is True
    assert d.open_spaces == 100 and type(d.open_spaces) is int
    assert d.number_of_enrollments == 1
    assert d.online_booking_changes_advance_hours == 1
    assert d.asset_id == "d9333bc0-b87"
    assert isinstance(d.place, FlexRegPlace)
    assert d.place.zip == "12345"
    assert isinstance(d.organization, FlexRegOrganization)
    assert d.organization.guid == "1d041bb5-b"
    assert d.organization.phone == "123456"
    assert d.prerequisites_membership is not None and len(d.prerequisites_membership) == 1
    pre = d.prerequisites_membership[0]
    assert isinstance(pre, FlexRegPrerequisiteMembership)
    assert pre.package_id == 0 and pre.package_name is None
    assert d.sessions is not None and len(d.sessions) == 1
    s = d.sessions[0]
    assert isinstance(s, FlexRegSession)
    assert s.session_id == 1 and s.facility_id == 1 and s.center_id == 1
    assert s.max_enrollment == 1
    assert s.first_date == TS.date() and s.last_date == TS.date()
    assert s.beginning_time == TS and s.ending_time == TS


def test_flexreg_program_fees() -> None:
    recs, msgs = decode("GetFlexRegProgramFees")
    assert msgs == []
    (f,) = recs
    assert isinstance(f, FlexRegProgramFee)
    assert f.program_id == 1234
    assert f.starting_price_per_day == 1234.0 and type(f.starting_price_per_day) is float
    assert f.configure_fee == 10.0 and type(f.configure_fee) is float
    assert f.normal_charges is not None and len(f.normal_charges) == 1
    c = f.normal_charges[0]
    assert isinstance(c, FlexRegProgramCharge)
    assert c.discount_order == 1234 and type(c.discount_order) is int
    assert c.default_amount == 1234.0 and type(c.default_amount) is float
    assert c.qualified_session_id == 1234
    assert c.per_week_qualification_max == 1234
    assert c.discountable is True
    ts = datetime(2025, 10, 16, 0, 39, 44)
    assert c.activation_date == ts.date() and c.expiration_date == ts.date()
    assert c.glaccounts is not None and len(c.glaccounts) == 1
    assert isinstance(c.glaccounts[0], FlexRegGLAccount)
    assert c.glaccounts[0].gl_account_number == "7283 TX-9"
    assert c.scheduled_fees is not None and len(c.scheduled_fees) == 1
    sched = c.scheduled_fees[0]
    assert isinstance(sched, FlexRegScheduledFee)
    assert sched.effective_date == ts.date()
    assert sched.charge_amount == 1.0 and type(sched.charge_amount) is float
    assert f.global_discounts is not None and len(f.global_discounts) == 1
    g = f.global_discounts[0]
    assert isinstance(g, FlexRegGlobalDiscount)
    assert g.global_discount_order == 1
    assert g.global_discount_amount == 1234.0 and type(g.global_discount_amount) is float
    assert g.global_discount_retired is True


def test_flexreg_program_types() -> None:
    recs, msgs = decode("GetFlexRegProgramTypes")
    assert msgs == []
    assert len(recs) == 3
    assert all(isinstance(r, FlexRegProgramType) for r in recs)
    assert [r.program_type_id for r in recs] == [1, 2, 3]
    assert recs[2].program_type_name == "program type - 3"


def test_flexreg_enrollment() -> None:
    recs, msgs = decode("GetFlexRegEnrollment")
    assert msgs == []
    (e,) = recs
    assert isinstance(e, FlexRegEnrollment)
    assert e.program_id == 1 and e.customer_id == 1
    assert e.enrollment_status == "Enrolled"
    assert e.customer_date_modified == TS
    assert e.date_registered == TS
    assert e.waitlist_removed_date == TS
    assert e.last_transaction_date == TS
    assert e.has_active_membership is True
    assert e.enrolled_sessions is not None and len(e.enrolled_sessions) == 1
    s = e.enrolled_sessions[0]
    assert isinstance(s, FlexRegEnrolledSession)
    assert s.session_id == 1
    assert s.first_date == date(2025, 10, 16) and type(s.first_date) is date
    assert s.last_date == date(2025, 10, 16)
    assert e.payers is not None and len(e.payers) == 1
    p = e.payers[0]
    assert isinstance(p, FlexRegPayer)
    assert p.payer_customer_id == 1 and type(p.payer_customer_id) is int
    assert p.payer_company_phone == "mock companyPhone data"


def test_flexreg_expanded_detail() -> None:
    recs, msgs = decode("GetFlexregExpandedDetail")
    assert msgs == []
    (x,) = recs
    assert isinstance(x, FlexRegExpandedDetail)
    assert x.customer_id == 1245 and type(x.customer_id) is int
    assert x.home_phone == "9876543210"
    assert x.residential_zip_code == "7539514"
    assert x.age == "20.3"
    assert x.mobile_carrier is None and x.age_category is None
    assert x.has_active_membership is False
    assert x.customer_date_modified == datetime(2025, 10, 16, 0, 39, 45)
    assert x.date_registered is None and x.last_transaction_date is None
    assert x.families is not None and len(x.families) == 1
    fam = x.families[0]
    assert isinstance(fam, FlexRegFamily)
    assert fam.family_id == 7410
    assert fam.head_of_household == "head of household full name"
    assert fam.head_of_household_customer_id == 1234
    assert x.question_answers is not None and len(x.question_answers) == 1
    qa = x.question_answers[0]
    assert isinstance(qa, FlexRegQuestionAnswer)
    assert qa.question_id == 123
    assert qa.time_stamp == datetime(2025, 10, 16, 0, 39, 45)
    assert x.enrolled_sessions is not None and len(x.enrolled_sessions) == 1
    s = x.enrolled_sessions[0]
    assert isinstance(s, FlexRegEnrolledSession)
    assert s.first_date == date(2025, 10, 15)
    assert s.last_date == date(2025, 10, 17)
    assert x.payers is not None and len(x.payers) == 1
    assert isinstance(x.payers[0], FlexRegPayer)
    assert x.payers[0].payer_customer_id == 1245
    assert x.payers[0].payer_company_name is None


def test_flexreg_program_dates() -> None:
    recs, msgs = decode("GetFlexRegProgramDates")
    assert msgs == []
    (d,) = recs
    assert isinstance(d, FlexRegProgramDate)
    assert d.session_id == 50 and d.session_date_id == 123 and d.session_facility_id == 12
    assert d.start_date == date(2025, 10, 16) and type(d.start_date) is date
    assert d.start_time == datetime(2025, 10, 16, 8, 0)
    assert d.end_time == datetime(2025, 10, 16, 11, 0)
    assert d.status == 1
    assert d.available_spots == 1 and type(d.available_spots) is int


def test_flexreg_program_dates_blank_spots_mean_unlimited() -> None:
    doc = json.loads(body("GetFlexRegProgramDates"))
    doc["body"][0]["available_spots"] = ""
    recs, msgs = decode("GetFlexRegProgramDates", json.dumps(doc).encode())
    assert msgs == []
    assert recs[0].available_spots is None


def test_flexreg_placeholder_in_date_becomes_none_with_a_warning() -> None:
    doc = json.loads(body("GetFlexRegEnrollment"))
    doc["body"][0]["date_registered"] = "mock dateRegistered data"
    doc["body"][0]["enrolled_sessions"][0]["first_date"] = "mock firstDate data"
    with pytest.warns(LenientValueWarning) as record:
        page = decode_page(json.dumps(doc).encode(), scheme=PageInfoHeader(),
                           rtype=FlexRegEnrollment,
                           operation="GetFlexRegEnrollment")
    (e,) = page.records
    assert e.date_registered is None
    assert e.enrolled_sessions is not None
    assert e.enrolled_sessions[0].first_date is None
    assert e.enrolled_sessions[0].last_date == date(2025, 10, 16)
    text = " ".join(str(w.message) for w in record)
    assert "FlexRegEnrollment.date_registered" in text
    assert "FlexRegEnrolledSession.first_date" in text


@pytest.mark.parametrize("op", sorted(RECORDS))
def test_plain_msgspec_decode_of_envelope_warns_only_for_placeholders(op: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        env_type: Any = SystemEnvelope[RECORDS[op]]  # type: ignore[valid-type]
        env = msgspec.json.decode(body(op), type=env_type, strict=False)
    warned = {str(w.message).split(" = ")[0].split(": ", 1)[1]
              for w in caught if issubclass(w.category, LenientValueWarning)}
    assert warned == PLACEHOLDERS.get(op, set())
    assert env.body and all(isinstance(r, RECORDS[op]) for r in env.body)
    assert env.headers is not None and env.headers.response_code == "0000"
