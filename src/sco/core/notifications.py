"""Tell people things: a row in the app, and an e-mail sent once the transaction has committed.

Every notice says which record it is `about`, and goes only to recipients who may see that record
(`sco.core.visibility`): nobody reads, in the app or in an e-mail, the title of a record they may not open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from sco.core import visibility
from sco.core.links import absolute_url, cut_at_word
from sco.core.models import Notification, User


def notify(
    *,
    recipients: Iterable[User],
    about: models.Model | None,
    kind: str,
    render: Callable[[], Any],
    url: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """`render` is called once per recipient with their language active, so each reads it in their own language.

    `about` is the record the notice names (a project, a decision, an event): only recipients who may see it are
    told. `None` only for a notice that names no record. A non-empty `dedupe_key` makes the notice at most once per
    recipient (reminders run again and again).
    """
    created: list[Notification] = []
    people = [u for u in {u.pk: u for u in recipients}.values() if u.is_active]
    if about is not None:
        people = visibility.who_may_see(people, about)
    for user in people:
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
            transaction.on_commit(partial(_mail, user, text, url), robust=True)
    return created


def _mail(user: User, text: str, url: str) -> None:
    """The worker sends it (`sco.core.send_mail`), so a slow mail server never holds up a page."""
    from sco.core.tasks import enqueue, send_mail_task

    url = absolute_url(url)  # a mail client has no page to resolve a relative link against
    body = f"{text}\n\n{url}" if url else text
    enqueue(send_mail_task, subject=cut_at_word(text, 120), message=body, recipient_list=[user.email])


def settle(*, kinds: Iterable[str], dedupe_key_prefix: str, recipients: Iterable[User] | None = None) -> int:
    """Mark as read the unread notices of these kinds whose dedupe key starts with the prefix (all recipients, or
    only these): what they asked for is done or can no longer be done, so they no longer wait for anyone."""
    qs = Notification.objects.filter(
        kind__in=list(kinds), dedupe_key__startswith=dedupe_key_prefix, read_at__isnull=True
    )
    if recipients is not None:
        qs = qs.filter(recipient__in=[u.pk for u in recipients])
    settled = qs.update(read_at=timezone.now())
    if settled:
        forget()
    return settled


def forget(*args: Any, **kwargs: Any) -> None:
    """A notice was written: the cached unread counts and lists (core.selectors) are read afresh, now and again once
    the write commits (a request reading in between must not keep what it read). Also a signal receiver."""
    from sco.core import fragments
    from sco.core.selectors import NOTICES

    fragments.changed(NOTICES)
