"""Decoding the documented example responses of the general look-ups into their records."""

import json
import re
import warnings
from datetime import date, datetime
from typing import Any

import msgspec
import pytest

from activenet_async._decode import decode_page
from activenet_async._lenient import LenientValueWarning
from activenet_async._paging.schemes import PageInfoHeader, SystemEnvelope
from activenet_async.records.general import (
    Center,
    CenterDayHours,
    CenterDefaultHours,
    ChildSeason,
    Gender,
    Organization,
    Season,
    Site,
    Skill,
    SkipDate,
    State,
)

from . import records_of
from .test_activities import EXAMPLES, example_keys, record_keys

RECORDS = records_of("general")

_WARNED = re.compile(r": (\w+\.\w+) = ")


def example(name: str) -> bytes:
    return (EXAMPLES / f"{name}.json").read_bytes()


def with_value(name: str, key: str, value: Any) -> bytes:
    """The example of ``name`` with ``body[0][key]`` replaced."""
    doc = json.loads(example(name))
    doc["body"][0][key] = value
    return json.dumps(doc).encode()


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
    recs, warned = decode(name)
    assert warned == set()
    return recs


def test_records_cover_the_operations() -> None:
    assert set(RECORDS) == {"GetSites", "GetOrganization", "GetCenters", "GetSkills",
                            "GetSkipDates", "GetSeasons", "GetGenders", "GetStates"}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_example_key_is_a_field(name: str) -> None:
    doc = json.loads(example(name))
    assert example_keys(doc["body"]) <= record_keys(RECORDS[name])


def test_get_sites() -> None:
    [s] = records("GetSites")
    assert type(s) is Site
    assert s.site_id == 1 and type(s.site_id) is int
    assert s.site_name == "mock name data"
    assert s.zip_code == "12345"
    assert s.state == "CA" and s.country == "US"
    assert s.email_address == "test@mock.com"


def test_get_organization() -> None:
    [o] = records("GetOrganization")
    assert type(o) is Organization
    assert o.organization_id == 100 and type(o.organization_id) is int
    assert o.time_zone == "Asia/ShangHai"
    assert o.retired is False
    assert o.logo_on_member_app is None  # in the table, not in the example
    assert o.cui_url == "https://apm.active.com/test/Home"


def test_organization_retired_yes() -> None:
    [o], warned = decode("GetOrganization", with_value("GetOrganization", "retired", "Y"))
    assert o.retired is True and not warned


def test_get_centers() -> None:
    [c] = records("GetCenters")
    assert type(c) is Center
    assert c.center_id == 1 and type(c.center_id) is int
    assert c.prevent_further_use is True
    assert c.show_on_member_app is True
    assert c.latitude == 20.0 and type(c.latitude) is float
    assert c.longitude == 20.0 and type(c.longitude) is float
    assert c.zip_code == "12345" and c.phone1 == "12345678"
    assert type(c.default_hours_of_operation) is CenterDefaultHours
    assert c.default_hours_of_operation.default_opens is None
    days = [c.Sunday_hours_of_operation, c.Monday_hours_of_operation,
            c.Tuesday_hours_of_operation, c.Wednesday_hours_of_operation,
            c.Thursday_hours_of_operation, c.Friday_hours_of_operation,
            c.Saturday_hours_of_operation]
    for day in days:
        assert type(day) is CenterDayHours
        assert day.closed_all_day is False
        assert day.opens is None and day.closes is None


def test_center_hours_and_blank_coordinates() -> None:
    doc = json.loads(example("GetCenters"))
    rec = doc["body"][0]
    rec["Monday_hours_of_operation"] = {"closed_all_day": "Y", "opens": "08:00:00",
                                        "closes": "20:00:00"}
    rec["latitude"] = ""
    rec["longitude"] = 33.5
    rec["show_on_member_app"] = "N"
    [c], warned = decode("GetCenters", json.dumps(doc).encode())
    assert not warned
    assert c.Monday_hours_of_operation.closed_all_day is True
    assert c.Monday_hours_of_operation.opens == "08:00:00"
    assert c.latitude is None
    assert c.longitude == 33.5
    assert c.show_on_member_app is False


