import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Load the demo data of every part (public facts with sources). Running it again changes nothing."

    def handle(self, *args: object, **options: object) -> None:
        # The demo's records go through the services, which notify people: those would-be e-mails are not news to
        # anyone (the console backend would print about a thousand of them before the server starts), so the load
        # sends none. The in-app notifications are kept. Mail jobs run here, at once, into that dummy backend rather
        # than waiting on the broker for the worker (which would print them all after the server starts).
        from sco.celery_app import app

        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                self._load()
        finally:
            app.conf.task_always_eager = eager
        self.stdout.write(self.style.SUCCESS("demo data loaded"))

    def _load(self) -> None:
        for part in settings.SCO_PARTS:
            try:
                module = importlib.import_module(f"sco.{part}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"sco.{part}.demo":
                    raise
                continue
            module.load(stdout=self.stdout)
