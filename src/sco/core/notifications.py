"""Tell people things: a row in the app, and an e-mail sent once the transaction has committed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from sco.core.links import absolute_url, cut_at_word
from sco.core.models import Notification, User


def notify(
    *, recipients: Iterable[User], kind: str, render: Callable[[], Any], url: str = "", dedupe_key: str = ""
) -> list[Notification]:
    """`render` is called once per recipient with their language active, so each reads it in their own language.

    A non-empty `dedupe_key` makes the notice at most once per recipient (reminders run again and again).
    """
    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u.is_active}.values():
        with translation.override(user.language or "en"):
            text = str(render())[:500]
        if dedupe_key and Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(recipient=user, kind=kind, text=text, url=url, dedupe_key=dedupe_key)
        except IntegrityError:  # a concurrent run made the same notice first
            continue
        created.append(note)
        if user.email:
            transaction.on_commit(partial(_mail, user, text, url))
    return created


def _mail(user: User, text: str, url: str) -> None:
    url = absolute_url(url)  # a mail client has no page to resolve a relative link against
    body = f"{text}\n\n{url}" if url else text
    subject = cut_at_word(text, 120)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email], fail_silently=True)
