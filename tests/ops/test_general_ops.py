"""General reference-data operations: each documented example decodes through its method."""

from __future__ import annotations

import json
from datetime import date

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, RequestValidationError
from activenet_async.records.general import (
    Center,
    ChildSeason,
    Gender,
    Organization,
    Season,
    Site,
    Skill,
    SkipDate,
    State,
)

from ..conftest import example, sent, serve


async def test_get_sites_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/sites", example("GetSites"))
    sites = await anet.get_sites().collect()
    assert len(sites) == 1 and isinstance(sites[0], Site)
    assert sites[0].site_id == 1 and sites[0].state == "CA"


async def test_get_organization_returns_one_record(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/organization", example("GetOrganization"))
    org = await anet.get_organization()
    assert isinstance(org, Organization)
    assert org.organization_id == 100 and org.retired is False


async def test_get_centers_sends_flag_as_y_n(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/centers", example("GetCenters"))
    centers = await anet.get_centers(show_on_member_app=True).collect()
    assert isinstance(centers[0], Center) and centers[0].show_on_member_app is True
    (_, url, _), = sent(mocked)
    assert "show_on_member_app=Y" in url
    assert "/anet-systemapi-sec/orgtest/api/v1/centers" in url


async def test_get_skip_dates_sends_page_info_header(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/skipdates", example("GetSkipDates"))
    rows = await anet.get_skip_dates(facility_id=7, order_by="start_time",
                                     order_option="DESC").collect()
    assert rows and isinstance(rows[0], SkipDate)
    (_, url, kwargs), = sent(mocked)
    info = json.loads(kwargs["headers"]["page_info"])
    assert info == {"page_number": 1, "total_records_per_page": 500,
                    "order_by": "start_time", "order_option": "DESC"}
    assert "facility_id=7" in url and "order_by" not in url


@pytest.mark.parametrize("kwargs", [
    {},                                             # facility_id is mandatory
    {"facility_id": "7"},                           # not an int
    {"facility_id": 7, "order_by": "nope"},         # not a documented sort option
    {"facility_id": 7, "page_size": 501},           # above the documented maximum
    {"facility_id": 7, "page_size": 0},             # non-positive
])
async def test_get_skip_dates_rejects_bad_input(anet: ActiveNet, mocked: aioresponses,
                                                kwargs: dict[str, object]) -> None:
    with pytest.raises((RequestValidationError, TypeError)):
        anet.get_skip_dates(**kwargs)  # type: ignore[arg-type]
    assert sent(mocked) == []


async def test_unknown_keyword_is_type_error(anet: ActiveNet) -> None:
    with pytest.raises(TypeError):
        anet.get_sites(site_id=1)  # type: ignore[call-arg]


async def test_get_skills_decodes_example(anet: ActiveNet, mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/skills", example("GetSkills"))
    (skill,) = await anet.get_skills().collect()
    assert isinstance(skill, Skill) and skill.skill_id == 4 and skill.skill_title == "swimming"
    assert skill.available_for == "Activities,Instructors,Officials,Customers,Programs"


async def test_get_seasons_decodes_example_with_children(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/seasons", example("GetSeasons"))
    seasons = await anet.get_seasons().collect()
    s = seasons[0]
    assert isinstance(s, Season) and s.season_id == 1
    assert s.child_season and isinstance(s.child_season[0], ChildSeason)
    assert s.child_season[0].start_date == date(2025, 10, 16)


async def test_get_genders_and_states_decode_examples(anet: ActiveNet,
                                                       mocked: aioresponses) -> None:
    serve(mocked, "/api/v1/genders", example("GetGenders"))
    serve(mocked, "/api/v1/states", example("GetStates"))
    genders = await anet.get_genders().collect()
    assert isinstance(genders[0], Gender) and (genders[0].gender_id, genders[0].gender) == (
        0, "Mixed")
    states = await anet.get_states().collect()
    assert isinstance(states[0], State) and states[0].state == "California"
