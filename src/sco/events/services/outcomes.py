"""What an event led to: links to documents and projects, and follow-up items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.users import Actor
from sco.events.errors import EventInvalid
from sco.events.models import Event, FollowUp, OutcomeKind, OutcomeLink
from sco.events.permissions import ensure_may_manage_event
from sco.events.services.common import add_error
from sco.members.models import State


@transaction.atomic
def outcome_link_add(
    *,
    actor: Actor,
    event: Event,
    kind: str,
    label_en: str,
    label_ru: str = "",
    label_zh: str = "",
    target_id: str = "",
    url: str = "",
) -> OutcomeLink:
    ensure_may_manage_event(actor, event)
    errors = _outcome_errors(kind=kind, label_en=label_en, url=url)
    if errors:
        raise EventInvalid(field_errors=errors)
    link = OutcomeLink.objects.create(
        event=event,
        kind=kind,
        label_en=label_en.strip(),
        label_ru=label_ru.strip(),
        label_zh=label_zh.strip(),
        target_id=target_id.strip(),
        url=url.strip(),
    )
    audit.record(actor=actor, action="event.outcome_linked", target=link, after=audit.snapshot(link))
    return link


@transaction.atomic
def follow_up_add(
    *,
    actor: Actor,
    event: Event,
    text_en: str,
    text_ru: str = "",
    text_zh: str = "",
    owner_state: State | None = None,
    due: date | None = None,
) -> FollowUp:
    ensure_may_manage_event(actor, event)
    if not text_en.strip():
        raise EventInvalid(field_errors={"text_en": [str(_("Say in English what is to be done."))]})
    item = FollowUp.objects.create(
        event=event,
        text_en=text_en.strip(),
        text_ru=text_ru.strip(),
        text_zh=text_zh.strip(),
        owner_state=owner_state,
        due=due,
    )
    audit.record(actor=actor, action="event.follow_up_added", target=item, after=audit.snapshot(item))
    return item


def _outcome_errors(*, kind: str, label_en: str, url: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in OutcomeKind.values:
        add_error(errors, "kind", _("Choose a document or a project."))
    if not label_en.strip():
        add_error(errors, "label_en", _("Give the link an English label."))
    if url and not url.strip().startswith(("https://", "http://", "/")):
        add_error(errors, "url", _("A link starts with https://, http:// or /."))
    return errors


@transaction.atomic
def outcome_link_update(*, actor: Actor, link: OutcomeLink, **changes: str) -> OutcomeLink:
    """Change an outcome link's kind, labels, record number or URL (only the names given)."""
    ensure_may_manage_event(actor, link.event)
    allowed = {"kind", "label_en", "label_ru", "label_zh", "target_id", "url"}
    unknown = set(changes) - allowed
    if unknown:
        raise EventInvalid(field_errors={name: [str(_("This field cannot be changed."))] for name in sorted(unknown)})
    link = OutcomeLink.objects.select_for_update().get(pk=link.pk)
    merged = {name: changes.get(name, getattr(link, name)) for name in allowed}
    errors = _outcome_errors(kind=merged["kind"], label_en=merged["label_en"], url=merged["url"])
    if errors:
        raise EventInvalid(field_errors=errors)
    before = audit.snapshot(link)
    for name, value in merged.items():
        setattr(link, name, value.strip())
    link.save()
    audit.record(actor=actor, action="event.outcome_updated", target=link, before=before, after=audit.snapshot(link))
    return link


@transaction.atomic
def outcome_link_remove(*, actor: Actor, link: OutcomeLink) -> None:
    ensure_may_manage_event(actor, link.event)
    before = audit.snapshot(link)
    audit.record(actor=actor, action="event.outcome_removed", target=link, before=before)
    link.delete()


_UNCHANGED: Any = object()


@transaction.atomic
def follow_up_update(
    *,
    actor: Actor,
    item: FollowUp,
    text_en: str | None = None,
    text_ru: str | None = None,
    text_zh: str | None = None,
    owner_state: Any = _UNCHANGED,
    due: Any = _UNCHANGED,
    done: bool | None = None,
) -> FollowUp:
    """Change a follow-up item; ``owner_state`` and ``due`` take None to clear them, and are kept when not given."""
    ensure_may_manage_event(actor, item.event)
    if text_en is not None and not text_en.strip():
        raise EventInvalid(field_errors={"text_en": [str(_("Say in English what is to be done."))]})
    item = FollowUp.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item)
    for name, value in (("text_en", text_en), ("text_ru", text_ru), ("text_zh", text_zh)):
        if value is not None:
            setattr(item, name, value.strip())
    if owner_state is not _UNCHANGED:
        item.owner_state = owner_state
    if due is not _UNCHANGED:
        item.due = due
    if done is not None:
        item.done = done
    item.save()
    action = "event.follow_up_done" if done and not before.get("done") else "event.follow_up_updated"
    audit.record(actor=actor, action=action, target=item, before=before, after=audit.snapshot(item))
    return item


@transaction.atomic
def follow_up_remove(*, actor: Actor, item: FollowUp) -> None:
    ensure_may_manage_event(actor, item.event)
    before = audit.snapshot(item)
    audit.record(actor=actor, action="event.follow_up_removed", target=item, before=before)
    item.delete()
