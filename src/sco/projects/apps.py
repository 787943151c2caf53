from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "sco.projects"
    label = "projects"
    verbose_name = _("Investment projects")

    def ready(self) -> None:
        from sco.core import attention, fragments, hooks
        from sco.members.models import State
        from sco.projects import audience, cache, decision_bridge, links, search_index  # noqa: F401  links: its hook
        from sco.projects.models import Comment, Follow, Invitation, Participation, Project
        from sco.projects.selectors import FOLLOWS

        attention.connect(Project, Participation, Invitation, Comment)
        fragments.connect(audience.LIST, Project, Participation, Invitation, State)
        fragments.connect(FOLLOWS, Follow)
        decision_bridge.register()
        cache.connect()
        search_index.connect()

        @hooks.register("attention")
        def questions_to_answer(user: Any) -> list[hooks.AttentionItem]:
            from django.utils.translation import gettext as gettext_now

            from sco.projects.selectors import questions_awaiting

            return [
                hooks.AttentionItem(
                    text=gettext_now("Answer the question on “%(title)s”") % {"title": c.project.title},
                    url=f"/projects/{c.project_id}/#comment-{c.pk}",
                )
                for c in questions_awaiting(viewer=user)
            ]

        @hooks.register("attention")
        def invitations_to_answer(user: Any) -> list[hooks.AttentionItem]:
            from django.utils.translation import gettext as gettext_now

            from sco.projects.selectors import invitations_awaiting

            return [
                hooks.AttentionItem(
                    text=gettext_now("%(sponsor)s invites %(state)s to take part in “%(title)s”")
                    % {"sponsor": i.project.sponsor_state.name, "state": i.state.name, "title": i.project.title},
                    url=f"/projects/{i.project_id}/#participation",
                )
                for i in invitations_awaiting(viewer=user)
            ]
