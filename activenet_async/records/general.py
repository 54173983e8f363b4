"""Records of the System API look-ups: sites, organization, centers, skills, seasons, ..."""

from .._lenient import LenientBool, LenientDate, LenientDateTime, LenientFloat, Record

__all__ = [
    "Center",
    "CenterDayHours",
    "CenterDefaultHours",
    "ChildSeason",
    "Gender",
    "Organization",
    "Season",
    "Site",
    "Skill",
    "SkipDate",
    "State",
]


class Site(Record):
    """One site of the organization (GetSites)."""

    site_id: int | None = None
    site_name: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    geographic_area: str | None = None
    email_address: str | None = None


class Organization(Record):
    """The organization's basic information (GetOrganization; exactly one record)."""

    organization_id: int | None = None
    name: str | None = None
    country: str | None = None
    time_zone: str | None = None
    logo_on_member_app: str | None = None
    retired: LenientBool | None = None  # documented String 'Y'/'N'
    cui_url: str | None = None


class CenterDefaultHours(Record):
    """Default opening and closing times of a center (times of day, e.g. "08:00:00")."""

    default_opens: str | None = None
    default_closes: str | None = None


class CenterDayHours(Record):
    """Opening and closing times of a center on one day of the week."""

    closed_all_day: LenientBool | None = None
    opens: str | None = None
    closes: str | None = None


class Center(Record):
    """One center of the organization (GetCenters)."""

    center_id: int | None = None
    center_name: str | None = None
    prevent_further_use: LenientBool | None = None
    site_id: int | None = None
    site_name: str | None = None
    show_on_member_app: LenientBool | None = None  # documented String 'Y'/'N'
    member_app_image: str | None = None
    # documented String, example "20": coordinates are numbers sent as strings
    latitude: LenientFloat | None = None
    longitude: LenientFloat | None = None
    description: str | None = None
    customer_webpage_url: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None
    default_hours_of_operation: CenterDefaultHours | None = None
    Sunday_hours_of_operation: CenterDayHours | None = None
    Monday_hours_of_operation: CenterDayHours | None = None
    Tuesday_hours_of_operation: CenterDayHours | None = None
    Wednesday_hours_of_operation: CenterDayHours | None = None
    Thursday_hours_of_operation: CenterDayHours | None = None
    Friday_hours_of_operation: CenterDayHours | None = None
    Saturday_hours_of_operation: CenterDayHours | None = None


class Skill(Record):
    """One skill (GetSkills; also the elements of GetActivityDetail ``skills``)."""

    skill_id: int | None = None
    skill_title: str | None = None
    skill_description: str | None = None
    available_for: str | None = None  # comma list of entity names, e.g. "Activities,Programs"


class SkipDate(Record):
    """One skip-date range (GetSkipDates)."""

    skip_date_description: str | None = None
    skip_every_year: LenientBool | None = None
    date_from: LenientDate | None = None
    # documented Date, example "10:00:00": a time of day, so the example wins and it stays str
    time_from: str | None = None
    date_to: LenientDate | None = None
    time_to: str | None = None  # documented Date, example "10:00:00" (see time_from)


class ChildSeason(Record):
    """A child season (term) of a parent season (GetSeasons ``child_season``)."""

    child_season_id: int | None = None
    child_season: str | None = None
    # documented Date; sent as "2021-01-01" or with a time ("2013-09-01 00:00:00", the
    # example's "2025-10-16 00:38:06"): a day either way, so a date (the time is dropped)
    start_date: LenientDate | None = None
    end_date: LenientDate | None = None  # documented Date (see start_date)
    prevent_further_use: LenientBool | None = None
    first_date_in_person: LenientDateTime | None = None
    first_date_in_person_non_residents: LenientDateTime | None = None
    first_date_in_person_members: LenientDateTime | None = None
    last_date_in_person: LenientDateTime | None = None
    first_date_on_internet: LenientDateTime | None = None
    first_date_on_internet_non_residents: LenientDateTime | None = None
    first_date_on_internet_members: LenientDateTime | None = None
    last_date_on_internet: LenientDateTime | None = None


class Season(Record):
    """One parent season with its child seasons (GetSeasons)."""

    season_id: int | None = None
    season_name: str | None = None
    child_season: list[ChildSeason] | None = None
    start_date: LenientDate | None = None  # documented Date: a day (see ChildSeason)
    end_date: LenientDate | None = None  # documented Date: a day (see ChildSeason)
    site_id: int | None = None
    prevent_further_use: LenientBool | None = None
    first_date_in_person: LenientDateTime | None = None
    first_date_in_person_non_residents: LenientDateTime | None = None
    first_date_in_person_members: LenientDateTime | None = None
    last_date_in_person: LenientDateTime | None = None
    first_date_on_internet: LenientDateTime | None = None
    first_date_on_internet_non_residents: LenientDateTime | None = None
    first_date_on_internet_members: LenientDateTime | None = None
    last_date_on_internet: LenientDateTime | None = None


class Gender(Record):
    """One gender option (GetGenders)."""

    gender_id: int | None = None
    gender: str | None = None


class State(Record):
    """One state/province (GetStates)."""

    state_id: int | None = None
    state: str | None = None
