"""The audit trail: every write service calls `record` inside its transaction.

Each entry's hash is an HMAC-SHA-256, under a key kept outside the database (`settings.SCO_AUDIT_KEY`), over the
previous entry's hash and the entry's own canonical JSON, so editing, deleting or reordering any entry breaks the
chain, and someone who can write to the database but does not hold the key cannot forge a new chain after an edit.

Deleting the newest entries and moving the head back leaves a shorter chain that holds; a *checkpoint* catches that:
`checkpoint()` (run at intervals by `sco audit checkpoint`) appends the head's sequence number and hash, signed with
the key, to a file outside the database (`settings.SCO_AUDIT_CHECKPOINT_FILE`). `verify` checks every checkpoint
against the chain: an entry a checkpoint saw must still be there with the same hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
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
    return _mac((entry.prev_hash + canonical).encode())


def _mac(message: bytes) -> str:
    return hmac.new(settings.SCO_AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


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
    breaks.extend(_check_checkpoints())
    return breaks


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str

    def signed(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "at": self.at, "mac": _mac(self._message())}

    def _message(self) -> bytes:
        return f"sco-audit-checkpoint:{self.seq}:{self.hash}:{self.at}".encode()


def checkpoint() -> Checkpoint:
    """Append the head, signed, to the checkpoint file outside the database; returns what was written."""
    head = AuditHead.objects.filter(id=1).first()
    point = Checkpoint(
        seq=head.last_seq if head else 0,
        hash=head.last_hash if head else GENESIS,
        at=timezone.now().replace(microsecond=0).isoformat(),
    )
    path = settings.SCO_AUDIT_CHECKPOINT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: each line lands whole at the end even when two runs overlap
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(point.signed(), sort_keys=True) + "\n").encode())
    finally:
        os.close(fd)
    return point


def checkpoints() -> list[tuple[int, dict[str, Any] | None]]:
    """Every line of the checkpoint file, by line number; None for a line that cannot be read."""
    path = settings.SCO_AUDIT_CHECKPOINT_FILE
    if not path.exists():
        return []
    lines: list[tuple[int, dict[str, Any] | None]] = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        lines.append((number, data if isinstance(data, dict) else None))
    return lines


def _check_checkpoints() -> list[Break]:
    breaks: list[Break] = []
    for number, data in checkpoints():
        try:
            point = Checkpoint(seq=int(data["seq"]), hash=str(data["hash"]), at=str(data["at"]))  # type: ignore[index]
            mac = str(data["mac"])  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            breaks.append(Break(0, f"checkpoint line {number} cannot be read"))
            continue
        if not hmac.compare_digest(mac, point.signed()["mac"]):
            breaks.append(Break(point.seq, f"checkpoint line {number} is not signed with the audit key"))
            continue
        if point.seq == 0:
            continue
        entry = AuditEntry.objects.filter(seq=point.seq).only("hash").first()
        if entry is None:
            breaks.append(
                Break(point.seq, f"entry {point.seq}, seen by the checkpoint of {point.at}, is missing (truncated)")
            )
        elif not hmac.compare_digest(entry.hash, point.hash):
            breaks.append(
                Break(point.seq, f"entry {point.seq} differs from what the checkpoint of {point.at} saw (rewritten)")
            )
    return breaks


def _entries() -> Iterator[AuditEntry]:
    yield from AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)


def history(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).order_by("seq")
