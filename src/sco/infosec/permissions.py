"""Who may manage a CERT's machine keys: that CERT's administrators, and the platform's administrator."""

from __future__ import annotations

from django.db.models import QuerySet

from sco.core.users import Viewer, active
from sco.infosec.errors import NoSuchObject
from sco.infosec.models import Cert


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
