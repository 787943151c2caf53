"""The audit trail: every write service calls `record` inside its transaction.

Each entry's hash is an HMAC-SHA-256, under a key kept outside the database (`settings.SCO_AUDIT_KEY`), over the
previous entry's hash and the entry's own canonical JSON, so editing, deleting or reordering any entry breaks the
chain, and someone who can write to the database but does not hold the key cannot forge a new chain after an edit.

Deleting the newest entries and moving the head back leaves a shorter chain that holds; a *checkpoint* catches that:
`checkpoint()` (run at intervals by `sco audit checkpoint`) appends the head's sequence number and hash, signed with
the key, to a file outside the database (`settings.SCO_AUDIT_CHECKPOINT_FILE`). `verify` checks every checkpoint
against the chain: an entry a checkpoint saw must still be there with the same hash.

Restoring a backup legitimately moves the chain back: the entries written after the backup are gone, and new ones
will take their numbers. `sco restore` therefore opens a new *epoch*: it appends a signed epoch line (the restored
head, when, and from which file) to the checkpoint file. Checkpoints written before that line that saw entries past
the restored head are superseded: `verify` no longer counts them as breaks but reports them as `superseded()`, so
the loss the restore caused stays on record. Everything else (checkpoints up to the restored head, checkpoints after
the epoch, the epoch line's own head) is checked as before. Without the key no one can write an epoch line, so a
truncation cannot be dressed up as a restore.
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

from sco.core import sql
from sco.core.models import AuditEntry, AuditHead
from sco.core.users import person

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
    seq, prev_hash = _next_link()
    user = person(actor)
    entry = AuditEntry(
        seq=seq,
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
        prev_hash=prev_hash,
    )
    entry.hash = _digest(entry)
    sql.insert(entry)  # written out and prepared: every write service records here
    sql.execute("UPDATE core_audithead SET last_hash = %s WHERE id = 1", [entry.hash])
    return entry


_NEXT = "UPDATE core_audithead SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash"


def _next_link() -> tuple[int, str]:
    """The head moved on by one, and held until the commit (an UPDATE locks its row as FOR UPDATE would, so
    concurrent writers take turns): the new entry's number and the hash it links to. The head is made on first use."""
    found = sql.one(_NEXT, [])
    if found is None:
        AuditHead.objects.get_or_create(id=1)  # two first writers at once: the second one finds the first's row
        found = sql.one(_NEXT, [])
        assert found is not None
    return int(found[0]), str(found[1])


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


@dataclass(frozen=True)
class Epoch(Checkpoint):
    """The chain's head just after a restore: checkpoints before it that saw later entries are superseded."""

    reason: str = ""

    def signed(self) -> dict[str, Any]:
        return {"epoch": True, "reason": self.reason, **super().signed()}

    def _message(self) -> bytes:
        return f"sco-audit-epoch:{self.seq}:{self.hash}:{self.at}:{self.reason}".encode()


def _head_now() -> tuple[int, str, str]:
    head = AuditHead.objects.filter(id=1).first()
    at = timezone.now().replace(microsecond=0).isoformat()
    return (head.last_seq, head.last_hash, at) if head else (0, GENESIS, at)


def _append(point: Checkpoint) -> None:
    path = settings.SCO_AUDIT_CHECKPOINT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: each line lands whole at the end even when two runs overlap
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(point.signed(), sort_keys=True) + "\n").encode())
    finally:
        os.close(fd)


def checkpoint() -> Checkpoint:
    """Append the head, signed, to the checkpoint file outside the database; returns what was written."""
    seq, hash_, at = _head_now()
    point = Checkpoint(seq=seq, hash=hash_, at=at)
    _append(point)
    return point


def new_epoch(reason: str) -> Epoch:
    """After a restore: append the restored head as a signed epoch line (see the module's notes)."""
    seq, hash_, at = _head_now()
    point = Epoch(seq=seq, hash=hash_, at=at, reason=reason.replace("\n", " ")[:200])
    _append(point)
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


def _read_point(data: dict[str, Any] | None) -> tuple[Checkpoint, str] | None:
    try:
        assert data is not None
        seq, hash_, at = int(data["seq"]), str(data["hash"]), str(data["at"])
        point = (
            Epoch(seq=seq, hash=hash_, at=at, reason=str(data["reason"]))
            if data.get("epoch") is True
            else Checkpoint(seq=seq, hash=hash_, at=at)
        )
        return point, str(data["mac"])
    except (AssertionError, TypeError, KeyError, ValueError):
        return None


def _points() -> list[tuple[int, Checkpoint | None, bool]]:
    """Every line of the checkpoint file: (line, point or None if unreadable or unsigned, superseded by an epoch)."""
    read: list[tuple[int, Checkpoint | None]] = []
    for number, data in checkpoints():
        found = _read_point(data)
        if found is None or not hmac.compare_digest(found[1], found[0].signed()["mac"]):
            read.append((number, None))
        else:
            read.append((number, found[0]))
    out: list[tuple[int, Checkpoint | None, bool]] = []
    for i, (number, point) in enumerate(read):
        later_epochs = [p for _n, p in read[i + 1 :] if isinstance(p, Epoch)]
        superseded = point is not None and any(e.seq < point.seq for e in later_epochs)
        out.append((number, point, superseded))
    return out


def superseded() -> list[str]:
    """What restores took back: each checkpoint that saw entries a later restore replaced."""
    epochs = [p for _n, p, _s in _points() if isinstance(p, Epoch)]
    notes = []
    for number, point, gone in _points():
        if gone and point is not None:
            epoch = next(e for e in epochs if e.seq < point.seq and e.at >= point.at)
            notes.append(
                f"checkpoint line {number} ({point.at}) saw entries {epoch.seq + 1}..{point.seq}, "
                f"taken back by the restore of {epoch.at} ({epoch.reason})"
            )
    return notes


def _check_checkpoints() -> list[Break]:
    breaks: list[Break] = []
    for (number, data), (_n, point, gone) in zip(checkpoints(), _points(), strict=True):
        if point is None:
            found = _read_point(data)
            if found is None:
                breaks.append(Break(0, f"checkpoint line {number} cannot be read"))
            else:
                breaks.append(Break(found[0].seq, f"checkpoint line {number} is not signed with the audit key"))
            continue
        if gone or point.seq == 0:
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
