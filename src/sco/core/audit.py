"""The audit trail: every write service calls `record` inside its transaction.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical JSON, so editing, deleting
or reordering any entry breaks the chain; `verify` walks it and says where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from sco.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The plain values of a row's concrete fields, for `before` and `after`."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def _digest(entry: AuditEntry) -> str:
    body = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "on_behalf_of": entry.on_behalf_of,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "before": entry.before,
        "after": entry.after,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((entry.prev_hash + canonical).encode()).hexdigest()


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    on_behalf_of: Any = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the write service's transaction")
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        seq=head.last_seq + 1,
        # Microseconds dropped: the stored value must equal the hashed one on every database.
        at=timezone.now().replace(microsecond=0),
        actor=user,
        actor_label=str(actor.get_username()) if user else "system",
        on_behalf_of=_behalf_label(on_behalf_of),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        prev_hash=head.last_hash,
    )
    entry.hash = _digest(entry)
    entry.save()
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _behalf_label(on_behalf_of: Any) -> str:
    if not on_behalf_of:
        return ""
    if isinstance(on_behalf_of, str):
        return on_behalf_of
    if isinstance(on_behalf_of, models.Model):
        return f"{on_behalf_of._meta.model_name}:{getattr(on_behalf_of, 'code', on_behalf_of.pk)}"
    return str(on_behalf_of)


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify() -> list[Break]:
    """Every place where the chain does not hold; an empty list means the trail is intact."""
    breaks: list[Break] = []
    expected_prev, expected_seq = GENESIS, 1
    for entry in _entries():
        if entry.seq != expected_seq:
            breaks.append(Break(expected_seq, f"entries {expected_seq}..{entry.seq - 1} are missing"))
        if entry.prev_hash != expected_prev:
            breaks.append(Break(entry.seq, "does not link to the entry before it"))
        if _digest(entry) != entry.hash:
            breaks.append(Break(entry.seq, "its content does not match its hash (edited)"))
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    head = AuditHead.objects.filter(id=1).first()
    if head and (head.last_seq != expected_seq - 1 or head.last_hash != expected_prev):
        breaks.append(Break(head.last_seq, "the newest entries are missing (the head points past the end)"))
    return breaks


def _entries() -> Iterator[AuditEntry]:
    yield from AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)


def history(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).order_by("seq")
