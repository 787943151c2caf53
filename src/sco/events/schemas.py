"""The JSON shapes of the events API. Times in: venue-local wall-clock times with the venue's zone; out: both."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from sco.core.schemas import YEAR_MAX, YEAR_MIN, WallClock, Year
from sco.events.selectors import EventFilters
from sco.events.timezones import utc_to_local


class EventIn(Schema):
    title_en: str = Field(..., max_length=300)
    title_ru: str = Field("", max_length=300)
    title_zh: str = Field("", max_length=300)
    description_en: str = ""
    description_ru: str = ""
    description_zh: str = ""
    category: str
    format: str = "in_person"
    is_public: bool = True
    cancelled: bool = False
    precision: str = "time"
    start: datetime = Field(..., description="Local wall-clock time at the venue, no offset: 2024-07-03T10:00")
    end: datetime = Field(..., description="Local wall-clock time at the venue, no offset")
    time_zone: str = Field(..., description="IANA zone of the venue, e.g. Asia/Almaty for Astana")
    venue: str = Field("", max_length=200)
    city_en: str = Field(..., max_length=100)
    city_ru: str = Field("", max_length=100)
    city_zh: str = Field("", max_length=100)
    country: str = Field(..., description="ISO 3166-1 alpha-2 code")
    organiser_state: str | None = None
    organiser_body: str | None = None
    chairmanship: int | None = None
    registration_open: bool = False
    audience: str = "delegations"
    capacity: int | None = None
    needs_approval: bool = True
    keeps_waitlist: bool = True
    registration_opens: datetime | None = Field(None, description="Local time at the venue; none: open at once")
    registration_closes: datetime | None = Field(None, description="Local time at the venue")
    report_en: str = ""
    report_ru: str = ""
    report_zh: str = ""
    source: str = ""


class SpeakerIn(Schema):
    name: str = Field(..., max_length=200)
    delegation: str | None = None
    affiliation: str = ""


class SessionIn(Schema):
    title_en: str = Field(..., max_length=300)
    title_ru: str = ""
    title_zh: str = ""
    start: WallClock
    end: WallClock
    room: str = ""
    speakers: list[SpeakerIn] = []


class SpeakerOut(Schema):
    name: str
    delegation: str | None
    affiliation: str


class SessionOut(Schema):
    id: int
    title: str
    start_local: str
    end_local: str
    starts_at: datetime
    ends_at: datetime
    room: str
    speakers: list[SpeakerOut]


class EventOut(Schema):
    id: int
    title: str
    title_en: str
    title_ru: str
    title_zh: str
    description: str
    category: str
    format: str
    is_public: bool
    cancelled: bool
    precision: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    start_local: str
    end_local: str
    venue: str
    city: str
    country: str
    organiser_state: str | None
    organiser_body: str | None
    chairmanship: int | None
    sequence: int
    registration_open: bool
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    audience: str
    capacity: int | None
    source: str

    # Resolvers let a paginated list hand model rows straight to the schema (only the page is converted).
    @staticmethod
    def resolve_start_local(obj: Any) -> str:
        return obj["start_local"] if isinstance(obj, dict) else utc_to_local(obj.starts_at, obj.time_zone).isoformat()

    @staticmethod
    def resolve_end_local(obj: Any) -> str:
        return obj["end_local"] if isinstance(obj, dict) else utc_to_local(obj.ends_at, obj.time_zone).isoformat()

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj["country"] if isinstance(obj, dict) else obj.country.code

    @staticmethod
    def resolve_organiser_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["organiser_state"]
        return obj.organiser_state.code if obj.organiser_state else None

    @staticmethod
    def resolve_organiser_body(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["organiser_body"]
        return obj.organiser_body.code if obj.organiser_body else None

    @staticmethod
    def resolve_chairmanship(obj: Any) -> int | None:
        return obj["chairmanship"] if isinstance(obj, dict) else obj.chairmanship_id


class RegistrationIn(Schema):
    full_name: str = ""
    function: str = ""
    delegation: str | None = None


class DecisionIn(Schema):
    approve: bool


class RegistrationOut(Schema):
    id: int
    event: int
    full_name: str
    function: str
    delegation: str | None
    status: str


class OutcomeIn(Schema):
    kind: str
    label_en: str
    label_ru: str = ""
    label_zh: str = ""
    target_id: str = ""
    url: str = ""


class EventOutcomeOut(Schema):
    id: int
    kind: str
    label: str
    target_id: str
    url: str


class FollowUpIn(Schema):
    text_en: str
    text_ru: str = ""
    text_zh: str = ""
    owner_state: str | None = None
    due: date | None = None


class OutcomeUpdateIn(Schema):
    kind: str | None = None
    label_en: str | None = None
    label_ru: str | None = None
    label_zh: str | None = None
    target_id: str | None = None
    url: str | None = None


class FollowUpUpdateIn(Schema):
    text_en: str | None = None
    text_ru: str | None = None
    text_zh: str | None = None
    owner_state: str | None = Field(None, description="ISO code; an empty string clears it")
    due: date | None = None
    clear_due: bool = False
    done: bool | None = None


class FollowUpOut(Schema):
    id: int
    text: str
    owner_state: str | None
    due: date | None
    done: bool


class EventDetailOut(EventOut):
    sessions: list[SessionOut]
    report: str
    outcomes: list[EventOutcomeOut]
    follow_ups: list[FollowUpOut]


class DayOut(Schema):
    date: date
    events: list[int]


class CalendarEventOut(Schema):
    id: int
    title: str
    category: str
    precision: str
    cancelled: bool
    is_public: bool
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    start_local: str
    end_local: str
    city: str


class CalendarOut(Schema):
    first: date
    last: date
    days: list[DayOut]
    events: list[CalendarEventOut]


class CountOut(Schema):
    key: str
    count: int


class OverviewOut(Schema):
    chairmanship: int
    label: str
    total: int
    by_category: list[CountOut]
    by_month: list[CountOut]
    by_city: list[CountOut]


class ClashOut(Schema):
    first: RegistrationOut
    second: RegistrationOut


class EventFiltersIn(Schema):
    """The filters as query parameters (API and pages share them)."""

    category: str = ""
    state: str = ""
    body: str = ""
    chairmanship: int | None = None
    year: Year | None = None

    def to_filters(self) -> EventFilters:
        return EventFilters(
            category=self.category, state=self.state, body=self.body, chairmanship=self.chairmanship, year=self.year
        )


class MonthIn(Schema):
    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    month: int = Field(..., ge=1, le=12)
    category: str = ""
    state: str = ""
    body: str = ""
    chairmanship: int | None = None

    def to_filters(self) -> EventFilters:
        return EventFilters(category=self.category, state=self.state, body=self.body, chairmanship=self.chairmanship)


class InvitationIn(Schema):
    username: str


class InvitationOut(Schema):
    id: int
    event: int
    username: str


# a week's day within the years the calendar can show (9999-12-31 overflowed the week's end)
WeekDay = Annotated[date, Field(ge=date(YEAR_MIN, 1, 1), le=date(YEAR_MAX, 12, 31))]


class WeekIn(Schema):
    date: WeekDay
    category: str = ""
    state: str = ""
    body: str = ""
    chairmanship: int | None = None

    def to_filters(self) -> EventFilters:
        return EventFilters(category=self.category, state=self.state, body=self.body, chairmanship=self.chairmanship)
