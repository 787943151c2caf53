"""Re-key the audit chain: entries hashed with plain SHA-256 are re-hashed with HMAC-SHA-256 under SCO_AUDIT_KEY.

Only a chain that verifies under the old rule is re-keyed, so the migration cannot launder an edit: a chain that was
already broken stays as it is, and `sco audit verify` keeps reporting it."""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64


def _canonical(entry) -> str:  # type: ignore[no-untyped-def]
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
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def rekey(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditHead = apps.get_model("core", "AuditHead")
    entries = list(AuditEntry.objects.order_by("seq"))
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        plain = hashlib.sha256((entry.prev_hash + _canonical(entry)).encode()).hexdigest()
        if entry.seq != expected_seq or entry.prev_hash != prev or plain != entry.hash:
            return
        prev = entry.hash
    key = settings.SCO_AUDIT_KEY.encode()
    prev = GENESIS
    for entry in entries:
        entry.prev_hash = prev
        # a placeholder first: the unique index on hash must not see two rows with one value mid-way
        entry.hash = f"rekey-{entry.seq}"
        entry.save(update_fields=["prev_hash", "hash"])
        entry.hash = hmac.new(key, (prev + _canonical(entry)).encode(), hashlib.sha256).hexdigest()
        entry.save(update_fields=["hash"])
        prev = entry.hash
    AuditHead.objects.filter(id=1).update(last_hash=prev)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_entry")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
