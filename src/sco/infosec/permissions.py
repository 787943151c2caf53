"""Who may manage a CERT's machine keys (that CERT's administrators, and the platform's administrator), and who may
name or remove those administrators (the Secretariat, the platform's administrator, and the CERT's own
administrators for their CERT only)."""

from __future__ import annotations

from django.db.models import QuerySet

from sco.core.users import Viewer, active
from sco.infosec.errors import NoSuchObject
from sco.infosec.models import Cert
from sco.members import permissions as members_permissions


def is_platform_admin(user: Viewer) -> bool:
    return active(user) and bool(getattr(user, "is_superuser", False))


def certs_managed(user: Viewer) -> QuerySet[Cert]:
    """The CERTs whose keys this person manages (every CERT for the platform's administrator)."""
    if not active(user) or user is None:
        return Cert.objects.none()
    if is_platform_admin(user):
        return Cert.objects.all()
    return Cert.objects.filter(admins=user.pk)


def may_manage_keys(user: Viewer, cert: Cert) -> bool:
    return certs_managed(user).filter(pk=cert.pk).exists()


def ensure_may_manage_keys(user: Viewer, cert: Cert) -> None:
    """A CERT one does not manage is not there (404), as an object one may not see."""
    if not may_manage_keys(user, cert):
        raise NoSuchObject()


def names_any_admins(user: Viewer) -> bool:
    """The Secretariat and the platform's administrator name and remove the administrators of every CERT."""
    return is_platform_admin(user) or (active(user) and members_permissions.is_secretariat(user))


def certs_whose_admins_named(user: Viewer) -> QuerySet[Cert]:
    """The CERTs whose administrators this person may name or remove: every CERT for the Secretariat and the
    platform's administrator, their own CERTs for a CERT's administrators, none for anyone else."""
    if not active(user) or user is None:
        return Cert.objects.none()
    if names_any_admins(user):
        return Cert.objects.all()
    return Cert.objects.filter(admins=user.pk)


def ensure_may_name_admins(user: Viewer, cert: Cert) -> None:
    """Another state's CERT is not there (404) for a CERT's administrator, as an object one may not see."""
    if not certs_whose_admins_named(user).filter(pk=cert.pk).exists():
        raise NoSuchObject()
