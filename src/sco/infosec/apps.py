from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfosecConfig(AppConfig):
    name = "sco.infosec"
    label = "infosec"
    verbose_name = _("Information security")
