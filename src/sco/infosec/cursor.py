"""The opaque `next` cursor: the (date_added, id) of the last row served, signed so a tampered cursor is refused.

A cursor is bound to its collection and to the CERT that received it: it cannot be replayed elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing

SALT = "sco.infosec.next"


@dataclass(frozen=True)
class Position:
    date_added: dt.datetime
    pk: int


class BadCursor(ValueError):
    pass


def encode(position: Position, *, scope: str) -> str:
    return signing.dumps([position.date_added.isoformat(), position.pk, scope], salt=SALT, compress=False)


def decode(token: str, *, scope: str) -> Position:
    try:
        when, pk, token_scope = signing.loads(token, salt=SALT)
        if token_scope != scope:
            raise BadCursor("cursor issued for another collection or caller")
        return Position(dt.datetime.fromisoformat(when), int(pk))
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadCursor(str(exc)) from exc
