from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sco.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        # The Celery app must exist before any part's task is sent from a web process, or a default app would take it.
        from axes.signals import user_locked_out

        import sco.celery_app  # noqa: F401
        from sco.core.throttle import on_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="sco.core.audit_lockout")

        from django.db.models.signals import post_delete, post_save

        from sco.core.models import Notification
        from sco.core.notifications import forget

        post_save.connect(forget, sender=Notification, dispatch_uid="sco.core.notices-save")
        post_delete.connect(forget, sender=Notification, dispatch_uid="sco.core.notices-delete")

        from django.db.backends.signals import connection_created

        from sco.core import kept_users, sql

        connection_created.connect(sql.prepare_connection, dispatch_uid="sco.core.prepare-connection")
        from sco.core.models import ApiToken, User

        post_save.connect(kept_users.forget_saved_user, sender=User, dispatch_uid="sco.core.kept-user-save")
        post_delete.connect(kept_users.forget_saved_user, sender=User, dispatch_uid="sco.core.kept-user-delete")
        post_save.connect(kept_users.forget_saved_token, sender=ApiToken, dispatch_uid="sco.core.kept-token-save")
        post_delete.connect(kept_users.forget_saved_token, sender=ApiToken, dispatch_uid="sco.core.kept-token-delete")
