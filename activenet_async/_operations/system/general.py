"""System API, organization-wide reference data: sites, organization, centers, skills, skip
dates, seasons, genders, states."""

from typing import Literal

from ..._paging import PageInfoHeader, Pager
from ...records.general import (
    Center,
    Gender,
    Organization,
    Season,
    Site,
    Skill,
    SkipDate,
    State,
)
from ..declare import operation
from ..params import YesNo
from ._common import OrderOption


class GeneralOps:
    """Operations on the organization's reference data."""

    @operation("GetSites", "sites", Site, primary_key=("site_id",))
    def get_sites(self,
                  *, raw: bool = False) -> Pager[Site]:
        """Returns a list of sites for your organization (by site_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetOrganization", "organization", Organization, kind="one")
    async def get_organization(self,
                               *, raw: bool = False) -> Organization:
        """Returns information about the organization.

        ``raw=True`` returns the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetCenters", "centers", Center, primary_key=("center_id",))
    def get_centers(self, *, show_on_member_app: YesNo | None = None,
                    raw: bool = False) -> Pager[Center]:
        """Returns a list of centers for your organization (by center_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetSkills", "skills", Skill, primary_key=("skill_id",))
    def get_skills(self,
                   *, raw: bool = False) -> Pager[Skill]:
        """Returns a list of skills for your organization.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetSkipDates", "skipdates", SkipDate, paging=PageInfoHeader(), page_size=500,
               primary_key=("_row_hash",))
    def get_skip_dates(self, *, facility_id: int,
                       order_by: Literal["start_date", "start_time"] | None = None,
                       order_option: OrderOption | None = None,
                       page_size: int | None = None,
                       raw: bool = False) -> Pager[SkipDate]:
        """Returns a list of skip dates of a facility (by start date in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetSeasons", "seasons", Season, primary_key=("season_id",))
    def get_seasons(self,
                    *, raw: bool = False) -> Pager[Season]:
        """Returns a list of seasons for your organization (by season_name in ascending order).

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetGenders", "genders", Gender, primary_key=("gender_id",))
    def get_genders(self,
                    *, raw: bool = False) -> Pager[Gender]:
        """Returns the genders configured for your organization.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...

    @operation("GetStates", "states", State, primary_key=("state_id",))
    def get_states(self,
                   *, raw: bool = False) -> Pager[State]:
        """Returns the states and provinces configured for your organization.

        ``raw=True`` yields each record as the server's JSON object (a ``dict``), undecoded.
        """
        ...
