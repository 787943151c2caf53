"""Who is calling, and what they may do in a collection: one answer for the TAXII door (a CERT key) and the pages
(a signed-in CERT analyst)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from sco.core import tokens
from sco.core.users import Viewer as Person
from sco.core.users import person, signed_in
from sco.infosec.errors import BadKey, NoGrant, NoSuchObject
from sco.infosec.models import ApiKey, Cert, Collection, Grant, Viewer, person_identity_id
from sco.members import permissions
from sco.members.models import Mandate, Role


@dataclass(frozen=True)
class Caller:
    user: AbstractBaseUser | None
    cert: Cert | None
    key: ApiKey | None = None

    @property
    def viewer(self) -> Viewer:
        return Viewer(
            cert_id=self.cert.pk if self.cert else None,
            cert_identity=self.cert.identity_id if self.cert else None,
            person_identity=person_identity_id(self.user.get_username()) if self.user is not None else None,
            user_id=self.user.pk if self.user is not None else None,
        )

    @property
    def scope(self) -> str:
        return f"{self.cert.pk if self.cert else 0}:{self.key.pk if self.key else 'u'}"


def key_from_authorization(header: str) -> str | None:
    """The key in `Authorization`: HTTP Basic (the key as password; taxii2-client's user/password), Bearer, or
    Token (taxii2-client's TokenAuth)."""
    scheme, _sep, value = header.partition(" ")
    scheme, value = scheme.lower(), value.strip()
    if scheme in ("bearer", "token"):
        return value or None
    if scheme == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def caller_from_key(token: str | None, *, now: dt.datetime) -> Caller:
    prefix = tokens.parse_prefix(token) if token else None
    key = (
        ApiKey.objects.select_related("cert__institution", "user").filter(prefix=prefix).first()
        if prefix and token
        else None
    )
    if key is None or token is None or not tokens.matches(token, key.digest):
        raise BadKey()
    if key.revoked_at is not None or key.expires_at <= now or not key.user.is_active:
        raise BadKey()
    return Caller(user=key.user, cert=key.cert, key=key)


def cert_of(user: Person) -> Cert | None:
    """The CERT a signed-in person acts for today (a current CERT-analyst mandate), if any."""
    if not signed_in(user) or user is None:
        return None
    user_pk = cast(int, user.pk)
    mandate = (
        Mandate.objects.current(permissions.today())
        .filter(user_id=user_pk, role=Role.CERT_ANALYST, institution__cert__isnull=False)
        .select_related("institution__cert__institution")
        .first()
    )
    if mandate is None or mandate.institution is None:
        return None
    # The reverse one-to-one is infosec's own (members does not know it): read it untyped.
    cert: Cert = cast(Any, mandate.institution).cert
    return cert


def caller_for_user(user: Person) -> Caller:
    return Caller(user=person(user), cert=cert_of(user))


def grants_of(caller: Caller) -> QuerySet[Grant]:
    grants = Grant.objects.filter(cert=caller.cert) if caller.cert else Grant.objects.none()
    if caller.key is not None:
        grants = grants.filter(collection__in=caller.key.collections.all())
    return grants


@dataclass(frozen=True)
class Rights:
    collection: Collection
    can_read: bool
    can_write: bool


def rights(caller: Caller, collection_id: str) -> Rights:
    """The caller's rights in a collection; a collection it has no grant on does not exist for it (404)."""
    grant = grants_of(caller).select_related("collection").filter(collection_id=_uuid(collection_id)).first()
    if grant is None:
        raise NoSuchObject()
    may_write = grant.can_write and (caller.key is None or caller.key.may_write)
    return Rights(grant.collection, grant.can_read, may_write)


def readable(caller: Caller, collection_id: str) -> Collection:
    r = rights(caller, collection_id)
    if not r.can_read:
        raise NoGrant()
    return r.collection


def writable(caller: Caller, collection_id: str) -> Collection:
    r = rights(caller, collection_id)
    if not r.can_write:
        raise NoGrant()
    return r.collection


def _uuid(value: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise NoSuchObject() from exc
