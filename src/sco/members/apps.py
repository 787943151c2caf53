from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "sco.members"
    label = "members"
    verbose_name = _("Organisation and members")

    def ready(self) -> None:
        from sco.members import home  # noqa: F401  registers the home-page panels
