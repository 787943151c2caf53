from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "sco.documents"
    label = "documents"
    verbose_name = _("Strategic documents")

    def ready(self) -> None:
        from sco.core import fragments
        from sco.documents import adoption, home, models  # home registers its panel
        from sco.documents.views.registry import RESULTS
        from sco.members.models import Body

        adoption.register()
        fragments.connect(home.PANEL, models.Document)
        written = (models.Document, models.DocumentArea, models.DocumentText, models.TextVersion, models.Participation)
        # the form lists the bodies and the results name each document's; relating a document as superseding another
        # changes the other's status by an update, which sends no signal
        fragments.connect(RESULTS, *written, models.DocumentRelation, Body)
        search_connect()


def search_connect() -> None:
    """`sco search_reindex` rebuilds documents' terms in core's index; a deleted document leaves it."""
    from django.db.models.signals import post_delete

    from sco.core import hooks
    from sco.documents.models import Document
    from sco.documents.services import index

    def forget(sender: object, instance: Document, **kwargs: object) -> None:
        index.forget(instance.pk)

    post_delete.connect(forget, sender=Document, dispatch_uid="documents-search-delete", weak=False)
    hooks.register("search_reindex")(index.every_document)
