import importlib

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data of every part (public facts with sources). Running it again changes nothing."

    def handle(self, *args: object, **options: object) -> None:
        for part in settings.SCO_PARTS:
            try:
                module = importlib.import_module(f"sco.{part}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"sco.{part}.demo":
                    raise
                continue
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
