from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "sco.members"
    label = "members"
    verbose_name = _("Organisation and members")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from sco.members import home, permissions  # noqa: F401  home registers the home-page panels
        from sco.members.models import Chairmanship, Mandate, StateStatus

        # Permission answers kept for a request are read afresh once what they rest on is written.
        for model in (Mandate, StateStatus, Chairmanship):
            post_save.connect(permissions.forget, sender=model, dispatch_uid=f"permissions-{model.__name__}-save")
            post_delete.connect(permissions.forget, sender=model, dispatch_uid=f"permissions-{model.__name__}-del")
        m2m_changed.connect(permissions.forget, sender=Mandate.bodies.through, dispatch_uid="permissions-bodies")
