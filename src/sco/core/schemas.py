from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

# A calendar year a filter may ask for: beyond these bounds a date cannot be built (a server error before).
YEAR_MIN, YEAR_MAX = 1900, 2200
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


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