def test_center_placeholder_flag_warns() -> None:
    body = with_value("GetCenters", "show_on_member_app", "mock showOnMemberApp data")
    with pytest.warns(LenientValueWarning, match="Center.show_on_member_app"):
        page = decode_page(body, scheme=PageInfoHeader(), rtype=Center, operation="GetCenters")
    [c] = page.records
    assert c.show_on_member_app is None
    assert c.center_id == 1


def test_get_skills() -> None:
    [s] = records("GetSkills")
    assert type(s) is Skill
    assert s.skill_id == 4 and type(s.skill_id) is int
    assert s.skill_title == "swimming"
    assert s.skill_description == ""
    assert s.available_for == "Activities,Instructors,Officials,Customers,Programs"


def test_get_skip_dates() -> None:
    [s] = records("GetSkipDates")
    assert type(s) is SkipDate
    assert s.skip_every_year is True
    assert s.date_from == date(2025, 10, 16) and type(s.date_from) is date
    assert s.date_to == date(2025, 10, 17) and type(s.date_to) is date
    assert s.time_from == "10:00:00" and s.time_to == "10:00:00"
    assert s.skip_date_description == "test-skipdates-description"


def test_skip_date_placeholder_warns() -> None:
    body = with_value("GetSkipDates", "date_from", "mock dateFrom data")
    [s], warned = decode("GetSkipDates", body)
    assert warned == {"SkipDate.date_from"}
    assert s.date_from is None and s.date_to == date(2025, 10, 17)


def test_get_seasons() -> None:
    [s] = records("GetSeasons")
    assert type(s) is Season
    assert s.season_id == 1 and s.site_id == 1
    assert s.season_name == "season 1"
    assert s.prevent_further_use is True
    stamp = datetime(2025, 10, 16, 0, 38, 6)
    assert s.start_date == stamp.date() and type(s.start_date) is date
    assert s.end_date == stamp.date()
    assert s.first_date_on_internet_members == stamp
    assert s.last_date_in_person == stamp
    assert s.child_season is not None and len(s.child_season) == 1
    [child] = s.child_season
    assert type(child) is ChildSeason
    assert child.child_season_id == 1 and child.child_season == "mock name data"
    assert child.prevent_further_use is True
    assert child.first_date_in_person_non_residents == stamp
    assert type(child.last_date_on_internet) is datetime


def test_season_date_formats() -> None:
    doc = json.loads(example("GetSeasons"))
    rec = doc["body"][0]
    rec["start_date"] = "2025-10-16"
    rec["end_date"] = "2000/01/01"
    rec["first_date_in_person"] = "10/16/2025 08:30"
    rec["last_date_in_person"] = ""
    rec["child_season"][0]["start_date"] = "mock startDate data"
    [s], warned = decode("GetSeasons", json.dumps(doc).encode())
    assert warned == {"ChildSeason.start_date"}
    assert s.start_date == date(2025, 10, 16)
    assert s.end_date == date(2000, 1, 1)
    assert s.first_date_in_person == datetime(2025, 10, 16, 8, 30)
    assert s.last_date_in_person is None
    assert s.child_season is not None and s.child_season[0].start_date is None


def test_get_genders() -> None:
    genders = records("GetGenders")
    assert len(genders) == 3
    assert all(type(g) is Gender for g in genders)
    assert [(g.gender_id, g.gender) for g in genders] == [(0, "Mixed"), (1, "Male"),
                                                           (2, "Female")]
    assert type(genders[0].gender_id) is int


def test_get_states() -> None:
    states = records("GetStates")
    assert [type(s) for s in states] == [State, State]
    assert [(s.state_id, s.state) for s in states] == [(1, "California"), (2, "Texas")]


def test_ids_sent_as_strings_become_ints() -> None:
    [s], warned = decode("GetSites", with_value("GetSites", "site_id", "7"))
    assert s.site_id == 7 and type(s.site_id) is int and not warned


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_envelope_decodes_without_warnings(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        envelope: Any = SystemEnvelope  # parametrized at run time
        env = msgspec.json.decode(example(name), type=envelope[RECORDS[name]], strict=False)
    assert not [w for w in caught if issubclass(w.category, LenientValueWarning)]
    assert env.headers is not None and env.headers.response_code == "0000"
    assert env.body and all(type(r) is RECORDS[name] for r in env.body)
