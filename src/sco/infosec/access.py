"""Who is calling, and what they may do in a collection: one answer for the TAXII door (a CERT key) and the pages
(a signed-in CERT analyst)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import time
import uuid
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sco.core import tokens
from sco.core.models import User
from sco.core.users import Viewer as Person
from sco.core.users import person, signed_in
from sco.infosec.errors import BadKey, NoGrant, NoSuchObject
from sco.infosec.models import ApiKey, Cert, Collection, Grant, Viewer, person_identity_id
from sco.members import permissions
from sco.members.models import Mandate, Role


@dataclass(frozen=True)
class Rights:
    collection: Collection
    can_read: bool
    can_write: bool


@dataclass(frozen=True)
class Caller:
    user: AbstractBaseUser | None
    cert: Cert | None
    key: ApiKey | None = None
    # (collection id, the caller's rights there or None for none), read with the key: `rights` answers from it
    preloaded: tuple[str, Rights | None] | None = None
    # answered from this process's key cache: every read it makes re-checks the key in its own query (`key_guard`)
    cached: bool = False

    @cached_property  # a frozen dataclass still has a __dict__ for it; a page asks for it more than once
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


# The key, its holder and CERT, and (when the request names a collection) the key's scope and the CERT's grant on it,
# in one hand-written query: every TAXII request starts here, and the ORM would spend more CPU compiling three
# queries than PostgreSQL spends answering this one. Only fixed table names are interpolated.
_KEY_SQL = """
SELECT k.id, k.cert_id, k.user_id, k.name, k.prefix, k.digest, k.may_write, k.created_at, k.expires_at,
       k.revoked_at, k.last_used_at, u.username, u.is_active, c.institution_id, c.identity_id, c.created,
       g.can_read, g.can_write, col.id, col.alias, col.title_en, col.title_ru, col.title_zh, col.description,
       col.state_id, col.max_tlp, col.created_at
FROM infosec_apikey k
JOIN core_user u ON u.id = k.user_id
JOIN infosec_cert c ON c.id = k.cert_id
LEFT JOIN infosec_apikey_collections kc ON kc.apikey_id = k.id AND kc.collection_id = %s
LEFT JOIN infosec_grant g ON g.cert_id = k.cert_id AND g.collection_id = kc.collection_id
LEFT JOIN infosec_collection col ON col.id = g.collection_id
WHERE k.prefix = %s
"""
_KEY_FIELDS = [
    "id",
    "cert_id",
    "user_id",
    "name",
    "prefix",
    "digest",
    "may_write",
    "created_at",
    "expires_at",
    "revoked_at",
    "last_used_at",
]
_COLLECTION_FIELDS = ["id", "alias", "title_en", "title_ru", "title_zh", "description", "state_id", "max_tlp"]


def _time(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value)
        assert parsed is not None
        value = parsed
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


# The key cache of the read path. A TAXII page asked with a key this process has already checked on this collection
# is answered without the key query: the caller is taken from here (after the token's SHA-256 is compared again), and
# the page's own query re-checks that the key is still unrevoked, unexpired, its holder active and its CERT's grant
# still readable (`key_guard`), so a revocation or a withdrawn grant takes effect on the next request in every
# process. A page that comes back empty is asked again without the cache (`taxii._read_page`), so that a refused key
# answers 401, not an empty page. `forget_keys` drops entries at once in this process (revocation, grants).
KEY_CACHE_SECONDS = 60.0
KEY_CACHE_SIZE = 4096
_key_cache: dict[tuple[str, str], tuple[float, str, Caller]] = {}


def forget_keys(prefix: str | None = None) -> None:
    """Drops this process's cached callers: of one key, or (None) of every key."""
    if prefix is None:
        _key_cache.clear()
        return
    for entry in [entry for entry in list(_key_cache) if entry[0] == prefix]:
        _key_cache.pop(entry, None)


