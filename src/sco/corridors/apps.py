from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorridorsConfig(AppConfig):
    name = "sco.corridors"
    label = "corridors"
    verbose_name = _("Transport corridors")
