from django.core.management.base import BaseCommand, CommandError

from sco.core import audit
from sco.core.models import AuditHead


class Command(BaseCommand):
    help = "Audit trail: `verify` walks the hash chain and reports any edited, deleted or reordered entry."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: object, **options: object) -> None:
        breaks = audit.verify()
        head = AuditHead.objects.filter(id=1).first()
        count = head.last_seq if head else 0
        if breaks:
            for b in breaks:
                self.stderr.write(f"entry {b.seq}: {b.reason}")
            raise CommandError(f"audit trail broken in {len(breaks)} place(s)")
        self.stdout.write(self.style.SUCCESS(f"audit trail intact: {count} entries, hash chain verified"))
