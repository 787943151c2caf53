import datetime as dt

from ninja import Field, Schema


class Names(Schema):
    en: str
    ru: str
    zh: str


class StatusOut(Schema):
    status: str
    start: dt.date
    end: dt.date | None
    source: str


class StateOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    iso3: str
    name: str = Field(description="In the request's language.")
    names: Names
    status: str | None = Field(description="Status on the date asked (today by default), or null.")
    statuses: list[StatusOut]
    source: str


class BodyOut(Schema):
    code: str
    kind: str
    abbreviation: str
    name: str
    names: Names
    seat: str
    source: str


class ChairmanshipOut(Schema):
    state: str = Field(description="ISO code of the chairing state")
    state_name: str
    start: dt.date
    end: dt.date | None
    current: bool
    source: str


class SummitOut(Schema):
    number: int
    city: str
    host: str
    start: dt.date
    end: dt.date
    online: bool
    outcome: str
    source: str


class InstitutionOut(Schema):
    code: str
    kind: str
    name: str
    state: str | None
    status_note: str
    source: str


class MandateOut(Schema):
    id: int
    username: str
    display_name: str
    role: str
    state: str | None
    bodies: list[str]
    institution: str | None
    start: dt.date
    end: dt.date | None


class MandateIn(Schema):
    username: str
    role: str = Field(
        description="head_of_delegation, delegate, national_coordinator, secretariat, financier, cert_analyst"
    )
    state: str | None = Field(None, description="ISO code of the member state")
    bodies: list[str] = Field(default_factory=list, description="Body codes (delegates only)")
    institution: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class MandateEndIn(Schema):
    end: dt.date | None = None
