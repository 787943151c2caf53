from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.core import audit
from sco.core.models import AuditHead


class Command(BaseCommand):
    help = (
        "Audit trail: `verify` walks the keyed hash chain and the signed checkpoints and reports any edited, deleted "
        "or reordered entry; `checkpoint` appends the signed head to the checkpoint file outside the database "
        "(run it at intervals)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "checkpoint":
            point = audit.checkpoint()
            self.stdout.write(f"checkpoint written: entry {point.seq} at {point.at}")
            return
        breaks = audit.verify()
        for note in audit.superseded():
            self.stdout.write(f"note: {note}")
        head = AuditHead.objects.filter(id=1).first()
        count = head.last_seq if head else 0
        if breaks:
            for b in breaks:
                self.stderr.write(f"entry {b.seq}: {b.reason}")
            raise CommandError(f"audit trail broken in {len(breaks)} place(s)")
        self.stdout.write(self.style.SUCCESS(f"audit trail intact: {count} entries, hash chain verified"))