def key_guard(caller: Caller, collection_id: Any, now: dt.datetime) -> tuple[str, list[Any]]:
    """SQL that holds only while the caller's key may still read the collection (for the page query's WHERE). Not
    correlated with the page's rows: PostgreSQL runs it once per query, as a one-time filter."""
    if caller.key is None:
        return "", []
    sql = (
        "EXISTS (SELECT 1 FROM infosec_apikey k JOIN core_user u ON u.id = k.user_id"
        " JOIN infosec_apikey_collections kc ON kc.apikey_id = k.id AND kc.collection_id = %s"
        " JOIN infosec_grant g ON g.cert_id = k.cert_id AND g.collection_id = kc.collection_id"
        " WHERE k.id = %s AND k.revoked_at IS NULL AND k.expires_at > %s AND u.is_active AND g.can_read)"
    )
    return sql, [collection_id, caller.key.pk, connection.ops.adapt_datetimefield_value(now)]


def caller_from_key(
    token: str | None, *, now: dt.datetime, collection_id: str | None = None, cached: bool = False
) -> Caller:
    """The caller a TAXII key stands for, or BadKey (401) for a missing, wrong, revoked or expired key. With
    `collection_id`, the caller also carries its rights there, read in the same query (see `rights`). With `cached`
    (the read paths that guard their own query with `key_guard`), from this process's key cache when it holds it."""
    prefix = tokens.parse_prefix(token) if token else None
    if not prefix or token is None:
        raise BadKey()
    entry_key = (prefix, str(collection_id))
    if cached and collection_id is not None:
        entry = _key_cache.get(entry_key)
        if entry is not None:
            at, digest, held = entry
            key = held.key
            if (
                time.monotonic() - at < KEY_CACHE_SECONDS
                and key is not None
                and key.expires_at > now
                and tokens.matches(token, digest)
            ):
                return held
            _key_cache.pop(entry_key, None)
    caller = _caller_from_key(token, prefix, now=now, collection_id=collection_id)
    if cached and caller.preloaded is not None and caller.preloaded[1] is not None and caller.preloaded[1].can_read:
        if len(_key_cache) >= KEY_CACHE_SIZE:
            _key_cache.clear()
        assert caller.key is not None
        _key_cache[entry_key] = (time.monotonic(), caller.key.digest, replace(caller, cached=True))
    return caller


def _caller_from_key(token: str, prefix: str, *, now: dt.datetime, collection_id: str | None) -> Caller:
    wanted = _uuid_or_none(collection_id)
    db_collection = Collection._meta.pk.get_db_prep_value(wanted, connection) if wanted else None
    with connection.cursor() as cur:
        cur.execute(_KEY_SQL, [db_collection, prefix])
        row = cur.fetchone()
    if row is None or not tokens.matches(token, row[5]):
        raise BadKey()
    key_values = list(row[:11])
    for i in (7, 8, 9, 10):
        key_values[i] = _time(key_values[i])
    key_values[6] = bool(key_values[6])
    key = ApiKey.from_db(connection.alias, _KEY_FIELDS, key_values)
    if key.revoked_at is not None or key.expires_at <= now or not row[12]:
        raise BadKey()
    user = User.from_db(connection.alias, ["id", "username", "is_active"], [row[2], row[11], bool(row[12])])
    cert = Cert.from_db(
        connection.alias, ["id", "institution_id", "identity_id", "created"], [row[1], row[13], row[14], _time(row[15])]
    )
    key.cert = cert
    key.user = user
    preloaded: tuple[str, Rights | None] | None = None
    if wanted is not None:
        rights_found = None
        if row[18] is not None:
            values = [uuid.UUID(str(row[18])), *row[19:25], int(row[25])]
            collection = Collection.from_db(connection.alias, _COLLECTION_FIELDS, values)
            rights_found = Rights(collection, bool(row[16]), bool(row[17]) and key.may_write)
        preloaded = (str(wanted), rights_found)
    return Caller(user=user, cert=cert, key=key, preloaded=preloaded)


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


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


def rights(caller: Caller, collection_id: str) -> Rights:
    """The caller's rights in a collection; a collection it has no grant on does not exist for it (404)."""
    if caller.preloaded is not None and caller.preloaded[0] == _uuid(collection_id):
        if caller.preloaded[1] is None:
            raise NoSuchObject()
        return caller.preloaded[1]
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
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise NoSuchObject() from exc
