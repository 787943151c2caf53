from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import attention as core_attention
from sco.core import doors, hooks, selectors, services
from sco.core.forms import TokenForm
from sco.core.http import ScoRequest, SignedInRequest
from sco.core.models import User


def home(request: ScoRequest) -> HttpResponse:
    attention = ""
    if isinstance(request.user, User):
        user = request.user
        attention = core_attention.rendered(user, lambda: [i for p in hooks.get("attention") for i in p(user)])
    panels = [mark_safe(html) for fn in hooks.get("home_panel") if (html := fn(request))]
    extra: dict[str, Any] = {}
    for provide in hooks.get("home_context"):
        extra.update(provide(request))
    return render(
        request,
        "home.html",
        {
            **extra,
            "attention": mark_safe(attention),  # rendered by core/_attention_items.html, escaped there
            "panels": panels,
            "notifications": selectors.unread_latest(viewer=request.user) if isinstance(request.user, User) else [],
        },
    )


@require_POST
def set_language(request: ScoRequest) -> HttpResponse:
    """Django's set_language, and for a signed-in person also their stored choice (used for e-mail)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
        if isinstance(request.user, User) and request.user.language != language:
            services.user_set_language(actor=request.user, language=language)
    return response


@login_required
def tokens(request: SignedInRequest) -> HttpResponse:
    new_token = None
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        done = doors.attempt(
            form,
            lambda data: services.token_create(
                actor=request.user, user=request.user, name=data["name"], days=data["days"]
            ),
        )
        if done.ok and done.result is not None:
            new_token = done.result[1]
            form = TokenForm()
        else:
            status = 422
    return render(
        request,
        "core/tokens.html",
        {"form": form, "tokens": selectors.token_list(viewer=request.user), "new_token": new_token},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: SignedInRequest, token_id: int) -> HttpResponse:
    done = doors.attempt(None, lambda data: services.token_revoke(actor=request.user, token_id=token_id))
    if done.ok:
        messages.success(request, _("The token was revoked."))
    else:
        messages.error(request, done.message)
    return redirect("tokens")


@login_required
def notifications(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_mark_read(actor=request.user)
        return redirect("notifications")
    return render(
        request, "core/notifications.html", {"notifications": selectors.notification_list(viewer=request.user)[:100]}
    )
