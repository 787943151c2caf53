"""CERTs, collections and grants: what the Secretariat sets up (actor None is the system: `sco demo`, `sco setup`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from sco.core import audit
from sco.core.users import Actor
from sco.infosec import access, stixtime, tlp
from sco.infosec.errors import NotACert
from sco.infosec.models import IDENTITY_NAMESPACE, Cert, Collection, Grant
from sco.members import permissions
from sco.members.models import Institution, InstitutionKind, State


def cert_identity_for(institution: Institution) -> str:
    return f"identity--{uuid.uuid5(IDENTITY_NAMESPACE, 'cert:' + institution.code)}"


@transaction.atomic
def cert_register(*, actor: Actor, institution: Institution) -> Cert:
    """Makes a national CERT institution a STIX identity on the exchange (the Secretariat; actor None is the
    system, for `sco demo` and `sco setup`)."""
    if actor is not None:
        permissions.ensure_secretariat(actor)
    if institution.kind != InstitutionKind.CERT:
        raise NotACert()
    cert, created = Cert.objects.get_or_create(
        institution=institution,
        defaults={"identity_id": cert_identity_for(institution), "created": timezone.now().replace(microsecond=0)},
    )
    if created:
        audit.record(actor=actor, action="infosec.cert_registered", target=cert, on_behalf_of=institution)
    return cert


def identity_object(cert: Cert) -> dict[str, Any]:
    """The CERT's STIX identity, as the exchange publishes it."""
    when = stixtime.stix(cert.created)
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": cert.identity_id,
        "created": when,
        "modified": when,
        "name": cert.institution.name_en,
        "identity_class": "organization",
        "sectors": ["government"],
        "object_marking_refs": [tlp.TLP2_IDS[tlp.Tlp.CLEAR]],
    }


@transaction.atomic
def collection_create(
    *,
    actor: Actor,
    alias: str,
    title_en: str,
    title_ru: str = "",
    title_zh: str = "",
    description: str = "",
    max_tlp: tlp.Tlp = tlp.Tlp.RED,
    state: State | None = None,
    collection_id: uuid.UUID | None = None,
) -> Collection:
    if actor is not None:
        permissions.ensure_secretariat(actor)
    collection, created = Collection.objects.get_or_create(
        alias=alias,
        defaults={
            "id": collection_id or uuid.uuid4(),
            "title_en": title_en,
            "title_ru": title_ru,
            "title_zh": title_zh,
            "description": description,
            "max_tlp": int(max_tlp),
            "state": state,
        },
    )
    if created:
        audit.record(actor=actor, action="infosec.collection_created", target=collection)
    return collection


@transaction.atomic
def grant_set(*, actor: Actor, collection: Collection, cert: Cert, can_read: bool, can_write: bool) -> Grant:
    if actor is not None:
        permissions.ensure_secretariat(actor)
    grant, _created = Grant.objects.update_or_create(
        collection=collection, cert=cert, defaults={"can_read": can_read, "can_write": can_write}
    )
    audit.record(
        actor=actor,
        action="infosec.grant_set",
        target=grant,
        on_behalf_of=cert.institution,
        after={"collection": collection.alias, "can_read": can_read, "can_write": can_write},
    )
    # this process's cached keys answer no more from the old grant (others re-check it in each page's query)
    access.forget_keys()
    transaction.on_commit(access.forget_keys)
    return grant
