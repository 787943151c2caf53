"""What the members part puts on the home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from sco.core import hooks
from sco.members import permissions, selectors


@hooks.register("home_panel")
def my_mandates(request: HttpRequest) -> str | None:
    if not request.user.is_authenticated:
        return None
    mandates = selectors.mandate_list(viewer=request.user, on=permissions.today()).filter(user=request.user)
    return render_to_string("members/partials/_my_mandates.html", {"mandates": mandates}, request=request)
