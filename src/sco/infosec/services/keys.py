"""A CERT's machine keys for TAXII clients: made and revoked by the CERT's administrator (or the platform's), and
who that administrator is (the Secretariat's or the platform's decision)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit, tokens
from sco.core.errors import InvalidInput
from sco.core.models import User
from sco.core.users import Actor
from sco.infosec.access import cert_of, forget_keys
from sco.infosec.models import ApiKey, Cert, Collection, Grant
from sco.infosec.permissions import ensure_may_manage_keys, ensure_may_name_admins, names_any_admins

KEY_DAYS = 90
MAX_KEY_DAYS = 366


@transaction.atomic
def cert_admin_set(*, actor: Actor, cert: Cert, user: User, admin: bool) -> Cert:
    """Names a person an administrator of a CERT's keys, or removes them: the Secretariat or the platform's
    administrator for any CERT, a CERT's administrator for that CERT only (any other is not there for them: 404).
    Only a current analyst of the CERT may be named. A CERT's administrator may not remove its last administrator
    (the Secretariat may). Actor None is the system (`sco demo`)."""
    if actor is not None:
        ensure_may_name_admins(actor, cert)
    is_admin = cert.admins.filter(pk=user.pk).exists()
    if admin and not is_admin and (not user.is_active or cert_of(user) != cert):
        raise InvalidInput(field_errors={"user": [_("Only a current analyst of this CERT may administer its keys.")]})
    if not admin and not is_admin:
        raise InvalidInput(field_errors={"user": [_("This person does not administer this CERT's keys.")]})
    if not admin and actor is not None and not names_any_admins(actor) and not cert.admins.exclude(pk=user.pk).exists():
        last = _("A CERT keeps at least one administrator; ask the Secretariat to remove the last.")
        raise InvalidInput(field_errors={"user": [last]})
    if admin == is_admin:
        return cert
    if admin:
        cert.admins.add(user)
    else:
        cert.admins.remove(user)
    audit.record(
        actor=actor,
        action="infosec.cert_admin_set",
        target=cert,
        on_behalf_of=cert.institution,
        after={"user": user.get_username(), "admin": admin},
    )
    return cert


@transaction.atomic
def key_create(
    *,
    actor: Actor,
    cert: Cert,
    name: str,
    collections: Iterable[Collection],
    may_write: bool = False,
    days: int = KEY_DAYS,
    holder: User | None = None,
) -> tuple[ApiKey, str]:
    """A machine key of a CERT, made by its administrator, acting for `holder` (an analyst of that CERT; the
    administrator when not given) and limited to collections the CERT has a grant on. The key is returned once;
    only its SHA-256 is kept. Actor None is the system (`sco infosec_key`, run by the server's operator)."""
    if actor is not None:
        ensure_may_manage_keys(actor, cert)
    owner = holder if holder is not None else actor
    errors: dict[str, list[str]] = {}
    if not isinstance(owner, User) or not owner.is_active or cert_of(owner) != cert:
        errors["holder"] = [_("The key must act for a current analyst of this CERT.")]
    if not name.strip():
        errors["name"] = [_("Give the key a name.")]
    if not 1 <= days <= MAX_KEY_DAYS:
        errors["days"] = [_("A key lasts from 1 to %(max)s days.") % {"max": MAX_KEY_DAYS}]
    wanted = list(collections)
    granted = set(Grant.objects.filter(cert=cert, collection__in=wanted).values_list("collection_id", flat=True))
    if not wanted or any(c.pk not in granted for c in wanted):
        errors["collections"] = [_("Choose collections this CERT has a grant on.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    assert isinstance(owner, User)
    token, prefix, digest = tokens.new_token()
    key = ApiKey.objects.create(
        cert=cert,
        user=owner,
        name=name.strip()[:100],
        prefix=prefix,
        digest=digest,
        may_write=may_write,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    key.collections.set(wanted)
    audit.record(
        actor=actor,
        action="infosec.key_created",
        target=key,
        on_behalf_of=cert.institution,
        after={
            "prefix": prefix,
            "holder": owner.get_username(),
            "collections": [c.alias for c in wanted],
            "may_write": may_write,
            "expires_at": key.expires_at,
        },
    )
    return key, token


@transaction.atomic
def key_revoke(*, actor: Actor, key: ApiKey) -> ApiKey:
    """Revokes a key at once (the next request with it is refused); revoking twice changes nothing."""
    if actor is not None:
        ensure_may_manage_keys(actor, key.cert)
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action="infosec.key_revoked",
            target=key,
            on_behalf_of=key.cert.institution,
            after={"prefix": key.prefix},
        )
    # refused at once in this process; every other process's page query re-checks the key (`access.key_guard`)
    prefix = key.prefix
    forget_keys(prefix)
    transaction.on_commit(lambda: forget_keys(prefix))
    return key
