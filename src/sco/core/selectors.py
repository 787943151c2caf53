from __future__ import annotations

from typing import Any

from django.db.models import Exists, QuerySet

from sco.core import fragments
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


# A person's unread count and latest unread notices are a kept fragment (core.fragments) across requests, under a
# version that every write of a notice replaces (core.notifications.forget: a signal on create and delete, and the
# bulk updates that mark notices read call it): a signed-in page then reads them with no query. One version for
# everyone keeps the invalidation simple and safe (a notice settled for all recipients reaches them all); a write
# only costs the next reads a query each.
NOTICES = "notices"
NOTICES_TIMEOUT = 3600


def unread_count(*, viewer: Any) -> int:
    """Unread notices: from the cache while no notice was written; once per request, as the header and every panel
    that renders with the request ask the same user object, which keeps the answer."""
    if not signed_in(viewer):
        return 0
    found = getattr(viewer, "_sco_unread_count", None)
    if found is None:

        def count() -> int:  # the query is built only when the cache has no answer
            return Notification.objects.filter(recipient=viewer, read_at__isnull=True).count()

        found = fragments.cached(NOTICES, viewer, count, extra="unread", timeout=NOTICES_TIMEOUT)
        setattr(viewer, "_sco_unread_count", found)  # noqa: B010  kept on this request's user object
    return int(found)


def unread_latest(*, viewer: User, limit: int = 5) -> list[Notification]:
    """The newest unread notices (the home page's panel), from the cache while no notice was written."""
    if unread_count(viewer=viewer) == 0:
        return []

    def latest() -> list[Notification]:
        return list(notification_list(viewer=viewer, unread_only=True)[:limit])

    return fragments.cached(NOTICES, viewer, latest, extra=f"latest{limit}", timeout=NOTICES_TIMEOUT)
