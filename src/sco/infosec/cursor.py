"""The opaque `next` cursor: the (date_added, id) of the last row served, with a MAC so a tampered cursor is refused.

A cursor is bound to its collection and to the CERT and key that received it (the MAC covers that scope, which the
token itself does not carry): it cannot be replayed elsewhere. It is made and checked on every TAXII page, so it is
a bare HMAC-SHA256 under a key derived once per process from SECRET_KEY, not `django.core.signing` (which derives its
key and serialises JSON on every call).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from functools import cache

from django.conf import settings

SALT = "sco.infosec.next"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MAC_BYTES = 18


@dataclass(frozen=True)
class Position:
    date_added: dt.datetime
    pk: int


class BadCursor(ValueError):
    pass


@cache
def _key(secret: str) -> bytes:
    return hashlib.sha256(f"{SALT}:{secret}".encode()).digest()


def _mac(body: str, scope: str) -> str:
    digest = hmac.new(_key(settings.SECRET_KEY), f"{scope}|{body}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:_MAC_BYTES]).decode()


def _micros(when: dt.datetime) -> int:
    delta = when - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def encode(position: Position, *, scope: str) -> str:
    body = f"{_micros(position.date_added):x}.{position.pk:x}"
    return f"{body}.{_mac(body, scope)}"


def decode(token: str, *, scope: str) -> Position:
    body, _sep, mac = token.rpartition(".")
    if not body or not hmac.compare_digest(mac.encode(), _mac(body, scope).encode()):
        raise BadCursor("cursor tampered with, or issued for another collection or caller")
    try:
        micros, pk = (int(part, 16) for part in body.split("."))
        return Position(_EPOCH + dt.timedelta(microseconds=micros), pk)
    except (ValueError, OverflowError) as exc:
        raise BadCursor(str(exc)) from exc
