"""What participants are told: changes to an event, and reminders before it starts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.notifications import notify
from sco.events import allocation, timezones
from sco.events.models import Event, Precision, Registration


def _participants(event_id: int) -> list[Any]:
    live = [allocation.Status.PENDING, allocation.Status.APPROVED, allocation.Status.WAITLISTED]
    return [r.user for r in Registration.objects.filter(event_id=event_id, status__in=live).select_related("user")]


def notify_event_changed(*, event_id: int, sequence: int) -> None:
    """Tell every live registrant that the time or place changed (once per change: the sequence is the key)."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return

    def render() -> str:
        if event.cancelled:
            return str(_("Cancelled: %(title)s") % {"title": event.title})
        local = timezones.utc_to_local(event.starts_at, event.time_zone)
        return str(
            _("Changed: %(title)s now starts %(start)s (%(zone)s) in %(city)s.")
            % {
                "title": event.title,
                "start": local.strftime("%Y-%m-%d %H:%M"),
                "zone": event.time_zone,
                "city": event.city,
            }
        )

    with transaction.atomic():
        notify(
            recipients=_participants(event_id),
            about=event,
            kind="event.changed",
            render=render,
            url=f"/events/{event_id}/",
            dedupe_key=f"event-changed:{event_id}:{sequence}",
        )


def reminders_send(*, now: datetime | None = None, hours_before: int = 24) -> int:
    """Remind approved participants of events starting within ``hours_before`` hours. Safe to run again and again:
    a registration is reminded once per version of its event (``reminded_sequence``)."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=allocation.Status.APPROVED,
            event__cancelled=False,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=hours_before),
        )
        .select_related("event", "user")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        event = registration.event
        if registration.reminded_sequence == event.sequence:
            continue

        def render(event: Event = event) -> str:
            local = timezones.utc_to_local(event.starts_at, event.time_zone)
            if event.precision != Precision.TIME:
                return str(
                    _("Reminder: %(title)s begins on %(day)s in %(city)s.")
                    % {"title": event.title, "day": local.date().isoformat(), "city": event.city}
                )
            return str(
                _("Reminder: %(title)s begins %(start)s (%(zone)s) in %(city)s.")
                % {
                    "title": event.title,
                    "start": local.strftime("%Y-%m-%d %H:%M"),
                    "zone": event.time_zone,
                    "city": event.city,
                }
            )

        with transaction.atomic():
            notify(
                recipients=[registration.user],
                about=event,
                kind="event.reminder",
                render=render,
                url=f"/events/{event.pk}/",
                dedupe_key=f"event-reminder:{registration.pk}:{event.sequence}",
            )
            Registration.objects.filter(pk=registration.pk).update(reminded_sequence=event.sequence)
            audit.record(
                actor=None, action="event.reminder_sent", target=registration, after={"sequence": event.sequence}
            )
        sent += 1
    return sent
