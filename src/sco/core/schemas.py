from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

# A calendar year a filter may ask for: beyond these bounds a date cannot be built (a server error before).
YEAR_MIN, YEAR_MAX = 1900, 2200
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


def _wall_clock(value: datetime) -> datetime:
    if value.tzinfo is not None:
        raise ValueError("give the local wall-clock time at the venue, without a UTC offset")
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}")
    return value


# A local wall-clock time at a place (no offset: the place's time zone gives it), e.g. 2024-07-03T10:00.
WallClock = Annotated[datetime, AfterValidator(_wall_clock)]


class MeOut(Schema):
    username: str
    display_name: str
    language: str
    acts_for: list[str] = Field(description="ISO codes of the member states this person may act for today.")
    secretariat: bool
    chair: bool


class TokenIn(Schema):
    name: str = Field(..., max_length=100)
    days: int = Field(90, ge=1, le=366)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="Shown once: keep it now, it cannot be shown again.")


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None
