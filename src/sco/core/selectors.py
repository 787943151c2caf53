from __future__ import annotations

from django.db.models import QuerySet

from sco.core.models import ApiToken, Notification, User


def token_list(*, viewer: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=viewer).order_by("-created_at", "-pk")


def notification_list(*, viewer: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=viewer)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(*, viewer: User) -> int:
    if not viewer.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=viewer, read_at__isnull=True).count()
