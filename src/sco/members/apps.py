from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "sco.members"
    label = "members"
    verbose_name = _("Organisation and members")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from sco.members import permissions
        from sco.members.models import Chairmanship, Mandate, State, StateStatus, Summit

        # Permission answers, and what is kept across requests under the same version (the home page's panels, the
        # member states of a day), are read afresh once what they rest on is written.
        for model in (Mandate, StateStatus, Chairmanship, State, Summit):
            post_save.connect(permissions.forget, sender=model, dispatch_uid=f"permissions-{model.__name__}-save")
            post_delete.connect(permissions.forget, sender=model, dispatch_uid=f"permissions-{model.__name__}-del")
        m2m_changed.connect(permissions.forget, sender=Mandate.bodies.through, dispatch_uid="permissions-bodies")
