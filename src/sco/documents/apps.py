from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "sco.documents"
    label = "documents"
    verbose_name = _("Strategic documents")

    def ready(self) -> None:
        from sco.documents import adoption, home  # noqa: F401 - home registers its panel

        adoption.register()
