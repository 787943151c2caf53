from __future__ import annotations

from typing import Any

from django.db.models import Exists, QuerySet

from sco.core.models import ApiToken, Notification, User
from sco.core.users import signed_in


class ProbedExists(Exists):
    """EXISTS asked row by row through an index, never by hashing the whole subquery first.

    PostgreSQL turns an EXISTS under OR into a hashed subplan when it expects many outer rows: it then reads every
    row the subquery could match (all the participations of the viewer's states) before the first project, a cost
    that grows with the table. An OFFSET keeps it from doing so (an EXISTS with an offset is not simplified), so a
    list of 50 asks the index at most for the rows it looks at. SQLite asks row by row anyway."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def token_list(*, viewer: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=viewer).order_by("-created_at", "-pk")


def notification_list(*, viewer: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=viewer)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(*, viewer: Any) -> int:
    """Unread notices, counted once per request: the header and every panel that renders with the request ask the
    same user object, which keeps the answer (a new request loads a new user object)."""
    if not signed_in(viewer):
        return 0
    found = getattr(viewer, "_sco_unread_count", None)
    if found is None:
        found = Notification.objects.filter(recipient=viewer, read_at__isnull=True).count()
        setattr(viewer, "_sco_unread_count", found)  # noqa: B010  kept on this request's user object
    return int(found)
