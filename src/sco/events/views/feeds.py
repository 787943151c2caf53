"""iCalendar feeds for calendar clients: everything public, one person's registrations, one event."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from sco.core.models import User
from sco.core.users import signed_in
from sco.events import selectors
from sco.events.views.common import FEED_SALT, request_filters


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def _feed_user(request: HttpRequest) -> Any:
    """A calendar client cannot sign in: a signed token in the URL stands for its person."""
    token = request.GET.get("token", "")
    if not token:
        return request.user
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature as exc:
        raise Http404() from exc
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise Http404()
    return user


def feed_view(request: HttpRequest) -> HttpResponse:
    viewer = _feed_user(request)
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    body = selectors.feed_ical(viewer=viewer, filters=request_filters(request), language=language, name=_("SCO events"))
    return _ics(body, "sco-events")


def my_feed_view(request: HttpRequest) -> HttpResponse:
    user = _feed_user(request)
    if not signed_in(user):
        return HttpResponseRedirect(f"{reverse('login')}?next={request.get_full_path()}")
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    return _ics(selectors.feed_ical_for_user(user=user, language=language, name=_("My SCO events")), "my-sco-events")


def event_feed_view(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    body = selectors.feed_ical_of_event(event=event, language=request.GET.get("lang") or request.LANGUAGE_CODE)
    return _ics(body, f"sco-event-{event.pk}")
