"""A CERT's keys and who administers them, for its administrators and the Secretariat."""

from __future__ import annotations

from django.db.models import QuerySet

from sco.core.models import User
from sco.core.users import Viewer
from sco.infosec import permissions
from sco.infosec.errors import NoSuchObject
from sco.infosec.models import ApiKey, Cert, Collection
from sco.members import permissions as members_permissions
from sco.members.models import Mandate, Role

# --- a CERT's keys, for its administrators ---------------------------------------------------------------------


def managed_certs(*, viewer: Viewer) -> list[Cert]:
    """The CERTs whose keys this person manages."""
    return list(permissions.certs_managed(viewer).select_related("institution").order_by("institution__code"))


def managed_cert_get(*, viewer: Viewer, cert_id: int) -> Cert:
    """A CERT whose keys this person manages; any other does not exist for them (404)."""
    cert = permissions.certs_managed(viewer).select_related("institution").filter(pk=cert_id).first()
    if cert is None:
        raise NoSuchObject()
    return cert


def keys_of(*, viewer: Viewer, cert: Cert) -> list[ApiKey]:
    """The CERT's keys, newest first, with their scope and holder; never their secret (only its digest is kept,
    and it is not read here)."""
    permissions.ensure_may_manage_keys(viewer, cert)
    return list(
        ApiKey.objects.filter(cert=cert)
        .defer("digest")
        .select_related("user")
        .prefetch_related("collections")
        .order_by("-created_at", "-pk")
    )


def key_get(*, viewer: Viewer, cert: Cert, prefix: str) -> ApiKey:
    permissions.ensure_may_manage_keys(viewer, cert)
    key = ApiKey.objects.filter(cert=cert, prefix=prefix).select_related("cert").first()
    if key is None:
        raise NoSuchObject()
    return key


def granted_collections(*, cert: Cert) -> QuerySet[Collection]:
    return Collection.objects.filter(grants__cert=cert).order_by("alias")


def key_holders(*, cert: Cert) -> QuerySet[User]:
    """The people a key of this CERT may act for: its current analysts."""
    return User.objects.filter(
        mandates__in=Mandate.objects.current(members_permissions.today()).filter(
            role=Role.CERT_ANALYST, institution_id=cert.institution_id
        ),
        is_active=True,
    ).order_by("username")


# --- who administers a CERT's keys, for the Secretariat and the CERT's administrators ---------------------------------


def admin_certs(*, viewer: Viewer) -> list[Cert]:
    """The CERTs whose administrators this person may name or remove."""
    return list(
        permissions.certs_whose_admins_named(viewer).select_related("institution").order_by("institution__code")
    )


def admin_cert_get(*, viewer: Viewer, cert_id: int) -> Cert:
    """A CERT whose administrators this person may name; any other does not exist for them (404)."""
    cert = permissions.certs_whose_admins_named(viewer).select_related("institution").filter(pk=cert_id).first()
    if cert is None:
        raise NoSuchObject()
    return cert


def cert_admins(*, cert: Cert) -> list[User]:
    return list(User.objects.filter(pk__in=cert.admins.values("pk")).order_by("username"))


def admin_candidates(*, cert: Cert) -> QuerySet[User]:
    """The CERT's current analysts who do not administer its keys yet."""
    return key_holders(cert=cert).exclude(pk__in=cert.admins.values("pk"))
